import Policy

/// API Gateway's abbreviated `Resource` syntax in REST API resource policies: `execute-api:/STAGE/METHOD/PATH`
/// stands for the API's own ARN, `arn:aws:execute-api:REGION:ACCOUNT:API-ID/STAGE/METHOD/PATH`,
/// and `execute-api:/*` for every stage, method and path of the API. API Gateway expands it when
/// it saves the policy (API Gateway Developer Guide, "API Gateway resource policy examples",
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-examples.html;
/// "x-amazon-apigateway-policy": on import `execute-api:/*` becomes `arn:aws:execute-api:region:account-id:api-id/*`,
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/openapi-extensions-policy.html).
///
/// The policy AWS evaluates is the expanded one, so the analysis reads that: left as written,
/// `execute-api:/*` matches no request's ARN and an `Allow` on it would read as granting nothing.
///
/// ```swift
/// APIGatewayResourceShorthand.expanded(policy, apiARN: "arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e5")
/// // "execute-api:/prod/GET/pets" → "arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e5/prod/GET/pets"
/// ```
public enum APIGatewayResourceShorthand {
    static let prefix = "execute-api:"

    /// Whether a `Resource` or `NotResource` value of `policy` is in the abbreviated syntax.
    public static func isUsed(in policy: Policy) -> Bool {
        policy.statements.contains { statement in
            statement.resources?.values.contains(where: isAbbreviated) ?? false
        }
    }

    /// Whether every `Resource`/`NotResource` value is abbreviated or `*`: such a policy names no
    /// API but its own, so any one API's ARN stands for every API it can be attached to.
    public static func namesOnlyItsOwnAPI(_ policy: Policy) -> Bool {
        policy.statements.allSatisfy { statement in
            statement.resources?.values.allSatisfy { $0 == "*" || isAbbreviated($0) } ?? true
        }
    }

    /// `policy` with each abbreviated value replaced by the API's full ARN followed by the
    /// value's path (positions kept, so findings still point at the text as written).
    public static func expanded(_ policy: Policy, apiARN: String) -> Policy {
        var result = policy
        for index in result.statements.indices {
            guard var element = result.statements[index].resources else { continue }
            element.patterns = element.patterns.map { pattern in
                guard isAbbreviated(pattern.value) else { return pattern }
                return Located(apiARN + pattern.value.dropFirst(prefix.count), at: pattern.location)
            }
            result.statements[index].resources = element
        }
        return result
    }

    private static func isAbbreviated(_ value: String) -> Bool { value.hasPrefix(prefix + "/") }
}
