import XCTest
@testable import Authorizer

/// IAM User Guide, "Single-valued vs. multivalued context keys" (set operators) and "Condition operators".
final class MultivaluedKeyTests: XCTestCase {
    /// ForAllValues: "returns true if every context key value in the request matches at least one
    /// context key value in the policy. It also returns true if there are no context keys in the request."
    func testForAllValues() {
        let allowed = ["environment", "cost-center"]
        check([
            ConditionCase(op: "ForAllValues:StringEquals", policy: allowed, request: ["environment"], expected: true),
            ConditionCase(op: "ForAllValues:StringEquals", policy: allowed, request: ["environment", "cost-center"], expected: true),
            ConditionCase(op: "ForAllValues:StringEquals", policy: allowed, request: ["environment", "dept"], expected: false),
            ConditionCase(op: "ForAllValues:StringEquals", policy: allowed, request: nil, expected: true, note: "absent: the classic hole"),
            ConditionCase(op: "ForAllValues:StringEquals", policy: allowed, request: [], expected: true, note: "empty set"),
            ConditionCase(op: "ForAllValues:StringLike", policy: ["env*"], request: ["environment", "envy"], expected: true),
            ConditionCase(op: "ForAllValues:StringNotEquals", policy: ["secret"], request: ["a", "b"], expected: true),
            ConditionCase(op: "ForAllValues:StringNotEquals", policy: ["secret"], request: ["a", "secret"], expected: false),
            ConditionCase(op: "ForAllValues:StringNotEquals", policy: ["secret"], request: nil, expected: true),
        ], key: "aws:TagKeys")
    }

    /// ForAnyValue: "returns true if at least one context key value in the request matches at least one
    /// context key value in the policy"; false when the key is missing or the set is empty.
    func testForAnyValue() {
        let wanted = ["environment", "cost-center"]
        check([
            ConditionCase(op: "ForAnyValue:StringEquals", policy: wanted, request: ["environment", "dept"], expected: true),
            ConditionCase(op: "ForAnyValue:StringEquals", policy: wanted, request: ["dept"], expected: false),
            ConditionCase(op: "ForAnyValue:StringEquals", policy: wanted, request: nil, expected: false),
            ConditionCase(op: "ForAnyValue:StringEquals", policy: wanted, request: [], expected: false),
            ConditionCase(op: "ForAnyValue:StringNotEquals", policy: ["secret"], request: ["a", "secret"], expected: true),
            ConditionCase(op: "ForAnyValue:StringNotEquals", policy: ["secret"], request: ["secret"], expected: false),
            ConditionCase(op: "ForAnyValue:StringNotEquals", policy: ["secret"], request: nil, expected: false),
            ConditionCase(op: "ForAnyValue:StringEqualsIfExists", policy: wanted, request: nil, expected: true),
        ], key: "aws:TagKeys")
    }

    /// aws:PrincipalOrgPaths is multivalued ("AWS global condition context keys"), tested with
    /// ForAnyValue:StringLike in the documentation's example.
    func testOrgPaths() {
        check([
            ConditionCase(op: "ForAnyValue:StringLike", policy: ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"],
                          request: ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/"], expected: true),
            ConditionCase(op: "ForAnyValue:StringLike", policy: ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"],
                          request: ["o-a1b2c3d4e5/r-ab12/ou-ab12-33333333/"], expected: false),
        ], key: "aws:PrincipalOrgPaths")
    }

    /// A single-valued operator on a multivalued key behaves like ForAnyValue for positive operators,
    /// and its negation (no request value matches) for negated operators (documented choice).
    func testPlainOperatorOnMultivaluedKey() {
        check([
            ConditionCase(op: "StringEquals", policy: ["a"], request: ["a", "b"], expected: true),
            ConditionCase(op: "StringEquals", policy: ["c"], request: ["a", "b"], expected: false),
            ConditionCase(op: "StringNotEquals", policy: ["a"], request: ["a", "b"], expected: false),
            ConditionCase(op: "StringNotEquals", policy: ["c"], request: ["a", "b"], expected: true),
            ConditionCase(op: "StringEquals", policy: ["a"], request: [], expected: false),
            ConditionCase(op: "StringNotEquals", policy: ["a"], request: [], expected: true),
            ConditionCase(op: "StringEqualsIfExists", policy: ["a"], request: [], expected: true),
        ], key: "aws:TagKeys")
    }
}
