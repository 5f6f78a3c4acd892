import Authorizer
import Foundation

/// Renders an external-access result as text for people and as the JSON documented in
/// docs/CLI.md ("rampart check").
public enum ExternalAccessReport {
    /// The finding as a JSON object; the witness is exactly the request-file shape that
    /// `rampart simulate --request` reads.
    public static func jsonObject(_ finding: ExternalAccessFinding) -> [String: Any] {
        let witnessText = RequestFile.encode(finding.witness)
        let witness = (try? JSONSerialization.jsonObject(with: Data(witnessText.utf8))) ?? witnessText
        return [
            "principal": finding.principal,
            "principalKind": finding.principalKind.rawValue,
            "actions": finding.actions,
            "conditions": finding.conditions,
            "isPublic": finding.isPublic,
            "witness": witness,
            "statements": finding.statements.map { reference -> [String: Any] in
                var object: [String: Any] = ["policy": reference.policy, "statementIndex": reference.index]
                if let sid = reference.sid { object["sid"] = sid }
                return object
            },
            "source": finding.source.rawValue,
        ]
    }

    /// The finding as a JSON object with its severity and remediation (docs/REPORTS.md,
    /// "Severity and remediation"), judged for a resource of `resourceType`.
    public static func jsonObject(_ finding: ExternalAccessFinding, resourceType: ResourceType) -> [String: Any] {
        var object = jsonObject(finding)
        let access = GrantedAccess(finding, resourceType: resourceType)
        let severity = FindingSeverity(access), remediation = FindingRemediation(access)
        object["severity"] = severity.label.rawValue
        object["severityScore"] = severity.score
        object["severityReason"] = severity.reason
        object["remediation"] = remediation.text
        object["learnMoreLink"] = remediation.learnMoreLink
        return object
    }

    public static func jsonObject(_ result: ExternalAccessResult, resource: AnalyzedResource, zone: ZoneOfTrust) -> [String: Any] {
        var zoneObject: [String: Any] = ["accounts": zone.accounts]
        if let organization = zone.organizationID { zoneObject["organizationId"] = organization }
        var resourceObject: [String: Any] = ["arn": resource.arn, "type": resource.type.rawValue]
        if let account = resource.account { resourceObject["account"] = account }
        return [
            "status": result.status.rawValue,
            "external": result.isExternal,
            "public": result.isPublic,
            "externalPrincipals": result.externalPrincipals,
            "findings": result.findings.map { jsonObject($0, resourceType: resource.type) },
            "explanation": result.explanation,
            "warnings": result.warnings,
            "complete": result.complete,
            "solverCalls": result.solverCalls,
            "resource": resourceObject,
            "zone": zoneObject,
        ]
    }

    public static func json(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
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
