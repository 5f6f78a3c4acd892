import Authorizer
import Environment
import Policy

/// One resource to analyse: what it is, whose it is, and everything that grants access to it.
///
/// Two resources are equal (`Hashable`) when every field the analysis reads is equal, from the
/// one walk of its fields (`walkFields`, `FieldFingerprint`): where its policies were read from
/// (source locations, the resource policy's source name) is not part of the value. Every stored
/// field must be walked (a test compares the walk with the stored properties).
public struct AnalyzedResource: Sendable, Hashable {
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
    /// S3 only: Object Ownership is `BucketOwnerEnforced`, so the ACL grants nothing (S3 User Guide,
    /// "Controlling ownership of objects and disabling ACLs for your bucket",
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html).
    public var aclsDisabled: Bool
    /// KMS only: the key's grants (`KMSGrantFindings`).
    public var kmsGrants: [KMSGrant]
    /// Snapshots: the accounts they are shared with; `"all"` means public.
    public var sharedWith: [String]
    /// The RCPs on the path from the organization root to the owning account, one list per
    /// level (every level must allow); nil when no RCP applies (AWS Organizations User Guide,
    /// "Resource control policies").
    public var resourceControlPolicies: [[Policy]]?
    /// The organization of the owning account (`aws:ResourceOrgID`, `aws:ResourceOrgPaths`), as
    /// far as the zone or the snapshot knows it; nil: unknown, any organization or none.
    public var ownerOrganization: OwnerOrganization?
    /// S3 buckets only: the access point the requests go through; nil: requests made to the
    /// bucket itself (or through any access point: the access point keys are then free). With an
    /// access point, the question is who reaches the bucket through it: the bucket policy and
    /// the access point's policy must both allow (`policies`), and the request carries the
    /// access point's keys (`S3AccessPoint.requestKeys`, `ExternalAccessQuery`).
    public var accessPoint: S3AccessPoint? = nil
    /// S3 buckets, their own question (`accessPoint` nil): the accounts whose access points to
    /// this bucket are all known, each judged as a route of its own. The question covers
    /// requests made to the bucket directly (no access point keys) and requests through an
    /// access point of any other account (`AccessPointRequestKeys`); empty (`check`, a snapshot
    /// without readable access point lists): through any access point.
    public var accessPointAccountsKnown: [String] = []

    public init(arn: String, type: ResourceType, account: String? = nil, policy: Policy? = nil,
                blockPublicAccess: BlockPublicAccess? = nil, aclGrants: [ACLGrant] = [], ownerCanonicalID: String? = nil,
                aclsDisabled: Bool = false, kmsGrants: [KMSGrant] = [],
                sharedWith: [String] = [], resourceControlPolicies: [[Policy]]? = nil, ownerOrganization: OwnerOrganization? = nil) {
        self.arn = arn
        self.type = type
        self.account = account ?? ARN(parsing: arn).flatMap { AccountID.isValid($0.account) ? $0.account : nil }
        self.policy = policy
        self.blockPublicAccess = blockPublicAccess
        self.aclGrants = aclGrants
        self.ownerCanonicalID = ownerCanonicalID
        self.aclsDisabled = aclsDisabled
        self.kmsGrants = kmsGrants
        self.sharedWith = sharedWith
        self.resourceControlPolicies = resourceControlPolicies
        self.ownerOrganization = ownerOrganization
    }

    /// The owner's organization as far as the resource (the snapshot) or the zone knows it: the
    /// resource's own `ownerOrganization`, else an organization zone's id for its member accounts
    /// (paths unknown), else nil — unknown, never a value the caller picks.
    public func organizationOfOwner(in zone: ZoneOfTrust) -> OwnerOrganization? {
        ownerOrganization ?? zone.organization(ofOwner: account).map { OwnerOrganization(id: $0) }
    }

    /// What grants a caller outside the zone access to this resource: its resource policy (of its
    /// type's kind) and its RCPs; the caller's own identity policies are unknown and assumed to allow.
    ///
    /// Through an access point of the bucket owner's account, the access point policy must allow
    /// too (`PolicySet.accessPointPolicies`), rewritten to name the bucket's resources
    /// (`AccessPointPolicyTranslation`); an access point without a policy grants nothing (an
    /// empty policy). Through an access
    /// point of another account (or when the bucket's owner is not known), the access point
    /// policy is left out: that account's own principals need only their identity policies
    /// there (IAM User Guide, "Policy evaluation logic", same account), and its owner can change
    /// the policy at will — an over-approximation, never a hidden access.
    /// S3 RestrictPublicBuckets: with a public bucket policy, only service principals and the
    /// owner's account get in (S3 User Guide, "Blocking public access to your Amazon S3 storage";
    /// through an access point, "authorized users within the bucket owner's account and access
    /// point owner's account"). The accounts let in when it applies; nil when it does not — it is
    /// applied only when the whole policy is public for certain (`PublicPolicyRule`): applied on a
    /// guess, it would hide access.
    public var restrictPublicBucketsOwners: [String]? {
        guard type == .s3Bucket, blockPublicAccess?.restrictPublicBuckets == true, let policy, PublicPolicyRule.judge(policy) == .public
        else { return nil }
        return Set([account, accessPoint?.account].compactMap { $0 }).sorted()
    }

    public var policies: PolicySet {
        var set = PolicySet(identityPolicies: nil, resourcePolicy: policy, resourcePolicyKind: type.policyKind,
                            resourceControlPolicies: resourceControlPolicies)
        if let accessPoint, type == .s3Bucket, !accessPoint.isCrossAccount(bucketOwner: account) {
            let written = accessPoint.policy ?? Policy(source: "access point \(accessPoint.arn) (no policy)", type: .resource, statements: [])
            set.accessPointPolicies = [AccessPointPolicyTranslation.bucketForm(of: written, accessPoint: accessPoint, bucketARN: arn)]
        }
        return set
    }
}

extension AnalyzedResource: FieldWalkable {
    /// Every stored field, in declaration order.
    public mutating func walkFields<Visitor: FieldVisitor>(_ visitor: inout Visitor) {
        visitor.visitValue(&arn, field: "arn")
        visitor.visitWord(type.rawValue, field: "type")
        visitor.visitValue(&account, field: "account")
        visitor.visitNested(&policy, field: "policy")
        BlockPublicAccess.walk(blockPublicAccess, field: "blockPublicAccess", &visitor)
        visitor.visitNested(&aclGrants, field: "aclGrants")
        visitor.visitValue(&ownerCanonicalID, field: "ownerCanonicalID")
        visitor.visitWord(aclsDisabled ? "true" : "false", field: "aclsDisabled")
        visitor.visitNested(&kmsGrants, field: "kmsGrants")
        visitor.visitValues(&sharedWith, field: "sharedWith")
        if var levels = resourceControlPolicies {
            visitor.visitWord(String(levels.count), field: "resourceControlPolicies")
            for index in levels.indices {
                visitor.visitNested(&levels[index], field: "resourceControlPolicies")
                // The explanation names an RCP by its source (`Explanation`): part of the answer.
                for policy in levels[index] { visitor.visitWord(policy.source, field: "resourceControlPolicies") }
            }
            if Visitor.rewritesValues { resourceControlPolicies = levels }
        } else {
            visitor.visitWord("nil", field: "resourceControlPolicies")
        }
        visitor.visitNested(&ownerOrganization, field: "ownerOrganization")
        visitor.visitNested(&accessPoint, field: "accessPoint")
        visitor.visitValues(&accessPointAccountsKnown, field: "accessPointAccountsKnown")
    }

    public static func == (lhs: AnalyzedResource, rhs: AnalyzedResource) -> Bool {
        FieldFingerprint.of(lhs) == FieldFingerprint.of(rhs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(FieldFingerprint.of(self))
    }
}

/// The organization of a resource's owner, as far as it is known: its id (`aws:ResourceOrgID`)
/// and, when the snapshot has the organization's tree, the owner account's paths
/// (`aws:ResourceOrgPaths`, `o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/`; nil: not known, any paths of
/// the organization). Facts of the resource, never values the caller chooses
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceorgid).
public struct OwnerOrganization: Sendable, Hashable, FieldWalkable {
    public var id: String
    public var paths: [String]?

    public init(id: String, paths: [String]? = nil) {
        self.id = id
        self.paths = paths
    }

    public mutating func walkFields<Visitor: FieldVisitor>(_ visitor: inout Visitor) {
        visitor.visitValue(&id, field: "id")
        visitor.visitValues(&paths, field: "paths")
    }
}

/// S3 Block Public Access settings: the snapshot model's type (module Environment), so a setting
/// read from a snapshot and one given on the command line are the same value.
public typealias BlockPublicAccess = PublicAccessBlockSettings

extension BlockPublicAccess {
    /// Block Public Access settings as a field of a walked value (`AnalyzedResource`,
    /// `S3AccessPoint`): their presence, then the four flags as words.
    static func walk<Visitor: FieldVisitor>(_ settings: BlockPublicAccess?, field: StaticString, _ visitor: inout Visitor) {
        guard let settings else {
            visitor.visitWord("nil", field: field)
            return
        }
        visitor.visitWord("some", field: field)
        visitor.enter(field)
        for (flag, name) in [(settings.blockPublicAcls, "blockPublicAcls"), (settings.ignorePublicAcls, "ignorePublicAcls"),
                             (settings.blockPublicPolicy, "blockPublicPolicy"), (settings.restrictPublicBuckets, "restrictPublicBuckets")]
            as [(Bool, StaticString)] {
            visitor.visitWord(flag ? "true" : "false", field: name)
        }
        visitor.leave()
    }
}
