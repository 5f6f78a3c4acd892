@testable import Analysis
import Authorizer
import Encoding
import Foundation
import Policy
import RampartTestSupport
import XCTest
import Z3

/// Issue 17 item 2: `--timeout-ms` bounds a question as a whole (`QuestionBudget`), not only its
/// solver calls; past the bound the answer is UNPROVEN with the reason, never safe. Not timed:
/// the bounds here are far below what any phase takes (1 ms) or already past.
final class QuestionBoundTests: XCTestCase {
    /// The generated policy of `Benchmarks/pathological/make-policies.py`: one statement, 1,000
    /// wildcard S3 action patterns, granted to everyone.
    private func pathological(_ name: String) throws -> AnalyzedResource {
        let url = PackageFiles.root.appendingPathComponent("Benchmarks/pathological/fixtures/\(name)")
        let text = try String(contentsOf: url, encoding: .utf8)
        let parsed = PolicyParser.parse(text: text, source: name, type: .resource)
        return AnalyzedResource(arn: "arn:aws:s3:::rampart-bench-bucket", type: .s3Bucket, account: ourAccount,
                                policy: try XCTUnwrap(parsed.policy))
    }

    /// Everyone may get objects (an unconditioned grant to `*`, hand-read: EXTERNAL_ACCESS with
    /// time), but 1 ms is past before any phase ends: UNPROVEN, the reason naming the bound.
    func testATinyBoundOnManyWildcardsIsUnprovenWithTheReason() throws {
        let resource = try pathological("wildcard-actions-1000.json")
        let result = ExternalAccessAnalyzer.analyze(resource, zone: ourZone, options: AnalysisOptions(timeoutMilliseconds: 1))
        XCTAssertEqual(result.status, .unproven)
        XCTAssertFalse(result.complete)
        XCTAssertTrue(result.explanation.contains { $0.contains(QuestionBoundReached.prefix) }, "\(result.explanation)")
    }

    /// A proof that needs the solver (the screen cannot read an Allow to `*` narrowed by a Deny):
    /// with time, NO_EXTERNAL_ACCESS (hand-worked: the Deny applies to every caller whose
    /// `aws:PrincipalAccount` is not ours — absent for anonymous and service callers, and
    /// `StringNotEquals` is true on an absent key); past the bound, UNPROVEN, never safe.
    func testAProofPastTheBoundIsUnprovenNeverSafe() throws {
        let statements = #"""
        {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "\#(bucket)/*"},
        {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "\#(bucket)/*",
         "Condition": {"StringNotEquals": {"aws:PrincipalAccount": "\#(ourAccount)"}}}
        """#
        XCTAssertEqual(analyze(.s3Bucket, arn: bucket, statements: statements).status, .noExternalAccess)
        let resource = AnalyzedResource(arn: bucket, type: .s3Bucket, account: ourAccount,
                                        policy: policy(document(statements)))
        let bounded = ExternalAccessAnalyzer.analyze(resource, zone: ourZone, options: AnalysisOptions(timeoutMilliseconds: 1))
        XCTAssertEqual(bounded.status, .unproven)
        XCTAssertTrue(bounded.explanation.contains { $0.contains(QuestionBoundReached.prefix) }, "\(bounded.explanation)")
    }

    /// The enumeration with its deadline already past: no solver call, no finding, the reason
    /// names the phase (the candidates are built first and stop at once).
    func testAnEnumerationPastItsDeadlineStopsWithTheReason() throws {
        let resource = try pathological("wildcard-actions-1000-account.json")
        let query = try ExternalAccessQuery(resource: resource, zone: ourZone, context: Z3Context(), catalog: .shipped,
                                            actionClasses: true, resourceClasses: true)
        let past = QuestionBudget(milliseconds: 1, from: .now - .seconds(1))
        XCTAssertThrowsError(try FindingEnumerator(query: query, options: testOptions, budget: past)) { error in
            XCTAssertEqual((error as? QuestionBoundReached)?.phase, "building witness candidates")
        }
    }
}
