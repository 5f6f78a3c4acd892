/// What a collector says it collected (`coverage.json`, docs/SNAPSHOT.md "Coverage manifest"):
/// accounts, regions, each resource type per account and region with its status, the calls made,
/// errors, start and end times and tool versions.
///
/// ```swift
/// snapshot.coverage.gaps      // [CoverageGap]: what was not covered, by account, type and region
/// ```
public struct CoverageManifest: Sendable, Hashable {
    public var formatVersion: Int
    public var startedAt: String?
    public var endedAt: String?
    /// Tool names and versions (`name`, `python`, `boto3`, `botocore`), as the manifest gives them.
    public var tool: [String: String]
    public var calls: Int?
    public var retries: Int?
    /// The number of errors the collector recorded.
    public var errors: Int
    /// Whether the organization's files were collected (`collected`, `failed`, `not requested`).
    public var organization: String?
    public var accounts: [AccountCoverage]

    public init(formatVersion: Int, startedAt: String? = nil, endedAt: String? = nil, tool: [String: String] = [:], calls: Int? = nil,
                retries: Int? = nil, errors: Int = 0, organization: String? = nil, accounts: [AccountCoverage] = []) {
        self.formatVersion = formatVersion
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.tool = tool
        self.calls = calls
        self.retries = retries
        self.errors = errors
        self.organization = organization
        self.accounts = accounts
    }
}

/// One account of a coverage manifest.
public struct AccountCoverage: Sendable, Hashable {
    /// `collected`; anything else (`skipped`: its role could not be assumed, `excluded`, `failed`)
    /// means nothing of the account was collected.
    public var status: String
    public var id: String
    public var reason: String?
    public var regions: [String]
    public var entries: [CoverageEntry]

    public init(id: String, status: String, reason: String? = nil, regions: [String] = [], entries: [CoverageEntry] = []) {
        self.id = id
        self.status = status
        self.reason = reason
        self.regions = regions
        self.entries = entries
    }
}

/// One resource type in one region (nil: a global type) of an account: `complete` when it was
/// listed and every resource of it was read; `incomplete` or `failed` otherwise.
public struct CoverageEntry: Sendable, Hashable {
    public var resourceType: String
    public var region: String?
    public var status: String
    public var resources: Int

    public init(resourceType: String, region: String?, status: String, resources: Int) {
        self.resourceType = resourceType
        self.region = region
        self.status = status
        self.resources = resources
    }
}
