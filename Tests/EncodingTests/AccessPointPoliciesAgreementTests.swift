import Authorizer
import Encoding
import Policy
import XCTest

/// `PolicySet.accessPointPolicies` in both semantics: a request through an S3 access point needs
/// the access point policy too — its grant, or for a caller of the resource's account its own
/// identity side — and the access point's Deny statements deny (S3 User Guide, "Configuring IAM
/// policies for using access points": "both the access point and the underlying bucket must
/// permit the request"; https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html).
/// Every access point policy × every caller: the Authorizer and the encoding (single and batched)
/// decide alike, and the hand-worked answers are asserted.
final class AccessPointPoliciesAgreementTests: XCTestCase {
    /// The guide's delegation: everything through an access point of the owner's account.
    private let bucketPolicy = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "*", "#
        + #""Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"], "#
        + #""Condition": {"StringEquals": {"s3:DataAccessPointAccount": "111122223333"}}}]}"#

    private let accessPointPolicies: [(name: String, statements: String?)] = [
        ("none", nil),
        ("grants the other account's role", #"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/R"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}"#),
        ("grants the owner's role", #"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/R"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}"#),
        ("grants everyone, denies the other account", #"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}, "#
            + #"{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalAccount": "444455556666"}}}"#),
    ]

    private let callers = [
        "arn:aws:iam::444455556666:role/R",
        "arn:aws:iam::111122223333:role/R",
        "arn:aws:iam::444455556666:role/aws-service-role/ops.apigateway.amazonaws.com/AWSServiceRoleForAPIGateway",
    ]

    func testBothSemanticsAgreeAndFollowTheGuide() throws {
        let bucket = try XCTUnwrap(PolicyParser.parse(text: bucketPolicy, source: "bucket.json", type: .resource).policy)
        var decisions: [[Bool]] = []
        for accessPoint in accessPointPolicies {
            let written = try accessPoint.statements.map { statements in
                try XCTUnwrap(PolicyParser.parse(text: #"{"Version": "2012-10-17", "Statement": ["# + statements + "]}",
                                                 source: "ap.json", type: .resource).policy)
            } ?? Policy(source: "ap.json", type: .resource, statements: [])
            var policies = PolicySet(identityPolicies: nil, resourcePolicy: bucket)
            policies.accessPointPolicies = [written]
            var row: [Bool] = []
            for caller in callers {
                let json = #"{"principal": ""# + caller + #"", "action": "s3:GetObject", "resource": "arn:aws:s3:::amzn-s3-demo-bucket/k", "#
                    + #""resourceAccount": "111122223333", "context": {"s3:DataAccessPointAccount": "111122223333"}}"#
                let request = try RequestFile.decode(json)
                let concrete = Authorizer.evaluate(request, policies: policies).outcome == .allow
                let expected: SymbolicDecision = concrete ? .allowed : .denied
                XCTAssertEqual(try SymbolicAuthorizer.decide(request, policies: policies), expected, "\(accessPoint.name) / \(caller)")
                XCTAssertEqual(try SymbolicAuthorizer.Batch(policies: policies).decide(request), expected, "\(accessPoint.name) / \(caller) (batch)")
                row.append(concrete)
            }
            decisions.append(row)
        }
        // Hand-worked: without an access point policy only the owner's own role (identity side) is
        // let through; a grant to the other account's role lets it in; a grant to the owner's role
        // changes nothing for others; a Deny on the other account's principals keeps them out.
        // Service-linked roles of another account get no exemption from the access point policy.
        XCTAssertEqual(decisions, [
            [false, true, false],
            [true, true, false],
            [false, true, false],
            [false, true, false],
        ])
    }
}
