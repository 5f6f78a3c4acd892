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

    static func document(_ report: ScanReport, findings: [FindingRecord], resources: [ResourceOutcome]? = nil) -> Document {
        Document(schemaVersion: schemaVersion, tool: Document.Tool(version: report.toolVersion), model: report.modelName,
                 zone: report.zoneMode.rawValue, generatedAt: report.generatedAt, hasPrevious: report.hasPrevious,
                 accounts: report.accounts, organizationId: report.organizationID, summary: report.summary,
                 findings: findings, resources: resources ?? report.outcomes,
                 diagnostics: report.diagnostics, coverage: CoverageReport.Record(report.coverage))
    }

    /// Writes the same bytes as `render`, one finding's record and one resource's outcome at a
    /// time (`JSONArrayStream`): the document is encoded with both arrays empty and cut before
    /// the `resources` key (keys are sorted: `findings` comes first), and each part streams its
    /// own array.
    static func write(_ report: ScanReport, to writer: ReportFileWriter) throws {
        let header = ReportJSON.encode(document(report, findings: [], resources: []))
        let cut = header.range(of: "\n  \"resources\" : [")?.lowerBound ?? header.endIndex
        var findings = JSONArrayStream(header: String(header[..<cut]), key: "findings", depth: 1, writer: writer)
        for index in report.findings.indices { try findings.append(FindingRecord(report.findings[index])) }
        try findings.finish()
        var resources = JSONArrayStream(header: String(header[cut...]), key: "resources", depth: 1, writer: writer)
        for outcome in report.outcomes { try resources.append(outcome) }
        try resources.finish()
    }
}
