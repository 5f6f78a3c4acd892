@testable import Analysis
import Authorizer
import Encoding
import Foundation
import Policy
import RampartTestSupport
import XCTest
import Z3

/// Issue 17 item 3: policies granting many distinct outside principals. The enumeration visits
/// the principal classes the policies tell apart (`PrincipalClasses`: everyone, any account, each
/// named account, service and provider) before its free questions (`PrincipalClassSweep`), and
/// still ends on the free UNSAT over every outside caller. Expectations are worked out by hand
/// from the IAM User Guide ("Policy evaluation logic": a resource-based policy statement grants
/// its principals its actions under its conditions; "AWS JSON policy elements: Principal": an
/// account ARN stands for every principal of the account, a role or user ARN for itself) and
/// checked against the enumeration without principal classes. Not timed (docs/BENCHMARKS.md,
/// "Many distinct outside principals", has the figures).
final class PrincipalClassesTests: XCTestCase {
    private let accountA = "210000000001", accountB = "210000000002", accountC = "210000000003"

    /// (principal, kind, actions) of each finding, sorted.
    private func summary(_ findings: [ExternalAccessFinding]) -> [String] {
        findings.map { "\($0.principal) \($0.principalKind.rawValue) \($0.actions.joined(separator: ","))" }.sorted()
    }

    private func options(principalClasses: Bool) -> AnalysisOptions {
        var options = testOptions
        options.principalClasses = principalClasses
        return options
    }

    private func resource(_ statements: String) throws -> AnalyzedResource {
        AnalyzedResource(arn: bucket, type: .s3Bucket, account: ourAccount, policy: try XCTUnwrap(policy(document(statements))))
    }

    /// Whether the enumeration of `resource` visits principal classes (enough named outside principals).
    private func visitsClasses(_ resource: AnalyzedResource) throws -> Bool {
        let query = try ExternalAccessQuery(resource: resource, zone: ourZone, context: Z3Context(), catalog: .shipped,
                                            actionClasses: true, resourceClasses: true)
        return try FindingEnumerator(query: query, options: testOptions).principalClasses() != nil
    }

    /// Three outside accounts, each named by its own statement (the root, a role, a user) with its
    /// own action, and a statement bound to our account: exactly three findings, one per account,
    /// each with its statement's action (the policy's action patterns are the three literals, so
    /// each class holds one catalog action). The same as without principal classes.
    func testThreeOutsideAccountsGetTheirOwnActions() throws {
        let statements = #"""
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::\#(accountA):root"}, "Action": "s3:GetObject", "Resource": "\#(bucket)/*"},
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::\#(accountB):role/reader"}, "Action": "s3:PutObject", "Resource": "\#(bucket)/*",
             "Condition": {"Bool": {"aws:SecureTransport": "true"}}},
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::\#(accountC):user/lister"}, "Action": "s3:ListBucket", "Resource": "\#(bucket)",
             "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}},
            {"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": ["\#(bucket)", "\#(bucket)/*"],
             "Condition": {"StringEquals": {"aws:PrincipalAccount": "\#(ourAccount)"}}}
            """#
        let resource = try resource(statements)
        XCTAssertTrue(try visitsClasses(resource))
        let expected = ["\(accountA) Account s3:GetObject", "\(accountB) Account s3:PutObject", "\(accountC) Account s3:ListBucket"]
        for classes in [true, false] {
            let result = ExternalAccessAnalyzer.analyze(resource, zone: ourZone, options: options(principalClasses: classes))
            XCTAssertEqual(result.status, .externalAccess, "principal classes: \(classes)")
            XCTAssertTrue(result.complete, "principal classes: \(classes)")
            XCTAssertEqual(summary(result.findings), expected, "principal classes: \(classes)")
        }
        XCTAssertEqual(summary(analyze(.s3Bucket, arn: bucket, statements: statements).findings), expected)
    }

    /// A class that is not uniform: account A's root is granted `s3:GetObject` only for callers
    /// whose `aws:PrincipalArn` is a role `app-*` of A (IAM User Guide, "aws:PrincipalArn": the
    /// role's ARN for its sessions), and A's user bob `s3:PutObject`. Bob cannot read, the role
    /// cannot write, yet the account's finding lists both (a finding names the account: some
    /// principal of A gets each action). Whichever caller of A the sweep starts from, the other's
    /// action is found (by the sweep or by the free question that follows it).
    func testPrincipalsOfOneAccountThatAConditionTellsApart() throws {
        let statements = #"""
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::\#(accountA):root"}, "Action": "s3:GetObject", "Resource": "\#(bucket)/*",
             "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::\#(accountA):role/app-*"}}},
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::\#(accountA):user/bob"}, "Action": "s3:PutObject", "Resource": "\#(bucket)/*"},
            {"Effect": "Allow", "Principal": {"AWS": "\#(accountB)"}, "Action": "s3:ListBucket", "Resource": "\#(bucket)"},
            {"Effect": "Allow", "Principal": {"AWS": "\#(accountC)"}, "Action": "s3:GetObjectTagging", "Resource": "\#(bucket)/*"}
            """#
        let resource = try resource(statements)
        XCTAssertTrue(try visitsClasses(resource))
        let expected = ["\(accountA) Account s3:GetObject,s3:PutObject", "\(accountB) Account s3:ListBucket",
                        "\(accountC) Account s3:GetObjectTagging"]
        for classes in [true, false] {
            let result = ExternalAccessAnalyzer.analyze(resource, zone: ourZone, options: options(principalClasses: classes))
            XCTAssertTrue(result.complete, "principal classes: \(classes)")
            XCTAssertEqual(summary(result.findings), expected, "principal classes: \(classes)")
        }
        // The concrete facts behind the expectation.
        let policies = PolicySet(resourcePolicy: resource.policy, resourcePolicyKind: ResourceType.s3Bucket.policyKind)
        let role = Principal.role(arn: "arn:aws:iam::\(accountA):role/app-1")
        let bob = Principal.user(arn: "arn:aws:iam::\(accountA):user/bob")
        func decision(_ principal: Principal, _ action: String) -> Decision.Outcome {
            Authorizer.evaluate(Request(principal: principal, action: action, resource: bucket + "/x", resourceAccount: ourAccount),
                                policies: policies).outcome
        }
        XCTAssertEqual(decision(role, "s3:GetObject"), .allow)
        XCTAssertNotEqual(decision(role, "s3:PutObject"), .allow)
        XCTAssertEqual(decision(bob, "s3:PutObject"), .allow)
        XCTAssertNotEqual(decision(bob, "s3:GetObject"), .allow)
    }

    /// A named account that also gets what any account gets: everyone's part is listed under
    /// `*` once, the account's own beyond it (as without principal classes).
    func testWhatAnyAccountGetsStaysUnderEveryone() throws {
        let statements = #"""
            {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": "\#(bucket)/*",
             "Condition": {"StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/reader"}}},
            {"Effect": "Allow", "Principal": {"AWS": "\#(accountA)"}, "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "\#(bucket)/*"},
            {"Effect": "Allow", "Principal": {"AWS": "\#(accountB)"}, "Action": "s3:ListBucket", "Resource": "\#(bucket)"},
            {"Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"}, "Action": "s3:GetObject", "Resource": "\#(bucket)/*",
             "Condition": {"StringEquals": {"aws:SourceAccount": "\#(accountC)"}}}
            """#
        let resource = try resource(statements)
        XCTAssertTrue(try visitsClasses(resource))
        let without = ExternalAccessAnalyzer.analyze(resource, zone: ourZone, options: options(principalClasses: false))
        let with = ExternalAccessAnalyzer.analyze(resource, zone: ourZone, options: options(principalClasses: true))
        XCTAssertTrue(with.complete)
        XCTAssertEqual(summary(with.findings), summary(without.findings))
        XCTAssertEqual(summary(with.findings), ["\(accountA) Account s3:PutObject", "\(accountB) Account s3:ListBucket",
                                                "* Everyone s3:GetObject", "cloudfront.amazonaws.com Service s3:GetObject"].sorted())
    }

    /// The visit keeps the cap on findings: four outside accounts, each granted a read, and at
    /// most two findings: the enumeration stops there and says it is incomplete (truncated), as
    /// without principal classes (DESIGN §4.6: a cap is never a complete answer).
    func testTheVisitStopsAtTheMaximumNumberOfFindings() throws {
        let statements = [accountA, accountB, accountC, "210000000004"].map { account in
            #"{"Effect": "Allow", "Principal": {"AWS": "\#(account)"}, "Action": "s3:GetObject", "Resource": "\#(bucket)/*"}"#
        }.joined(separator: ",\n")
        let resource = try resource(statements)
        XCTAssertTrue(try visitsClasses(resource))
        for classes in [true, false] {
            var options = options(principalClasses: classes)
            options.maximumFindings = 2
            let result = ExternalAccessAnalyzer.analyze(resource, zone: ourZone, options: options)
            XCTAssertEqual(result.status, .externalAccess, "principal classes: \(classes)")
            XCTAssertFalse(result.complete, "principal classes: \(classes)")
            XCTAssertEqual(result.findings.count, 2, "principal classes: \(classes)")
        }
    }

    /// The generated fixture of `Benchmarks/pathological/make-policies.py` at N=10: nine
    /// statements, each granting one principal of its own outside account (200000000000 +
    /// k·1010101), and one bound to our zone. Read by hand, every one of the nine can be met
    /// (a tag on a role or user, an address in the range, TLS, a prefix; for the root of account
    /// 5 under `aws:PrincipalTag/team`, a tagged role of the account; for role app-6 under
    /// `ArnLike aws:PrincipalArn role/app-*`, the role itself): nine account findings, complete,
    /// nothing for everyone.
    func testTheTenStatementFixtureHasOneFindingPerOutsideAccount() throws {
        let url = PackageFiles.root.appendingPathComponent("Benchmarks/pathological/fixtures/principals-10.json")
        let parsed = PolicyParser.parse(text: try String(contentsOf: url, encoding: .utf8), source: "principals-10.json", type: .resource)
        let resource = AnalyzedResource(arn: "arn:aws:s3:::rampart-bench-bucket", type: .s3Bucket, account: ourAccount,
                                        policy: try XCTUnwrap(parsed.policy))
        let result = ExternalAccessAnalyzer.analyze(resource, zone: ourZone, options: testOptions)
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertTrue(result.complete)
        XCTAssertEqual(result.findings.map(\.principal).sorted(), (0..<9).map { String(200_000_000_000 + $0 * 1_010_101) })
        XCTAssertTrue(result.findings.allSatisfy { $0.principalKind == .account })
        let policies = PolicySet(resourcePolicy: resource.policy, resourcePolicyKind: ResourceType.s3Bucket.policyKind)
        for finding in result.findings {
            XCTAssertEqual(Authorizer.evaluate(finding.witness, policies: policies).outcome, .allow, finding.principal)
        }
    }

    /// Past the question's bound the answer is UNPROVEN with the reason, never safe, and what was
    /// found before is real (its witnesses allowed). 1 ms: every phase of the 500-statement
    /// fixture takes longer.
    func testManyPrincipalsPastTheBoundAreUnprovenNeverSafe() throws {
        let url = PackageFiles.root.appendingPathComponent("Benchmarks/pathological/fixtures/principals-500.json")
        let parsed = PolicyParser.parse(text: try String(contentsOf: url, encoding: .utf8), source: "principals-500.json", type: .resource)
        let resource = AnalyzedResource(arn: "arn:aws:s3:::rampart-bench-bucket", type: .s3Bucket, account: ourAccount,
                                        policy: try XCTUnwrap(parsed.policy))
        let result = ExternalAccessAnalyzer.analyze(resource, zone: ourZone, options: AnalysisOptions(timeoutMilliseconds: 1))
        XCTAssertEqual(result.status, .unproven)
        XCTAssertFalse(result.complete)
        XCTAssertTrue(result.explanation.contains { $0.contains(QuestionBoundReached.prefix) }, "\(result.explanation)")
    }

    /// The visit itself checks the bound: an enumeration whose deadline passes after its
    /// candidates are built stops in the visit with the bound's reason, and the enumeration
    /// reports it (UNPROVEN upstream) — a bound that lapses between classes never turns into
    /// "no more access".
    func testAVisitPastItsDeadlineIsUnknownNeverUnsat() throws {
        let url = PackageFiles.root.appendingPathComponent("Benchmarks/pathological/fixtures/principals-50.json")
        let parsed = PolicyParser.parse(text: try String(contentsOf: url, encoding: .utf8), source: "principals-50.json", type: .resource)
        let resource = AnalyzedResource(arn: "arn:aws:s3:::rampart-bench-bucket", type: .s3Bucket, account: ourAccount,
                                        policy: try XCTUnwrap(parsed.policy))
        let query = try ExternalAccessQuery(resource: resource, zone: ourZone, context: Z3Context(), catalog: .shipped,
                                            actionClasses: true, resourceClasses: true)
        // Time enough to build the candidates (well under a second), then spent before the visit.
        let enumerator = try FindingEnumerator(query: query, options: testOptions, budget: QuestionBudget(milliseconds: 2_000))
        let classes = try XCTUnwrap(try enumerator.principalClasses())
        while !enumerator.budget.isExhausted { Thread.sleep(forTimeInterval: 0.1) }
        var findings: [ClassFinding] = [], blocks: [Z3Bool] = []
        XCTAssertThrowsError(try enumerator.visit(classes, explorer: ActionClassExplorer(search: enumerator),
                                                  classFindings: &findings, blocks: &blocks)) { error in
            XCTAssertTrue((error as? SolverUnknown)?.reason.hasPrefix(QuestionBoundReached.prefix) ?? false, "\(error)")
        }
        XCTAssertTrue(findings.isEmpty)
        let outcome = try enumerator.enumerate()
        XCTAssertTrue(outcome.unknownReason?.hasPrefix(QuestionBoundReached.prefix) ?? false, "\(String(describing: outcome.unknownReason))")
    }

    /// Differential: seeded policies of a few statements granting outside accounts' roots, roles
    /// and users, a service, and our zone, wildcard actions under conditions. For sampled
    /// requests, every request the Authorizer allows from outside the zone is covered by a
    /// finding (its principal's class, its action listed), and the findings are those of the
    /// enumeration without principal classes.
    func testFindingsCoverEverySampledOutsideRequest() throws {
        var generator = SeededGenerator(seed: 17_003)
        let accounts = [accountA, accountB, accountC, "210000000004"]
        let actionSets = [["s3:Get*"], ["s3:*Object"], ["s3:List*"], ["s3:PutObject", "s3:GetObjectTagging"], ["s3:*"]]
        let conditions = [
            "",
            #", "Condition": {"Bool": {"aws:SecureTransport": "true"}}"#,
            #", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}"#,
            #", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "red"}}"#,
        ]
        let sampledActions = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:GetObjectTagging", "s3:ListBucket", "s3:GetBucketPolicy"]
        let bucketActions: Set<String> = ["s3:ListBucket", "s3:GetBucketPolicy"]
        var checked = 0, visited = 0
        for round in 0..<4 {
            var statements: [String] = []
            for index in 0..<5 {
                let account = accounts[Int.random(in: 0..<accounts.count, using: &generator)]
                let principal: String
                switch Int.random(in: 0..<5, using: &generator) {
                case 0: principal = #"{"AWS": "arn:aws:iam::\#(account):root"}"#
                case 1: principal = #"{"AWS": "arn:aws:iam::\#(account):role/app-1"}"#
                case 2: principal = #"{"AWS": "arn:aws:iam::\#(account):user/u-1"}"#
                case 3: principal = #"{"Service": "cloudfront.amazonaws.com"}"#
                default: principal = #""*""#
                }
                let actions = actionSets[Int.random(in: 0..<actionSets.count, using: &generator)].map { "\"\($0)\"" }.joined(separator: ", ")
                var condition = conditions[Int.random(in: 0..<conditions.count, using: &generator)]
                if principal == #""*""# {
                    condition = #", "Condition": {"StringEquals": {"aws:PrincipalAccount": "\#(ourAccount)"}}"#
                } else if principal.contains("Service"), condition.contains("PrincipalTag") {
                    condition = ""
                }
                statements.append(#"{"Sid": "S\#(index)", "Effect": "Allow", "Principal": \#(principal), "Action": [\#(actions)], "Resource": ["\#(bucket)", "\#(bucket)/*"]\#(condition)}"#)
            }
            statements.append(#"{"Sid": "NoInsecureDeletes", "Effect": "Deny", "Principal": "*", "Action": "s3:DeleteObject", "Resource": "\#(bucket)/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}"#)
            let text = statements.joined(separator: ",\n")
            let resource = try resource(text)
            if try visitsClasses(resource) { visited += 1 }
            let with = ExternalAccessAnalyzer.analyze(resource, zone: ourZone, options: options(principalClasses: true))
            let without = ExternalAccessAnalyzer.analyze(resource, zone: ourZone, options: options(principalClasses: false))
            XCTAssertTrue(with.complete, "round \(round)")
            XCTAssertEqual(summary(with.findings), summary(without.findings), "round \(round): \(text)")
            let policies = PolicySet(resourcePolicy: resource.policy, resourcePolicyKind: ResourceType.s3Bucket.policyKind)
            var callers: [Principal] = [.anonymous, .service("cloudfront.amazonaws.com")]
            for account in accounts + ["999988887777"] {
                var tagged = Principal.role(arn: "arn:aws:iam::\(account):role/app-1")
                tagged.tags["team"] = "red"
                callers += [.accountRoot(account), .role(arn: "arn:aws:iam::\(account):role/app-1"), tagged,
                            .user(arn: "arn:aws:iam::\(account):user/u-1"),
                            .assumedRole(roleArn: "arn:aws:iam::\(account):role/app-1", sessionName: "s")]
            }
            let contexts = [RequestContext(["aws:SecureTransport": .bool(true), "aws:SourceIp": .ipAddress("203.0.113.7")]),
                            RequestContext(["aws:SecureTransport": .bool(false)])]
            for caller in callers {
                for action in sampledActions {
                    for context in contexts {
                        let request = Request(principal: caller, action: action, resource: bucketActions.contains(action) ? bucket : bucket + "/a/b",
                                              resourceAccount: ourAccount, context: context)
                        guard OutsideZone.contains(request, type: .s3Bucket, zone: ourZone),
                              Authorizer.evaluate(request, policies: policies).outcome == .allow else { continue }
                        checked += 1
                        let covered = with.findings.contains { finding in
                            guard finding.actions.contains(action) else { return false }
                            switch finding.principalKind {
                            case .everyone: return true
                            case .account: return caller.kind.hasAccount && caller.account == finding.principal
                            case .service: return caller.kind == .awsService && [caller.serviceName, "*"].contains(finding.principal)
                            default: return false
                            }
                        }
                        XCTAssertTrue(covered, "round \(round): \(RequestFile.encode(request)) not covered by \(summary(with.findings))")
                    }
                }
            }
        }
        // The sample reaches allowed outside requests, and the seeds give policies that visit classes.
        XCTAssertGreaterThan(checked, 20)
        XCTAssertGreaterThan(visited, 1)
    }
}
