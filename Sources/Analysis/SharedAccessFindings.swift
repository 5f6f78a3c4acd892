import Authorizer
import Policy

/// External access that comes from outside the policy language: S3 ACL grants, snapshot
/// sharing lists and KMS grants (`KMSGrantFindings`). These findings have a witness request for
/// people to read, but it is not replayed: the Authorizer models policies, not ACLs, sharing
/// attributes or grants. Their evidence is the ACL grant, the share or the KMS grant itself, read
/// from the snapshot, which the finding names (principal, actions, conditions).
enum SharedAccessFindings {
    static func findings(for resource: AnalyzedResource, zone: ZoneOfTrust) -> [ExternalAccessFinding] {
        aclFindings(resource, zone) + sharingFindings(resource, zone) + KMSGrantFindings.findings(for: resource, zone: zone)
    }

    /// S3 User Guide, "Access control list (ACL) overview": AllUsers is anyone, anonymous
    /// included; AuthenticatedUsers is any AWS account. IgnorePublicAcls makes S3 ignore both
    /// ("Block public access settings").
    private static func aclFindings(_ resource: AnalyzedResource, _ zone: ZoneOfTrust) -> [ExternalAccessFinding] {
        // With Object Ownership BucketOwnerEnforced "ACLs are disabled and no longer affect permissions".
        guard resource.type == .s3Bucket, !resource.aclsDisabled else { return [] }
        let ignorePublic = resource.blockPublicAccess?.ignorePublicAcls == true
        var byGrantee: [String: (kind: PrincipalClassKind, isPublic: Bool, actions: Set<String>, principal: Principal)] = [:]
        for grant in resource.aclGrants {
            switch grant.grantee {
            case .allUsers where !ignorePublic:
                byGrantee["*", default: (.everyone, true, [], .anonymous)].actions.formUnion(grant.actions)
            case .authenticatedUsers where !ignorePublic:
                byGrantee["*", default: (.everyone, true, [], .accountRoot("999999999999"))].actions.formUnion(grant.actions)
            case .canonicalUser(let id) where id != resource.ownerCanonicalID:
                var principal = Principal.accountRoot("999999999999")
                principal.canonicalUserID = id
                byGrantee["CanonicalUser:\(id)", default: (.canonicalUser, false, [], principal)].actions.formUnion(grant.actions)
            default:
                continue
            }
        }
        return byGrantee.sorted { $0.key < $1.key }.compactMap { label, entry in
            guard let action = entry.actions.sorted().first else { return nil }
            let witness = Request(principal: entry.principal, action: action, resource: resource.arn, resourceAccount: resource.account)
            return ExternalAccessFinding(principal: label, principalKind: entry.kind, actions: entry.actions.sorted(),
                                         conditions: [], isPublic: entry.isPublic, witness: witness, statements: [], source: .bucketACL)
        }
    }

    /// EC2 User Guide, "Share an Amazon EBS snapshot" (`all` makes it public); RDS User Guide,
    /// "Sharing a DB snapshot".
    private static func sharingFindings(_ resource: AnalyzedResource, _ zone: ZoneOfTrust) -> [ExternalAccessFinding] {
        guard resource.type.isSharedByList else { return [] }
        let actions = resource.type.sharedSnapshotActions
        var findings: [ExternalAccessFinding] = []
        for entry in Set(resource.sharedWith).sorted() {
            let isAll = entry.lowercased() == "all"
            if !isAll && zone.contains(account: entry) { continue }
            let principal: Principal = isAll ? .accountRoot("999999999999") : .accountRoot(entry)
            let witness = Request(principal: principal, action: actions[0], resource: resource.arn, resourceAccount: resource.account)
            findings.append(ExternalAccessFinding(principal: isAll ? "*" : entry, principalKind: isAll ? .everyone : .account,
                                                  actions: actions, conditions: [], isPublic: isAll, witness: witness,
                                                  statements: [], source: .snapshotSharing))
        }
        return findings
    }
}
