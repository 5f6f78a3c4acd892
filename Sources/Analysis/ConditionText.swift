import Policy

/// Conditions as people read them: `StringEquals aws:PrincipalOrgID: o-a1b2c3d4e5`.
enum ConditionText {
    static func describe(_ condition: Condition) -> String {
        "\(condition.conditionOperator) \(condition.key.value): \(condition.values.map(\.text).joined(separator: ", "))"
    }
}
