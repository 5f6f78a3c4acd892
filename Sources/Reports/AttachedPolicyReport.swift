import Analysis
import Authorizer
import Environment
import Findings
import Policy
import Templates

/// How `rampart iac`'s reports show the SCPs, RCPs and identity policies of the files
/// (`AttachedPolicyCheck`): a JSON element each, text lines, and SARIF results at their
/// diagnostics' lines.
enum AttachedPolicyReport {
    struct Document: Encodable {
        struct Diagnostic: Encodable {
            var severity: String
            var code: String
            var message: String
            var path: String
            var line: Int?
            var column: Int?
        }

        struct NewAccess: Encodable {
            var result: CustomCheckResult.Outcome
            var reasons: [String]
            var counterexample: JSONFragment?
        }

        var file: String
        var name: String
        var kind: AttachedPolicy.Kind
        var line: Int
        var column: Int
        var status: AttachedPolicyCheck.Status
        var policyName: String?
        var managedPolicyArn: String?
        var targets: [String]
        var attachedTo: [String]
        var diagnostics: [Diagnostic]
        var unknowns: [TemplateCheckReport.Document.Unknown]
        var problems: [String]
        /// RCPs: whether it caps the deploy account's resources.
        var applied: Bool?
        var notApplied: String?
        var appliedTo: [String]
        var newAccess: NewAccess?
        var baselineNote: String?
    }

    static func document(_ outcome: AttachedPolicyCheck.Outcome) -> Document {
        let policy = outcome.document
        return Document(
            file: policy.file, name: policy.name, kind: policy.kind, line: policy.position.line, column: policy.position.column,
            status: outcome.status, policyName: policy.policyName.map(TextPart.identity), managedPolicyArn: policy.managedPolicyARN.map(TextPart.identity),
            targets: policy.targets.map(TextPart.identity), attachedTo: policy.attachedTo,
            diagnostics: outcome.diagnostics.map {
                Document.Diagnostic(severity: $0.severity.rawValue, code: $0.code.rawValue, message: $0.message, path: policy.location(of: $0.location.path),
                                    line: $0.location.position?.line, column: $0.location.position?.column)
            },
            unknowns: outcome.unknowns.map { .init(path: policy.location(of: $0.path), unknown: $0.unknown.reason, reading: $0.reading) },
            problems: outcome.problems, applied: policy.kind == .resourceControlPolicy ? outcome.notApplied == nil : nil,
            notApplied: outcome.notApplied, appliedTo: outcome.appliedTo,
            newAccess: outcome.newAccess.map { .init(result: $0.outcome, reasons: $0.reasons, counterexample: $0.counterexample.map(JSONFragment.init(request:))) },
            baselineNote: outcome.baselineNote)
    }

    static func textLines(_ outcome: AttachedPolicyCheck.Outcome) -> [String] {
        let policy = outcome.document
        let what: String
        switch policy.kind {
        case .serviceControlPolicy: what = "SCP"
        case .resourceControlPolicy: what = "RCP"
        case .identity: what = policy.managedPolicyARN == nil ? "inline identity policy" : "managed identity policy"
        case .organizationPolicyOfUnknownType: what = "Organizations policy of unknown type"
        }
        var lines = ["\(policy.file):\(policy.position.line):\(policy.position.column): \(policy.name) (\(what)): \(outcome.status.rawValue)"]
        if !policy.targets.isEmpty { lines.append("  targets: " + policy.targets.map(TextPart.identity).joined(separator: ", ")) }
        if !policy.attachedTo.isEmpty { lines.append("  attached to: " + policy.attachedTo.joined(separator: "; ")) }
        for problem in outcome.problems { lines.append("  note: \(problem)") }
        for diagnostic in outcome.diagnostics {
            lines.append("  \(diagnostic.severity.rawValue): " + TemplatePolicyReading.describe(diagnostic, file: policy.file, location: policy.location(of:)))
        }
        for change in outcome.unknowns {
            lines.append("  unknown: \(policy.location(of: change.path)): \(change.unknown.reason) — \(change.reading)")
        }
        if policy.kind == .resourceControlPolicy, outcome.notApplied == nil {
            lines.append("  applied to: " + (outcome.appliedTo.isEmpty ? "no resource of the files (none of a service RCPs govern)" : outcome.appliedTo.joined(separator: ", ")))
        } else if let notApplied = outcome.notApplied {
            lines.append("  not applied: \(notApplied)")
        }
        if let note = outcome.baselineNote { lines.append("  preview: \(note)") }
        if let newAccess = outcome.newAccess {
            lines.append("  preview: no new access: \(newAccess.outcome.rawValue) — \(newAccess.reasons.joined(separator: " "))")
            if let request = newAccess.counterexample {
                lines.append("    counterexample: \(RequestFile.encode(request).replacingOccurrences(of: "\n", with: " "))")
            }
        }
        return lines
    }

    /// SARIF: each diagnostic at its line (errors as errors, the rest as warnings), a policy
    /// that could not be read, and an identity policy granting new access against the baseline.
    static func sarifDiagnostics(_ outcome: AttachedPolicyCheck.Outcome) -> [SnapshotDiagnostic] {
        let policy = outcome.document
        var found = outcome.diagnostics.filter { $0.severity != .suggestion }.map {
            SnapshotDiagnostic($0.severity == .error ? .error : .warning, "TEMPLATE_POLICY_\($0.code.rawValue)",
                               "\(policy.name): \($0.message)", file: policy.file, jsonPath: policy.location(of: $0.location.path),
                               line: $0.location.position?.line ?? policy.position.line, column: $0.location.position?.column ?? policy.position.column)
        }
        if outcome.status == .invalid && outcome.diagnostics.isEmpty {
            found.append(SnapshotDiagnostic(.error, "TEMPLATE_POLICY", "\(policy.name): " + outcome.problems.joined(separator: "; "), file: policy.file,
                                            jsonPath: policy.policyPath.description, line: policy.position.line, column: policy.position.column))
        }
        if let newAccess = outcome.newAccess, newAccess.outcome == .fail {
            found.append(SnapshotDiagnostic(.warning, "TEMPLATE_IDENTITY_NEW_ACCESS", "\(policy.name): " + newAccess.reasons.joined(separator: " "),
                                            file: policy.file, jsonPath: policy.policyPath.description, line: policy.position.line,
                                            column: policy.position.column))
        }
        return found
    }
}
