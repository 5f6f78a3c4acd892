@testable import Analysis
import Authorizer
import Policy
import XCTest
import Z3

/// The zone refined lazily (`ZoneRefinement`, docs/ENCODING.md "The zone, refined lazily"): the
/// questions state only the zone's accounts the resource mentions, and grow them when a model
/// names another member. The answers must be those of the question over every member account:
/// compared here with `zoneRefinement` off (the full zone) on policies that mention some or none
/// of the zone's accounts, including patterns that match unmentioned members only.
final class ZoneRefinementTests: XCTestCase {
    /// An organization of 40 member accounts besides the owner: 222200000000 … 222200000039.
    private let members = (0..<40).map { String(format: "2222000000%02d", $0) }
    private var organization: ZoneOfTrust {
        .organization("o-a1b2c3d4e5", accounts: [ourAccount] + members)
    }

    private func resource(_ type: ResourceType, arn: String, statements: String) throws -> AnalyzedResource {
        let parsed = try XCTUnwrap(policy(document(statements), type: type.policyType))
        return AnalyzedResource(arn: arn, type: type, account: ourAccount, policy: parsed)
    }

    /// Everything a finding says but its witness: a free search's witness is the solver's choice
    /// among models, and values the policy leaves open (which outside account, which kind of
    /// caller) may differ between two formulas with the same models.
    private func summary(_ result: ExternalAccessResult) -> [String] {
        ["\(result.status) complete=\(result.complete)"] + result.findings.map { finding in
            "\(finding.principal) \(finding.principalKind.rawValue) \(finding.actions.joined(separator: ",")) "
                + "public=\(finding.isPublic) conditions=\(finding.conditions) statements=\(finding.statements.map(\.index))"
        }
    }

    /// Every witness is a caller outside the whole zone that the Authorizer allows.
    private func checkWitnesses(_ result: ExternalAccessResult, _ resource: AnalyzedResource, zone: ZoneOfTrust,
                                file: StaticString = #filePath, line: UInt = #line) {
        for finding in result.findings {
            let witness = RequestFile.encode(finding.witness)
            XCTAssertTrue(OutsideZone.contains(finding.witness, type: resource.type, zone: zone), "inside: \(witness)", file: file, line: line)
            XCTAssertEqual(Authorizer.evaluate(finding.witness, policies: resource.policies).outcome, .allow, witness, file: file, line: line)
        }
    }

    /// (statements, the status the full zone gives): a grant to the organization, to members by
    /// name, to an outsider, to patterns over member accounts (all members, or members and
    /// outsiders), to services by source keys (a `?` admits a value that is no account: the
    /// service may act for anyone), `NotPrincipal`, and denies by organization. (`ArnLike
    /// aws:PrincipalArn` with wildcards in the account segment that also admit outsiders,
    /// `arn:aws:iam::2222000000??:root`, is left out: UNPROVEN at 120 s in both encodings.)
    private let cases: [(String, ExternalAccessResult.Status)] = [
        (#"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}"#,
         .noExternalAccess),
        (#"{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::222200000007:root", "222200000008"]}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}"#,
         .noExternalAccess),
        (#"{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::222200000007:root", "444455556666"]}, "Action": "s3:*", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}"#,
         .externalAccess),
        // Every account the pattern matches is a member none of the policies names.
        (#"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*", "Condition": {"StringLike": {"aws:PrincipalAccount": "22220000003?"}}}"#,
         .noExternalAccess),
        // Members and outsiders (222200000040 …).
        (#"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*", "Condition": {"StringLike": {"aws:PrincipalAccount": "2222000000??"}}}"#,
         .externalAccess),
        (#"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*", "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::22220000001?:*"}}}"#,
         .noExternalAccess),
        (#"{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*", "Condition": {"StringLike": {"aws:SourceAccount": "22220000002?"}}}"#,
         .externalAccess),
        (#"{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*", "Condition": {"StringLike": {"aws:SourceAccount": "2222*"}}}"#,
         .externalAccess),
        (#"{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*", "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:22220000001?:*"}}}"#,
         .externalAccess),
        (#"{"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::222200000005:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}"#,
         .externalAccess),
        (#"""
         {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"},
         {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*", "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}
         """#, .noExternalAccess),
        (#"""
         {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"},
         {"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::222200000003:root"}, "Action": "s3:*", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*", "Condition": {"StringNotLike": {"aws:PrincipalAccount": "22220000004?"}}}
         """#, .externalAccess),
    ]

    /// The refined zone answers every case as the full zone does, finding for finding (witnesses
    /// included), with the fast paths and with the solver's own searches (no candidates).
    func testRefinedZoneAnswersAsTheFullZone() throws {
        for candidates in [true, false] {
            for (statements, status) in cases {
                let resource = try resource(.s3Bucket, arn: bucket, statements: statements)
                var options = testOptions
                options.witnessCandidates = candidates
                var full = options
                full.zoneRefinement = false
                let refined = ExternalAccessAnalyzer.analyze(resource, zone: organization, options: options)
                let whole = ExternalAccessAnalyzer.analyze(resource, zone: organization, options: full)
                XCTAssertEqual(whole.status, status, "full zone, candidates \(candidates): \(statements) \(whole.explanation)")
                XCTAssertEqual(summary(refined), summary(whole), "candidates \(candidates): \(statements)")
                checkWitnesses(refined, resource, zone: organization)
                // An explanation past its time bound ("not explained", the proof standing) says
                // nothing about the zone: on a loaded machine the full zone's can run out.
                let timedOut = (refined.explanation + whole.explanation).contains { $0.contains("time bound reached") }
                if !timedOut {
                    XCTAssertEqual(refined.explanation, whole.explanation, "candidates \(candidates): \(statements)")
                }
            }
        }
    }

    /// The accounts a resource mentions: members named in principals and conditions, the owner —
    /// not members a pattern only matches.
    func testInitialAccountsAreTheMentionedMembersAndTheOwner() throws {
        let resource = try resource(.s3Bucket, arn: bucket, statements: #"""
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222200000007:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
             "Condition": {"StringEquals": {"aws:SourceAccount": "222200000011"}, "StringLike": {"aws:PrincipalAccount": "22220000003?"}}}
            """#)
        XCTAssertEqual(ZoneRefinement.initialAccounts(for: resource, zone: organization), [ourAccount, "222200000007", "222200000011"])
        XCTAssertEqual(ZoneRefinement.twelveDigitRuns(in: "arn:aws:iam::1234567890123:x"), ["123456789012", "234567890123"])
    }

    /// The first witness of the question over the owner alone lands on a member the policy does
    /// not name (every account its pattern matches is one): the enumeration stops for a
    /// refinement, never reports it; grown, the question ends UNSAT, and the analysis says
    /// NO_EXTERNAL_ACCESS.
    func testAWitnessOnAnUnmentionedMemberRefinesUntilUnsat() throws {
        let statements = #"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*", "Condition": {"StringLike": {"aws:PrincipalAccount": "22220000003?"}}}"#
        let resource = try resource(.s3Bucket, arn: bucket, statements: statements)
        var options = testOptions
        options.witnessCandidates = false
        let (outcome, rounds) = try enumerateRefining(resource, options: options)
        XCTAssertGreaterThan(rounds, 0)
        XCTAssertTrue(outcome.findings.isEmpty, "\(outcome.findings.map(\.principal))")
        XCTAssertNil(outcome.unknownReason)
        XCTAssertEqual(ExternalAccessAnalyzer.analyze(resource, zone: organization, options: options).status, .noExternalAccess)
    }

    /// Nine of the ten accounts the pattern matches are members: refinement goes on until the
    /// witness is the one outsider, 222200000039 — a real finding.
    func testRefinementContinuesToTheRealOutsider() throws {
        let zone = ZoneOfTrust.organization("o-a1b2c3d4e5", accounts: [ourAccount] + members.prefix(39))
        let statements = #"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*", "Condition": {"StringLike": {"aws:PrincipalAccount": "22220000003?"}}}"#
        let resource = try resource(.s3Bucket, arn: bucket, statements: statements)
        var options = testOptions
        options.witnessCandidates = false
        let (outcome, _) = try enumerateRefining(resource, zone: zone, options: options, maximumRounds: 20)
        XCTAssertEqual(outcome.findings.map { $0.witness.principal.account }, ["222200000039"])
        XCTAssertNil(outcome.unknownReason)
        var full = options
        full.zoneRefinement = false
        XCTAssertEqual(summary(ExternalAccessAnalyzer.analyze(resource, zone: zone, options: options)),
                       summary(ExternalAccessAnalyzer.analyze(resource, zone: zone, options: full)))
    }

    /// The enumeration over a growing zone, from the owner alone (the analyzer's loop, without its
    /// cap): its last outcome and how many refinements it took.
    private func enumerateRefining(_ resource: AnalyzedResource, zone: ZoneOfTrust? = nil, options: AnalysisOptions,
                                   maximumRounds: Int = 60) throws -> (FindingEnumerator.Outcome, Int) {
        let zone = zone ?? organization
        var encoded = [ourAccount]
        for round in 0..<maximumRounds {
            let query = try ExternalAccessQuery(resource: resource, zone: zone, context: Z3Context(), catalog: options.catalog,
                                                actionClasses: options.actionClasses, resourceClasses: options.resourceClasses,
                                                encodedAccounts: encoded)
            do {
                return (try FindingEnumerator(query: query, options: options).enumerate(), round)
            } catch let needed as ZoneRefinementNeeded {
                XCTAssertFalse(needed.accounts.isEmpty)
                XCTAssertTrue(needed.accounts.allSatisfy { zone.contains(account: $0) && !encoded.contains($0) }, "\(needed.accounts)")
                encoded += needed.accounts
            }
        }
        XCTFail("no answer after \(maximumRounds) refinements")
        return (FindingEnumerator.Outcome(findings: [], unknownReason: "not answered", truncated: false), maximumRounds)
    }

    /// `external` over a subset E of an organization's accounts against the concrete definition
    /// over the whole zone (`OutsideZone.contains`), request by request, pinned: equal on every
    /// request that names no member outside E; on one that does, `external` may hold (the
    /// relaxation), and `unencodedAccounts` names that member.
    func testExternalOverASubsetAgreesOutsideTheUnencodedMembers() throws {
        let zone = ZoneOfTrust.organization("o-a1b2c3d4e5", accounts: [ourAccount, "222200000001", "222200000002"])
        let unencoded = "222200000002"
        let text = document(#"""
            {"Effect": "Allow", "Principal": {"Service": ["lambda.amazonaws.com"], "AWS": "*"}, "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:111122223333:q",
             "Condition": {"StringLikeIfExists": {"aws:SourceAccount": "*", "aws:SourceArn": "*"}}}
            """#)
        let parsed = try XCTUnwrap(policy(text))
        let resource = AnalyzedResource(arn: "arn:aws:sqs:us-east-1:111122223333:q", type: .sqsQueue, account: ourAccount, policy: parsed)
        let context = try Z3Context()
        let query = try ExternalAccessQuery(resource: resource, zone: zone, context: context,
                                            encodedAccounts: [ourAccount, "222200000001"])
        XCTAssertEqual(query.encodedZone.accounts, [ourAccount, "222200000001"])
        var requests: [Request] = []
        for account in [ourAccount, "222200000001", unencoded, otherAccount] {
            for principal in [Principal.accountRoot(account), .role(arn: "arn:aws:iam::\(account):role/R")] {
                requests.append(Request(principal: principal, action: "sqs:SendMessage", resource: resource.arn, resourceAccount: ourAccount))
            }
            var sourceAccount = RequestContext(); sourceAccount["aws:SourceAccount"] = .string(account)
            var sourceArn = RequestContext(); sourceArn["aws:SourceArn"] = .string("arn:aws:lambda:us-east-1:\(account):function:f")
            for stated in [sourceAccount, sourceArn] {
                requests.append(Request(principal: .service("lambda.amazonaws.com"), action: "sqs:SendMessage", resource: resource.arn,
                                        resourceAccount: ourAccount, context: stated))
            }
        }
        requests += [Request(principal: .anonymous, action: "sqs:SendMessage", resource: resource.arn, resourceAccount: ourAccount),
                     Request(principal: .service("lambda.amazonaws.com"), action: "sqs:SendMessage", resource: resource.arn,
                             resourceAccount: ourAccount)]
        for request in requests {
            let concrete = OutsideZone.contains(request, type: .sqsQueue, zone: zone)
            let solver = try Z3Solver(context: context, timeoutMilliseconds: 60_000)
            try solver.assert(query.authorization.pin(request))
            try solver.assert(query.external)
            try solver.assert(query.authorization.wellFormedness())
            var named: [String] = []
            let result = try solver.check()
            if case .sat(let model) = result { named = try ZoneRefinement.unencodedAccounts(in: model, query: query) }
            let namesUnencoded = RequestFile.encode(request).contains(unencoded)
            XCTAssertFalse({ if case .unknown = result { return true }; return false }(), "solver gave up")
            if namesUnencoded {
                XCTAssertTrue(result.isSat, "a member outside E reads as outside: \(RequestFile.encode(request))")
                XCTAssertEqual(named, [unencoded], RequestFile.encode(request))
            } else {
                XCTAssertEqual(result.isSat, concrete, RequestFile.encode(request))
                XCTAssertEqual(named, [], RequestFile.encode(request))
            }
        }
    }
}
