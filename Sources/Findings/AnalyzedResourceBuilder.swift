import Analysis
import Environment

/// Turns a snapshot resource into what the analyzer reads: its type, policy, and for buckets
/// the Block Public Access settings of both levels combined and the ACL grants.
enum AnalyzedResourceBuilder {
    struct Unsupported: Error, CustomStringConvertible {
        var description: String
    }

    static func build(_ resource: SnapshotResource, account: AccountSnapshot) throws -> AnalyzedResource {
        guard let type = ResourceType(rawValue: resource.type) else {
            throw Unsupported(description: "resource type \(resource.type) is not analysed")
        }
        var analyzed = AnalyzedResource(arn: resource.arn, type: type, account: resource.account, policy: resource.policy)
        if type == .s3Bucket {
            let levels = [account.publicAccessBlock, resource.publicAccessBlock].compactMap { $0 }
            if let first = levels.first {
                let combined = levels.dropFirst().reduce(first) { $0.combined(with: $1) }
                analyzed.blockPublicAccess = combined
            }
            if let acl = resource.acl {
                analyzed.ownerCanonicalID = acl.ownerID
                analyzed.aclGrants = acl.grants.map(grant)
            }
        }
        return analyzed
    }

    /// S3 User Guide, "Access control list (ACL) overview": grantee types and predefined groups.
    private static func grant(_ grant: BucketACL.Grant) -> ACLGrant {
        let uri = grant.uri ?? ""
        switch grant.granteeType {
        case "Group" where uri.hasSuffix("/global/AllUsers"): return ACLGrant(grantee: .allUsers, permission: grant.permission)
        case "Group" where uri.hasSuffix("/global/AuthenticatedUsers"): return ACLGrant(grantee: .authenticatedUsers, permission: grant.permission)
        case "Group": return ACLGrant(grantee: .otherGroup(uri), permission: grant.permission)
        default: return ACLGrant(grantee: .canonicalUser(grant.id ?? uri), permission: grant.permission)
        }
    }
}
