@testable import Analysis
import Authorizer
import Encoding
import Policy
import RampartTestSupport
import XCTest

/// `ReachAnswers`: members of one class of callers share an answer only when nothing in the
/// question can tell them apart. Each expectation is worked by hand from the IAM User Guide
/// ("AWS JSON policy elements: Principal"; "AWS global condition context keys": aws:PrincipalTag,
/// aws:PrincipalArn; "IAM policy elements: Variables and tags"), and each answer is also checked
/// against the member's own question put to `PrincipalReach` directly.
final class ReachAnswersTests: XCTestCase {
    private func user(_ name: String, tags: [String: String] = [:]) -> PrincipalPin {
        var principal = Principal.user(arn: "arn:aws:iam::111122223333:user/\(name)")
        principal.userID = "AIDA\(name.uppercased())EXAMPLE"
        principal.tags = tags
        principal.orgID = "o-exampleorgid"
        return PrincipalPin(principal)
    }

    private func session(_ name: String) -> PrincipalPin {
        var principal = Principal.assumedRole(roleArn: "arn:aws:iam::111122223333:role/\(name)", sessionName: "session")
        principal.userID = "AROA\(name.uppercased())EXAMPLE"
        principal.orgID = "o-exampleorgid"
        return PrincipalPin(principal, anySessionName: true)
    }

    private let assumeAny = #"{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}"#
    private let data = "arn:aws:iam::111122223333:role/Data"

    private func assume(_ caller: PrincipalPin, trust: String) -> ReachQuestion {
        let policies = PolicySet(identityPolicies: [policy(document(assumeAny), type: .identity)].compactMap { $0 },
                                 resourcePolicy: policy(document(trust), type: .trust))
        return ReachQuestion(caller: caller, policies: policies, resourceType: .iamRole, resourceARN: data,
                             resourceAccount: ourAccount, actions: ["sts:AssumeRole"])
    }

    private func reachable(_ answer: ReachAnswer) -> Bool? {
        switch answer {
        case .reachable: return true
        case .unreachable: return false
        case .unproven: return nil
        }
    }

    /// Asks each question through one cache (every caller of class "users") and directly; both
    /// must give the expected answers.
    private func check(_ questions: [(ReachQuestion, Bool)], callerClass: String = "users", file: StaticString = #filePath,
                       line: UInt = #line) -> ReachAnswers {
        let answers = ReachAnswers()
        for (question, expected) in questions {
            let name = question.caller.principal.arn ?? ""
            let shared = answers.ask(question, callerClass: callerClass, timeoutMilliseconds: 60_000)
            XCTAssertEqual(reachable(shared), expected, "\(name) through the cache", file: file, line: line)
            XCTAssertEqual(reachable(PrincipalReach.ask(question, timeoutMilliseconds: 60_000)), expected, "\(name) asked alone",
                           file: file, line: line)
            if case .reachable(let witness) = shared {
                let own = question.caller.principal
                XCTAssertEqual(witness.principal.roleArn ?? witness.principal.arn, own.roleArn ?? own.arn, "a moved witness names its member",
                               file: file, line: line)
                XCTAssertEqual(Authorizer.evaluate(witness, policies: question.policies).outcome, .allow, file: file, line: line)
            }
        }
        return answers
    }

    // A trust naming one user's ARN opens the hop for that user alone: it is asked on its own;
    // the others share one (closed) answer.
    func testATrustNamingOneUserSplitsItFromItsClass() {
        let trust = #"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "sts:AssumeRole"}"#
        let answers = check([(assume(user("alice"), trust: trust), true), (assume(user("bob"), trust: trust), false),
                             (assume(user("carol"), trust: trust), false)])
        XCTAssertEqual(answers.asked, 2)
        XCTAssertEqual(answers.reused, 1)
    }

    // A trust of the account under aws:PrincipalTag/team = red: members with the tag share an
    // answer (the witness moved to each), a member without it is asked apart.
    func testAPrincipalTagConditionSplitsByTags() {
        let trust = #"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "red"}}}"#
        let answers = check([(assume(user("alice", tags: ["team": "red"]), trust: trust), true),
                             (assume(user("bob", tags: ["team": "blue"]), trust: trust), false),
                             (assume(user("carol", tags: ["team": "red"]), trust: trust), true)])
        XCTAssertEqual(answers.asked, 2)
        XCTAssertEqual(answers.reused, 1)
    }

    // aws:PrincipalArn and policy variables read the caller's own identity: every member is asked.
    func testIdentityKeysAndVariablesAskEachMember() {
        let trust = #"{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole", "Condition": {"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:user/alice"}}}"#
        let byArn = check([(assume(user("alice"), trust: trust), true), (assume(user("bob"), trust: trust), false),
                           (assume(user("carol"), trust: trust), false)])
        XCTAssertEqual(byArn.asked, 3)
        // Within one account the identity policy suffices; its Resource names the caller's own prefix.
        let own = #"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*"}"#
        func read(_ caller: PrincipalPin) -> ReachQuestion {
            ReachQuestion(caller: caller, policies: PolicySet(identityPolicies: [policy(document(own), type: .identity)].compactMap { $0 }),
                          resourceType: .s3Bucket, resourceARN: "arn:aws:s3:::amzn-s3-demo-bucket", resourceAccount: ourAccount,
                          actions: ["s3:GetObject"])
        }
        let answers = ReachAnswers()
        for name in ["alice", "bob"] {
            guard case .reachable(let witness) = answers.ask(read(user(name)), callerClass: "users", timeoutMilliseconds: 60_000) else {
                return XCTFail("\(name) reads its own home prefix")
            }
            XCTAssertTrue(witness.resource.hasPrefix("arn:aws:s3:::amzn-s3-demo-bucket/home/\(name)/"), witness.resource)
        }
        XCTAssertEqual(answers.asked, 2)
    }

    // Sessions of two roles with the same policies: the second's answer is the first's witness
    // moved to it (its role, its session's ARN and aws:userid), replayed.
    func testRoleSessionsShareAMovedWitness() {
        let trust = #"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}"#
        let answers = check([(assume(session("Etl"), trust: trust), true), (assume(session("Load"), trust: trust), true)],
                            callerClass: "sessions")
        XCTAssertEqual(answers.asked, 1)
        XCTAssertEqual(answers.reused, 1)
        guard case .reachable(let witness) = answers.ask(assume(session("Load"), trust: trust), callerClass: "sessions", timeoutMilliseconds: 60_000)
        else { return XCTFail("Load's sessions may assume Data") }
        XCTAssertEqual(witness.principal.roleArn, "arn:aws:iam::111122223333:role/Load")
        XCTAssertEqual(witness.principal.arn?.hasPrefix("arn:aws:sts::111122223333:assumed-role/Load/"), true)
        XCTAssertEqual(witness.principal.userID?.hasPrefix("AROALOADEXAMPLE:"), true)
    }

    // With `keepsMovedAnswers` (who-can), the witness moved to Load is kept under Load's own
    // key: asked again, the same request comes back without another move; without it, a class
    // answer is held once (Etl's question under the class and Etl, nothing for Load).
    func testAMovedWitnessIsKeptForItsMemberWhenAsked() {
        let trust = #"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}"#
        for keeps in [false, true] {
            let answers = ReachAnswers(keepsMovedAnswers: keeps)
            _ = answers.ask(assume(session("Etl"), trust: trust), callerClass: "sessions", timeoutMilliseconds: 60_000)
            let first = answers.ask(assume(session("Load"), trust: trust), callerClass: "sessions", timeoutMilliseconds: 60_000)
            let again = answers.ask(assume(session("Load"), trust: trust), callerClass: "sessions", timeoutMilliseconds: 60_000)
            guard case .reachable(let witness) = first, case .reachable(let repeated) = again else { return XCTFail("Load may assume Data") }
            XCTAssertEqual(witness, repeated)
            XCTAssertEqual(witness.principal.roleArn, "arn:aws:iam::111122223333:role/Load")
            XCTAssertEqual(answers.asked, 1)
            XCTAssertEqual(answers.reused, 2)
            XCTAssertEqual(answers.held, keeps ? 3 : 2, "keeps: \(keeps)")
        }
    }

    // A role asking about itself is never answered for its class.
    func testARoleAskingAboutItselfIsAskedAlone() {
        let trust = #"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}"#
        let answers = ReachAnswers()
        _ = answers.ask(assume(session("Etl"), trust: trust), callerClass: "sessions", timeoutMilliseconds: 60_000)
        _ = answers.ask(assume(session("Data"), trust: trust), callerClass: "sessions", timeoutMilliseconds: 60_000)
        XCTAssertEqual(answers.asked, 2)
    }

    /// Generated questions over four users of one class (same identity policy, tags drawn at
    /// random): the answer through one shared cache is, for every member, the verdict of the
    /// member's own question asked alone — whatever the trust names or reads.
    func testClassAnswersAgreeWithEachMembersOwnOnGeneratedPolicies() {
        var random = SeededGenerator(seed: 0xC1A55)
        let members = ["alice", "bob", "carol", "dave"]
        let principals = [#""*""#, #"{"AWS": "111122223333"}"#, #"{"AWS": "arn:aws:iam::111122223333:root"}"#,
                          #"{"AWS": "arn:aws:iam::111122223333:user/alice"}"#, #"{"AWS": "arn:aws:iam::111122223333:user/carol"}"#,
                          #"{"AWS": "arn:aws:iam::444455556666:root"}"#]
        let conditions = ["", "", #", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "red"}}"#,
                          #", "Condition": {"StringLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:user/b*"}}"#,
                          #", "Condition": {"StringEquals": {"aws:username": "dave"}}"#,
                          #", "Condition": {"StringEquals": {"aws:PrincipalAccount": "111122223333"}}"#]
        let identities = [assumeAny, #"{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111122223333:role/D*"}"#,
                          #"{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}"#]
        var shared = 0, open = 0
        for _ in 0..<30 {
            var trust: [String] = []
            for _ in 0..<random.int(1...2) {
                let effect = random.chance(0.2) ? "Deny" : "Allow"
                trust.append(#"{"Effect": "\#(effect)", "Principal": \#(random.pick(principals)), "Action": "sts:AssumeRole"\#(random.pick(conditions))}"#)
            }
            let identity = policy(document(random.pick(identities)), type: .identity)
            let trustPolicy = policy(document(trust.joined(separator: ",")), type: .trust)
            let answers = ReachAnswers()
            for name in members {
                let caller = user(name, tags: random.chance(0.5) ? ["team": "red"] : [:])
                let question = ReachQuestion(caller: caller, policies: PolicySet(identityPolicies: [identity].compactMap { $0 }, resourcePolicy: trustPolicy),
                                             resourceType: .iamRole, resourceARN: data, resourceAccount: ourAccount, actions: ["sts:AssumeRole"])
                let before = answers.reused
                let viaClass = reachable(answers.ask(question, callerClass: "users", timeoutMilliseconds: 60_000))
                let alone = reachable(PrincipalReach.ask(question, timeoutMilliseconds: 60_000))
                XCTAssertNotNil(alone)
                XCTAssertEqual(viaClass, alone, "\(name) under \(trust)")
                if answers.reused > before { shared += 1 }
                if alone == true { open += 1 }
            }
        }
        XCTAssertGreaterThan(shared, 20, "the generator must produce shared answers")
        XCTAssertGreaterThan(open, 10, "the generator must produce open hops")
    }
}
