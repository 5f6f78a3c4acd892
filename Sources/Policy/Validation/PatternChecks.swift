/// Checks on `Action`/`NotAction` and `Resource`/`NotResource` values.
enum PatternChecks {
    static func wildcardCount(_ text: String) -> Int { text.reduce(0) { $0 + ($1 == "*" || $1 == "?" ? 1 : 0) } }

    /// The `maxWildcardsPerPattern` diagnostic for a pattern over the limit.
    static func wildcardLimit(_ pattern: Located<String>, _ limits: InputLimits) -> Diagnostic? {
        guard wildcardCount(pattern.value) > limits.maxWildcardsPerPattern else { return nil }
        return Diagnostic(.error, .limitExceeded,
                          "the pattern has more than \(limits.maxWildcardsPerPattern) wildcards (maxWildcardsPerPattern)",
                          at: pattern.location)
    }

    /// IAM User Guide, "IAM JSON policy elements: Action": an action is `"*"` or
    /// `service-prefix:action-name`, where the name may hold `*` and `?`.
    static func checkActions(_ statement: Statement, limits: InputLimits) -> [Diagnostic] {
        guard let actions = statement.actions else { return [] }
        var diagnostics: [Diagnostic] = []
        for pattern in actions.patterns {
            let text = pattern.value
            if let tooMany = wildcardLimit(pattern, limits) {
                diagnostics.append(tooMany)
                continue
            }
            if text == "*" { continue }
            let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let prefixOK = parts.count == 2 && !parts[0].isEmpty
                && parts[0].unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "*" || $0 == "?") }
            let nameOK = parts.count == 2 && !parts[1].isEmpty
                && parts[1].unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "*" || $0 == "?" || $0 == "-" || $0 == "_" || $0 == ".") }
            if !prefixOK || !nameOK {
                diagnostics.append(Diagnostic(.error, .invalidAction,
                                              "\"\(text)\" is not an action: expected \"*\" or service:ActionName (e.g. s3:GetObject)",
                                              at: pattern.location))
            }
        }
        return diagnostics
    }

    /// IAM User Guide, "IAM JSON policy elements: Resource": `"*"` or an ARN
    /// (`arn:partition:service:region:account:resource`), wildcards allowed in any segment.
    static func checkResources(_ statement: Statement, policy: Policy, limits: InputLimits) -> [Diagnostic] {
        guard let resources = statement.resources else { return [] }
        var diagnostics: [Diagnostic] = []
        for pattern in resources.patterns {
            let text = pattern.value
            if let tooMany = wildcardLimit(pattern, limits) {
                diagnostics.append(tooMany)
                continue
            }
            if text == "*" { continue }
            // API Gateway's abbreviated syntax, which it expands to the REST API's ARN when it
            // saves the API's resource policy ("API Gateway resource policy examples",
            // https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-examples.html):
            // valid there only, so a WARNING elsewhere would be wrong to silence and an ERROR in
            // a resource policy would refuse the guide's own examples.
            if policy.type == .resource, text.hasPrefix("execute-api:/") {
                diagnostics.append(Diagnostic(.warning, .invalidARN,
                                              "\"\(text)\" is API Gateway's abbreviated resource syntax: valid only in a REST API's resource policy, "
                                                  + "where it stands for the API's own ARN (arn:aws:execute-api:REGION:ACCOUNT:API-ID/...)",
                                              at: pattern.location))
                continue
            }
            if !text.hasPrefix("arn:") {
                diagnostics.append(Diagnostic(.error, .invalidARN,
                                              "\"\(text)\" is not a resource ARN: expected \"*\" or arn:partition:service:region:account:resource",
                                              at: pattern.location))
                continue
            }
            if ARN(parsing: text) == nil {
                // Fewer than six segments: a wildcard may stand for the rest ("arn:aws:s3:*" is accepted
                // by some services), so that is a WARNING; without a wildcard it is malformed.
                let severity: Severity = text.contains("*") ? .warning : .error
                diagnostics.append(Diagnostic(severity, .invalidARN,
                                              "\"\(text)\" does not have the six ARN segments arn:partition:service:region:account:resource",
                                              at: pattern.location))
            }
        }
        return diagnostics
    }
}
