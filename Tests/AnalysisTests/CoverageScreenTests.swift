@testable import Analysis
import Authorizer
import Policy
import RampartTestSupport
import XCTest
import Z3

/// `CoverageScreen`: the closing "next finding" question's UNSAT read off the policy text and the
/// findings so far. It may close only when every Allow statement that can admit an outside caller
/// names literal accounts whose every action class it can grant is already found (or removed by
/// a Deny without conditions). Expectations are worked out by hand from the IAM User Guide
/// ("Policy evaluation logic": outside the zone, access needs an Allow of the resource policy
/// naming the caller; an explicit Deny overrides it; conditions only restrict a statement) and
/// the Service Authorization Reference ("Actions defined by Amazon S3": s3:ListBucket on the
/// bucket, s3:GetObject and s3:PutObject on objects).
final class CoverageScreenTests: XCTestCase {
    private let accountA = "210000000001", accountB = "210000000002", accountC = "210000000003"

    /// Account A's root reads objects over TLS; B's role lists the bucket from one network; our
    /// account's callers get everything (`aws:PrincipalAccount`: no outside caller); insecure
    /// deletes are denied.
    private var base: String {
        #"""
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::\#(accountA):root"}, "Action": "s3:GetObject*", "Resource": "\#(bucket)/*",
         "Condition": {"Bool": {"aws:SecureTransport": "true"}}},
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::\#(accountB):role/lister"}, "Action": "s3:ListBucket", "Resource": "\#(bucket)",
         "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}},
        {"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": ["\#(bucket)", "\#(bucket)/*"],
         "Condition": {"StringEquals": {"aws:PrincipalAccount": "\#(ourAccount)"}}},
        {"Effect": "Deny", "Principal": "*", "Action": "s3:DeleteObject", "Resource": "\#(bucket)/*",
         "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
        """#
    }

    private func resource(_ statements: String, owner: String = ourAccount) throws -> AnalyzedResource {
        AnalyzedResource(arn: bucket, type: .s3Bucket, account: owner, policy: try XCTUnwrap(policy(document(statements))))
    }

    /// The enumerator of the question on `statements`, as the analysis builds it.
    private func enumerator(_ statements: String, owner: String = ourAccount) throws -> FindingEnumerator {
        let query = try ExternalAccessQuery(resource: resource(statements, owner: owner), zone: ourZone, context: Z3Context(),
                                            catalog: .shipped, actionClasses: true, resourceClasses: true)
        return try FindingEnumerator(query: query, options: testOptions)
    }

    /// Whether the screen closes with `covered` action classes, each given by an action of it.
    private func closes(_ statements: String, owner: String = ourAccount, covered: [CoverageScreen.NamedCaller: [String]],
                        everyAccount: [String] = [], only: Set<CoverageScreen.NamedCaller>? = nil) throws -> Bool {
        let search = try enumerator(statements, owner: owner)
        let screen = try XCTUnwrap(search.coverageScreen)
        return screen.closes(covered: covered.mapValues { Set($0.map(search.actions.vector(of:))) },
                             everyAccount: Set(everyAccount.map(search.actions.vector(of:))), only: only)
    }

    // Every action s3:GetObject* matches is one class (the policy's patterns cannot tell them
    // apart), and s3:ListBucket another: with both found, nothing else is reachable from outside
    // (the `*` statement admits only our account's callers).
    func testClosesWhenEveryAccountsClassesAreFound() throws {
        XCTAssertTrue(try closes(base, covered: [.account(accountA): ["s3:GetObject"], .account(accountB): ["s3:ListBucket"]]))
        // Another action of the same class stands for it.
        XCTAssertTrue(try closes(base, covered: [.account(accountA): ["s3:GetObjectTagging"], .account(accountB): ["s3:ListBucket"]]))
    }

    // A class not yet found for its account: B's s3:ListBucket, or A's reads; another account's
    // class does not count (a finding blocks its own account's callers only).
    func testDoesNotCloseWhileAClassIsMissing() throws {
        XCTAssertFalse(try closes(base, covered: [.account(accountA): ["s3:GetObject"]]))
        XCTAssertFalse(try closes(base, covered: [.account(accountB): ["s3:ListBucket"]]))
        XCTAssertFalse(try closes(base, covered: [.account(accountA): ["s3:GetObject", "s3:ListBucket"]]))
        XCTAssertFalse(try closes(base, covered: [:]))
    }

    // A class found for every caller (everyone's or any account's finding) covers each account.
    func testAClassFoundForEveryCallerCoversEachAccount() throws {
        XCTAssertTrue(try closes(base, covered: [.account(accountA): ["s3:GetObject"]], everyAccount: ["s3:ListBucket"]))
    }

    // A question about one account's callers ("next action class") needs that account's only.
    func testAQuestionAboutOneAccountNeedsItsClassesOnly() throws {
        XCTAssertTrue(try closes(base, covered: [.account(accountA): ["s3:GetObject"]], only: [.account(accountA)]))
        XCTAssertFalse(try closes(base, covered: [.account(accountA): ["s3:GetObject"]], only: [.account(accountB)]))
    }

    // A further action for A in another statement, under a condition: the condition only
    // restricts, so s3:PutObject must be found before the screen closes.
    func testAFurtherActionUnderAConditionMustBeFound() throws {
        let statements = base + #"""
            ,{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::\#(accountA):user/writer"}, "Action": "s3:PutObject",
              "Resource": "\#(bucket)/uploads/*", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "blue"}}}
            """#
        XCTAssertFalse(try closes(statements, covered: [.account(accountA): ["s3:GetObject"], .account(accountB): ["s3:ListBucket"]]))
        XCTAssertTrue(try closes(statements, covered: [.account(accountA): ["s3:GetObject", "s3:PutObject"], .account(accountB): ["s3:ListBucket"]]))
    }

    // A further account: C must have a finding.
    func testAFurtherAccountMustBeFound() throws {
        let statements = base + #"""
            ,{"Effect": "Allow", "Principal": {"AWS": "\#(accountC)"}, "Action": "s3:ListBucket", "Resource": "\#(bucket)",
              "Condition": {"StringLike": {"s3:prefix": "home/*"}}}
            """#
        XCTAssertFalse(try closes(statements, covered: [.account(accountA): ["s3:GetObject"], .account(accountB): ["s3:ListBucket"]]))
        XCTAssertTrue(try closes(statements, covered: [.account(accountA): ["s3:GetObject"], .account(accountB): ["s3:ListBucket"], .account(accountC): ["s3:ListBucket"]]))
    }

    // Statements whose callers are not a class the screen can name: everyone under a condition
    // that does not bind the zone (a VPC endpoint: anyone using it), every account (`AWS: *`),
    // every service (`Service: *`). Never closed, whatever is covered.
    func testDoesNotCloseOverCallersItCannotName() throws {
        let covered: [CoverageScreen.NamedCaller: [String]] = [.account(accountA): ["s3:GetObject"], .account(accountB): ["s3:ListBucket"]]
        for principal in [#""*""#, #"{"AWS": "*"}"#, #"{"Service": "*"}"#] {
            let statements = base + #"""
                ,{"Effect": "Allow", "Principal": \#(principal), "Action": "s3:GetObject", "Resource": "\#(bucket)/*",
                  "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}
                """#
            XCTAssertFalse(try closes(statements, covered: covered), principal)
        }
    }

    // A service and an identity provider are classes of their own (`PrincipalMatcher`: a
    // `Service` entry names that service's callers, a `Federated` entry that provider's): their
    // statements close once their own classes are found; an account's or everyone's finding does
    // not stand for them (any account's block holds for callers of accounts only). (The service
    // is granted `s3:GetObject*` as A is: a pattern `s3:GetObject` would split A's class in two.)
    func testServicesAndProvidersNeedTheirOwnClasses() throws {
        let service = CoverageScreen.NamedCaller(kind: .service, name: "cloudfront.amazonaws.com")
        let provider = CoverageScreen.NamedCaller(kind: .federated, name: "cognito-identity.amazonaws.com")
        let statements = base + #"""
            ,{"Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"}, "Action": "s3:GetObject*", "Resource": "\#(bucket)/*",
              "Condition": {"StringEquals": {"aws:SourceAccount": "\#(accountC)"}}},
             {"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "s3:ListBucket", "Resource": "\#(bucket)"}
            """#
        let accounts: [CoverageScreen.NamedCaller: [String]] = [.account(accountA): ["s3:GetObject"], .account(accountB): ["s3:ListBucket"]]
        XCTAssertFalse(try closes(statements, covered: accounts, everyAccount: ["s3:GetObject", "s3:ListBucket"]))
        XCTAssertFalse(try closes(statements, covered: accounts.merging([service: ["s3:GetObject"]]) { $1 }))
        XCTAssertFalse(try closes(statements, covered: accounts.merging([provider: ["s3:ListBucket"]]) { $1 }))
        XCTAssertFalse(try closes(statements, covered: accounts.merging([service: ["s3:ListBucket"], provider: ["s3:GetObject"]]) { $1 }))
        XCTAssertTrue(try closes(statements, covered: accounts.merging([service: ["s3:GetObject"], provider: ["s3:ListBucket"]]) { $1 }))
        XCTAssertTrue(try closes(statements, covered: [service: ["s3:GetObject"]], only: [service]))
    }

    // A statement granting C's user only when its `aws:PrincipalArn` is a role `app-*` admits
    // nobody: a user's `aws:PrincipalArn` is its own ARN (IAM User Guide, "AWS global condition
    // context keys", aws:PrincipalArn), and the entry names that user alone. Nothing to find for
    // C. Naming C's root instead (every caller of C, its roles `app-*` among them), or a
    // condition the user meets, leaves C's access to be found.
    func testAStatementWhoseNamedIdentitiesFailItsPrincipalArnConditionAdmitsNobody() throws {
        func statements(_ principal: String, _ pattern: String) -> String {
            base + #"""
                ,{"Effect": "Allow", "Principal": {"AWS": "\#(principal)"}, "Action": "s3:PutObject", "Resource": "\#(bucket)/*",
                  "Condition": {"ArnLike": {"aws:PrincipalArn": "\#(pattern)"}}}
                """#
        }
        let covered: [CoverageScreen.NamedCaller: [String]] = [.account(accountA): ["s3:GetObject"], .account(accountB): ["s3:ListBucket"]]
        let user = "arn:aws:iam::\(accountC):user/user-3", roles = "arn:aws:iam::\(accountC):role/app-*"
        XCTAssertTrue(try closes(statements(user, roles), covered: covered))
        XCTAssertTrue(try closes(statements("arn:aws:iam::\(accountC):role/other", roles), covered: covered))
        XCTAssertFalse(try closes(statements("arn:aws:iam::\(accountC):root", roles), covered: covered))
        XCTAssertFalse(try closes(statements("arn:aws:iam::\(accountC):role/app-1", roles), covered: covered))
        XCTAssertFalse(try closes(statements(user, "arn:aws:iam::\(accountC):user/*"), covered: covered))
        XCTAssertTrue(try closes(statements(user, "arn:aws:iam::\(accountC):user/*"), covered: covered.merging([.account(accountC): ["s3:PutObject"]]) { $1 }))
        // The facts behind it, from the Authorizer: the user is refused, a role app-1 of C is
        // allowed only when the root is named.
        let policies = { (text: String) in PolicySet(resourcePolicy: policy(document(text)), resourcePolicyKind: ResourceType.s3Bucket.policyKind) }
        func decision(_ principal: Principal, _ text: String) -> Decision.Outcome {
            Authorizer.evaluate(Request(principal: principal, action: "s3:PutObject", resource: bucket + "/x", resourceAccount: ourAccount),
                                policies: policies(text)).outcome
        }
        XCTAssertNotEqual(decision(.user(arn: user), statements(user, roles)), .allow)
        XCTAssertEqual(decision(.role(arn: "arn:aws:iam::\(accountC):role/app-1"), statements("arn:aws:iam::\(accountC):root", roles)), .allow)
    }

    // A Deny without conditions of B's only action removes it: nothing to find for B. The same
    // Deny under a condition removes nothing for certain.
    func testADenyWithoutConditionsRemovesAClass() throws {
        let denied = base + #"""
            ,{"Effect": "Deny", "Principal": {"AWS": "\#(accountB)"}, "Action": "s3:List*", "Resource": "\#(bucket)"}
            """#
        XCTAssertTrue(try closes(denied, covered: [.account(accountA): ["s3:GetObject"]]))
        let conditional = base + #"""
            ,{"Effect": "Deny", "Principal": {"AWS": "\#(accountB)"}, "Action": "s3:List*", "Resource": "\#(bucket)",
              "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
            """#
        XCTAssertFalse(try closes(conditional, covered: [.account(accountA): ["s3:GetObject"]]))
    }

    // An owner outside the zone: its own callers need no Allow of the resource policy (IAM User
    // Guide, same-account access through identity policies), so nothing is closed.
    func testAnOwnerOutsideTheZoneIsNeverClosed() throws {
        XCTAssertFalse(try closes(base, owner: otherAccount, covered: [.account(accountA): ["s3:GetObject"], .account(accountB): ["s3:ListBucket"]]))
    }

    /// (principal, kind, actions) of each finding, sorted.
    private func summary(_ findings: [ExternalAccessFinding]) -> [String] {
        findings.map { "\($0.principal) \($0.principalKind.rawValue) \($0.actions.joined(separator: ","))" }.sorted()
    }

    /// Whether the enumeration of `statements` ends on the screen's proof (its findings aside).
    private func closedByScreen(_ statements: String) throws -> Bool {
        let search = try enumerator(statements)
        let outcome = try search.enumerate()
        XCTAssertNil(outcome.unknownReason)
        return search.closedByScreen
    }

    /// The analysis with the screen, checked complete and equal to the solver's (the screen off),
    /// and closed by the screen.
    private func screenedAsSolved(_ statements: String, file: StaticString = #filePath, line: UInt = #line) throws -> ExternalAccessResult {
        let screened = try analyzed(statements, coverageScreen: true)
        let solved = try analyzed(statements, coverageScreen: false)
        XCTAssertTrue(screened.complete, file: file, line: line)
        XCTAssertTrue(solved.complete, file: file, line: line)
        XCTAssertEqual(screened.findings, solved.findings, file: file, line: line)
        XCTAssertTrue(try closedByScreen(statements), "the closing question was not screened", file: file, line: line)
        return screened
    }

    private func analyzed(_ statements: String, coverageScreen: Bool) throws -> ExternalAccessResult {
        var options = testOptions
        options.coverageScreen = coverageScreen
        return ExternalAccessAnalyzer.analyze(try resource(statements), zone: ourZone, options: options)
    }

    // Three outside accounts (the principal class sweep runs) under conditions: the sweep finds
    // each account's class and the screen closes the last question (no solver call), with
    // exactly the findings of the solver's proof: A its reads, B and C the listing.
    func testTheEnumerationClosedByTheScreenFindsWhatTheSolversProofDoes() throws {
        let statements = base + #"""
            ,{"Effect": "Allow", "Principal": {"AWS": "\#(accountC)"}, "Action": "s3:ListBucket", "Resource": "\#(bucket)",
              "Condition": {"StringLike": {"s3:prefix": "home/*"}}}
            """#
        XCTAssertNotNil(try enumerator(statements).principalClasses())
        let screened = try screenedAsSolved(statements)
        XCTAssertEqual(screened.status, .externalAccess)
        XCTAssertEqual(summary(screened.findings).map { $0.components(separatedBy: " ").prefix(2).joined(separator: " ") },
                       ["\(accountA) Account", "\(accountB) Account", "\(accountC) Account"])
        let actions = Dictionary(uniqueKeysWithValues: screened.findings.map { ($0.principal, $0.actions) })
        XCTAssertEqual(actions[accountB], ["s3:ListBucket"])
        XCTAssertEqual(actions[accountC], ["s3:ListBucket"])
        XCTAssertTrue(actions[accountA]?.contains("s3:GetObject") ?? false)
        XCTAssertTrue(actions[accountA]?.allSatisfy { $0.hasPrefix("s3:GetObject") } ?? false)
    }

    // The same with everyone granted reads through a VPC endpoint: the screen cannot name those
    // callers, so the solver is asked as before and proves the end; everyone's finding is there.
    func testAGrantTheScreenCannotNameLeavesTheClosingQuestionToTheSolver() throws {
        let statements = base + #"""
            ,{"Effect": "Allow", "Principal": {"AWS": "\#(accountC)"}, "Action": "s3:ListBucket", "Resource": "\#(bucket)"},
             {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "\#(bucket)/*",
              "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}
            """#
        let screened = try analyzed(statements, coverageScreen: true)
        let solved = try analyzed(statements, coverageScreen: false)
        XCTAssertTrue(screened.complete)
        XCTAssertEqual(screened.findings, solved.findings)
        XCTAssertFalse(try closedByScreen(statements))
        XCTAssertTrue(screened.findings.contains { $0.principal == "*" && $0.actions == ["s3:GetObject"] })
    }

    // Accounts, a service and a SAML provider, each named (the sweep visits each class): the
    // screen closes the last question once each class's own actions are found, and the findings
    // are exactly those of the solver's proof: cloudfront its reads (for C, `aws:SourceAccount`),
    // the provider the listing.
    func testServiceAndProviderClassesAreClosedByTheirOwnFindings() throws {
        let statements = base + #"""
            ,{"Effect": "Allow", "Principal": {"AWS": "\#(accountC)"}, "Action": "s3:ListBucket", "Resource": "\#(bucket)"},
             {"Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"}, "Action": "s3:GetObject*", "Resource": "\#(bucket)/*",
              "Condition": {"StringEquals": {"aws:SourceAccount": "\#(accountC)"}}},
             {"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::\#(accountB):saml-provider/corp"}, "Action": "s3:ListBucket",
              "Resource": "\#(bucket)"}
            """#
        let screened = try screenedAsSolved(statements)
        let actions = Dictionary(uniqueKeysWithValues: screened.findings.map { ($0.principal, $0.actions) })
        XCTAssertEqual(actions["arn:aws:iam::\(accountB):saml-provider/corp"], ["s3:ListBucket"])
        XCTAssertTrue(actions["cloudfront.amazonaws.com"]?.contains("s3:GetObject") ?? false)
        XCTAssertEqual(Set(actions.keys), [accountA, accountB, accountC, "cloudfront.amazonaws.com", "arn:aws:iam::\(accountB):saml-provider/corp"])
    }

    // The shape of principals-50's first statement: a user granted only as a role `app-*`, which
    // nobody is. The solver proves the end through that contradiction; the screen reads it off
    // the statement, and the findings are the same (A, B and C through their other statements).
    func testTheEnumerationClosesOverAStatementThatAdmitsNobody() throws {
        let statements = base + #"""
            ,{"Effect": "Allow", "Principal": {"AWS": "\#(accountC)"}, "Action": "s3:ListBucket", "Resource": "\#(bucket)"},
             {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::\#(accountC):user/user-3"}, "Action": "s3:Put*",
              "Resource": ["\#(bucket)", "\#(bucket)/*"], "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::\#(accountC):role/app-*"}}}
            """#
        let screened = try screenedAsSolved(statements)
        let actions = Dictionary(uniqueKeysWithValues: screened.findings.map { ($0.principal, $0.actions) })
        XCTAssertEqual(actions[accountC], ["s3:ListBucket"])
    }

    // Generated policies (seeded) of outside accounts' users, roles and roots, a service, `*`
    // bound to our account or to an outside one, under conditions (among them `aws:PrincipalArn`
    // patterns a user fails), with a Deny without conditions sometimes: whether the screen closes
    // or not, the enumeration's answer is the solver's (the same principals and actions, complete).
    // Some rounds must close by the screen and some not, or the comparison tests nothing.
    func testGeneratedPoliciesGetTheSolversFindingsWithTheScreen() throws {
        var generator = SeededGenerator(seed: 17_310)
        let accounts = [accountA, accountB, accountC, "210000000004"]
        let actionSets = [["s3:Get*"], ["s3:*Object"], ["s3:List*"], ["s3:PutObject", "s3:GetObjectTagging"], ["s3:ListBucket"], ["s3:*"]]
        func pick<T>(_ values: [T]) -> T { values[Int.random(in: 0..<values.count, using: &generator)] }
        var closed = 0, open = 0
        for round in 0..<12 {
            var statements: [String] = []
            for index in 0..<5 {
                let account = pick(accounts)
                let principal = pick([#"{"AWS": "arn:aws:iam::\#(account):root"}"#, #"{"AWS": "arn:aws:iam::\#(account):role/app-1"}"#,
                                      #"{"AWS": "arn:aws:iam::\#(account):user/u-1"}"#, #"{"AWS": "\#(account)"}"#,
                                      #"{"Service": "cloudfront.amazonaws.com"}"#, #""*""#])
                let actions = pick(actionSets).map { "\"\($0)\"" }.joined(separator: ", ")
                var condition = pick(["", #", "Condition": {"Bool": {"aws:SecureTransport": "true"}}"#,
                                      #", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}"#,
                                      #", "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::\#(account):role/app-*"}}"#,
                                      #", "Condition": {"StringLike": {"s3:prefix": "home/*"}}"#])
                if principal == #""*""# {
                    condition = #", "Condition": {"StringEquals": {"aws:PrincipalAccount": "\#(pick([ourAccount, ourAccount, account]))"}}"#
                } else if principal.contains("Service") {
                    condition = #", "Condition": {"StringEquals": {"aws:SourceAccount": "\#(account)"}}"#
                }
                let resources = pick([#"["\#(bucket)", "\#(bucket)/*"]"#, #""\#(bucket)/*""#, #""\#(bucket)""#])
                statements.append(#"{"Sid": "S\#(index)", "Effect": "Allow", "Principal": \#(principal), "Action": [\#(actions)], "Resource": \#(resources)\#(condition)}"#)
            }
            if Bool.random(using: &generator) {
                statements.append(#"{"Effect": "Deny", "Principal": {"AWS": "\#(pick(accounts))"}, "Action": "s3:List*", "Resource": "\#(bucket)"}"#)
            }
            let text = statements.joined(separator: ",\n")
            guard try enumerator(text).principalClasses() != nil else { continue }
            if try closedByScreen(text) { closed += 1 } else { open += 1 }
            let screened = try analyzed(text, coverageScreen: true)
            let solved = try analyzed(text, coverageScreen: false)
            XCTAssertTrue(screened.complete, "round \(round)")
            XCTAssertEqual(screened.status, solved.status, "round \(round): \(text)")
            XCTAssertEqual(summary(screened.findings), summary(solved.findings), "round \(round): \(text)")
        }
        XCTAssertGreaterThan(closed, 0)
        XCTAssertGreaterThan(open, 0)
    }

    // More than the sweep confirms: A's user is granted eight object actions, each from its own
    // address range (so no confirmed request widens to another's action), beyond the sweep's six
    // confirmations per class. The actions the sweep leaves are not covered, so the screen must
    // leave the question to the solver, which finds them: A's finding lists all eight (IAM User
    // Guide, "Policy evaluation logic": each statement grants its action under its condition).
    func testActionsTheSweepLeavesAreStillFound() throws {
        let actions = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:GetObjectTagging", "s3:PutObjectTagging",
                       "s3:GetObjectAcl", "s3:PutObjectAcl", "s3:AbortMultipartUpload"]
        let grants = actions.enumerated().map { index, action in
            #"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::\#(accountA):user/u"}, "Action": "\#(action)", "Resource": "\#(bucket)/*", "#
                + #""Condition": {"IpAddress": {"aws:SourceIp": "10.0.\#(index).0/24"}}}"#
        }
        let statements = (grants + [
            #"{"Effect": "Allow", "Principal": {"AWS": "\#(accountB)"}, "Action": "s3:ListBucket", "Resource": "\#(bucket)"}"#,
            #"{"Effect": "Allow", "Principal": {"AWS": "\#(accountC)"}, "Action": "s3:ListBucket", "Resource": "\#(bucket)"}"#,
        ]).joined(separator: ",\n")
        XCTAssertNotNil(try enumerator(statements).principalClasses())
        for coverageScreen in [true, false] {
            let result = try analyzed(statements, coverageScreen: coverageScreen)
            XCTAssertTrue(result.complete)
            let found = Dictionary(uniqueKeysWithValues: result.findings.map { ($0.principal, $0.actions) })
            XCTAssertEqual(Set(found[accountA] ?? []), Set(actions), "coverage screen: \(coverageScreen)")
            XCTAssertEqual(found[accountB], ["s3:ListBucket"])
        }
    }
}
