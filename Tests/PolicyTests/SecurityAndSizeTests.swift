import Policy
import XCTest

final class SecurityAndSizeTests: XCTestCase {
    // IAM User Guide, "AWS JSON policy elements: NotPrincipal": Allow with NotPrincipal
    // grants everyone not listed; AWS recommends against it.
    func testAllowWithNotPrincipal() {
        let text = policy(#"{"Effect": "Allow", "NotPrincipal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}"#)
        XCTAssertEqual(diagnostics(text, type: .resource, code: .allowWithNotPrincipal).map(\.severity), [.securityWarning])
        let deny = policy(#"{"Effect": "Deny", "NotPrincipal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}"#)
        XCTAssertEqual(codes(deny, type: .resource), [])
    }

    // S3 User Guide, "Blocking public access": Principal "*" without conditions is public.
    func testPublicAllowWithoutCondition() {
        for principal in [#""*""#, #"{"AWS": "*"}"#] {
            let text = policy(#"{"Effect": "Allow", "Principal": \#(principal), "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}"#)
            XCTAssertEqual(codes(text, type: .resource), [.publicAllowWithoutCondition])
        }
        let conditioned = policy(#"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}"#)
        XCTAssertEqual(codes(conditioned, type: .resource), [])
    }

    // IAM User Guide, "Multivalued context keys": ForAllValues "returns true if ... the key is
    // not present in the request"; with Allow that is a hole unless a Null check demands the key.
    func testForAllValuesWithAllow() {
        let open = policy(#"{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["env"]}}}"#)
        XCTAssertEqual(codes(open, type: .identity), [.forAllValuesWithAllow])
        let guarded = policy(#"{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["env"]}, "Null": {"aws:TagKeys": "false"}}}"#)
        XCTAssertEqual(codes(guarded, type: .identity), [])
    }

    func testPassRoleWithStarResource() {
        let text = policy(#"{"Effect": "Allow", "Action": ["iam:PassRole", "ec2:RunInstances"], "Resource": "*"}"#)
        XCTAssertEqual(codes(text, type: .identity), [.passRoleWithWildcard])
    }

    // IAM User Guide, "IAM and AWS STS quotas": managed policies 6,144 characters, whitespace not counted.
    func testManagedPolicySizeCountsNonWhitespace() {
        let action = "\"s3:GetObject\","
        let many = String(repeating: action, count: 500)  // 15 × 500 = 7,500 characters
        let big = policy(#"{"Effect": "Allow", "Action": [\#(many) "s3:PutObject"], "Resource": "*"}"#)
        XCTAssertEqual(diagnostics(big, type: .identity, code: .policySizeExceeded).map(\.severity), [.error])
        // The same content padded with whitespace only, below the quota, passes.
        let some = String(repeating: action + "        ", count: 300)  // 4,500 non-whitespace characters
        let padded = policy(#"{"Effect": "Allow", "Action": [\#(some) "s3:PutObject"], "Resource": "*"}"#)
        XCTAssertEqual(codes(padded, type: .identity), [])
    }

    // Trust policies: 2,048 by default (raisable), so above it only a WARNING.
    func testTrustPolicyQuota() {
        let principals = (0..<120).map { #""arn:aws:iam::1111222233\#(String(format: "%02d", $0 % 100)):root""# }.joined(separator: ",")
        let text = policy(#"{"Effect": "Allow", "Principal": {"AWS": [\#(principals)]}, "Action": "sts:AssumeRole"}"#)
        XCTAssertEqual(diagnostics(text, type: .trust, code: .policySizeAboveDefaultQuota).map(\.severity), [.warning])
    }

    // IAM quotas: IAM policy documents may hold only tab, LF, CR and U+0020..U+00FF.
    func testCharacterSet() {
        let text = policy(#"{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/日本/*"}"#)
        XCTAssertEqual(codes(text, type: .identity), [.invalidCharacter])
        XCTAssertEqual(codes(text.replacingOccurrences(of: "日本", with: "café"), type: .identity), [])
        let resource = policy(#"{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/日本/*"}"#)
        XCTAssertEqual(codes(resource, type: .resource), [])
    }

    func testStatementAndValueCountLimits() {
        let limits = InputLimits(maxStatements: 2, maxConditionValues: 3)
        let statement = #"{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}"#
        let three = policy([statement, statement, statement].joined(separator: ","))
        let result = PolicyParser.parse(text: three, source: "t", type: .identity, limits: limits)
        XCTAssertEqual(result.diagnostics.map(\.code), [.limitExceeded])
        XCTAssertTrue(result.diagnostics[0].message.contains("maxStatements"))
        let values = policy(#"{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:username": ["a", "b", "c", "d"]}}}"#)
        let valueResult = PolicyParser.parse(text: values, source: "t", type: .identity, limits: limits)
        XCTAssertEqual(valueResult.diagnostics.map(\.code), [.limitExceeded])
        XCTAssertEqual(valueResult.diagnostics.first?.location.path.description, "$.Statement[0].Condition.StringEquals.aws:username")
        let wild = policy(#"{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::\#(String(repeating: "*a", count: 70))"}"#)
        XCTAssertEqual(codes(wild, type: .identity), [.limitExceeded])
    }
}

final class PolicyTypeInferenceTests: XCTestCase {
    private func inferred(_ text: String) -> PolicyType {
        PolicyParser.parse(text: text, source: "t").type
    }

    func testInference() {
        XCTAssertEqual(inferred(policy(#"{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}"#)), .identity)
        XCTAssertEqual(inferred(policy(#"{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}"#)), .trust)
        XCTAssertEqual(inferred(policy(#"{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"]}"#)), .trust)
        XCTAssertEqual(inferred(policy(#"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}"#)), .resource)
        let result = PolicyParser.parse(text: policy(#"{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}"#), source: "t", type: .scp)
        XCTAssertFalse(result.typeWasInferred)
        XCTAssertEqual(result.type, .scp)
    }
}
