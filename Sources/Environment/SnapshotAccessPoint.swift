import Policy

/// An S3 access point read from a snapshot (`accounts/<id>/s3/access-points/<region>/`,
/// docs/SNAPSHOT.md): the entry `aws s3control list-access-points` prints for it, and its policy
/// from `aws s3control get-access-point-policy`.
public struct SnapshotAccessPoint: Sendable {
    public var name: String
    public var arn: String
    /// The account whose folder lists it: the access point's owner.
    public var account: String
    public var region: String
    /// The bucket's name (`Bucket`).
    public var bucket: String
    /// The bucket owner's account (`BucketAccountId`); nil when the output does not say, then
    /// taken to be the access point's own account.
    public var bucketAccount: String?
    /// `Internet` or `VPC` (`NetworkOrigin`); nil when absent or another value (unknown).
    public var networkOrigin: String?
    /// Nil when it has none (no policy file: `get-access-point-policy` answers
    /// NoSuchAccessPointPolicy) or when `policyUnreadable` says why it could not be read.
    public var policy: Policy?
    /// Why the policy file could not be read (with its path); the access through this access point is then unknown.
    public var policyUnreadable: String?
    /// Every file it was read from (relative paths).
    public var files: [String]

    public init(name: String, arn: String, account: String, region: String, bucket: String, bucketAccount: String? = nil,
                networkOrigin: String? = nil, policy: Policy? = nil, policyUnreadable: String? = nil, files: [String] = []) {
        self.name = name
        self.arn = arn
        self.account = account
        self.region = region
        self.bucket = bucket
        self.bucketAccount = bucketAccount
        self.networkOrigin = networkOrigin
        self.policy = policy
        self.policyUnreadable = policyUnreadable
        self.files = files
    }

    /// The bucket's owner: `BucketAccountId`, else the access point's own account.
    public var bucketOwner: String { bucketAccount ?? account }
}
