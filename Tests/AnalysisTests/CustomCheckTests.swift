import Analysis
import Authorizer
import Policy
import XCTest

/// Custom policy checks, with expectations worked by hand from the policies.
final class CustomCheckTests: XCTestCase {
    let readOnly = document(#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}"#)
    let readWrite = document(#"{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::b/*"}"#)

    func testNoNewAccess() throws {
        let old = try XCTUnwrap(policy(readOnly, type: .identity))
        let new = try XCTUnwrap(policy(readWrite, type: .identity))
        let widened = CustomChecks.noNewAccess(existing: old, new: new, timeoutMilliseconds: 120_000)
        XCTAssertEqual(widened.outcome, .fail)
        let counterexample = try XCTUnwrap(widened.counterexample)
        // The only new access is PutObject on the bucket's objects.
        XCTAssertEqual(counterexample.action, "s3:PutObject")
        XCTAssertTrue(counterexample.resource.hasPrefix("arn:aws:s3:::b/"))
        XCTAssertEqual(Authorizer.evaluate(counterexample, policies: PolicySet(identityPolicies: [new])).outcome, .allow)
        XCTAssertNotEqual(Authorizer.evaluate(counterexample, policies: PolicySet(identityPolicies: [old])).outcome, .allow)
        XCTAssertEqual(CustomChecks.noNewAccess(existing: new, new: old, timeoutMilliseconds: 120_000).outcome, .pass)
        XCTAssertEqual(CustomChecks.noNewAccess(existing: old, new: old, timeoutMilliseconds: 120_000).outcome, .pass)
    }

    // A Deny added to the new policy only narrows access.
    func testAddingADenyIsNoNewAccess() throws {
        let old = try XCTUnwrap(policy(readWrite, type: .identity))
        let new = try XCTUnwrap(policy(document(#"""
            {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::b/*"},
            {"Effect": "Deny", "Action": "s3:PutObject", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
            """#), type: .identity))
        XCTAssertEqual(CustomChecks.noNewAccess(existing: old, new: new, timeoutMilliseconds: 120_000).outcome, .pass)
    }

    func testAccessNotGranted() throws {
        let readWritePolicy = try XCTUnwrap(policy(readWrite, type: .identity))
        XCTAssertEqual(CustomChecks.accessNotGranted(policy: readWritePolicy, actions: ["s3:DeleteObject"], resources: [], timeoutMilliseconds: 120_000).outcome, .pass)
        let granted = CustomChecks.accessNotGranted(policy: readWritePolicy, actions: ["s3:PutObject"], resources: [], timeoutMilliseconds: 120_000)
        XCTAssertEqual(granted.outcome, .fail)
        XCTAssertEqual(granted.counterexample?.action, "s3:PutObject")
        // Action names are case-insensitive; resources compare exactly.
        XCTAssertEqual(CustomChecks.accessNotGranted(policy: readWritePolicy, actions: ["S3:PUTOBJECT"], resources: ["arn:aws:s3:::b/key"], timeoutMilliseconds: 120_000).outcome, .fail)
        XCTAssertEqual(CustomChecks.accessNotGranted(policy: readWritePolicy, actions: ["s3:PutObject"], resources: ["arn:aws:s3:::other/key"], timeoutMilliseconds: 120_000).outcome, .pass)
    }

    func testNoPublicAccess() throws {
        let open = try XCTUnwrap(policy(document(#"{"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "*"}"#)))
        XCTAssertEqual(CustomChecks.noPublicAccess(policy: open, type: .sqsQueue, resourceArn: nil, options: testOptions).outcome, .fail)
        let orgOnly = try XCTUnwrap(policy(document(#"""
            {"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}
            """#)))
        XCTAssertEqual(CustomChecks.noPublicAccess(policy: orgOnly, type: .sqsQueue, resourceArn: nil, options: testOptions).outcome, .pass)
    }
}
