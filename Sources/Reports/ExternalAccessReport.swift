import Analysis
import Authorizer
import Foundation

/// Renders an external-access result as text for people and as the JSON documented in
/// docs/CLI.md ("rampart check").
public enum ExternalAccessReport {
    /// The answer's JSON document (docs/CLI.md, "rampart check").
    struct Document: Encodable {
        struct Resource: Encodable {
            var arn: String
            var type: String
            var account: String?
        }

        struct Zone: Encodable {
            var accounts: [String]
            var organizationId: String?
        }

        var status: ExternalAccessResult.Status
        var external: Bool
        var `public`: Bool
        var externalPrincipals: [String]
        var findings: [AccessFindingRecord]
        var explanation: [String]
        var warnings: [String]
        var complete: Bool
        var solverCalls: Int
        var resource: Resource
        var zone: Zone
    }

    public static func json(_ result: ExternalAccessResult, resource: AnalyzedResource, zone: ZoneOfTrust) -> String {
        ReportJSON.encode(Document(
            status: result.status, external: result.isExternal, public: result.isPublic, externalPrincipals: result.externalPrincipals,
            findings: result.findings.map { AccessFindingRecord($0, resourceType: resource.type) }, explanation: result.explanation,
            warnings: result.warnings, complete: result.complete, solverCalls: result.solverCalls,
            resource: Document.Resource(arn: resource.arn, type: resource.type.rawValue, account: resource.account),
            zone: Document.Zone(accounts: zone.accounts, organizationId: zone.organizationID)))
    }

    public static func text(_ result: ExternalAccessResult, resource: AnalyzedResource, zone: ZoneOfTrust) -> String {
        var lines = ["\(resource.type.rawValue) \(resource.arn)", "zone of trust: \(zone.description)", "status: \(result.status.rawValue)"]
        lines += result.warnings.map { "WARNING: \($0)" }
        if result.isPublic { lines.append("PUBLIC: anyone can reach this resource") }
        for (index, finding) in result.findings.enumerated() {
            lines.append("")
            let access = GrantedAccess(finding, resourceType: resource.type)
            let severity = FindingSeverity(access), remediation = FindingRemediation(access)
            lines.append("finding \(index + 1): \(finding.principal) (\(finding.principalKind.rawValue))\(finding.isPublic ? " — public" : "")")
            lines.append("  severity: \(severity.label.rawValue) (\(severity.score)): \(severity.reason)")
            lines.append("  actions: \(summarize(finding.actions))")
            if !finding.conditions.isEmpty { lines.append("  when: \(finding.conditions.joined(separator: "; "))") }
            if !finding.statements.isEmpty {
                lines.append("  granted by: \(finding.statements.map { "\($0.policy) \($0.label)" }.joined(separator: ", "))")
            }
            if finding.source != .policy { lines.append("  source: \(finding.source.rawValue)") }
            if let detail = finding.sourceDetail {
                let parts = [detail.accessPointArn] + [detail.accessPointAccount.map { "account \($0)" },
                                                       detail.networkOrigin.map { "network origin \($0)" }].compactMap { $0 }
                lines.append("  through access point: \(parts.joined(separator: ", "))")
            }
            lines.append("  witness: \(RequestFile.encode(finding.witness).replacingOccurrences(of: "\n", with: " "))")
            lines.append("  remediation: \(remediation.text) Learn more: \(remediation.learnMoreLink)")
        }
        if !result.explanation.isEmpty {
            lines.append("")
            lines.append(result.status == .noExternalAccess ? "why no external access:" : "notes:")
            lines += result.explanation.map { "  - \($0)" }
        }
        if !result.complete && result.status == .externalAccess { lines.append("(findings may be incomplete)") }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func summarize(_ actions: [String]) -> String {
        actions.count <= 8 ? actions.joined(separator: ", ") : actions.prefix(6).joined(separator: ", ") + ", … (\(actions.count) actions)"
    }

    /// 0: no external access proven; 1: external access; 3: unproven; 2: error.
    public static func exitCode(_ status: ExternalAccessResult.Status) -> Int32 {
        switch status {
        case .noExternalAccess: return 0
        case .externalAccess: return 1
        case .unproven: return 3
        case .error: return 2
        }
    }
}
