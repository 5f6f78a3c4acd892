@testable import Analysis
import Authorizer
import Encoding
import Policy
import RampartTestSupport
import XCTest

/// `ReachCandidates` may skip a target only when `ReachScreen` closes the hop to it: hand-worked
/// cases from the screen's rules (IAM User Guide, "AWS JSON policy elements: Principal", "Policy
/// evaluation logic"), then every (caller, target) pair of generated snapshots against the screen.
final class ReachCandidatesTests: XCTestCase {
    private let alice = ReachTestCallers.alice
    private let etl = ReachTestCallers.etl

    private var aliceUser: PrincipalPin { ReachTestCallers.aliceUser }
    private var etlSession: PrincipalPin { ReachTestCallers.etlSession }

    private func role(_ name: String, account: String = ourAccount, trusting principal: String?) -> ReachCandidates.Target {
        let trust = principal.flatMap {
            policy(document(#"{"Effect": "Allow", "Principal": \#($0), "Action": "sts:AssumeRole"}"#), type: .trust)
        }
        return ReachCandidates.Target(resourceType: .iamRole, arn: "arn:aws:iam::\(account):role/\(name)",
                                      policies: PolicySet(resourcePolicy: trust), actions: ["sts:AssumeRole"], account: account)
    }

    private func bucket(_ name: String, policy text: String? = nil, account: String? = ourAccount) -> ReachCandidates.Target {
        ReachCandidates.Target(resourceType: .s3Bucket, arn: "arn:aws:s3:::\(name)",
                               policies: PolicySet(resourcePolicy: text.flatMap { lenient($0, type: .resource) }), actions: nil, account: account)
    }

    /// Generated statements may draw diagnostics (a statement without `Resource`, say): the
    /// screen and the index read what the parser keeps either way.
    private func lenient(_ statements: String, type: PolicyType) -> Policy? {
        PolicyParser.parse(text: document(statements), source: "generated.json", type: type).policy
    }

    private func identity(_ statements: String) -> [Policy] {
        [policy(document(statements), type: .identity)].compactMap { $0 }
    }

    // A role opens only through its trust, which must be able to name the caller: its ARN, its
    // account, everyone, or (a role's sessions) its role or any session ARN. An identity policy
    // allowing sts:AssumeRole on every role opens none of them by itself.
    func testRolesAreFoundByWhatTheirTrustCouldName() {
        let index = ReachCandidates(targets: [
            role("TrustsAlice", trusting: #"{"AWS": "\#(alice)"}"#),                         // 0
            role("TrustsOtherAccount", trusting: #"{"AWS": "arn:aws:iam::444455556666:root"}"#),  // 1
            role("TrustsEveryone", trusting: #""*""#),                                       // 2
            role("TrustsEC2", trusting: #"{"Service": "ec2.amazonaws.com"}"#),               // 3
            role("TrustsASession", trusting: #"{"AWS": "arn:aws:sts::111122223333:assumed-role/Etl/s1"}"#),  // 4
            role("TrustsOurAccount", trusting: #"{"AWS": "111122223333"}"#),                 // 5
            role("NoTrust", trusting: nil),                                                  // 6
            role("TrustsEtlIgnoringCase", trusting: #"{"AWS": "arn:aws:iam::111122223333:role/ETL"}"#),  // 7
        ])
        let assumeAll = identity(#"{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}"#)
        XCTAssertEqual(index.candidates(caller: aliceUser, identityPolicies: assumeAll), [0, 2, 5])
        XCTAssertEqual(index.candidates(caller: etlSession, identityPolicies: assumeAll), [2, 4, 5, 7])
        // An unknown identity side (nil) is not screened: every target.
        XCTAssertEqual(index.candidates(caller: aliceUser, identityPolicies: nil), Array(0..<8))
    }

    // A bucket opens through the caller's identity policies (an action of S3, a Resource whose
    // head is a prefix of the bucket's or its objects') or through its policy naming the caller.
    func testResourcesAreFoundByEitherSide() {
        let index = ReachCandidates(targets: [
            bucket("logs-a"),                                                                // 0
            bucket("logs-b"),                                                                // 1
            bucket("data"),                                                                  // 2
            bucket("shared", policy: #"{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:*", "Resource": "*"}"#),  // 3
            bucket("partner", policy: #"{"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "s3:*", "Resource": "*"}"#), // 4
            bucket("logs"),                                                                  // 5
        ])
        let logsObjects = identity(#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs-*/*"}"#)
        XCTAssertEqual(index.candidates(caller: aliceUser, identityPolicies: logsObjects), [0, 1, 3])
        // "arn:aws:s3:::logs" followed by anything: the bucket logs itself, and logs-a, logs-b.
        let logsAnything = identity(#"{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::logs*"}"#)
        XCTAssertEqual(index.candidates(caller: aliceUser, identityPolicies: logsAnything), [0, 1, 3, 5])
        // An action of another service matches no bucket question; NotAction could.
        XCTAssertEqual(index.candidates(caller: aliceUser, identityPolicies: identity(#"{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}"#)), [3])
        XCTAssertEqual(index.candidates(caller: aliceUser, identityPolicies: identity(#"{"Effect": "Allow", "NotAction": "ec2:*", "Resource": "*"}"#)),
                       Array(0..<6))
        // A longer pattern under a bucket's objects still finds it (its objects' scope is open-ended).
        XCTAssertEqual(index.candidates(caller: aliceUser, identityPolicies: identity(#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/reports/${aws:username}/*"}"#)),
                       [2, 3])
    }

    // Across accounts both sides must allow ("Cross-account policy evaluation logic", IAM User
    // Guide): a bucket of another account is found only when its policy could name the caller,
    // however widely the caller's identity policies allow. A bucket whose owner is not known may
    // be the caller's own: the identity side still finds it.
    func testAnotherAccountsResourceIsFoundOnlyThroughItsPolicy() {
        let index = ReachCandidates(targets: [
            bucket("ours"),                                                                  // 0
            bucket("theirs", account: otherAccount),                                         // 1
            bucket("theirs-shared", policy: #"{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "*"}"#,
                   account: otherAccount),                                                   // 2
            bucket("theirs-to-others", policy: #"{"Effect": "Allow", "Principal": {"AWS": "555555555555"}, "Action": "s3:*", "Resource": "*"}"#,
                   account: otherAccount),                                                   // 3
            bucket("owner-unknown", account: nil),                                           // 4
            bucket("theirs-public", policy: #"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}"#,
                   account: otherAccount),                                                   // 5
        ])
        let everything = identity(#"{"Effect": "Allow", "Action": "*", "Resource": "*"}"#)
        XCTAssertEqual(index.candidates(caller: aliceUser, identityPolicies: everything), [0, 2, 4, 5])
        XCTAssertEqual(index.candidates(caller: etlSession, identityPolicies: everything), [0, 2, 4, 5])
        // Nothing on the caller's side: only what a policy names (its account, everyone).
        XCTAssertEqual(index.candidates(caller: aliceUser, identityPolicies: []), [2, 5])
    }

    /// Generated targets and callers: every pair the screen leaves open (with and without the
    /// catalog) must be a candidate.
    func testTheIndexNeverDropsAHopTheScreenLeavesOpen() {
        var random = SeededGenerator(seed: 0x1D_E8)
        let principals = [#""*""#, #"{"AWS": "*"}"#, #"{"AWS": "111122223333"}"#, #"{"AWS": "arn:aws:iam::111122223333:root"}"#,
                          #"{"AWS": "arn:aws:iam::444455556666:root"}"#, #"{"AWS": "\#(alice)"}"#, #"{"AWS": "\#(etl)"}"#,
                          #"{"AWS": "arn:aws:sts::111122223333:assumed-role/Etl/s1"}"#, #"{"AWS": "arn:aws:iam::111122223333:user/bob"}"#,
                          #"{"Service": "ec2.amazonaws.com"}"#, #"{"AWS": "AIDAALICE0000EXAMPLE"}"#,
                          #"{"CanonicalUser": "79a59df900b949e55d96a1e698fbaced79a59df900b949e55d96a1e698fbaced"}"#, #"{"AWS": "arn:aws:iam::111122223333:user/ALICE"}"#]
        let names = ["data", "data-2", "logs", "logs-a", "Reports", "x"]
        let identityResources = ["*", "arn:aws:iam::111122223333:role/*", "arn:aws:iam::111122223333:role/data", "arn:aws:iam::444455556666:role/*",
                                 "arn:aws:s3:::data", "arn:aws:s3:::data*", "arn:aws:s3:::data/*", "arn:aws:s3:::logs-?/*",
                                 "arn:aws:s3:::${aws:username}/*", "arn:aws:s3:::reports/*", "arn:aws:s3:::Reports/*", "arn:aws:s3:::*/k",
                                 "arn:aws:s3:::d?ta", "arn:aws:kms:*:111122223333:key/*"]
        let identityActions = ["sts:AssumeRole", "s3:GetObject", "s3:*", "*", "s3:List*", "ec2:*", "s3:ListAllMyBuckets", "kms:Decrypt", "sts:*"]
        var open = 0, dropped = 0
        for round in 0..<60 {
            var targets: [ReachCandidates.Target] = []
            for index in 0..<12 {
                var statements: [String] = []
                let isRole = random.chance(0.5)
                for _ in 0..<random.int(0...2) {
                    let element = random.chance(0.1) ? "NotPrincipal" : "Principal"
                    let action = isRole ? "sts:AssumeRole" : random.pick(["s3:GetObject", "s3:*", "*"])
                    let resource = isRole ? "" : #", "Resource": "*""#
                    let principal = random.chance(0.05) ? "" : #""\#(element)": \#(random.pick(principals)), "#
                    statements.append(#"{"Effect": "\#(random.chance(0.1) ? "Deny" : "Allow")", \#(principal)"Action": "\#(action)"\#(resource)}"#)
                }
                let text = statements.isEmpty ? nil : statements.joined(separator: ",")
                let name = random.pick(names) + (random.chance(0.3) ? "-\(round)-\(index)" : "")
                if isRole {
                    let account = random.chance(0.7) ? ourAccount : otherAccount
                    targets.append(ReachCandidates.Target(resourceType: .iamRole, arn: "arn:aws:iam::\(account):role/\(name)",
                                                          policies: PolicySet(resourcePolicy: text.flatMap { lenient($0, type: .trust) }),
                                                          actions: ["sts:AssumeRole"], account: account))
                } else {
                    // The owner: ours, another account's, or not known (S3 ARNs carry none).
                    let account = random.chance(0.6) ? ourAccount : random.chance(0.6) ? otherAccount : nil
                    targets.append(ReachCandidates.Target(resourceType: .s3Bucket, arn: "arn:aws:s3:::\(name.lowercased())",
                                                          policies: PolicySet(resourcePolicy: text.flatMap { lenient($0, type: .resource) }),
                                                          actions: random.chance(0.5) ? nil : [random.pick(["s3:GetObject", "s3:PutObject", "s3:List*"])],
                                                          account: account))
                }
            }
            let index = ReachCandidates(targets: targets)
            for _ in 0..<4 {
                var statements: [String] = []
                for _ in 0..<random.int(0...3) {
                    let resource = random.chance(0.15) ? #""NotResource": "arn:aws:s3:::other/*""#
                        : random.chance(0.05) ? "" : #""Resource": "\#(random.pick(identityResources))""#
                    let action = random.chance(0.1) ? #""NotAction": "ec2:*""# : #""Action": "\#(random.pick(identityActions))""#
                    statements.append(#"{"Effect": "Allow", \#(action)\#(resource.isEmpty ? "" : ", " + resource)}"#)
                }
                let identityPolicies: [Policy]? = random.chance(0.1) ? nil : statements.isEmpty ? [] : [lenient(statements.joined(separator: ","), type: .identity)].compactMap { $0 }
                let caller = random.chance(0.5) ? aliceUser : etlSession
                let candidates = Set(index.candidates(caller: caller, identityPolicies: identityPolicies))
                for (position, target) in targets.enumerated() {
                    var policies = target.policies
                    policies.identityPolicies = identityPolicies
                    var question = ReachQuestion(caller: caller, policies: policies, resourceType: target.resourceType, resourceARN: target.arn,
                                                 resourceAccount: target.account, actions: target.actions)
                    question.policies = PrincipalReach.settledPolicies(question)
                    let screenOpen = !ReachScreen.closed(question) || !ReachScreen.closed(question, catalog: .shipped)
                    if screenOpen {
                        open += 1
                        XCTAssertTrue(candidates.contains(position), "the index dropped an open hop: \(caller.principal.arn ?? "") → \(target.arn) under \(statements) / \(String(describing: target.policies.resourcePolicy?.statements.count))")
                    } else if !candidates.contains(position) {
                        dropped += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(open, 200, "the generator must produce open hops")
        XCTAssertGreaterThan(dropped, 200, "the generator must produce hops the index skips")
    }
}
