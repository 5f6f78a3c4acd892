import Authorizer
import Encoding
import Policy
import XCTest

/// Which callers are service-linked roles (`ServiceLinkedRole`), in both semantics: roles and
/// sessions whose role path begins with `/aws-service-role/` (IAM User Guide, "Create a
/// service-linked role"), which neither RCPs nor SCPs restrict (AWS Organizations User Guide,
/// "Resources and entities not restricted by RCPs", "Service control policies (SCPs)").
/// Every caller × each layer that denies `s3:PutObject`: the Authorizer and the encoding decide
/// alike, and the hand-worked answers are asserted.
final class ServiceLinkedRoleAgreementTests: XCTestCase {
    private let bucketPolicy = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "#
        + #""Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]}"#
    private let denyPut = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}, "#
        + #"{"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "*"}]}"#
    private let denyPutSCP = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}, "#
        + #"{"Effect": "Deny", "Action": "s3:PutObject", "Resource": "*"}]}"#

    private let callers: [(name: String, principal: Principal)] = [
        ("a service-linked role", .role(arn: "arn:aws:iam::444455556666:role/aws-service-role/s3.amazonaws.com/AWSServiceRoleForS3")),
        ("its session", .assumedRole(roleArn: "arn:aws:iam::444455556666:role/aws-service-role/s3.amazonaws.com/AWSServiceRoleForS3",
                                     sessionName: "s")),
        ("an ordinary role", .role(arn: "arn:aws:iam::444455556666:role/Partner")),
        ("a role whose deeper path is aws-service-role", .role(arn: "arn:aws:iam::444455556666:role/team/aws-service-role/Partner")),
        ("a role whose path holds the marker after a colon", .role(arn: "arn:aws:iam::444455556666:role/x:role/aws-service-role/Partner")),
        ("the account's root", .accountRoot("444455556666")),
    ]

    func testBothSemanticsAgreeAndFollowTheGuides() throws {
        let bucket = try XCTUnwrap(PolicyParser.parse(text: bucketPolicy, source: "bucket.json", type: .resource).policy)
        let rcp = try XCTUnwrap(PolicyParser.parse(text: denyPut, source: "rcp.json", type: .rcp).policy)
        let scp = try XCTUnwrap(PolicyParser.parse(text: denyPutSCP, source: "scp.json", type: .scp).policy)
        let layers: [(name: String, policies: PolicySet)] = [
            ("RCP", PolicySet(resourcePolicy: bucket, resourceControlPolicies: [[rcp]])),
            ("SCP", PolicySet(resourcePolicy: bucket, serviceControlPolicies: [[scp]])),
        ]
        var decisions: [[Bool]] = []
        for layer in layers {
            var row: [Bool] = []
            for caller in callers {
                let request = Request(principal: caller.principal, action: "s3:PutObject", resource: "arn:aws:s3:::amzn-s3-demo-bucket/k",
                                      resourceAccount: "111122223333")
                let concrete = Authorizer.evaluate(request, policies: layer.policies).outcome == .allow
                let expected: SymbolicDecision = concrete ? .allowed : .denied
                XCTAssertEqual(try SymbolicAuthorizer.decide(request, policies: layer.policies), expected, "\(layer.name) / \(caller.name)")
                XCTAssertEqual(try SymbolicAuthorizer.Batch(policies: layer.policies).decide(request), expected,
                               "\(layer.name) / \(caller.name) (batch)")
                row.append(concrete)
            }
            decisions.append(row)
        }
        // Hand-worked: only the service-linked role and its session escape either layer's Deny; a
        // role is one by the start of its path, not by `aws-service-role` further in.
        XCTAssertEqual(decisions, [
            [true, true, false, false, false, false],
            [true, true, false, false, false, false],
        ])
    }
}
