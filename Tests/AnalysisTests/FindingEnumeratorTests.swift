@testable import Analysis
import Authorizer
import Policy
import XCTest
import Z3

/// The finding enumeration on small policies whose findings are worked out by hand: one finding
/// per principal class with the actions of its statements (IAM User Guide, "Policy evaluation
/// logic": each statement grants its principals its actions), what everyone gets listed under
/// `*` only, and a stop at the maximum number of findings that is reported as incomplete (an
/// enumeration stopped by a cap is never a complete answer: DESIGN §4.6).
final class FindingEnumeratorTests: XCTestCase {
    private let key = "arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

    /// The enumerator's own outcome (with the explorer, to read the shortcut's condition).
    private func enumerate(_ type: ResourceType, arn: String, statements: String, maximumFindings: Int = 64) throws
        -> (outcome: FindingEnumerator.Outcome, actionReadOnlyByPatterns: Bool) {
        let parsed = try XCTUnwrap(policy(document(statements), type: type.policyType))
        let resource = AnalyzedResource(arn: arn, type: type, account: ourAccount, policy: parsed)
        var options = testOptions
        options.maximumFindings = maximumFindings
        let query = try ExternalAccessQuery(resource: resource, zone: ourZone, context: try Z3Context(),
                                            catalog: options.catalog, actionClasses: options.actionClasses, resourceClasses: options.resourceClasses)
        let enumerator = try FindingEnumerator(query: query, options: options)
        let outcome = try enumerator.enumerate()
        return (outcome, ActionClassExplorer(search: enumerator).actionReadOnlyByPatterns)
    }

    /// (principal, kind, actions, public) of each finding, sorted by principal.
    private func summary(_ findings: [ExternalAccessFinding]) -> [String] {
        findings.map { "\($0.principal) \($0.principalKind.rawValue) \($0.actions.joined(separator: ",")) public=\($0.isPublic)" }.sorted()
    }

    /// Two outside accounts, each named by its own statement with its own action: two findings,
    /// each with its statement's action and nothing else (the policy's action patterns are
    /// exactly `s3:GetObject` and `s3:ListBucket`, so each class holds one catalog action).
    private let twoAccounts = #"""
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"},
        {"Effect": "Allow", "Principal": {"AWS": "777788889999"}, "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket"}
        """#

    func testOneFindingPerNamedAccountWithItsStatementsActions() throws {
        let (outcome, _) = try enumerate(.s3Bucket, arn: bucket, statements: twoAccounts)
        XCTAssertEqual(summary(outcome.findings), ["444455556666 Account s3:GetObject public=false",
                                                   "777788889999 Account s3:ListBucket public=false"])
        XCTAssertFalse(outcome.truncated)
        XCTAssertNil(outcome.unknownReason)
    }

    /// At the cap the enumeration stops, says so, and the analysis is incomplete (not a proof
    /// that the second account has no access).
    func testStopsAtTheMaximumNumberOfFindings() throws {
        let (outcome, _) = try enumerate(.s3Bucket, arn: bucket, statements: twoAccounts, maximumFindings: 1)
        XCTAssertEqual(outcome.findings.count, 1)
        XCTAssertTrue(outcome.truncated)
        let expected = ["444455556666 Account s3:GetObject public=false", "777788889999 Account s3:ListBucket public=false"]
        XCTAssertTrue(summary(outcome.findings).allSatisfy(expected.contains), "\(summary(outcome.findings))")

        var options = testOptions
        options.maximumFindings = 1
        let resource = AnalyzedResource(arn: bucket, type: .s3Bucket, account: ourAccount,
                                        policy: policy(document(twoAccounts), type: .resource))
        let result = ExternalAccessAnalyzer.analyze(resource, zone: ourZone, options: options)
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertEqual(result.findings.count, 1)
        XCTAssertFalse(result.complete)

        // At the cap the loop stops before asking whether anything is left: two findings under a
        // cap of two are all there is, but unproven to be; a cap of three lets the last UNSAT in.
        options.maximumFindings = 2
        let capped = ExternalAccessAnalyzer.analyze(resource, zone: ourZone, options: options)
        XCTAssertEqual(summary(capped.findings), expected)
        XCTAssertFalse(capped.complete)
        options.maximumFindings = 3
        let whole = ExternalAccessAnalyzer.analyze(resource, zone: ourZone, options: options)
        XCTAssertEqual(summary(whole.findings), expected)
        XCTAssertTrue(whole.complete)
    }

    /// Everyone may read objects (S3 User Guide, "The meaning of public": `Principal: *` without
    /// conditions is public); one account may also write them. The read is everyone's, listed
    /// once under `*`; the account's finding lists only what it gets beyond that.
    func testWhatEveryoneGetsIsListedUnderEveryoneOnly() throws {
        let statements = #"""
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"},
            {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}
            """#
        let (outcome, _) = try enumerate(.s3Bucket, arn: bucket, statements: statements)
        XCTAssertEqual(summary(outcome.findings), ["* Everyone s3:GetObject public=true",
                                                   "444455556666 Account s3:PutObject public=false"])
        XCTAssertFalse(outcome.truncated)
    }

    /// A key shared with another account for encryption and decryption (AWS KMS Developer Guide,
    /// "Allowing users in other accounts to use a KMS key"): one finding, the account, with both
    /// actions. Nothing but `Action` patterns reads the action, so the explorer may accept the
    /// second action class on the Authorizer's word.
    func testKeySharedWithAnAccountMayTakeTheActionShortcut() throws {
        let (outcome, patternsOnly) = try enumerate(.kmsKey, arn: key, statements: #"""
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": ["kms:Encrypt", "kms:Decrypt"], "Resource": "*"}
            """#)
        XCTAssertTrue(patternsOnly)
        XCTAssertEqual(summary(outcome.findings), ["444455556666 Account kms:Decrypt,kms:Encrypt public=false"])
    }

    /// The same grant confined by `kms:CallerAccount` (AWS KMS Developer Guide, "kms:CallerAccount":
    /// the account of the caller, on KMS requests). The encoding derives the key only on `kms:*`
    /// actions, so something other than the `Action` patterns reads the action: the explorer pins
    /// each further action class instead, and finds the same finding.
    func testAConditionOnCallerAccountTurnsTheActionShortcutOff() throws {
        let (outcome, patternsOnly) = try enumerate(.kmsKey, arn: key, statements: #"""
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": ["kms:Encrypt", "kms:Decrypt"], "Resource": "*",
             "Condition": {"StringEquals": {"kms:CallerAccount": "444455556666"}}}
            """#)
        XCTAssertFalse(patternsOnly)
        XCTAssertEqual(summary(outcome.findings), ["444455556666 Account kms:Decrypt,kms:Encrypt public=false"])
    }
}
