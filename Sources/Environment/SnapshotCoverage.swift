/// What a snapshot covers: known from its coverage manifest, or unknown (no manifest, or one that
/// could not be read). A resource type not covered in an account is "not covered", never "no
/// findings"; without a manifest, coverage is unknown.
public enum SnapshotCoverage: Sendable, Hashable {
    case unknown(reason: String)
    case known(manifest: CoverageManifest, gaps: [CoverageGap])

    public var gaps: [CoverageGap] {
        if case .known(_, let gaps) = self { return gaps }
        return []
    }
}

/// A part of the accounts the snapshot was meant to cover that was not collected: an account
/// (`resourceType` nil), or a resource type in one region (nil: a global type, or every region).
public struct CoverageGap: Sendable, Hashable {
    public var account: String
    public var resourceType: String?
    public var region: String?
    public var reason: String

    public init(account: String, resourceType: String? = nil, region: String? = nil, reason: String) {
        self.account = account
        self.resourceType = resourceType
        self.region = region
        self.reason = reason
    }
}
