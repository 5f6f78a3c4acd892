import Analysis
import Policy

/// What an analysis result depends on. Two resources with equal keys get the same answer, so a
/// scan solves each key once (identical KMS default key policies, roles sharing a trust policy…).
///
/// The key is the resource's content from the one walk of its fields (`FieldFingerprint`, the
/// equality of `AnalyzedResource`) and the zone, so every field of the resource is part of it
/// once it is walked. The resource ARN is left out only when every statement's `Resource` is
/// absent or `"*"` (and there are no ACL grants, shares or KMS grants, whose findings name it): a pattern can single
/// out an ARN by its text or length (`arn:aws:s3:::?`), so only then is the answer the same for
/// every resource of the type. When the ARN is left out, the reused findings' witnesses are
/// moved to the other resource (`Scanner.rebase`).
struct AnalysisKey: Hashable {
    var resource: String
    var zone: ZoneOfTrust

    init(_ resource: AnalyzedResource, zone: ZoneOfTrust) {
        var keyed = resource
        if Self.answerIsTheSameForEveryARN(resource) { keyed.arn = "" }
        self.resource = FieldFingerprint.of(keyed)
        self.zone = zone
    }

    /// The resource's fingerprint and the zone's size and organization: an organization's zone
    /// holds one account per member, and hashing them all for each of a scan's resources cost
    /// more than its other work. Equal keys still hash alike; `==` compares the whole zone.
    func hash(into hasher: inout Hasher) {
        hasher.combine(resource)
        hasher.combine(zone.accounts.count)
        hasher.combine(zone.accounts.first)
        hasher.combine(zone.organizationID)
    }

    static func answerIsTheSameForEveryARN(_ resource: AnalyzedResource) -> Bool {
        guard let policy = resource.policy, resource.aclGrants.isEmpty, resource.sharedWith.isEmpty, resource.kmsGrants.isEmpty else {
            return false
        }
        let rcpStatements = (resource.resourceControlPolicies ?? []).flatMap { $0.flatMap(\.statements) }
        return (policy.statements + rcpStatements).allSatisfy { statement in
            guard let resources = statement.resources else { return true }
            return !resources.isNegated && resources.values.allSatisfy { $0 == "*" }
        }
    }
}
