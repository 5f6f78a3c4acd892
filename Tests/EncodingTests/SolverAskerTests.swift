import Authorizer
@testable import Encoding
import Policy
import XCTest
import Z3

/// The asker adds the request's well-formedness itself, whatever the question reads and in
/// whatever order its terms were built; pins leave no trace; tracked assertions give cores; and
/// what reads the action is recorded. Expectations from the IAM User Guide ("IAM identifiers":
/// account ids are twelve digits) and from the one-statement policy below, read by hand.
final class SolverAskerTests: XCTestCase {
    /// Anyone may get objects of bucket `b`, nothing else.
    private func compile(_ statement: String) throws -> SymbolicAuthorization {
        let result = PolicyParser.parse(text: #"{"Version": "2012-10-17", "Statement": [\#(statement)]}"#, source: "p.json", type: .resource)
        return try EvaluationCompiler.compile(PolicySet(resourcePolicy: try XCTUnwrap(result.policy)),
                                              resourceAccount: "111122223333", in: try Z3Context())
    }

    private let getObject = #"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}"#

    /// A caller whose account is "12" is no caller at all: UNSAT, because the asker asserts the
    /// account's form after the question read the account. Asked without the alphabets first, the
    /// model with account "12" is refused and the full question decides.
    func testWellFormednessIsAddedAfterTheQuestion() throws {
        for relaxed in [false, true] {
            let authorization = try compile(getObject)
            let context = authorization.request.context
            let p = authorization.request.principal
            let asker = SolverAsker(authorization: authorization,
                                    options: SolverAskingOptions(relaxedAlphabets: relaxed, firstTryBudget: relaxed ? 100_000 : 0))
            let question = SolverQuestion([authorization.allowed, try p.isKind(.iamUser), try p.account.equals(context.string("12"))],
                                          purpose: "short account")
            XCTAssertTrue(try asker.ask(question).isUnsat, "relaxed: \(relaxed)")
            let twelve = SolverQuestion([authorization.allowed, try p.isKind(.iamUser), try p.account.equals(context.string("444455556666"))],
                                        purpose: "account")
            var decoded: Request?
            XCTAssertTrue(try asker.ask(twelve) { decoded = try authorization.decode($0) }.isSat)
            XCTAssertEqual(decoded?.principal.account, "444455556666")
            XCTAssertEqual(decoded?.action.lowercased(), "s3:getobject")
        }
    }

    /// A pinned question answers for the pinned request (allowed: a GetObject of an object; not
    /// allowed: a PutObject) and forgets the principal fields its pin read.
    func testPinnedQuestionsAnswerForTheRequestAndLeaveNoTrace() throws {
        let authorization = try compile(getObject)
        let principal = authorization.request.principal
        let asker = SolverAsker(authorization: authorization, options: SolverAskingOptions(relaxedAlphabets: true))
        let before = principal.usedFields
        let role = Principal.role(arn: "arn:aws:iam::444455556666:role/division/Reader")
        let get = Request(principal: role, action: "s3:GetObject", resource: "arn:aws:s3:::b/key", resourceAccount: "111122223333")
        var put = get
        put.action = "s3:PutObject"
        let question = SolverQuestion([authorization.allowed], purpose: "allowed")
        XCTAssertTrue(try asker.ask(question.pinned(to: get)).isSat)
        XCTAssertTrue(try asker.ask(question.pinned(to: put)).isUnsat)
        XCTAssertEqual(principal.usedFields, before)
    }

    /// Tracked assertions name the core: for an anonymous caller (no identity policy of its own:
    /// only the resource policy can allow it), "allowed" and "put" contradict (the policy allows
    /// only GetObject), and the core holds both, on every try of the sequence.
    func testTrackedAssertionsGiveTheCore() throws {
        for relaxed in [false, true] {
            let authorization = try compile(getObject)
            let context = authorization.request.context
            let asker = SolverAsker(authorization: authorization,
                                    options: SolverAskingOptions(relaxedAlphabets: relaxed, firstTryBudget: relaxed ? 100_000 : 0))
            let question = SolverQuestion([try authorization.request.principal.isKind(.anonymous)], tracked: [
                (label: "allowed", formula: authorization.allowed),
                (label: "put", formula: try authorization.request.action.equals(context.string("s3:putobject"))),
            ], purpose: "core")
            guard case .unsat(let core) = try asker.ask(question) else { return XCTFail("expected UNSAT") }
            XCTAssertEqual(Set(core), ["allowed", "put"], "relaxed: \(relaxed)")
            XCTAssertGreaterThan(asker.calls, 0)
        }
    }

    /// What reads the action: the statement's pattern; a question's own pattern; the string
    /// itself; and `kms:CallerAccount`, which exists only on `kms:*` requests (AWS KMS Developer
    /// Guide, "kms:CallerAccount"), so the encoding tests `kms:*` for it.
    func testReadsOfTheActionAreRecorded() throws {
        let authorization = try compile(getObject)
        XCTAssertEqual(authorization.actionReads, [.statementPattern("s3:getobject")])
        _ = try authorization.actionMatches("s3:*")
        XCTAssertEqual(authorization.actionReads, [.statementPattern("s3:getobject"), .questionPattern("s3:*")])
        _ = authorization.request.action
        XCTAssertTrue(authorization.actionReads.contains(.string))

        let callerAccount = try compile(#"""
            {"Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringEquals": {"kms:CallerAccount": "444455556666"}}}
            """#)
        XCTAssertEqual(callerAccount.actionReads, [.statementPattern("kms:decrypt"), .derivedKey("kms:CallerAccount")])
    }
}
