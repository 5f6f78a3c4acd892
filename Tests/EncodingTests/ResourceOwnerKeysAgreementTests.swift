import Authorizer
import Encoding
import Policy
import XCTest

/// The owner's organization keys (`aws:ResourceOrgID`, `aws:ResourceOrgPaths`, IAM User Guide,
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceorgpaths)
/// in both semantics: derived from the request's `resourceOrgId`/`resourceOrgPaths` by
/// `DerivedContextKeys` and fixed by `SymbolicRequest`, or, unknown, stated by the request.
/// Every condition shape × every request kind: the Authorizer and the encoding (single and
/// batched) decide alike, and where the hand-worked answer is obvious it is asserted too.
final class ResourceOwnerKeysAgreementTests: XCTestCase {
    private let conditions = [
        #"{"ForAnyValue:StringLike": {"aws:ResourceOrgPaths": "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"}}"#,
        #"{"ForAllValues:StringLike": {"aws:ResourceOrgPaths": "o-a1b2c3d4e5/*"}}"#,
        #"{"ForAnyValue:StringEquals": {"aws:ResourceOrgPaths": ["o-a1b2c3d4e5/r-ab12/ou-ab12-22222222/", "o-a1b2c3d4e5/r-ab12/"]}}"#,
        #"{"StringEquals": {"aws:ResourceOrgID": "o-a1b2c3d4e5"}}"#,
        #"{"StringNotEquals": {"aws:ResourceOrgID": "o-a1b2c3d4e5"}}"#,
        #"{"Null": {"aws:ResourceOrgPaths": "true"}}"#,
    ]

    /// The resource fields and stated context of each request.
    private let requests: [(name: String, fields: String)] = [
        ("owner in ou-…11111111", #""resourceOrgId": "o-a1b2c3d4e5", "resourceOrgPaths": ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/"]"#),
        ("owner in ou-…22222222", #""resourceOrgId": "o-a1b2c3d4e5", "resourceOrgPaths": ["o-a1b2c3d4e5/r-ab12/ou-ab12-22222222/"]"#),
        ("owner at the root of another organization", #""resourceOrgId": "o-f6g7h8i9j0", "resourceOrgPaths": ["o-f6g7h8i9j0/r-cd34/"]"#),
        ("owner's organization known, path not", #""resourceOrgId": "o-a1b2c3d4e5""#),
        ("nothing known, nothing stated", #""resourceAccount": "111122223333""#),
        ("nothing known, path stated", #""context": {"aws:ResourceOrgPaths": ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/"]}"#),
    ]

    func testBothSemanticsAgreeOnTheOwnersOrganizationKeys() throws {
        for condition in conditions {
            let text = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "#
                + #""Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*", "Condition": "# + condition + "}]}"
            let parsed = PolicyParser.parse(text: text, source: "bucket.json", type: .resource)
            let policies = PolicySet(identityPolicies: nil, resourcePolicy: try XCTUnwrap(parsed.policy))
            for request in requests {
                let json = #"{"principal": "arn:aws:iam::444455556666:role/R", "action": "s3:GetObject", "#
                    + #""resource": "arn:aws:s3:::amzn-s3-demo-bucket/k", "# + request.fields + "}"
                let decoded = try RequestFile.decode(json)
                XCTAssertEqual(RequestRealism.problems(decoded), [], request.name)
                let concrete = Authorizer.evaluate(decoded, policies: policies).outcome == .allow
                let expected: SymbolicDecision = concrete ? .allowed : .denied
                XCTAssertEqual(try SymbolicAuthorizer.decide(decoded, policies: policies), expected, "\(condition) / \(request.name)")
                XCTAssertEqual(try SymbolicAuthorizer.Batch(policies: policies).decide(decoded), expected, "\(condition) / \(request.name) (batch)")
            }
        }
        // Hand-worked: ForAnyValue:StringLike on the path matches only an owner in that OU (or a
        // stated path, when the owner's is unknown); an owner in no known organization has no key.
        let first = try decide(conditions[0])
        XCTAssertEqual(first, [true, false, false, false, false, true])
        // ForAllValues holds on an absent key and on paths of the organization only.
        XCTAssertEqual(try decide(conditions[1]), [true, true, false, true, true, true])
    }

    /// The Authorizer's decision for each request under `condition`.
    private func decide(_ condition: String) throws -> [Bool] {
        let text = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "#
            + #""Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*", "Condition": "# + condition + "}]}"
        let policies = PolicySet(identityPolicies: nil, resourcePolicy: try XCTUnwrap(PolicyParser.parse(text: text, source: "b.json", type: .resource).policy))
        return try requests.map { request in
            let json = #"{"principal": "arn:aws:iam::444455556666:role/R", "action": "s3:GetObject", "#
                + #""resource": "arn:aws:s3:::amzn-s3-demo-bucket/k", "# + request.fields + "}"
            return Authorizer.evaluate(try RequestFile.decode(json), policies: policies).outcome == .allow
        }
    }
}
