@testable import Analysis
import Authorizer
import Encoding
import Foundation
import Policy
import RampartTestSupport
import XCTest
import Z3

/// `ConcreteAdmission` (with `PinnableRequest`): a request the principal class sweep takes as a
/// witness without a solver question must be one the question's formulas admit — the pinned
/// question (`base ∧ external ∧ class`, the request fixed) is SAT for it. Differential over
/// sampled requests (candidates of the policies, moved to other actions, resources, callers and
/// contexts), plus hand-worked requests the symbolic side refuses, each from the page that says
/// AWS never sends them.
final class ConcreteAdmissionTests: XCTestCase {
    private static let accountA = "210000000001", accountB = "210000000002"
    private static let organization = "o-abcdefghij"

    /// The enumerator of `resource` and its principal classes (everyone, any account, the named).
    private func enumerator(_ resource: AnalyzedResource, zone: ZoneOfTrust) throws -> (FindingEnumerator, PrincipalClasses) {
        let query = try ExternalAccessQuery(resource: resource, zone: zone, context: Z3Context(), catalog: .shipped,
                                            actionClasses: true, resourceClasses: true)
        let enumerator = try FindingEnumerator(query: query, options: testOptions)
        let classes = try PrincipalClasses(query: query, literalAccounts: enumerator.literalAccounts,
                                           literalServices: enumerator.literalServices, literalProviders: enumerator.literalProviders)
        return (enumerator, classes)
    }

    /// Whether the pinned question confirms `request` as a witness of `principalClass` (its model
    /// replayed through the Authorizer by `witness(from:)`).
    private func pinConfirms(_ request: Request, _ principalClass: PrincipalClass, _ enumerator: FindingEnumerator) throws -> Bool {
        let query = enumerator.query
        let question = SolverQuestion([query.base, query.external, principalClass.predicate], purpose: "admission test")
        return try enumerator.pinnedCheck(question, candidates: [request], limit: 1, onModel: { _ = try enumerator.witness(from: $0) })
    }

    /// Requests near the policies' candidates: each candidate, on every part of the scope with a
    /// sample of the catalog's actions, with TLS stated false or left out, with a tag, moved to
    /// another kind of caller of its account.
    private func samples(_ enumerator: FindingEnumerator) -> [Request] {
        let query = enumerator.query
        let actions = enumerator.options.catalog.actions(ofService: "s3").enumerated().filter { $0.offset % 23 == 0 }.map(\.element)
        var requests: [Request] = []
        for candidate in enumerator.candidates.requests {
            requests.append(candidate)
            for resource in query.scopeResources(like: candidate) {
                for action in actions {
                    var moved = candidate
                    moved.resource = resource
                    moved.action = action
                    requests.append(moved)
                }
            }
            var insecure = candidate
            insecure.context["aws:SecureTransport"] = .bool(false)
            var silent = candidate
            silent.context.remove("aws:SecureTransport")
            var tagged = candidate
            tagged.principal.tags["team"] = "red"
            requests += [insecure, silent, tagged]
            if let account = candidate.principal.account {
                let callers: [Principal] = [.accountRoot(account), .role(arn: "arn:aws:iam::\(account):role/app-6"),
                                            .user(arn: "arn:aws:iam::\(account):user/u-1")]
                requests += callers.map { caller in
                    var moved = candidate
                    moved.principal = caller
                    return moved
                }
            }
        }
        return requests
    }

    /// Every sampled request admitted without the solver is confirmed by its pin; returns how
    /// many were admitted.
    @discardableResult
    private func checkAdmittedArePinned(_ resource: AnalyzedResource, zone: ZoneOfTrust, limit: Int = 120,
                                        file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        let (enumerator, classes) = try enumerator(resource, zone: zone)
        var admitted = 0
        for request in samples(enumerator) where admitted < limit {
            guard let principalClass = classes.namedClass(of: request),
                  let (witness, decision) = enumerator.admittedWithoutSolver(request, in: principalClass) else { continue }
            admitted += 1
            XCTAssertEqual(decision.outcome, .allow, file: file, line: line)
            XCTAssertTrue(try pinConfirms(witness, principalClass, enumerator),
                          "admitted without the solver, refused by the pin: \(RequestFile.encode(witness))", file: file, line: line)
        }
        return admitted
    }

    /// The 10-statement fixture of issue 17 item 3 (nine outside accounts, conditions on TLS, the
    /// source address, a prefix, a principal tag and `aws:PrincipalArn`, a Deny on insecure
    /// deletes).
    func testTheTenStatementFixture() throws {
        let url = PackageFiles.root.appendingPathComponent("Benchmarks/pathological/fixtures/principals-10.json")
        let parsed = PolicyParser.parse(text: try String(contentsOf: url, encoding: .utf8), source: "principals-10.json", type: .resource)
        let resource = AnalyzedResource(arn: "arn:aws:s3:::rampart-bench-bucket", type: .s3Bucket, account: ourAccount,
                                        policy: try XCTUnwrap(parsed.policy))
        XCTAssertGreaterThan(try checkAdmittedArePinned(resource, zone: ourZone), 20)
    }

    /// Source keys, a service, organization ids and paths, in an organization zone.
    private var mixedStatements: String {
        let a = Self.accountA, b = Self.accountB
        return #"""
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::\#(a):root"}, "Action": "s3:Get*", "Resource": "\#(bucket)/*",
             "Condition": {"StringEquals": {"aws:PrincipalTag/team": "red"}}},
            {"Effect": "Allow", "Principal": {"AWS": "\#(b)"}, "Action": ["s3:PutObject", "s3:ListBucket"], "Resource": ["\#(bucket)", "\#(bucket)/*"],
             "Condition": {"StringEqualsIfExists": {"aws:SourceAccount": "\#(b)"}, "StringNotEquals": {"aws:PrincipalOrgID": "o-zzzzzzzzzz"}}},
            {"Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"}, "Action": "s3:GetObject", "Resource": "\#(bucket)/*",
             "Condition": {"StringEquals": {"aws:SourceAccount": "\#(b)"}}},
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "\#(bucket)/*",
             "Condition": {"StringEquals": {"aws:PrincipalOrgID": "\#(Self.organization)"}}},
            {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["\#(bucket)", "\#(bucket)/*"],
             "Condition": {"Bool": {"aws:SecureTransport": "false"}, "DateGreaterThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}}
            """#
    }

    func testSourceKeysAndOrganizationsInAnOrganizationZone() throws {
        let resource = AnalyzedResource(arn: bucket, type: .s3Bucket, account: ourAccount, policy: try XCTUnwrap(policy(document(mixedStatements))))
        let zone = ZoneOfTrust.organization(Self.organization, accounts: [ourAccount])
        XCTAssertGreaterThan(try checkAdmittedArePinned(resource, zone: zone), 5)
        XCTAssertGreaterThan(try checkAdmittedArePinned(resource, zone: ourZone), 5)
    }

    /// Requests the Authorizer allows that AWS never sends, each refused without the solver — and
    /// by the pin (the symbolic side states the same fact). IAM User Guide, "AWS global condition
    /// context keys": aws:SourceAccount only when a service calls for an account; aws:PrincipalTag
    /// only on IAM users and roles; aws:SecureTransport and aws:CurrentTime always included; in
    /// an organization zone, only member accounts carry its aws:PrincipalOrgID.
    func testWhatAWSNeverSendsIsRefused() throws {
        let resource = AnalyzedResource(arn: bucket, type: .s3Bucket, account: ourAccount, policy: try XCTUnwrap(policy(document(mixedStatements))))
        let zone = ZoneOfTrust.organization(Self.organization, accounts: [ourAccount])
        let (enumerator, classes) = try enumerator(resource, zone: zone)
        let secure = RequestContext(["aws:SecureTransport": .bool(true), "aws:CurrentTime": .date("2026-01-01T00:00:00Z")])
        func request(_ caller: Principal, _ action: String, context: RequestContext? = nil) -> Request {
            // The owner is a member of the zone's organization: aws:ResourceOrgID is its id.
            Request(principal: caller, action: action, resource: action == "s3:ListBucket" ? bucket : bucket + "/k",
                    resourceAccount: ourAccount, resourceOrgID: Self.organization, context: context ?? secure)
        }
        var taggedRoot = Principal.accountRoot(Self.accountA)
        taggedRoot.tags["team"] = "red"
        var taggedRole = Principal.role(arn: "arn:aws:iam::\(Self.accountA):role/r")
        taggedRole.tags["team"] = "red"
        var withSource = secure
        withSource["aws:SourceAccount"] = .string(Self.accountB)
        var member = Principal.user(arn: "arn:aws:iam::\(Self.accountB):user/u")
        member.orgID = Self.organization
        var notAMember = member
        notAMember.orgID = "o-yyyyyyyyyy"
        let session = Principal.assumedRole(roleArn: "arn:aws:iam::\(Self.accountB):role/r", sessionName: "s")
        // (what, the request, a word of the reason given)
        let refused: [(String, Request, String)] = [
            ("a root with a principal tag", request(taggedRoot, "s3:GetObject"), "tags"),
            ("aws:SourceAccount from a user", request(.user(arn: "arn:aws:iam::\(Self.accountB):user/u"), "s3:PutObject", context: withSource),
             "not a service"),
            ("no aws:SecureTransport", request(.user(arn: "arn:aws:iam::\(Self.accountB):user/u"), "s3:PutObject",
                                               context: RequestContext(["aws:CurrentTime": .date("2026-01-01T00:00:00Z")])), "always sends"),
            ("no aws:CurrentTime", request(.user(arn: "arn:aws:iam::\(Self.accountB):user/u"), "s3:PutObject",
                                           context: RequestContext(["aws:SecureTransport": .bool(true)])), "always sends"),
            ("an outside caller carrying the zone's organization", request(member, "s3:GetObject"), "organization's id"),
        ]
        for (what, request, reason) in refused {
            let principalClass = try XCTUnwrap(classes.namedClass(of: request), what)
            XCTAssertEqual(Authorizer.evaluate(request, policies: enumerator.query.policies).outcome, .allow, what)
            XCTAssertNil(enumerator.admittedWithoutSolver(request, in: principalClass), what)
            let problems = enumerator.admission.problems(request)
            XCTAssertTrue(problems.contains { $0.contains(reason) }, "\(what): \(problems)")
            XCTAssertFalse(try pinConfirms(request, principalClass, enumerator), what)
        }
        // Accepted, worked by hand: a tagged role of A reads (statement 1), a user of B outside
        // the organization writes (statement 2, no source key: IfExists), over TLS.
        for accepted in [request(taggedRole, "s3:GetObject"), request(notAMember, "s3:PutObject")] {
            let principalClass = try XCTUnwrap(classes.namedClass(of: accepted))
            XCTAssertNotNil(enumerator.admittedWithoutSolver(accepted, in: principalClass),
                            "\(RequestFile.encode(accepted)): \(enumerator.admission.problems(accepted))")
            XCTAssertTrue(try pinConfirms(accepted, principalClass, enumerator), RequestFile.encode(accepted))
        }
        // A session is left to the pin (its name is free in the encoding): not admitted here,
        // though AWS may well send it.
        let sessionRequest = request(session, "s3:PutObject")
        XCTAssertNil(enumerator.admittedWithoutSolver(sessionRequest, in: try XCTUnwrap(classes.namedClass(of: sessionRequest))))
    }
}
