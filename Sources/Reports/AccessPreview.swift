import Analysis
import Environment
import Findings
import Policy

/// The offline access preview of `rampart iac --baseline MODEL`: a template's resource compared
/// with the same resource deployed (the snapshot's), as Access Analyzer's access previews compare
/// a proposed policy with the current one ("Previewing access with IAM Access Analyzer APIs",
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-preview-access-apis.html):
/// each finding of the template is NEW (no deployed finding for its principal), CHANGED (the
/// principal's deployed access does not cover it) or UNCHANGED; deployed findings the template no
/// longer grants are REMOVED; and `newAccess` is the no-new-access check of the new policy
/// against the deployed one (any request, inside the zone or not, with a counterexample).
///
/// A deployed resource that could not be fully read (unreadable parts, several readings, an
/// incomplete or UNPROVEN answer) is no baseline: every finding is then NEW, so a change is never
/// let through because of what could not be read.
public struct AccessPreview: Sendable {
    public enum ChangeType: String, Sendable, Codable {
        case new = "NEW", changed = "CHANGED", unchanged = "UNCHANGED"
    }

    /// False when the resource is not in the snapshot (a new resource: every finding is NEW).
    public var existsInBaseline: Bool
    /// Why the deployed resource is no baseline, when it is not.
    public var baselineUnusable: String?
    /// One per finding of the template's result, in order.
    public var changes: [ChangeType]
    public var removed: [ExternalAccessFinding]
    public var newAccess: CustomCheckResult?

    /// The baseline for the resource of `arn`, if the snapshot has it.
    public static func deployed(_ arn: String, type: ResourceType, in snapshot: Snapshot) -> (resource: AnalyzedResource?, unusable: String?)? {
        for account in snapshot.accounts {
            guard let found = account.resources.first(where: { $0.arn == arn && $0.type == type.rawValue }) else { continue }
            if found.policyHasErrors { return (nil, "the deployed policy has errors") }
            if !found.unknownParts.isEmpty { return (nil, "parts of the deployed resource could not be read: " + found.unknownParts.joined(separator: "; ")) }
            if !found.alternativePolicies.isEmpty { return (nil, "the deployed policy has several readings") }
            do {
                return (try AnalyzedResourceBuilder.build(found, account: account, organization: snapshot.organization), nil)
            } catch {
                return (nil, "\(error)")
            }
        }
        return nil
    }

    static func compare(template result: ExternalAccessResult, templatePolicy: Policy?, deployed: AnalyzedResource?, deployedResult: ExternalAccessResult?,
                        unusable: String?, existsInBaseline: Bool, timeoutMilliseconds: UInt32) -> AccessPreview {
        var preview = AccessPreview(existsInBaseline: existsInBaseline, baselineUnusable: unusable, changes: [], removed: [], newAccess: nil)
        var usable = existsInBaseline && unusable == nil
        if usable, let deployedResult, deployedResult.status == .unproven || deployedResult.status == .error || !deployedResult.complete {
            preview.baselineUnusable = "the deployed resource's answer is \(deployedResult.status.rawValue)\(deployedResult.complete ? "" : ", incomplete")"
            usable = false
        }
        let before = usable ? deployedResult?.findings ?? [] : []
        preview.changes = result.findings.map { finding in
            guard usable else { return .new }
            let samePrincipal = before.filter { $0.principal == finding.principal && $0.source == finding.source }
            if samePrincipal.isEmpty { return .new }
            let covered = samePrincipal.contains { old in
                Set(finding.actions).isSubset(of: Set(old.actions)) && Set(old.conditions) == Set(finding.conditions)
                    && (old.isPublic || !finding.isPublic)
            }
            return covered ? .unchanged : .changed
        }
        preview.removed = before.filter { old in
            !result.findings.contains { $0.principal == old.principal && $0.source == old.source }
        }
        if usable, let old = deployed?.policy, let new = templatePolicy {
            preview.newAccess = CustomChecks.noNewAccess(existing: old, new: new, timeoutMilliseconds: timeoutMilliseconds)
        }
        return preview
    }
}
