/// Checks on condition values, per operator family (IAM User Guide, "IAM JSON policy
/// elements: Condition operators").
enum ConditionChecks {
    static func check(_ statement: Statement, policy: Policy) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for condition in statement.conditions {
            let key = condition.key.value
            if !key.contains(":") {
                diagnostics.append(Diagnostic(.warning, .invalidConditionKey,
                                              "condition key \"\(key)\" has no service prefix (e.g. aws:SourceIp); it matches no key AWS sends",
                                              at: condition.key.location))
            }
            let base = condition.conditionOperator.base
            for value in condition.values {
                // Values holding policy variables are only known at request time.
                if policy.substitutesVariables && PolicyVariableParser.containsVariables(value.text) { continue }
                if let problem = problem(with: value, operator: base) {
                    diagnostics.append(problem)
                }
            }
        }
        return diagnostics
    }

    static func problem(with value: ConditionValue, operator base: BaseConditionOperator) -> Diagnostic? {
        let text = value.text
        switch base.family {
        case .numeric:
            return PolicyNumber(parsing: text) == nil
                ? Diagnostic(.error, .invalidNumber, "\"\(text)\" is not a number, as \(base.rawValue) requires", at: value.location)
                : nil
        case .date:
            return PolicyDate.parse(text) == nil
                ? Diagnostic(.error, .invalidDate,
                             "\"\(text)\" is not a date: \(base.rawValue) takes ISO 8601 (e.g. 2024-01-31T00:00:00Z) or epoch seconds",
                             at: value.location)
                : nil
        case .bool:
            return PolicyBool.parse(text) == nil
                ? Diagnostic(.error, .invalidBool, "\"\(text)\" is not true or false, as Bool requires", at: value.location)
                : nil
        case .null:
            return PolicyBool.parse(text) == nil
                ? Diagnostic(.error, .invalidNull, "\"\(text)\" is not true or false, as Null requires", at: value.location)
                : nil
        case .ipAddress:
            return IPAddressRange(parsing: text) == nil
                ? Diagnostic(.error, .invalidCIDR, "\"\(text)\" is not an IP address or CIDR range (e.g. 203.0.113.0/24)",
                             at: value.location)
                : nil
        case .binary:
            return PolicyBinary.isValidBase64(text) ? nil
                : Diagnostic(.error, .invalidBinary, "\"\(text)\" is not base64, as BinaryEquals requires", at: value.location)
        case .arn:
            if text == "*" { return nil }
            return text.hasPrefix("arn:") && text.split(separator: ":", omittingEmptySubsequences: false).count >= 6
                ? nil
                : Diagnostic(.error, .invalidARN, "\"\(text)\" is not an ARN, as \(base.rawValue) requires", at: value.location)
        case .string:
            if (base == .stringEquals || base == .stringNotEquals || base == .stringEqualsIgnoreCase
                || base == .stringNotEqualsIgnoreCase) && (text.contains("*") || text.contains("?")) && text != "*" {
                return Diagnostic(.warning, .wildcardWithoutLikeOperator,
                                  "\(base.rawValue) treats \"*\" and \"?\" literally; use StringLike for a wildcard match",
                                  at: value.location)
            }
            return nil
        }
    }
}
