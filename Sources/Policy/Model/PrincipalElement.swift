/// `Principal` or `NotPrincipal`.
///
/// IAM User Guide, "AWS JSON policy elements: Principal": `"*"` and `{"AWS": "*"}` both
/// mean every principal, anonymous callers included.
public struct PrincipalElement: Sendable, Hashable {
    /// True for `NotPrincipal`.
    public var isNegated: Bool
    /// True when written as the bare string `"*"`.
    public var isBareWildcard: Bool
    public var entries: [PrincipalEntry]
    public var location: SourceLocation

    public init(isNegated: Bool = false, isBareWildcard: Bool = false, entries: [PrincipalEntry] = [],
                location: SourceLocation) {
        self.isNegated = isNegated
        self.isBareWildcard = isBareWildcard
        self.entries = entries
        self.location = location
    }

    /// True when the element names everyone: `"*"` or `{"AWS": "*"}`.
    public var namesEveryone: Bool {
        isBareWildcard || entries.contains { $0.type == .aws && $0.value == "*" }
    }
}

/// The key of a principal map entry.
public enum PrincipalType: String, Sendable, Hashable, CaseIterable, Codable {
    case aws = "AWS"
    case service = "Service"
    case federated = "Federated"
    case canonicalUser = "CanonicalUser"
}

/// One principal named in a `Principal`/`NotPrincipal` map, e.g. `AWS: arn:aws:iam::111122223333:root`.
public struct PrincipalEntry: Sendable, Hashable {
    public var type: PrincipalType
    public var value: String
    public var location: SourceLocation

    public init(type: PrincipalType, value: String, location: SourceLocation) {
        self.type = type
        self.value = value
        self.location = location
    }
}
