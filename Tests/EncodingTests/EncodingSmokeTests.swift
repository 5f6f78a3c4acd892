import Authorizer
import Encoding
import Policy
import XCTest

final class EncodingSmokeTests: XCTestCase {
    func parse(_ text: String, _ type: PolicyType) throws -> Policy {
        let result = PolicyParser.parse(text: text, source: "p.json", type: type)
        XCTAssertFalse(result.diagnostics.containsError, "\(result.diagnostics)")
        return try XCTUnwrap(result.policy)
    }

    func testBucketPolicyWithOrgCondition() throws {
        let policy = try parse(#"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*",
          "Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}]}
        """#, .resource)
        let set = PolicySet(resourcePolicy: policy)
        var inside = Principal.role(arn: "arn:aws:iam::444455556666:role/R")
        inside.orgID = "o-a1b2c3d4e5"
        let outside = Principal.role(arn: "arn:aws:iam::444455556666:role/R")
        for (principal, expected) in [(inside, true), (outside, false), (Principal.anonymous, false)] {
            let request = Request(principal: principal, action: "s3:GetObject", resource: "arn:aws:s3:::b/k", resourceAccount: "111122223333")
            let concrete = Authorizer.evaluate(request, policies: set).outcome == .allow
            XCTAssertEqual(concrete, expected)
            let start = Date()
            let symbolic = try SymbolicAuthorizer.decide(request, policies: set)
            print("decide took \(Date().timeIntervalSince(start) * 1000) ms")
            XCTAssertEqual(symbolic, expected ? .allowed : .denied)
        }
    }
}
