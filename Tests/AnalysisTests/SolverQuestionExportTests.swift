import Analysis
import Authorizer
import Encoding
import Policy
import XCTest
import Z3

/// The SMT-LIB2 export of every solver call (`SolverQuestionRecorder`, `rampart-bench
/// --export-smt`): each recorded file, read back by Debian's Z3 through the C API in a new
/// context, has the status Rampart's answer gave it; expectations are worked from the policies.
final class SolverQuestionExportTests: XCTestCase {
    /// Anyone may read the bucket's objects (AWS IAM User Guide, "Principal": `"*"` is everyone).
    let publicRead = #"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}"#
    /// Only the bucket's own account: no one outside it.
    let ownAccountOnly = #"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}"#

    /// The solver alone (no screen, no candidate witnesses), so the questions reach the solver.
    var solverOptions: AnalysisOptions { AnalysisOptions.solverOnly(timeoutMilliseconds: 120_000) }

    func recordedAnalysis(_ statements: String) throws -> (ExternalAccessResult, [RecordedSolverQuestion]) {
        let resource = AnalyzedResource(arn: bucket, type: .s3Bucket, account: ourAccount,
                                        policy: try XCTUnwrap(policy(document(statements))))
        let recorder = SolverQuestionRecorder()
        var options = solverOptions
        options.recorder = recorder
        return (ExternalAccessAnalyzer.analyze(resource, zone: ourZone, options: options), recorder.questions)
    }

    /// Reads `text` into a new context's solver, as the product builds solvers, and checks it.
    func readBack(_ text: String) throws -> Z3BenchmarkStatus {
        let context = try Z3Context()
        let solver = try Z3Solver(context: context, timeoutMilliseconds: 120_000)
        try solver.assert(smtlib: text)
        return Z3BenchmarkStatus(try solver.check())
    }

    func assertReadBackAgrees(_ questions: [RecordedSolverQuestion], file: StaticString = #filePath, line: UInt = #line) throws {
        for question in questions {
            XCTAssertTrue(question.smtlib.contains("(set-info :status \(question.status.rawValue))"),
                          "question \(question.ordinal) lacks its status line", file: file, line: line)
            XCTAssertTrue(question.smtlib.contains("(check-sat)"), file: file, line: line)
            guard question.status != .unknown else { continue }
            XCTAssertEqual(try readBack(question.smtlib), question.status,
                           "question \(question.ordinal) (\(question.purpose), \(question.attempt)) read back differs",
                           file: file, line: line)
        }
    }

    func testPublicBucketExportsASatisfiableFirstFindingAndAnUnsatisfiableLastOne() throws {
        let (result, questions) = try recordedAnalysis(publicRead)
        XCTAssertEqual(result.status, .externalAccess)
        let findings = questions.filter { $0.purpose == "next finding" }
        // The first search finds the public read; the enumeration ends when nothing more is found.
        XCTAssertEqual(findings.first?.status, .sat)
        XCTAssertEqual(findings.last?.status, .unsat)
        XCTAssertEqual(questions.map(\.ordinal), Array(1...questions.count))
        try assertReadBackAgrees(questions)
    }

    func testOwnAccountOnlyExportsAnUnsatisfiableQuestionAndItsExplanation() throws {
        let (result, questions) = try recordedAnalysis(ownAccountOnly)
        XCTAssertEqual(result.status, .noExternalAccess)
        let findings = questions.filter { $0.purpose == "next finding" }
        XCTAssertFalse(findings.isEmpty)
        XCTAssertTrue(findings.allSatisfy { $0.status == .unsat }, "\(findings.map(\.status))")
        // The proof's explanation (an unsat core over tracked statements) is exported as well,
        // its tracked assertions as plain ones: still unsat.
        let explanations = questions.filter { $0.purpose == "explanation" }
        XCTAssertFalse(explanations.isEmpty)
        XCTAssertTrue(explanations.allSatisfy { $0.status == .unsat }, "\(explanations.map(\.status))")
        try assertReadBackAgrees(questions)
    }

    func testCustomChecksAreExported() throws {
        let readWrite = try XCTUnwrap(policy(document(#"{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::b/*"}"#),
                                             type: .identity))
        let granted = SolverQuestionRecorder(), notGranted = SolverQuestionRecorder()
        XCTAssertEqual(CustomChecks.accessNotGranted(policy: readWrite, actions: ["s3:PutObject"], resources: [],
                                                     timeoutMilliseconds: 120_000, recorder: granted).outcome, .fail)
        XCTAssertEqual(CustomChecks.accessNotGranted(policy: readWrite, actions: ["s3:DeleteObject"], resources: [],
                                                     timeoutMilliseconds: 120_000, recorder: notGranted).outcome, .pass)
        XCTAssertEqual(granted.questions.map(\.status), [.sat])
        XCTAssertEqual(notGranted.questions.map(\.status), [.unsat])
        XCTAssertEqual(granted.questions.first?.purpose, "custom check")
        try assertReadBackAgrees(granted.questions + notGranted.questions)
    }

    /// Two exports of the same analysis are the same files (so two exports diff cleanly), and
    /// recording changes no answer.
    func testExportIsDeterministicAndChangesNoAnswer() throws {
        let (first, questionsA) = try recordedAnalysis(publicRead)
        let (_, questionsB) = try recordedAnalysis(publicRead)
        XCTAssertEqual(questionsA.map(\.smtlib), questionsB.map(\.smtlib))
        XCTAssertEqual(questionsA.map(\.purpose), questionsB.map(\.purpose))
        XCTAssertNil(AnalysisOptions().recorder)
        let resource = AnalyzedResource(arn: bucket, type: .s3Bucket, account: ourAccount, policy: try XCTUnwrap(policy(document(publicRead))))
        let unrecorded = ExternalAccessAnalyzer.analyze(resource, zone: ourZone, options: solverOptions)
        XCTAssertEqual(unrecorded.status, first.status)
        XCTAssertEqual(unrecorded.externalPrincipals, first.externalPrincipals)
        XCTAssertEqual(unrecorded.findings.map(\.actions), first.findings.map(\.actions))
    }

    /// With a resource limit (`rampart-bench --export-rlimit`), every recorded call is bounded by
    /// Z3's deterministic count: a limit of 1 leaves the solver no room to answer, so the call is
    /// `unknown` — the limit is applied — and the check is not passed on that account. With a
    /// generous limit the answers are those of the unbounded recorder.
    func testResourceLimitBoundsEveryRecordedCall() throws {
        let readWrite = try XCTUnwrap(policy(document(#"{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::b/*"}"#),
                                             type: .identity))
        let starved = SolverQuestionRecorder(resourceLimit: 1)
        let outcome = CustomChecks.accessNotGranted(policy: readWrite, actions: ["s3:DeleteObject"], resources: [],
                                                    timeoutMilliseconds: 120_000, recorder: starved).outcome
        XCTAssertNotEqual(outcome, .pass, "a check the solver could not finish is never passed")
        XCTAssertFalse(starved.questions.isEmpty)
        XCTAssertTrue(starved.questions.allSatisfy { $0.status == .unknown }, "\(starved.questions.map(\.status))")
        let generous = SolverQuestionRecorder(resourceLimit: 50_000_000)
        XCTAssertEqual(CustomChecks.accessNotGranted(policy: readWrite, actions: ["s3:DeleteObject"], resources: [],
                                                     timeoutMilliseconds: 120_000, recorder: generous).outcome, .pass)
        XCTAssertEqual(generous.questions.map(\.status), [.unsat])
    }
}
