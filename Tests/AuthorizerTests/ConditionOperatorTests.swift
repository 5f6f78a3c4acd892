import XCTest
@testable import Authorizer
import Policy

/// Each expectation comes from the IAM User Guide page "IAM JSON policy elements: Condition operators"
/// unless another page is named.
final class ConditionOperatorTests: XCTestCase {
    /// String condition operators: StringEquals is exact and case-sensitive, no wildcards;
    /// StringEqualsIgnoreCase ignores case; StringLike takes `*` and `?`.
    func testStringOperators() {
        check([
            ConditionCase(op: "StringEquals", policy: ["Dev"], request: ["Dev"], expected: true),
            ConditionCase(op: "StringEquals", policy: ["Dev"], request: ["dev"], expected: false, note: "case-sensitive"),
            ConditionCase(op: "StringEquals", policy: ["D*"], request: ["Dev"], expected: false, note: "no wildcards"),
            ConditionCase(op: "StringEquals", policy: ["D*"], request: ["D*"], expected: true),
            ConditionCase(op: "StringEquals", policy: ["a", "b"], request: ["b"], expected: true, note: "values OR"),
            ConditionCase(op: "StringEquals", policy: ["Dev"], request: nil, expected: false, note: "absent key"),
            ConditionCase(op: "StringNotEquals", policy: ["Dev"], request: ["Prod"], expected: true),
            ConditionCase(op: "StringNotEquals", policy: ["Dev"], request: ["Dev"], expected: false),
            ConditionCase(op: "StringNotEquals", policy: ["a", "b"], request: ["b"], expected: false, note: "must match none"),
            ConditionCase(op: "StringNotEquals", policy: ["a", "b"], request: ["c"], expected: true),
            ConditionCase(op: "StringNotEquals", policy: ["Dev"], request: nil, expected: true, note: "absent key: negated is true"),
            ConditionCase(op: "StringEqualsIgnoreCase", policy: ["Dev"], request: ["dEV"], expected: true),
            ConditionCase(op: "StringEqualsIgnoreCase", policy: ["Dev"], request: ["Prod"], expected: false),
            ConditionCase(op: "StringNotEqualsIgnoreCase", policy: ["Dev"], request: ["DEV"], expected: false),
            ConditionCase(op: "StringNotEqualsIgnoreCase", policy: ["Dev"], request: ["Prod"], expected: true),
            ConditionCase(op: "StringLike", policy: ["home/*"], request: ["home/alice/x"], expected: true),
            ConditionCase(op: "StringLike", policy: ["home/*"], request: ["Home/alice"], expected: false, note: "case-sensitive"),
            ConditionCase(op: "StringLike", policy: ["a?c"], request: ["abc"], expected: true),
            ConditionCase(op: "StringLike", policy: ["home/*"], request: nil, expected: false),
            ConditionCase(op: "StringNotLike", policy: ["home/*"], request: ["etc/x"], expected: true),
            ConditionCase(op: "StringNotLike", policy: ["home/*", "etc/*"], request: ["etc/x"], expected: false),
            ConditionCase(op: "StringNotLike", policy: ["home/*"], request: nil, expected: true),
        ])
    }

    /// "...IfExists": "If the policy key is present in the context of the request, process the key as
    /// specified in the policy. If the key is not present, evaluate the condition element as true."
    func testIfExists() {
        check([
            ConditionCase(op: "StringEqualsIfExists", policy: ["Dev"], request: nil, expected: true),
            ConditionCase(op: "StringEqualsIfExists", policy: ["Dev"], request: ["Prod"], expected: false),
            ConditionCase(op: "StringEqualsIfExists", policy: ["Dev"], request: ["Dev"], expected: true),
            ConditionCase(op: "StringNotEqualsIfExists", policy: ["Dev"], request: nil, expected: true),
            ConditionCase(op: "StringNotEqualsIfExists", policy: ["Dev"], request: ["Dev"], expected: false),
            ConditionCase(op: "NumericLessThanIfExists", policy: ["10"], request: nil, expected: true),
            ConditionCase(op: "NumericLessThanIfExists", policy: ["10"], request: ["11"], expected: false),
            ConditionCase(op: "IpAddressIfExists", policy: ["10.0.0.0/8"], request: nil, expected: true),
            ConditionCase(op: "ArnLikeIfExists", policy: ["arn:aws:s3:::b"], request: nil, expected: true),
            ConditionCase(op: "BoolIfExists", policy: ["false"], request: nil, expected: true),
            ConditionCase(op: "BoolIfExists", policy: ["false"], request: ["true"], expected: false),
        ])
    }

    /// Numeric condition operators.
    func testNumericOperators() {
        check([
            ConditionCase(op: "NumericEquals", policy: ["10"], request: ["10"], expected: true),
            ConditionCase(op: "NumericEquals", policy: ["10"], request: ["10.0"], expected: true, note: "numeric, not textual"),
            ConditionCase(op: "NumericEquals", policy: ["10"], request: ["11"], expected: false),
            ConditionCase(op: "NumericNotEquals", policy: ["10"], request: ["11"], expected: true),
            ConditionCase(op: "NumericNotEquals", policy: ["10", "11"], request: ["11"], expected: false),
            ConditionCase(op: "NumericNotEquals", policy: ["10"], request: nil, expected: true),
            ConditionCase(op: "NumericLessThan", policy: ["10"], request: ["9"], expected: true),
            ConditionCase(op: "NumericLessThan", policy: ["10"], request: ["10"], expected: false),
            ConditionCase(op: "NumericLessThanEquals", policy: ["10"], request: ["10"], expected: true),
            ConditionCase(op: "NumericGreaterThan", policy: ["10"], request: ["10.5"], expected: true),
            ConditionCase(op: "NumericGreaterThan", policy: ["10"], request: ["-11"], expected: false),
            ConditionCase(op: "NumericGreaterThanEquals", policy: ["3600"], request: ["3600"], expected: true),
            ConditionCase(op: "NumericLessThan", policy: ["10"], request: ["abc"], expected: false, note: "unreadable value"),
            ConditionCase(op: "NumericLessThan", policy: ["ten"], request: ["9"], expected: false, note: "unreadable policy value"),
            ConditionCase(op: "NumericLessThan", policy: ["10"], request: nil, expected: false),
        ])
    }

    /// Date condition operators: ISO 8601 or epoch seconds, compared as instants.
    func testDateOperators() {
        check([
            ConditionCase(op: "DateLessThan", policy: ["2020-01-01T00:00:00Z"], request: ["2019-12-31T23:59:59Z"], expected: true),
            ConditionCase(op: "DateLessThan", policy: ["2020-01-01T00:00:00Z"], request: ["2020-01-01T00:00:00Z"], expected: false),
            ConditionCase(op: "DateLessThanEquals", policy: ["2020-01-01T00:00:00Z"], request: ["2020-01-01T00:00:00Z"], expected: true),
            ConditionCase(op: "DateEquals", policy: ["2020-01-01T00:00:00Z"], request: ["1577836800"], expected: true, note: "epoch = ISO"),
            ConditionCase(op: "DateEquals", policy: ["1577836800"], request: ["2020-01-01T01:00:00+01:00"], expected: true, note: "offset"),
            ConditionCase(op: "DateGreaterThan", policy: ["2020-01-01"], request: ["2020-06-01T00:00:00Z"], expected: true),
            ConditionCase(op: "DateGreaterThanEquals", policy: ["2020-01-01"], request: ["2019-06-01T00:00:00Z"], expected: false),
            ConditionCase(op: "DateNotEquals", policy: ["2020-01-01T00:00:00Z"], request: ["2020-01-02T00:00:00Z"], expected: true),
            ConditionCase(op: "DateNotEquals", policy: ["2020-01-01T00:00:00Z"], request: nil, expected: true),
            ConditionCase(op: "DateLessThan", policy: ["2020-01-01T00:00:00Z"], request: ["yesterday"], expected: false),
        ], key: "aws:CurrentTime")
    }

    /// Boolean condition operators: "true"/"false" regardless of JSON spelling.
    func testBool() {
        check([
            ConditionCase(op: "Bool", policy: ["true"], request: ["true"], expected: true),
            ConditionCase(op: "Bool", policy: ["true"], request: ["false"], expected: false),
            ConditionCase(op: "Bool", policy: ["false"], request: ["false"], expected: true),
            ConditionCase(op: "Bool", policy: ["false"], request: nil, expected: false, note: "absent is not false"),
            ConditionCase(op: "Bool", policy: ["TRUE"], request: ["true"], expected: true),
        ], key: "aws:SecureTransport")
    }

    /// Binary condition operator: BinaryEquals compares the bytes of base64 values.
    func testBinary() {
        check([
            ConditionCase(op: "BinaryEquals", policy: ["QmluYXJ5VmFsdWVJbkJhc2U2NA=="], request: ["QmluYXJ5VmFsdWVJbkJhc2U2NA=="], expected: true),
            ConditionCase(op: "BinaryEquals", policy: ["QmluYXJ5VmFsdWVJbkJhc2U2NA=="], request: ["AAAA"], expected: false),
            ConditionCase(op: "BinaryEquals", policy: ["QmluYXJ5VmFsdWVJbkJhc2U2NA=="], request: nil, expected: false),
            ConditionCase(op: "BinaryEquals", policy: ["not base64!"], request: ["not base64!"], expected: false),
        ])
        XCTAssertEqual(Base64.decode("QmluYXJ5VmFsdWVJbkJhc2U2NA=="), Array("BinaryValueInBase64".utf8))
    }

    /// IP address condition operators: CIDR (RFC 4632), IPv4 and IPv6; NotIpAddress is the negation.
    func testIPAddress() {
        check([
            ConditionCase(op: "IpAddress", policy: ["203.0.113.0/24"], request: ["203.0.113.7"], expected: true),
            ConditionCase(op: "IpAddress", policy: ["203.0.113.0/24"], request: ["203.0.114.7"], expected: false),
            ConditionCase(op: "IpAddress", policy: ["203.0.113.7"], request: ["203.0.113.7"], expected: true, note: "bare address = /32"),
            ConditionCase(op: "IpAddress", policy: ["0.0.0.0/0"], request: ["198.51.100.1"], expected: true),
            ConditionCase(op: "IpAddress", policy: ["2001:DB8:1234:5678::/64"], request: ["2001:db8:1234:5678::1"], expected: true),
            ConditionCase(op: "IpAddress", policy: ["2001:DB8:1234:5678::/64"], request: ["2001:db8:1234:5679::1"], expected: false),
            ConditionCase(op: "IpAddress", policy: ["203.0.113.0/24"], request: ["2001:db8::1"], expected: false, note: "v6 not in v4 range"),
            ConditionCase(op: "IpAddress", policy: ["203.0.113.0/24", "2001:DB8::/32"], request: ["2001:db8::1"], expected: true),
            ConditionCase(op: "NotIpAddress", policy: ["203.0.113.0/24"], request: ["198.51.100.1"], expected: true),
            ConditionCase(op: "NotIpAddress", policy: ["203.0.113.0/24"], request: ["203.0.113.9"], expected: false),
            ConditionCase(op: "NotIpAddress", policy: ["203.0.113.0/24"], request: nil, expected: true),
            ConditionCase(op: "IpAddress", policy: ["203.0.113.0/24"], request: ["not-an-ip"], expected: false),
        ], key: "aws:SourceIp")
    }

    /// Amazon Resource Name (ARN) condition operators: case-sensitive, each of the six colon-delimited
    /// components matched separately, so `*` does not cross the first five colons.
    func testARNOperators() {
        let source = "arn:aws:sns:us-east-1:123456789012:my-topic"
        check([
            ConditionCase(op: "ArnEquals", policy: [source], request: [source], expected: true),
            ConditionCase(op: "ArnLike", policy: ["arn:aws:sns:*:123456789012:*"], request: [source], expected: true),
            ConditionCase(op: "ArnLike", policy: ["arn:aws:sns:*:123456789012:*"], request: ["arn:aws:sns:us-east-1:111122223333:my-topic"], expected: false),
            ConditionCase(op: "ArnLike", policy: ["arn:aws:*"], request: [source], expected: false, note: "fewer than six segments"),
            ConditionCase(op: "ArnLike", policy: ["arn:aws:sns:*:*"], request: [source], expected: false, note: "* cannot span a colon"),
            ConditionCase(op: "ArnLike", policy: ["arn:aws:sns:*:*:*"], request: [source], expected: true),
            ConditionCase(op: "ArnLike", policy: ["arn:aws:s3:::bucket/*"], request: ["arn:aws:s3:::bucket/a:b/c"], expected: true, note: "resource segment keeps its colons"),
            ConditionCase(op: "ArnLike", policy: ["arn:aws:SNS:*:*:*"], request: [source], expected: false, note: "case-sensitive"),
            ConditionCase(op: "ArnLike", policy: ["arn:aws:sns:us-east-?:*:*"], request: [source], expected: true),
            ConditionCase(op: "ArnLike", policy: ["arn:aws:sns:*:*:*"], request: ["not-an-arn"], expected: false),
            ConditionCase(op: "ArnNotLike", policy: ["arn:aws:sns:*:111122223333:*"], request: [source], expected: true),
            ConditionCase(op: "ArnNotLike", policy: ["arn:aws:sns:*:123456789012:*"], request: [source], expected: false),
            ConditionCase(op: "ArnNotLike", policy: ["arn:aws:sns:*:123456789012:*"], request: nil, expected: true),
            ConditionCase(op: "ArnNotEquals", policy: [source], request: [source], expected: false),
        ], key: "aws:SourceArn")
    }

    /// Condition operator to check existence of condition keys: `Null` true = absent, false = present.
    func testNull() {
        check([
            ConditionCase(op: "Null", policy: ["true"], request: nil, expected: true),
            ConditionCase(op: "Null", policy: ["true"], request: ["x"], expected: false),
            ConditionCase(op: "Null", policy: ["false"], request: ["x"], expected: true),
            ConditionCase(op: "Null", policy: ["false"], request: nil, expected: false),
            ConditionCase(op: "Null", policy: ["true"], request: [], expected: true, note: "empty multivalued key counts as absent"),
        ], key: "aws:TokenIssueTime")
    }

    /// Condition keys are not case-sensitive ("IAM JSON policy elements: Condition").
    func testKeyNamesAreCaseInsensitive() {
        let condition = makeCondition("StringEquals", "AWS:PRINCIPALORGID", ["o-a1b2c3d4e5"])
        let ctx = context("aws:PrincipalOrgID", ["o-a1b2c3d4e5"])
        XCTAssertTrue(ConditionEvaluator.evaluate(condition, context: ctx, substituteVariables: true))
    }
}
