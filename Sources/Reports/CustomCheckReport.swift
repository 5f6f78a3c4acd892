import Analysis
import Authorizer
import Findings
import Foundation
import Policy

/// Renders custom check results (docs/CLI.md, "Custom checks").
public enum CustomCheckReport {
    /// A check's JSON document (docs/CLI.md, "Custom checks").
    struct Document: Encodable {
        var check: String
        var result: CustomCheckResult.Outcome
        var reasons: [String]
        var counterexample: JSONFragment?
        var findings: [AccessFindingRecord]?
    }

    /// - Parameter resourceType: the resource's type, when the check knows it: its findings then
    ///   carry their severity and remediation.
    public static func json(_ result: CustomCheckResult, check: String, resourceType: ResourceType? = nil) -> String {
        ReportJSON.encode(Document(
            check: check, result: result.outcome, reasons: result.reasons, counterexample: result.counterexample.map(JSONFragment.init(request:)),
            findings: result.findings.isEmpty ? nil : result.findings.map { AccessFindingRecord($0, resourceType: resourceType) }))
    }

    public static func text(_ result: CustomCheckResult, check: String) -> String {
        var lines = ["\(check): \(result.outcome.rawValue)"]
        lines += result.reasons.map { "  - \($0)" }
        if let counterexample = result.counterexample {
            lines.append("  counterexample: \(RequestFile.encode(counterexample).replacingOccurrences(of: "\n", with: " "))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// 0 PASS, 1 FAIL, 3 UNPROVEN.
    public static func exitCode(_ outcome: CustomCheckResult.Outcome) -> Int32 {
        switch outcome {
        case .pass: return 0
        case .fail: return 1
        case .unproven: return 3
        }
    }
}
