/// S3 Block Public Access flags as `aws s3api get-public-access-block` (bucket level) and
/// `aws s3control get-public-access-block` (account level) print them.
public struct PublicAccessBlockSettings: Sendable, Hashable {
    public var blockPublicAcls: Bool
    public var ignorePublicAcls: Bool
    public var blockPublicPolicy: Bool
    public var restrictPublicBuckets: Bool

    public init(blockPublicAcls: Bool = false, ignorePublicAcls: Bool = false, blockPublicPolicy: Bool = false,
                restrictPublicBuckets: Bool = false) {
        self.blockPublicAcls = blockPublicAcls
        self.ignorePublicAcls = ignorePublicAcls
        self.blockPublicPolicy = blockPublicPolicy
        self.restrictPublicBuckets = restrictPublicBuckets
    }

    /// A flag on at either level is on (S3 User Guide, "Blocking public access to your Amazon S3 storage").
    public func combined(with other: PublicAccessBlockSettings?) -> PublicAccessBlockSettings {
        guard let other else { return self }
        return PublicAccessBlockSettings(blockPublicAcls: blockPublicAcls || other.blockPublicAcls,
                                         ignorePublicAcls: ignorePublicAcls || other.ignorePublicAcls,
                                         blockPublicPolicy: blockPublicPolicy || other.blockPublicPolicy,
                                         restrictPublicBuckets: restrictPublicBuckets || other.restrictPublicBuckets)
    }
}

/// A bucket ACL as `aws s3api get-bucket-acl` prints it.
public struct BucketACL: Sendable, Hashable {
    public struct Grant: Sendable, Hashable {
        /// `Group`, `CanonicalUser` (or `AmazonCustomerByEmail`).
        public var granteeType: String
        /// The group URI for `Group` grantees.
        public var uri: String?
        /// The canonical user id for `CanonicalUser` grantees.
        public var id: String?
        /// `READ`, `WRITE`, `READ_ACP`, `WRITE_ACP`, `FULL_CONTROL`.
        public var permission: String

        public init(granteeType: String, uri: String? = nil, id: String? = nil, permission: String) {
            self.granteeType = granteeType
            self.uri = uri
            self.id = id
            self.permission = permission
        }
    }

    public var ownerID: String?
    public var grants: [Grant]

    public init(ownerID: String?, grants: [Grant]) {
        self.ownerID = ownerID
        self.grants = grants
    }
}
