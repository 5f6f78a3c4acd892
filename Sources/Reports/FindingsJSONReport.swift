import Environment
import Findings
import Foundation

/// `findings.json`: the machine-readable report, and what the next run reads with `--previous`
/// (its findings are `FindingRecord`s, the type the reader decodes). Fields are documented in
/// docs/REPORTS.md; keys are sorted and the order of entries is the report order, so two runs
/// over the same snapshot write the same file (apart from times).
public enum FindingsJSONReport {
    public static let schemaVersion = 1

    /// The document's root.
    struct Document: Encodable {
        struct Tool: Encodable {
            var name = "rampart"
            var version: String
        }

        var schemaVersion: Int
        var tool: Tool
        var model: String
        var zone: String
        var generatedAt: String
        var hasPrevious: Bool
        var accounts: [String]
        var organizationId: String?
        var summary: ScanReport.Summary
        var findings: [FindingRecord]
        var resources: [ResourceOutcome]
        var diagnostics: [SnapshotDiagnostic]
        var coverage: CoverageReport.Record
    }

    public static func render(_ report: ScanReport) -> String {
        ReportJSON.encode(document(report, findings: report.findings.map(FindingRecord.init)))
    }

    static func document(_ report: ScanReport, findings: [FindingRecord]) -> Document {
        Document(schemaVersion: schemaVersion, tool: Document.Tool(version: report.toolVersion), model: report.modelName,
                 zone: report.zoneMode.rawValue, generatedAt: report.generatedAt, hasPrevious: report.hasPrevious,
                 accounts: report.accounts, organizationId: report.organizationID, summary: report.summary,
                 findings: findings, resources: report.outcomes,
                 diagnostics: report.diagnostics, coverage: CoverageReport.Record(report.coverage))
    }

    /// Writes the same bytes as `render`, one finding at a time: the document without its
    /// findings is encoded once, and each finding's record is encoded on its own (indented as
    /// the array's element) into the place of the empty array, so the findings never exist as
    /// one document in memory.
    static func write(_ report: ScanReport, to writer: ReportFileWriter) throws {
        let header = ReportJSON.encode(document(report, findings: []))
        // The top-level key is the only one at an indentation of two spaces; a string value
        // cannot hold it, since its quotes would be escaped.
        guard !report.findings.isEmpty, let key = header.range(of: "\n  \"findings\" : "),
              header[key.upperBound...].hasPrefix("["), let close = header[key.upperBound...].firstIndex(of: "]")
        else { return try writer.write(header) }
        let open = header.index(after: key.upperBound)
        try writer.write(String(header[..<open]))
        let encoder = ReportJSON.encoder()
        for (index, finding) in report.findings.enumerated() {
            let data = try encoder.encode(FindingRecord(finding))
            var element = [UInt8]()
            element.reserveCapacity(data.count + data.count / 8 + 8)
            element += index == 0 ? Array("\n    ".utf8) : Array(",\n    ".utf8)
            // Every line one level deeper, but the empty line of an empty array, which the
            // encoder leaves without indentation.
            var lineStart = false
            for byte in data {
                if lineStart && byte != UInt8(ascii: "\n") { element += [32, 32, 32, 32] }
                element.append(byte)
                lineStart = byte == UInt8(ascii: "\n")
            }
            try writer.write(bytes: element)
        }
        try writer.write("\n  ")
        try writer.write(String(header[close...]))
    }
}
