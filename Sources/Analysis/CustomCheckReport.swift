import Authorizer
import Foundation

/// Renders custom check results (docs/CLI.md, "Custom checks").
public enum CustomCheckReport {
    public static func json(_ result: CustomCheckResult, check: String) -> String {
        var object: [String: Any] = ["check": check, "result": result.outcome.rawValue, "reasons": result.reasons]
        if let counterexample = result.counterexample {
            let text = RequestFile.encode(counterexample)
            object["counterexample"] = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) ?? text
        }
        if !result.findings.isEmpty { object["findings"] = result.findings.map(ExternalAccessReport.jsonObject) }
        return ExternalAccessReport.json(object)
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
