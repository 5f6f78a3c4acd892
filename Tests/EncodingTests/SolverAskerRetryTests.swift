import Authorizer
@testable import Encoding
import Policy
import XCTest
import Z3

/// Issue 17 item 5: an `unknown` of the shared (incremental) solver is asked again, once, of a new
/// preprocessing solver; when that is `unknown` too, the answer stays `unknown` (UNPROVEN), and a
/// question past its time bound (`QuestionBudget`) is `unknown` without asking. The shared
/// solver's `unknown` is forced by the test hook (`simulatedUnknown`), since which Z3 gives up
/// where depends on its version. Expectations from the one-statement policy below, read by hand:
/// anyone may get objects of bucket `b`, nothing else.
final class SolverAskerRetryTests: XCTestCase {
    private func compile() throws -> SymbolicAuthorization {
        let text = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#
        let result = PolicyParser.parse(text: text, source: "p.json", type: .resource)
        return try EvaluationCompiler.compile(PolicySet(resourcePolicy: try XCTUnwrap(result.policy)),
                                              resourceAccount: "111122223333", in: try Z3Context())
    }

    /// Free questions on the shared solver (`freshSearches: false`), in full only.
    private func options(unknownFrom solvers: Set<String>, retry: Bool = true) -> SolverAskingOptions {
        var options = SolverAskingOptions(timeoutMilliseconds: 10_000, freshSearches: false, retryUnknownInFreshSolver: retry)
        options.simulatedUnknown = { solvers.contains($0) }
        return options
    }

    /// A user of account 444455556666 getting an object: allowed (SAT); putting one: not (UNSAT).
    private func questions(_ authorization: SymbolicAuthorization) throws -> (get: SolverQuestion, put: SolverQuestion) {
        let context = authorization.request.context
        let request = authorization.request
        let caller = [try request.principal.isKind(.iamUser), try request.principal.account.equals(context.string("444455556666"))]
        return (SolverQuestion([authorization.allowed] + caller + [try request.action.equals(context.string("s3:getobject"))], purpose: "get"),
                SolverQuestion([authorization.allowed] + caller + [try request.action.equals(context.string("s3:putobject"))], purpose: "put"))
    }

    func testUnknownOfTheSharedSolverIsAnsweredByAFreshPreprocessingSolver() throws {
        let authorization = try compile()
        let asker = SolverAsker(authorization: authorization, options: options(unknownFrom: ["shared"]))
        let (get, put) = try questions(authorization)
        var decoded: Request?
        XCTAssertTrue(try asker.ask(get) { decoded = try authorization.decode($0) }.isSat)
        XCTAssertEqual(decoded?.principal.account, "444455556666")
        XCTAssertEqual(decoded?.action.lowercased(), "s3:getobject")
        XCTAssertTrue(try asker.ask(put).isUnsat)
        XCTAssertEqual(asker.calls, 4, "each question: the shared try, then the retry")
    }

    func testBothUnknownStaysUnknown() throws {
        let authorization = try compile()
        let asker = SolverAsker(authorization: authorization, options: options(unknownFrom: ["shared", "fresh preprocessed"]))
        let (get, put) = try questions(authorization)
        XCTAssertTrue(try asker.ask(get).isUnknown)
        XCTAssertTrue(try asker.ask(put).isUnknown, "never UNSAT (safe) when no solver answered")
        XCTAssertEqual(asker.calls, 4)
    }

    func testWithoutTheRetryTheSharedUnknownStands() throws {
        let authorization = try compile()
        let asker = SolverAsker(authorization: authorization, options: options(unknownFrom: ["shared"], retry: false))
        XCTAssertTrue(try asker.ask(try questions(authorization).put).isUnknown)
        XCTAssertEqual(asker.calls, 1)
    }

    /// Past the question's deadline no solver is asked, and the answer names the bound.
    func testPastTheQuestionsBudgetTheAnswerIsUnknownWithTheReason() throws {
        let authorization = try compile()
        let asker = SolverAsker(authorization: authorization, options: options(unknownFrom: []))
        asker.budget = QuestionBudget(milliseconds: 1, from: .now - .seconds(1))
        guard case .unknown(let reason) = try asker.ask(try questions(authorization).put) else { return XCTFail("expected unknown") }
        XCTAssertEqual(reason, "time bound reached in solving")
        XCTAssertEqual(asker.calls, 0)
    }

    /// The budget's arithmetic: what is left is capped by the call's own timeout, and is 0 past it.
    func testQuestionBudgetRemaining() throws {
        let now = ContinuousClock.now
        XCTAssertEqual(QuestionBudget(milliseconds: 1_000, from: now - .seconds(2)).remainingMilliseconds(capped: 500), 0)
        XCTAssertTrue(QuestionBudget(milliseconds: 1_000, from: now - .seconds(2)).isExhausted)
        XCTAssertEqual(QuestionBudget(milliseconds: 60_000, from: now).remainingMilliseconds(capped: 500), 500)
        XCTAssertEqual(QuestionBudget.unbounded.remainingMilliseconds(capped: 700), 700)
        XCTAssertThrowsError(try QuestionBudget(milliseconds: 1, from: now - .seconds(1)).check(in: "building action classes")) { error in
            XCTAssertEqual((error as? QuestionBoundReached)?.description, "time bound reached in building action classes")
        }
    }
}
