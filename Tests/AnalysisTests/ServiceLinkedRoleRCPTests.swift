import Analysis
import Authorizer
import Policy
import XCTest

/// Issue 17's RCP cliff: a bucket policy grants account 444455556666 `s3:GetObject` and
/// `s3:PutObject`; the bucket's account is under the RCPs `Allow *` (RCPFullAWSAccess) and
/// `Deny s3:PutObject` to everyone. Before witness candidates of service-linked roles, the free
/// "next action class" question for that account ran to the question's bound (UNPROVEN, or an
/// incomplete EXTERNAL_ACCESS): the only callers of the account it still admits are its
/// service-linked roles, and the solver had to invent such a role's path.
///
/// Worked by hand (AWS Organizations User Guide, "RCP evaluation" and "Resources and entities not
/// restricted by RCPs",
/// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html#actions-not-restricted-by-rcps;
/// IAM User Guide, "Cross-account policy evaluation logic"):
/// - `s3:GetObject` by a principal of 444455556666 (its identity policies, unknown outside the zone,
///   assumed to allow): the bucket policy grants the account, the RCP level allows (`Allow *`), no
///   Deny matches: allowed.
/// - `s3:PutObject` by the account's root, its users and ordinary roles: the RCP's Deny matches:
///   explicit deny.
/// - `s3:PutObject` by a service-linked role of 444455556666 (`role/aws-service-role/…`, or its
///   session): RCPs do not restrict the actions service-linked roles take, so the Deny does not
///   apply; the bucket policy grants the account and the role's identity side is assumed to allow:
///   allowed. An AWS service acting through that account's role is outside the zone: external
///   access (docs/ANALYSIS.md, "Service-linked roles").
/// So: EXTERNAL_ACCESS, complete, one finding of account 444455556666 with exactly both actions.
final class ServiceLinkedRoleRCPTests: XCTestCase {
    private let statements = #"{"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "\#(bucket)/*"}"#
    private let rcpText = #"""
        {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"},
        {"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "*"}
        """#

    func testTheRCPsDenyLeavesPutObjectToServiceLinkedRolesAndTheAnswerIsComplete() throws {
        let rcp = try XCTUnwrap(policy(document(rcpText), type: .rcp))
        var resource = AnalyzedResource(arn: bucket, type: .s3Bucket, account: ourAccount, policy: try XCTUnwrap(policy(document(statements))))
        resource.resourceControlPolicies = [[rcp]]
        // The bound users run with (`check`'s default is 30 s; the cliff reached any bound): well
        // within it, or the answer is incomplete.
        var options = testOptions
        options.timeoutMilliseconds = 10_000
        let start = Date()
        let result = ExternalAccessAnalyzer.analyze(resource, zone: ourZone, options: options)
        let seconds = Date().timeIntervalSince(start)
        XCTAssertEqual(result.status, .externalAccess, "\(result.explanation)")
        XCTAssertTrue(result.complete, "\(result.explanation)")
        XCTAssertEqual(result.findings.map(\.principal), [otherAccount])
        XCTAssertEqual(result.findings.first?.actions, ["s3:GetObject", "s3:PutObject"])
        XCTAssertLessThan(seconds, 8, "the answer took \(seconds) s of its 10 s")
        // Said honestly: the finding's witness is an ordinary principal of the account (its
        // GetObject), and the action only a service-linked role was shown to reach is named, in
        // the finding and in the answer's explanation.
        let finding = try XCTUnwrap(result.findings.first)
        XCTAssertFalse(finding.witness.principal.isServiceLinkedRole, "\(finding.witness)")
        XCTAssertEqual(finding.serviceLinkedRoleActions, ["s3:PutObject"])
        XCTAssertTrue(result.explanation.contains { $0.hasPrefix("\(otherAccount): s3:PutObject by a service-linked role") },
                      "\(result.explanation)")

        // The hand-worked decisions, on the Authorizer with the RCPs.
        let policies = PolicySet(resourcePolicy: resource.policy, resourceControlPolicies: [[rcp]])
        let object = bucket + "/key"
        let root = Principal.accountRoot(otherAccount)
        let linked = ServiceLinkedRole.session(account: otherAccount)
        func outcome(_ principal: Principal, _ action: String) -> Decision.Outcome {
            Authorizer.evaluate(Request(principal: principal, action: action, resource: object, resourceAccount: ourAccount),
                                policies: policies).outcome
        }
        XCTAssertEqual(outcome(root, "s3:GetObject"), .allow)
        XCTAssertEqual(outcome(root, "s3:PutObject"), .explicitDeny)
        XCTAssertEqual(outcome(.role(arn: "arn:aws:iam::\(otherAccount):role/Partner"), "s3:PutObject"), .explicitDeny)
        XCTAssertEqual(outcome(linked, "s3:PutObject"), .allow)
        XCTAssertTrue(linked.isServiceLinkedRole)
    }

    // The same RCPs under a grant to everyone (`"Principal": "*"`). By hand, as above: anonymous
    // callers and every account's principals get s3:GetObject (public, S3's meaning); s3:PutObject
    // is denied to all of them by the RCP but not to the service-linked roles of any account, which
    // everyone includes: findings of `*` with both actions, PutObject said to be a service-linked
    // role's.
    func testUnderAGrantToEveryoneTheServiceLinkedRolesAreOfAnyAccount() throws {
        let everyone = #"{"Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "\#(bucket)/*"}"#
        let rcp = try XCTUnwrap(policy(document(rcpText), type: .rcp))
        var resource = AnalyzedResource(arn: bucket, type: .s3Bucket, account: ourAccount, policy: try XCTUnwrap(policy(document(everyone))))
        resource.resourceControlPolicies = [[rcp]]
        var options = testOptions
        options.timeoutMilliseconds = 10_000
        let result = ExternalAccessAnalyzer.analyze(resource, zone: ourZone, options: options)
        XCTAssertEqual(result.status, .externalAccess, "\(result.explanation)")
        XCTAssertTrue(result.complete, "\(result.explanation)")
        // Findings of `*` are kept apart, one per round of the enumeration (`FindingEnumerator.merge`):
        // GetObject's (an anonymous witness) and PutObject's (a service-linked role's).
        XCTAssertEqual(Set(result.findings.map(\.principal)), ["*"])
        XCTAssertEqual(Set(result.findings.flatMap(\.actions)), ["s3:GetObject", "s3:PutObject"])
        for finding in result.findings {
            XCTAssertEqual(finding.serviceLinkedRoleActions, finding.actions.contains("s3:PutObject") ? ["s3:PutObject"] : nil,
                           "\(finding.actions): \(finding.witness)")
        }
        XCTAssertTrue(result.explanation.contains { $0.hasPrefix("*: s3:PutObject by a service-linked role of any account") },
                      "\(result.explanation)")
    }
}
