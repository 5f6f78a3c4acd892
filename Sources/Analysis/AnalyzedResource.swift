import Authorizer
import Environment
import Policy

/// One resource to analyse: what it is, whose it is, and everything that grants access to it.
public struct AnalyzedResource: Sendable {
    public var arn: String
    public var type: ResourceType
    /// The owning account (S3 ARNs carry none).
    public var account: String?
    public var policy: Policy?
    /// S3 only: the effective Block Public Access settings (account and bucket level combined).
    public var blockPublicAccess: BlockPublicAccess?
    /// S3 only: ACL grants.
    public var aclGrants: [ACLGrant]
    /// S3 only: the bucket owner's canonical user id, so grants to the owner are not external.
    public var ownerCanonicalID: String?
    /// Snapshots: the accounts they are shared with; `"all"` means public.
    public var sharedWith: [String]
    /// The RCPs on the path from the organization root to the owning account, one list per
    /// level (every level must allow); nil when no RCP applies (AWS Organizations User Guide,
    /// "Resource control policies").
    public var resourceControlPolicies: [[Policy]]?

    public init(arn: String, type: ResourceType, account: String? = nil, policy: Policy? = nil,
                blockPublicAccess: BlockPublicAccess? = nil, aclGrants: [ACLGrant] = [], ownerCanonicalID: String? = nil,
                sharedWith: [String] = [], resourceControlPolicies: [[Policy]]? = nil) {
        self.arn = arn
        self.type = type
        self.account = account ?? ARN(parsing: arn).flatMap { AccountID.isValid($0.account) ? $0.account : nil }
        self.policy = policy
        self.blockPublicAccess = blockPublicAccess
        self.aclGrants = aclGrants
        self.ownerCanonicalID = ownerCanonicalID
        self.sharedWith = sharedWith
        self.resourceControlPolicies = resourceControlPolicies
    }

    /// What grants a caller outside the zone access to this resource: its resource policy (of its
    /// type's kind) and its RCPs; the caller's own identity policies are unknown and assumed to allow.
    public var policies: PolicySet {
        PolicySet(identityPolicies: nil, resourcePolicy: policy, resourcePolicyKind: type.policyKind,
                  resourceControlPolicies: resourceControlPolicies)
    }
}

/// S3 Block Public Access settings: the snapshot model's type (module Environment), so a setting
/// read from a snapshot and one given on the command line are the same value.
public typealias BlockPublicAccess = PublicAccessBlockSettings

/// One S3 ACL grant (`aws s3api get-bucket-acl`).
public struct ACLGrant: Sendable, Hashable {
    public enum Grantee: Sendable, Hashable {
        /// `http://acs.amazonaws.com/groups/global/AllUsers`: anyone, anonymous included.
        case allUsers
        /// `http://acs.amazonaws.com/groups/global/AuthenticatedUsers`: any AWS account.
        case authenticatedUsers
        case canonicalUser(String)
        /// Another group (log delivery): a service, not external.
        case otherGroup(String)
    }

    public var grantee: Grantee
    /// `READ`, `WRITE`, `READ_ACP`, `WRITE_ACP`, `FULL_CONTROL`.
    public var permission: String

    public init(grantee: Grantee, permission: String) {
        self.grantee = grantee
        self.permission = permission
    }

    /// The S3 actions a bucket ACL permission allows (S3 User Guide, "Access control list (ACL)
    /// overview", "Mapping of ACL permissions and access policy permissions").
    public var actions: [String] {
        switch permission {
        case "READ": return ["s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:ListBucketVersions"]
        case "WRITE": return ["s3:DeleteObject", "s3:PutObject"]
        case "READ_ACP": return ["s3:GetBucketAcl"]
        case "WRITE_ACP": return ["s3:PutBucketAcl"]
        case "FULL_CONTROL":
            return ["s3:DeleteObject", "s3:GetBucketAcl", "s3:ListBucket", "s3:ListBucketMultipartUploads",
                    "s3:ListBucketVersions", "s3:PutBucketAcl", "s3:PutObject"]
        default: return []
        }
    }
}
