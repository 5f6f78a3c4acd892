/// A policy without its elements' source locations: every `location` becomes
/// `SourceLocation.document`. Locations say where an element was written, for diagnostics and
/// for reports on a policy file (`rampart check`); no semantics reads them (`PolicyFieldWalk`
/// walks them as unread). A snapshot keeps each resource's policy for the whole scan, after its
/// diagnostics are made, and an element's location — its path's step and its position — took
/// more memory than its value.
///
/// ```swift
/// let policy = PolicyParser.parse(text: #"{"Statement": {"Effect": "Allow", "Action": "s3:*"}}"#, source: "p", type: .identity).policy
/// policy?.droppingLocations().statements[0].location == .document   // true
/// ```
extension Policy {
    public func droppingLocations() -> Policy {
        var policy = self
        let none = SourceLocation.document
        policy.version?.location = none
        policy.id?.location = none
        for index in policy.statements.indices {
            var statement = policy.statements[index]
            statement.location = none
            statement.sid?.location = none
            if var principal = statement.principal {
                principal.location = none
                for entry in principal.entries.indices { principal.entries[entry].location = none }
                statement.principal = principal
            }
            statement.actions = statement.actions?.droppingLocations()
            statement.resources = statement.resources?.droppingLocations()
            for position in statement.conditions.indices {
                var condition = statement.conditions[position]
                condition.location = none
                condition.key.location = none
                for value in condition.values.indices { condition.values[value].location = none }
                statement.conditions[position] = condition
            }
            policy.statements[index] = statement
        }
        return policy
    }
}

extension PatternElement {
    fileprivate func droppingLocations() -> PatternElement {
        var element = self
        element.location = .document
        for index in element.patterns.indices { element.patterns[index].location = .document }
        return element
    }
}
