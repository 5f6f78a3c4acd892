import Environment
import Findings
import Foundation

/// `findings.json`: the machine-readable report, and what the next run reads with `--previous`.
/// Fields are documented in docs/REPORTS.md; keys are sorted and the order of entries is the
/// report order, so two runs over the same snapshot write the same file (apart from times).
public enum FindingsJSONReport {
    public static let schemaVersion = 1

    public static func render(_ report: ScanReport) -> String {
        let summary = report.summary
        var root: [String: Any] = [
            "schemaVersion": schemaVersion,
            "tool": ["name": "rampart", "version": report.toolVersion],
            "model": report.modelName,
            "zone": report.zoneMode.rawValue,
            "generatedAt": report.generatedAt,
            "hasPrevious": report.hasPrevious,
            "accounts": report.accounts,
            "summary": [
                "resources": summary.resources, "resourcesWithExternalAccess": summary.resourcesWithExternalAccess,
                "resourcesUnproven": summary.resourcesUnproven, "resourcesNotAnalysed": summary.resourcesNotAnalysed,
                "resourcesIncomplete": summary.resourcesIncomplete,
                "active": summary.active, "activePublic": summary.activePublic, "activeBySeverity": summary.activeBySeverity, "new": summary.new,
                "archived": summary.archived, "resolved": summary.resolved,
                "documentErrors": summary.documentErrors, "documentWarnings": summary.documentWarnings,
            ],
            "findings": report.findings.map(FindingsDocument.object),
            "resources": report.outcomes.map { outcome -> [String: Any] in
                ["arn": outcome.arn, "type": outcome.type, "account": outcome.account, "status": outcome.status.rawValue,
                 "explanation": outcome.explanation, "complete": outcome.complete, "findingIds": outcome.findingIDs,
                 "files": outcome.files, "reused": outcome.reused]
            },
            "diagnostics": report.diagnostics.map(diagnosticObject),
            "coverage": CoverageReport.jsonObject(report.coverage),
        ]
        if let organization = report.organizationID { root["organizationId"] = organization }
        return json(root)
    }

    static func diagnosticObject(_ diagnostic: SnapshotDiagnostic) -> [String: Any] {
        var object: [String: Any] = ["severity": diagnostic.severity.rawValue, "code": diagnostic.code, "message": diagnostic.message,
                                     "file": diagnostic.file, "jsonPath": diagnostic.jsonPath]
        if let line = diagnostic.line { object["line"] = line }
        if let column = diagnostic.column { object["column"] = column }
        if let resource = diagnostic.resource { object["resource"] = resource }
        return object
    }

    static func json(_ object: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
