import XCTest
@testable import Authorizer
import Policy

/// IAM User Guide, "IAM policy elements: Variables and tags".
final class PolicyVariableTests: XCTestCase {
    private func homePolicy(version: String) -> Policy {
        parsePolicy("""
            {"Version": "\(version)", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
              "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*"}]}
            """, type: .identity)
    }

    private func matches(_ policy: Policy, _ request: Request) -> Bool {
        StatementMatcher.matches(policy.statements[0], of: policy, request: request)
    }

    /// The documentation's home-folder example: `${aws:username}` in Resource.
    func testUsernameInResource() {
        let policy = homePolicy(version: "2012-10-17")
        let alice = Principal.user(arn: "arn:aws:iam::111122223333:user/alice")
        XCTAssertTrue(matches(policy, Request(principal: alice, action: "s3:GetObject",
                                              resource: "arn:aws:s3:::amzn-s3-demo-bucket/home/alice/notes.txt")))
        XCTAssertFalse(matches(policy, Request(principal: alice, action: "s3:GetObject",
                                               resource: "arn:aws:s3:::amzn-s3-demo-bucket/home/bob/notes.txt")))
    }

    /// aws:username exists only for IAM users: for a role session the variable cannot be resolved and
    /// the resource value matches nothing ("Policy variables with no value").
    func testUnresolvedVariableMatchesNothing() {
        let policy = homePolicy(version: "2012-10-17")
        let session = Principal.assumedRole(roleArn: "arn:aws:iam::111122223333:role/R", sessionName: "alice")
        XCTAssertFalse(matches(policy, Request(principal: session, action: "s3:GetObject",
                                               resource: "arn:aws:s3:::amzn-s3-demo-bucket/home/alice/x")))
        XCTAssertFalse(matches(policy, Request(principal: session, action: "s3:GetObject",
                                               resource: "arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/x")))
    }

    /// Variables are substituted only under Version 2012-10-17; under 2008-10-17 the text is literal
    /// ("IAM JSON policy elements: Version").
    func testOldVersionKeepsLiteralText() {
        let policy = homePolicy(version: "2008-10-17")
        let alice = Principal.user(arn: "arn:aws:iam::111122223333:user/alice")
        XCTAssertFalse(matches(policy, Request(principal: alice, action: "s3:GetObject",
                                               resource: "arn:aws:s3:::amzn-s3-demo-bucket/home/alice/x")))
        XCTAssertTrue(matches(policy, Request(principal: alice, action: "s3:GetObject",
                                              resource: "arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/x")))
    }

    /// Variables in condition values; defaults `${key, 'default'}`; escapes `${*}`, `${?}`, `${$}`.
    func testConditionValues() {
        var extra = RequestContext()
        extra["aws:username"] = .string("alice")
        extra["aws:PrincipalTag/pattern"] = .string("x*")
        check([
            ConditionCase(op: "StringEquals", policy: ["home/${aws:username}"], request: ["home/alice"], expected: true),
            ConditionCase(op: "StringEquals", policy: ["home/${AWS:UserName}"], request: ["home/alice"], expected: true, note: "key case"),
            ConditionCase(op: "StringLike", policy: ["home/${aws:username}/*"], request: ["home/alice/a"], expected: true),
            ConditionCase(op: "StringLike", policy: ["home/${aws:username}/*"], request: ["home/bob/a"], expected: false),
            ConditionCase(op: "StringEquals", policy: ["${aws:SourceVpc}"], request: ["vpc-1"], expected: false, note: "missing key, no default"),
            ConditionCase(op: "StringNotEquals", policy: ["${aws:SourceVpc}"], request: ["vpc-1"], expected: true, note: "unresolved value matches nothing"),
            ConditionCase(op: "StringEquals", policy: ["${aws:SourceVpc, 'none'}"], request: ["none"], expected: true, note: "default"),
            ConditionCase(op: "StringLike", policy: ["a${*}"], request: ["a*"], expected: true, note: "${*} is a literal *"),
            ConditionCase(op: "StringLike", policy: ["a${*}"], request: ["ab"], expected: false),
            ConditionCase(op: "StringLike", policy: ["a${?}"], request: ["a?"], expected: true),
            ConditionCase(op: "StringLike", policy: ["a${?}"], request: ["ab"], expected: false),
            ConditionCase(op: "StringEquals", policy: ["cost${$}"], request: ["cost$"], expected: true),
            ConditionCase(op: "StringLike", policy: ["${aws:PrincipalTag/pattern}"], request: ["xyz"], expected: false, note: "substituted text is literal"),
            ConditionCase(op: "StringLike", policy: ["${aws:PrincipalTag/pattern}"], request: ["x*"], expected: true),
        ], key: "s3:prefix", extra: extra)
        // Without substitution (2008-10-17) the same value is literal text.
        check([
            ConditionCase(op: "StringEquals", policy: ["home/${aws:username}"], request: ["home/${aws:username}"], expected: true),
            ConditionCase(op: "StringEquals", policy: ["home/${aws:username}"], request: ["home/alice"], expected: false),
        ], key: "s3:prefix", substitute: false, extra: extra)
    }

    /// A multivalued key cannot be a policy variable ("Single-valued vs. multivalued context keys").
    func testMultivaluedKeyIsNotAVariable() {
        var extra = RequestContext()
        extra.set("aws:TagKeys", values: [.string("a"), .string("b")])
        check([
            ConditionCase(op: "StringEquals", policy: ["${aws:TagKeys}"], request: ["a"], expected: false),
            ConditionCase(op: "StringEquals", policy: ["${aws:TagKeys, 'd'}"], request: ["d"], expected: true),
        ], key: "s3:prefix", extra: extra)
    }

    /// Actions never substitute variables ("Where you can use policy variables": Resource and Condition).
    func testNoVariablesInAction() {
        XCTAssertTrue(StatementMatcher.matchesAction(
            PatternElement(patterns: [Located("s3:${aws:username}", at: .document)], location: .document),
            "s3:${aws:username}"))
    }
}
