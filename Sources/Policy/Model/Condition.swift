/// One `operator: { key: values }` test of a statement's `Condition` block.
/// A statement's conditions all AND together (IAM User Guide, "Condition element":
/// "If you specify multiple condition operators, or multiple keys ... AND").
public struct Condition: Sendable, Hashable {
    public var conditionOperator: ConditionOperator
    /// The key as written; keys compare case-insensitively (`ConditionKey` normalises).
    public var key: Located<String>
    public var values: [ConditionValue]
    public var location: SourceLocation

    public init(operator conditionOperator: ConditionOperator, key: Located<String>, values: [ConditionValue],
                location: SourceLocation) {
        self.conditionOperator = conditionOperator
        self.key = key
        self.values = values
        self.location = location
    }
}

/// A condition value as written. JSON numbers and booleans are kept as their text:
/// IAM compares `"true"` and `true` alike, and numbers keep their exact spelling.
public struct ConditionValue: Sendable, Hashable {
    public enum Spelling: String, Sendable, Hashable { case string, number, bool }

    public var text: String
    public var spelling: Spelling
    public var location: SourceLocation

    public init(_ text: String, spelling: Spelling = .string, at location: SourceLocation) {
        self.text = text
        self.spelling = spelling
        self.location = location
    }
}
