/// A snapshot of an AWS account or organization, read from the folder layout of docs/SNAPSHOT.md.
///
/// ```swift
/// let snapshot = SnapshotLoader.load(folder: "Models/startup")
/// snapshot.accounts.map(\.id)      // ["111122223333"]
/// snapshot.resources.count         // every resource of every account, in a stable order
/// snapshot.diagnostics             // bad documents: never fatal
/// ```
public struct Snapshot: Sendable {
    /// From `model.json` (`name`), else the folder's name.
    public var name: String
    public var description: String?
    public var organization: Organization?
    public var accounts: [AccountSnapshot]
    public var diagnostics: [SnapshotDiagnostic]
    /// Folders and files that could not be read, so what they hold is unknown (with the gaps of
    /// the coverage manifest).
    public var unreadableScopes: [UnreadableScope] = []
    /// What the collector covered, from `coverage.json`; unknown without one.
    public var coverage: SnapshotCoverage = .unknown(reason: "the snapshot has no coverage.json: what was collected is not recorded")

    public init(name: String, description: String? = nil, organization: Organization? = nil,
                accounts: [AccountSnapshot] = [], diagnostics: [SnapshotDiagnostic] = []) {
        self.name = name
        self.description = description
        self.organization = organization
        self.accounts = accounts
        self.diagnostics = diagnostics
    }

    /// Every resource, ordered by account, type and ARN.
    public var resources: [SnapshotResource] { accounts.flatMap(\.resources) }
}

/// One account of a snapshot.
public struct AccountSnapshot: Sendable {
    public var id: String
    /// Resources ordered by type, then ARN.
    public var resources: [SnapshotResource]
    /// Account-level S3 Block Public Access (`aws s3control get-public-access-block`).
    public var publicAccessBlock: PublicAccessBlockSettings?
    /// From `aws iam get-account-authorization-details`.
    public var iam: IAMAuthorizationDetails?
    /// S3 access points of this account (`s3/access-points/`, `AccessPointReader`), attached to
    /// their buckets by the scan (a bucket may be in another account).
    public var accessPoints: [SnapshotAccessPoint] = []
    /// Access point files that could not be read, each naming its file: access points may exist
    /// beyond those read.
    public var accessPointsUnknown: [String] = []
    /// The regions whose `list-access-points.json` was read whole (none: the account's access points are not known).
    public var accessPointRegionsListed: [String] = []
    /// The buckets its multi-Region access points route to (`s3control/list-multi-region-access-points.json`,
    /// `MultiRegionAccessPointReader`); nil when the list is absent or cannot be read whole (not known).
    public var multiRegionAccessPointRoutes: [MultiRegionRoute]?

    public init(id: String, resources: [SnapshotResource] = [], publicAccessBlock: PublicAccessBlockSettings? = nil,
                iam: IAMAuthorizationDetails? = nil) {
        self.id = id
        self.resources = resources
        self.publicAccessBlock = publicAccessBlock
        self.iam = iam
    }
}
