import Authorizer
import Encoding
import Policy
import XCTest

/// Mismatches the differential suite found, shrunk, and kept: each pins the expected decision of
/// both semantics on the minimal case, with its root cause and the fix.
final class DifferentialRegressionTests: XCTestCase {
    /// Parses a document (failing the test on ERROR diagnostics).
    private func policy(_ text: String, _ type: PolicyType) throws -> Policy {
        let result = PolicyParser.parse(text: text, source: "regression.json", type: type)
        XCTAssertFalse(result.diagnostics.containsError, "\(result.diagnostics)")
        return try XCTUnwrap(result.policy)
    }

    /// Asserts that both semantics give `allowed` (the Authorizer's answer is the reference).
    private func assertBoth(_ requestJSON: String, _ policies: PolicySet, allowed: Bool,
                            file: StaticString = #filePath, line: UInt = #line) throws {
        let request = try RequestFile.decode(requestJSON)
        XCTAssertEqual(Authorizer.evaluate(request, policies: policies).outcome == .allow, allowed, "Authorizer", file: file, line: line)
        XCTAssertEqual(try SymbolicAuthorizer.decide(request, policies: policies), allowed ? .allowed : .denied, "decide",
                       file: file, line: line)
        XCTAssertEqual(try SymbolicAuthorizer.Batch(policies: policies).decide(request), allowed ? .allowed : .denied, "batch",
                       file: file, line: line)
    }

    // Found by seeds 0x0002_D1FF and 0x0008_D1FF. IAM User Guide, "Condition operators", binary:
    // BinaryEquals compares "byte for byte against a base-64 encoded representation of the binary
    // value in the policy". The Authorizer decodes both sides; "YWJjZB==" and "YWJjZA==" are both
    // the bytes "abcd" (they differ only in the 4 bits before "==" that a decoder ignores). The
    // encoding accepted only the policy's spelling and its canonical form, so it denied where the
    // Authorizer allowed. Fix: `Base64Spellings` enumerates every strict spelling of the same bytes.
    func testBinaryEqualsMatchesEverySpellingOfTheSameBytes() throws {
        let allow = try policy(#"""
        {"Version": "2008-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "NotAction": "kms:Decrypt",
          "Condition": {"BinaryEquals": {"test:Blob": "YWJjZA=="}}}]}
        """#, .resource)
        let request = #"""
        {"principal": {"service": "s3.amazonaws.com"}, "action": "stS:assumeroleWIthWebideNtiTy",
         "resource": "arn:aws:kms:us-east-1:111122223333:key/k1", "context": {"test:Blob": "YWJjZB=="}}
        """#
        try assertBoth(request, PolicySet(resourcePolicy: allow), allowed: true)

        let deny = try policy(#"""
        {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "*",
          "Condition": {"BinaryEqualsIfExists": {"test:Blob": "YWJjZA=="}}}]}
        """#, .resource)
        let root = #"""
        {"principal": "arn:aws:iam::777788889999:root", "action": "s3:ListBucket", "resource": "arn:aws:s3:::bucket-a/home/bob/f.txt",
         "resourceAccount": "777788889999", "context": {"tEst:bLob": "YWJjZB=="}}
        """#
        try assertBoth(root, PolicySet(resourcePolicy: deny), allowed: false)
        // A different byte is still different ("YWJjZQ==" is "abce").
        try assertBoth(root.replacingOccurrences(of: "YWJjZB==", with: "YWJjZQ=="), PolicySet(resourcePolicy: deny), allowed: true)
    }

    // Found by `WitnessReplayTests.testReplayWithClasses` (seed 0x0003_3E7A), in both
    // encodings of the action. "aws:PrincipalTag/tag-key" is single-valued (AWS global condition
    // context keys) and the Authorizer's principal has one value per tag, but the encoding gave
    // the key several slots because a `ForAnyValue:` condition used it: a model met
    // `ForAnyValue:StringEqualsIgnoreCase aws:PrincipalTag/team: r*` with a second value while
    // the decoded witness kept the first ("³"), and the replay refused it. Fix: `KeyUniverse`
    // keeps principal tags single-valued. The free search's witness must now be allowed.
    func testPrincipalTagsStaySingleValuedUnderSetQualifiers() throws {
        let identity = try policy(#"""
        {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "NotResource": ["arn:aws:s3:::bucket-a/home/${aws:username, 'bob'}/*", "arn:aws:s3:::bucket-?/*"], "Condition": {"StringEqualsIfExists": {"aws:PrincipalArn": "arn:aws:sts::444455556666:federated-user/fed"}}}, {"Effect": "Allow", "Action": "sts:assumerolewith*", "NotResource": "arn:aws:s3:::bucket-a/q${?}", "Condition": {"StringEquals": {"aws:RequestTag/env": "o-${aws:SourceAccount}/"}}}]}
        """#, .identity)
        let resource = try policy(#"""
        {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "NotAction": "s3:ListBucket", "Condition": {"StringLikeIfExists": {"aws:SourceArn": ["arn:aws:*:*:*:*"]}, "StringEquals": {"aws:PrincipalTag/team": ["r*", "Red"]}, "DateGreaterThan": {"aws:TokenIssueTime": "2024-06-01T12:00:00.500Z"}}}, {"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": ["S3:GetObject", "s3:List?ucket", "s3:?etObject"], "Resource": "arn:aws:s3:::bucket-a/${aws:username}/f", "Condition": {"ForAnyValue:StringEqualsIgnoreCase": {"aws:PrincipalTag/team": "r*"}}}]}
        """#, .resource)
        let set = PolicySet(identityPolicies: [identity], resourcePolicy: resource, resourcePolicyKind: .roleTrust)
        for classes in [false, true] {
            let search = try SymbolicAuthorizer.findAllowedRequest(policies: set, resourceAccount: "444455556666", classes: classes)
            guard case .found(let witness) = search else { return XCTFail("no witness found (classes: \(classes))") }
            XCTAssertEqual(Authorizer.evaluate(witness, policies: set).outcome, .allow, RequestFile.encode(witness))
        }
        // By hand: the user's own object, a tag equal to "r*" ignoring case, and the deny's
        // `StringEquals` (case-sensitive) not met; a tag "³" does not meet the allow.
        let request = #"""
        {"principal": "arn:aws:iam::444455556666:user/w", "action": "s3:getobject", "resource": "arn:aws:s3:::bucket-a/w/f",
         "resourceAccount": "444455556666", "principalTags": {"team": "R*"}}
        """#
        try assertBoth(request, set, allowed: true)
        try assertBoth(request.replacingOccurrences(of: "R*", with: "³"), set, allowed: false)
    }
}
