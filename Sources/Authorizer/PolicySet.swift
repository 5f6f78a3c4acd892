import Policy

/// Every policy that bears on one request.
///
/// Optional layers mean "does not apply":
/// - `identityPolicies == nil`: the caller's identity policies are UNKNOWN and assumed to allow
///   (IAM Access Analyzer's assumption for principals outside the zone of trust). `[]` means the caller
///   has none, so nothing allows on the identity side.
/// - `serviceControlPolicies == nil`: the principal's account is not in an organization (or is the
///   management account, which SCPs do not restrict). Otherwise one inner list per level of the path
///   root → OUs → account; every level must allow (AWS Organizations User Guide, "SCP evaluation").
///   An empty outer list applies no SCP.
/// - `resourceControlPolicies`: the same for the resource's account.
/// - `permissionsBoundary`, `sessionPolicy`: nil when none is attached / passed.
///
/// ```swift
/// var policies = PolicySet(resourcePolicy: bucketPolicy)          // identity policies unknown: assume allow
/// policies.identityPolicies = []                                   // ...or: the caller has none
/// ```
public struct PolicySet: Sendable, Hashable {
    public var identityPolicies: [Policy]?
    public var resourcePolicy: Policy?
    /// How the resource policy must be read; nil infers it (`ResourcePolicyKind.infer`).
    public var resourcePolicyKind: ResourcePolicyKind?
    public var permissionsBoundary: Policy?
    public var sessionPolicy: Policy?
    public var serviceControlPolicies: [[Policy]]?
    public var resourceControlPolicies: [[Policy]]?
    /// S3 access points: the policies of the access point the request goes through (nil: none).
    /// Each must allow as a resource policy does — its grant, or for a caller of the resource's
    /// account its own identity side — and its Deny statements deny (S3 User Guide, "Configuring
    /// IAM policies for using access points": "both the access point and the underlying bucket
    /// must permit the request"; https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html).
    /// Its resources must be written as the request names them (the bucket's form).
    public var accessPointPolicies: [Policy]? = nil

    public init(identityPolicies: [Policy]? = nil, resourcePolicy: Policy? = nil,
                resourcePolicyKind: ResourcePolicyKind? = nil, permissionsBoundary: Policy? = nil,
                sessionPolicy: Policy? = nil, serviceControlPolicies: [[Policy]]? = nil,
                resourceControlPolicies: [[Policy]]? = nil) {
        self.identityPolicies = identityPolicies
        self.resourcePolicy = resourcePolicy
        self.resourcePolicyKind = resourcePolicyKind
        self.permissionsBoundary = permissionsBoundary
        self.sessionPolicy = sessionPolicy
        self.serviceControlPolicies = serviceControlPolicies
        self.resourceControlPolicies = resourceControlPolicies
    }
}

/// Resource policies whose allow is required even within the account.
public enum ResourcePolicyKind: String, Sendable, Hashable, CaseIterable {
    /// An ordinary resource policy: within the account an identity-policy allow suffices.
    case standard
    /// An IAM role trust policy: it must allow `sts:AssumeRole*` explicitly, even within the account.
    case roleTrust
    /// A KMS key policy: "Every KMS key must have exactly one key policy ... unless the key policy
    /// explicitly allows it, you cannot use IAM policies to allow access" (AWS KMS Developer Guide, "Key policies").
    case kmsKey

    /// `.roleTrust` for trust policies and for `sts:AssumeRole*` on an IAM role ARN, `.kmsKey` when the
    /// resource is a KMS key (`arn:...:kms:...:key/...`), else `.standard`.
    public static func infer(policy: Policy?, resource: String, action: String = "") -> ResourcePolicyKind {
        if policy?.type == .trust { return .roleTrust }
        guard let arn = ARN(parsing: resource) else { return .standard }
        if arn.service == "kms", arn.resource.hasPrefix("key/") { return .kmsKey }
        if arn.service == "iam", arn.resource.hasPrefix("role/"), action.lowercased().hasPrefix("sts:assumerole") {
            return .roleTrust
        }
        return .standard
    }

    /// True when the resource policy must allow even for a caller of the same account.
    public var mustAllowExplicitly: Bool { self != .standard }
}
