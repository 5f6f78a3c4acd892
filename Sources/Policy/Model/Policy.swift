/// A parsed IAM policy document: identity, resource, trust, SCP, RCP or boundary.
///
/// ```swift
/// let result = PolicyParser.parse(text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}"#,
///                                 source: "inline.json", type: .identity)
/// result.policy?.statements.count   // 1
/// ```
public struct Policy: Sendable, Hashable {
    /// A name for where the document came from (a file path, or a snapshot path plus JSON path).
    public var source: String
    public var type: PolicyType
    public var version: Located<PolicyVersion>?
    public var id: Located<String>?
    public var statements: [Statement]

    public init(source: String, type: PolicyType, version: Located<PolicyVersion>? = nil,
                id: Located<String>? = nil, statements: [Statement]) {
        self.source = source
        self.type = type
        self.version = version
        self.id = id
        self.statements = statements
    }

    /// Policy variables are only substituted under version 2012-10-17; under 2008-10-17
    /// (or no Version at all) `${aws:username}` is a literal string (IAM User Guide,
    /// "IAM JSON policy elements: Version").
    public var substitutesVariables: Bool { version?.value == .v2012_10_17 }
}

/// The two policy language versions AWS defines.
public enum PolicyVersion: String, Sendable, Hashable, CaseIterable {
    case v2012_10_17 = "2012-10-17"
    case v2008_10_17 = "2008-10-17"
}

/// A value and where it was in the source.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}
