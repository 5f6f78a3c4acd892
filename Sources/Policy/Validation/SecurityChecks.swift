/// Security warnings: statements that grant more than they seem to.
enum SecurityChecks {
    static func check(_ statement: Statement, type: PolicyType) -> [Diagnostic] {
        guard statement.effect == .allow else { return [] }
        var diagnostics: [Diagnostic] = []
        if let principal = statement.principal, type.allowsPrincipal {
            // IAM User Guide, "NotPrincipal": "we strongly recommend that you do not use
            // NotPrincipal with Effect Allow": it grants everyone not listed, anonymous included.
            if principal.isNegated {
                diagnostics.append(Diagnostic(.securityWarning, .allowWithNotPrincipal,
                                              "Allow with NotPrincipal grants access to everyone not listed, anonymous users included",
                                              at: principal.location))
            } else if principal.namesEveryone && statement.conditions.isEmpty {
                diagnostics.append(Diagnostic(.securityWarning, .publicAllowWithoutCondition,
                                              "Allow to Principal \"*\" without a Condition grants access to anyone, anonymous users included",
                                              at: principal.location))
            }
        }
        // ForAllValues is true when the key is absent or empty (IAM User Guide, "Multivalued
        // context keys"), so in an Allow it admits requests that do not send the key at all,
        // unless a Null check on the same key demands it.
        for condition in statement.conditions where condition.conditionOperator.qualifier == .forAllValues {
            let key = condition.key.value.lowercased()
            let demandsKey = statement.conditions.contains {
                $0.conditionOperator.base == .null && $0.key.value.lowercased() == key
                    && $0.values.allSatisfy { PolicyBool.parse($0.text) == false }
            }
            if !demandsKey {
                diagnostics.append(Diagnostic(.securityWarning, .forAllValuesWithAllow,
                                              "ForAllValues with Allow also matches requests where \(condition.key.value) is absent or empty; add a Null condition (\"\(condition.key.value)\": \"false\") if the key must be present",
                                              at: condition.location))
            }
        }
        // Access Analyzer: "PassRole with star in resource".
        if type == .identity || type == .boundary, let actions = statement.actions, !actions.isNegated,
           let resources = statement.resources, !resources.isNegated, resources.values.contains("*"),
           actions.values.contains(where: { ["iam:passrole", "iam:*", "*", "iam:pass*"].contains($0.lowercased()) }) {
            diagnostics.append(Diagnostic(.securityWarning, .passRoleWithWildcard,
                                          "iam:PassRole with Resource \"*\" lets the principal pass any role, including more privileged ones, to a service",
                                          at: resources.location))
        }
        return diagnostics
    }
}
