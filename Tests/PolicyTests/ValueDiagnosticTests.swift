import Policy
import XCTest

/// Diagnostics on values: principals, actions, ARNs and condition values.
final class ValueDiagnosticTests: XCTestCase {
    private func resourceStatement(principal: String = #"{"AWS": "111122223333"}"#, action: String = #""s3:GetObject""#,
                                   condition: String? = nil) -> String {
        let conditionPart = condition.map { #", "Condition": "# + $0 } ?? ""
        return policy(#"{"Effect": "Allow", "Principal": \#(principal), "Action": \#(action), "Resource": "arn:aws:s3:::b/*"\#(conditionPart)}"#)
    }

    // IAM User Guide, "AWS JSON policy elements: Principal": "You cannot use a wildcard to
    // match part of a principal name or ARN."
    func testWildcardInsidePrincipalARN() {
        XCTAssertEqual(codes(resourceStatement(principal: #"{"AWS": "arn:aws:iam::111122223333:role/*"}"#), type: .resource),
                       [.wildcardInPrincipalARN])
        XCTAssertEqual(codes(resourceStatement(principal: #"{"AWS": "arn:aws:iam::*:root"}"#), type: .resource),
                       [.wildcardInPrincipalARN])
        XCTAssertEqual(codes(resourceStatement(principal: #"{"AWS": "*"}"#, condition: #"{"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}"#), type: .resource),
                       [])
    }

    // Same page: valid AWS principals are account ids and IAM/STS ARNs of root, users, roles,
    // assumed-role sessions and federated users.
    func testPrincipalValues() {
        for valid in ["111122223333", "arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:user/division/Bob",
                      "arn:aws:iam::111122223333:role/R", "arn:aws:sts::111122223333:assumed-role/R/session",
                      "arn:aws:sts::111122223333:federated-user/Bob", "arn:aws-cn:iam::111122223333:root"] {
            XCTAssertEqual(codes(resourceStatement(principal: #"{"AWS": "\#(valid)"}"#), type: .resource), [], valid)
        }
        for invalid in ["arn:aws:iam::111122223333:JohnDoe", "arn:aws:iam::Account1-ID:root", "arn:aws:s3:::bucket", "bob", "11112222333"] {
            XCTAssertEqual(codes(resourceStatement(principal: #"{"AWS": "\#(invalid)"}"#), type: .resource), [.invalidPrincipal], invalid)
        }
        XCTAssertEqual(codes(resourceStatement(principal: #"{"Service": "cloudfront.amazonaws.com"}"#), type: .resource), [])
        XCTAssertEqual(codes(resourceStatement(principal: #"{"Service": "cloudfront"}"#), type: .resource), [.invalidPrincipal])
        XCTAssertEqual(codes(resourceStatement(principal: #"{"Federated": "arn:aws:iam::111122223333:saml-provider/Okta"}"#), type: .resource), [])
        XCTAssertEqual(codes(resourceStatement(principal: #"{"Federated": "cognito-identity.amazonaws.com"}"#), type: .resource), [])
        XCTAssertEqual(codes(resourceStatement(principal: #"{"CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}"#), type: .resource), [])
        XCTAssertEqual(codes(resourceStatement(principal: #"{"CanonicalUser": "abc"}"#), type: .resource), [.invalidPrincipal])
    }

    // "IAM JSON policy elements: Action": service-prefix:action-name.
    func testActions() {
        XCTAssertEqual(codes(resourceStatement(action: #"["s3:Get*", "s3:List?ucket", "*"]"#), type: .resource), [])
        XCTAssertEqual(codes(resourceStatement(action: #""sns: Publish""#), type: .resource), [.invalidAction])
        XCTAssertEqual(codes(resourceStatement(action: #""GetObject""#), type: .resource), [.invalidAction])
        XCTAssertEqual(codes(resourceStatement(action: #""ec2:* ""#), type: .resource), [.invalidAction])
    }

    // "IAM identifiers", ARN format: arn:partition:service:region:account-id:resource.
    func testResourceARNs() {
        let ok = policy(#"{"Effect": "Allow", "Action": "s3:*", "Resource": ["*", "arn:aws:s3:::b", "arn:aws:s3:::b/*", "arn:aws:dynamodb:us-east-1:111122223333:table/T"]}"#)
        XCTAssertEqual(codes(ok, type: .identity), [])
        XCTAssertEqual(diagnostics(policy(#"{"Effect": "Allow", "Action": "s3:*", "Resource": "Bucket ARN"}"#), type: .identity, code: .invalidARN).map(\.severity), [.error])
        XCTAssertEqual(diagnostics(policy(#"{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3"}"#), type: .identity, code: .invalidARN).map(\.severity), [.error])
        XCTAssertEqual(diagnostics(policy(#"{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:sqs:*"}"#), type: .identity, code: .invalidARN).map(\.severity), [.warning])
    }

    private func conditionCodes(_ conditionOperator: String, _ key: String, _ value: String) -> [DiagnosticCode] {
        codes(policy(#"{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"\#(conditionOperator)": {"\#(key)": \#(value)}}}"#),
              type: .identity)
    }

    // "IAM JSON policy elements: Condition operators": each family's value syntax.
    func testConditionValueSyntax() {
        XCTAssertEqual(conditionCodes("NumericLessThan", "s3:max-keys", #""10""#), [])
        XCTAssertEqual(conditionCodes("NumericLessThan", "s3:max-keys", "10"), [])
        XCTAssertEqual(conditionCodes("NumericLessThan", "s3:max-keys", #""ten""#), [.invalidNumber])
        XCTAssertEqual(conditionCodes("DateGreaterThan", "aws:CurrentTime", #""2020-04-01T00:00:00Z""#), [])
        XCTAssertEqual(conditionCodes("DateGreaterThan", "aws:CurrentTime", #""2020-04-01""#), [])
        XCTAssertEqual(conditionCodes("DateGreaterThan", "aws:EpochTime", #""1585699200""#), [])
        XCTAssertEqual(conditionCodes("DateGreaterThan", "aws:CurrentTime", #""2020-02-30""#), [.invalidDate])
        XCTAssertEqual(conditionCodes("DateGreaterThan", "aws:CurrentTime", #""bad""#), [.invalidDate])
        XCTAssertEqual(conditionCodes("Bool", "aws:SecureTransport", "false"), [])
        XCTAssertEqual(conditionCodes("Bool", "aws:SecureTransport", #""False""#), [])
        XCTAssertEqual(conditionCodes("Bool", "aws:SecureTransport", #""no""#), [.invalidBool])
        XCTAssertEqual(conditionCodes("IpAddress", "aws:SourceIp", #"["203.0.113.0/24", "2001:DB8:1234:5678::/64", "198.51.100.7"]"#), [])
        XCTAssertEqual(conditionCodes("IpAddress", "aws:SourceIp", #""1.2.3.4/33""#), [.invalidCIDR])
        XCTAssertEqual(conditionCodes("NotIpAddress", "aws:SourceIp", #""123.456.789.123""#), [.invalidCIDR])
        XCTAssertEqual(conditionCodes("BinaryEquals", "key", #""QmluYXJ5VmFsdWVJbkJhc2U2NA==""#), [.invalidConditionKey])
        XCTAssertEqual(conditionCodes("BinaryEquals", "s3:x", #""not base64!""#), [.invalidBinary])
        XCTAssertEqual(conditionCodes("ArnLike", "aws:SourceArn", #""arn:aws:cloudtrail:*:111122223333:trail/*""#), [])
        XCTAssertEqual(conditionCodes("ArnEquals", "aws:SourceArn", #""my-trail""#), [.invalidARN])
        XCTAssertEqual(conditionCodes("Null", "aws:TokenIssueTime", #""true""#), [])
        XCTAssertEqual(conditionCodes("Null", "aws:TokenIssueTime", #""yes""#), [.invalidNull])
        XCTAssertEqual(conditionCodes("StringEquals", "aws:username", #""${aws:username}""#), [])
    }

    // Operators: every documented name is read; names are case-sensitive; Null takes no IfExists.
    func testOperators() {
        for base in BaseConditionOperator.allCases where base != .null {
            for name in [base.rawValue, base.rawValue + "IfExists", "ForAnyValue:" + base.rawValue, "ForAllValues:" + base.rawValue + "IfExists"] {
                XCTAssertEqual(ConditionOperator(parsing: name)?.description, name)
            }
        }
        XCTAssertEqual(ConditionOperator(parsing: "ForAnyValue:StringLikeIfExists"),
                       ConditionOperator(.stringLike, qualifier: .forAnyValue, ifExists: true))
        XCTAssertNil(ConditionOperator(parsing: "stringequals"))
        XCTAssertNil(ConditionOperator(parsing: "ARNEquals"))
        XCTAssertNil(ConditionOperator(parsing: "ForSomeValues:StringEquals"))
        XCTAssertEqual(conditionCodes("StringEqualsX", "aws:username", #""a""#), [.unknownConditionOperator])
        XCTAssertEqual(conditionCodes("NullIfExists", "aws:username", #""true""#), [.ifExistsOnNull])
        XCTAssertEqual(conditionCodes("StringEquals", "aws:username", "[]"), [.emptyValue])
        XCTAssertEqual(conditionCodes("StringEquals", "aws:username", #"{"a": 1}"#), [.typeMismatch])
        XCTAssertEqual(conditionCodes("StringEquals", "aws:username", #"[null]"#), [.typeMismatch])
    }

    // "Condition operators": StringEquals has no wildcards; StringLike does.
    func testWildcardWithEqualsOperator() {
        XCTAssertEqual(conditionCodes("StringEquals", "aws:PrincipalArn", #""arn:aws:iam::111122223333:role/*""#), [.wildcardWithoutLikeOperator])
        XCTAssertEqual(conditionCodes("StringLike", "aws:PrincipalArn", #""arn:aws:iam::111122223333:role/*""#), [])
    }
}
