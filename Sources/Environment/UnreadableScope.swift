/// A part of the snapshot that could not be read — an account folder, a service or region
/// folder, an IAM details file — so which resources it holds is unknown. Findings of an earlier
/// run on resources it may hold are carried over, never resolved.
public struct UnreadableScope: Sendable, Hashable {
    /// Nil: every account (the `accounts/` folder itself).
    public var account: String?
    /// Nil: every resource type of the account.
    public var resourceTypes: [String]?
    /// Nil: every region.
    public var region: String?
    /// The folder or file, relative to the snapshot.
    public var file: String
    public var reason: String

    public init(account: String?, resourceTypes: [String]? = nil, region: String? = nil, file: String, reason: String) {
        self.account = account
        self.resourceTypes = resourceTypes
        self.region = region
        self.file = file
        self.reason = reason
    }

    /// Whether a resource of this account, type and ARN may be one the scope held.
    public func mayHold(arn: String, type: String, account resourceAccount: String) -> Bool {
        if let account, account != resourceAccount { return false }
        if let resourceTypes, !resourceTypes.contains(type) { return false }
        if let region {
            let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            if parts.count > 3, parts[3] != Substring(region) { return false }
        }
        return true
    }
}
