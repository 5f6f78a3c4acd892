@testable import Analysis
import Authorizer
import Foundation
import Policy
import RampartTestSupport
import XCTest

/// `SolverFreeFindings` decides a condition-free policy granting literal accounts without Z3, and
/// must give exactly the solver path's result; anything it is not sure of goes to the solver.
final class SolverFreeFindingsTests: XCTestCase {
    private let objects = "arn:aws:s3:::amzn-s3-demo-bucket/*"

    /// The same resource through the solver path (the solver-free findings off).
    private func solverPath(_ statements: String, type: ResourceType = .s3Bucket, arn: String = bucket,
                            configure: (inout AnalyzedResource) -> Void = { _ in }) throws -> ExternalAccessResult {
        var resource = AnalyzedResource(arn: arn, type: type, account: ourAccount, policy: try XCTUnwrap(policy(document(statements), type: type.policyType)))
        configure(&resource)
        var options = testOptions
        options.solverFreeFindings = false
        return ExternalAccessAnalyzer.analyze(resource, zone: ourZone, options: options)
    }

    private func assertSame(_ fast: ExternalAccessResult, _ solved: ExternalAccessResult, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(fast.status, solved.status, file: file, line: line)
        XCTAssertEqual(fast.findings, solved.findings, file: file, line: line)
        XCTAssertEqual(fast.explanation, solved.explanation, file: file, line: line)
        XCTAssertEqual(fast.complete, solved.complete, file: file, line: line)
    }

    // One statement granting another account `s3:GetObject` on the bucket's objects: one finding,
    // that account, that action only (no other catalog action matches the literal), statement #0,
    // no conditions, not public; a witness from that account getting an object.
    func testOneAccountOneActionIsDecidedWithoutTheSolver() throws {
        let statements = #"{"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "s3:GetObject", "Resource": "\#(objects)"}"#
        let result = analyze(.s3Bucket, arn: bucket, statements: statements)
        XCTAssertEqual(result.decidedBy, .concrete)
        XCTAssertEqual(result.solverCalls, 0)
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertEqual(result.findings.map(\.principal), [otherAccount])
        let finding = try XCTUnwrap(result.findings.first)
        XCTAssertEqual(finding.principalKind, .account)
        XCTAssertEqual(finding.actions, ["s3:GetObject"])
        XCTAssertEqual(finding.statements.map(\.index), [0])
        XCTAssertEqual(finding.conditions, [])
        XCTAssertFalse(finding.isPublic)
        XCTAssertEqual(finding.witness.principal.account, otherAccount)
        XCTAssertEqual(finding.witness.action, "s3:GetObject")
        XCTAssertTrue(finding.witness.resource.hasPrefix("arn:aws:s3:::amzn-s3-demo-bucket/"))
        assertSame(result, try solverPath(statements))
    }

    // A pattern: `s3:ListBucket*` matches s3:ListBucket, s3:ListBucketMultipartUploads and
    // s3:ListBucketVersions, all three of resource type bucket (Service Authorization Reference,
    // "Actions defined by Amazon S3"); granted on the bucket, a role of the other account gets
    // exactly those three (the finding names the account, docs/ANALYSIS.md "Findings").
    func testAPatternListsEveryActionItMatchesThatApplies() throws {
        let statements = #"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/Reader"}, "Action": "s3:ListBucket*", "Resource": "\#(bucket)"}"#
        let result = analyze(.s3Bucket, arn: bucket, statements: statements)
        XCTAssertEqual(result.decidedBy, .concrete)
        XCTAssertEqual(result.findings.map(\.principal), [otherAccount])
        XCTAssertEqual(result.findings.first?.actions, ["s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:ListBucketVersions"])
        XCTAssertEqual(result.findings.first?.witness.principal.arn, "arn:aws:iam::444455556666:role/Reader")
        assertSame(result, try solverPath(statements))
    }

    // A Deny of `s3:PutObject` to everyone on every object removes that action class: the account
    // keeps s3:GetObject only (IAM User Guide, "Policy evaluation logic": an explicit deny
    // overrides any allow). Decided without the solver, as the solver path decides it.
    func testADenyRemovesAnActionClass() throws {
        let statements = #"""
            {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "\#(objects)"},
            {"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "\#(objects)"}
            """#
        let result = analyze(.s3Bucket, arn: bucket, statements: statements)
        XCTAssertEqual(result.decidedBy, .concrete)
        XCTAssertEqual(result.findings.map(\.principal), [otherAccount])
        XCTAssertEqual(result.findings.first?.actions, ["s3:GetObject"])
        assertSame(result, try solverPath(statements))
    }

    // The common "deny insecure transport" Deny (S3 User Guide, "Security best practices":
    // `Bool` `aws:SecureTransport` `false`) removes nothing from a caller over TLS, and AWS always
    // sends the key (IAM User Guide, "AWS global condition context keys"): the account keeps
    // s3:GetObject, its witness over TLS, with no condition of its own (only the granting
    // statement's conditions are a finding's). Decided here as the solver path decides it.
    func testADenyOfInsecureTransportLeavesTheGrant() throws {
        let statements = #"""
            {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "s3:GetObject", "Resource": "\#(objects)"},
            {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["\#(bucket)", "\#(objects)"],
             "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
            """#
        let result = analyze(.s3Bucket, arn: bucket, statements: statements)
        XCTAssertEqual(result.decidedBy, .concrete)
        let finding = try XCTUnwrap(result.findings.first)
        XCTAssertEqual(result.findings.count, 1)
        XCTAssertEqual(finding.principal, otherAccount)
        XCTAssertEqual(finding.actions, ["s3:GetObject"])
        XCTAssertEqual(finding.conditions, [])
        XCTAssertEqual(finding.witness.context["aws:SecureTransport"]?.text, "true")
        assertSame(result, try solverPath(statements))
    }

    // A grant under a condition on a key the candidates cannot be sure the question reads as one
    // text value (`aws:PrincipalOrgID`, derived from the caller): not decided here.
    func testAConditionOnACallerKeyFallsBack() throws {
        let statements = #"""
            {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "s3:GetObject", "Resource": "\#(objects)",
             "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}
            """#
        let result = analyze(.s3Bucket, arn: bucket, statements: statements)
        XCTAssertEqual(result.decidedBy, .solver)
        XCTAssertEqual(result.findings.map(\.principal), [otherAccount])
    }

    // The same Deny confined to one prefix of the objects does not remove s3:PutObject elsewhere:
    // the account may still put other objects, so s3:PutObject is listed, whichever path decides.
    func testADenyOnPartOfTheScopeDoesNotRemoveTheClass() throws {
        let statements = #"""
            {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "\#(objects)"},
            {"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/private/*"}
            """#
        let result = analyze(.s3Bucket, arn: bucket, statements: statements)
        XCTAssertEqual(result.findings.first?.actions, ["s3:GetObject", "s3:PutObject"])
        assertSame(result, try solverPath(statements))
    }

    // A second statement granting everyone under a condition: outside the fragment (a condition
    // the candidates may not meet, and `*`), so the solver decides, and finds both accesses.
    func testAConditionedGrantToEveryoneFallsBackToTheSolver() throws {
        let statements = #"""
            {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "s3:GetObject", "Resource": "\#(objects)"},
            {"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "\#(objects)",
             "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}
            """#
        let result = analyze(.s3Bucket, arn: bucket, statements: statements)
        XCTAssertEqual(result.decidedBy, .solver)
        XCTAssertEqual(result.findings.map(\.principal).sorted(), ["*"])
        XCTAssertNil(SolverFreeFindings(resource: AnalyzedResource(arn: bucket, type: .s3Bucket, account: ourAccount,
                                                                   policy: policy(document(statements))),
                                        zone: ourZone, options: testOptions))
    }

    // Granted to everyone (`{"AWS": "*"}`, no condition): not a literal account, so not decided
    // here; the solver path finds the public access ("*").
    func testEveryoneFallsBack() throws {
        let statements = #"{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": "\#(objects)"}"#
        let result = analyze(.s3Bucket, arn: bucket, statements: statements)
        XCTAssertEqual(result.decidedBy, .solver)
        XCTAssertEqual(result.findings.map(\.principal), ["*"])
    }

    // An RCP is part of the decision (an RCP must allow too, Organizations User Guide, "Resource
    // control policies (RCPs)"), and this side reads the resource policy alone: a resource with
    // one is not decided here, whatever its resource policy.
    func testAnRCPFallsBackToTheSolver() throws {
        let statements = #"{"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "\#(objects)"}"#
        let rcp = try XCTUnwrap(policy(document(#"""
            {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"},
            {"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "*"}
            """#), type: .rcp))
        var resource = AnalyzedResource(arn: bucket, type: .s3Bucket, account: ourAccount, policy: try XCTUnwrap(policy(document(statements))))
        XCTAssertNotNil(SolverFreeFindings(resource: resource, zone: ourZone, options: testOptions)?.findings())
        resource.resourceControlPolicies = [[rcp]]
        XCTAssertNil(SolverFreeFindings(resource: resource, zone: ourZone, options: testOptions))
    }

    // S3 Block Public Access's RestrictPublicBuckets applies only to a bucket whose policy is
    // public (S3 User Guide, "Blocking public access to your Amazon S3 storage", "The meaning of
    // public"): one granting a named account is not, so the account keeps its access, decided
    // here exactly as the solver path decides it.
    func testRestrictPublicBucketsLeavesANonPublicPolicyAlone() throws {
        let statements = #"{"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "s3:GetObject", "Resource": "\#(objects)"}"#
        let restricted: (inout AnalyzedResource) -> Void = { $0.blockPublicAccess = BlockPublicAccess(restrictPublicBuckets: true) }
        let result = analyze(.s3Bucket, arn: bucket, statements: statements, configure: restricted)
        XCTAssertEqual(result.decidedBy, .concrete)
        XCTAssertEqual(result.findings.map(\.principal), [otherAccount])
        assertSame(result, try solverPath(statements, configure: restricted))
    }

    // Three outside accounts: the solver path visits them in the principal class sweep's order,
    // which is not replayed here: the solver decides.
    func testThreeNamedAccountsFallBack() throws {
        let statements = #"{"Effect": "Allow", "Principal": {"AWS": ["444455556666", "555566667777", "666677778888"]}, "Action": "s3:GetObject", "Resource": "\#(objects)"}"#
        let result = analyze(.s3Bucket, arn: bucket, statements: statements)
        XCTAssertEqual(result.decidedBy, .solver)
        XCTAssertEqual(result.findings.map(\.principal).sorted(), ["444455556666", "555566667777", "666677778888"])
    }

    // One account granted, and a Deny naming two services: the solver path counts every named
    // account, service and provider of the policy's statements (three here) and sweeps them
    // (`PrincipalClassSweep.minimumNamedClasses`), an order not replayed here: left to it.
    func testServicesNamedByADenyCountTowardsTheSweep() throws {
        let statements = #"""
            {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "s3:GetObject", "Resource": "\#(objects)"},
            {"Effect": "Deny", "Principal": {"Service": ["a.amazonaws.com", "b.amazonaws.com"]}, "Action": "s3:PutObject", "Resource": "\#(objects)"}
            """#
        let resource = AnalyzedResource(arn: bucket, type: .s3Bucket, account: ourAccount, policy: try XCTUnwrap(policy(document(statements))))
        XCTAssertNil(SolverFreeFindings(resource: resource, zone: ourZone, options: testOptions))
        var oneService = resource
        oneService.policy = policy(document(statements.replacingOccurrences(of: #"["a.amazonaws.com", "b.amazonaws.com"]"#, with: #""a.amazonaws.com""#)))
        XCTAssertNotNil(SolverFreeFindings(resource: oneService, zone: ourZone, options: testOptions)?.findings())
    }

    // Two accounts, one of them granted by two statements: two findings, each with its own
    // actions and the statements that grant them. By hand: 444455556666 gets s3:GetObject (#0)
    // and s3:PutObject (#1); 555566667777, named by its root (every principal of the account),
    // s3:PutObject (#1) only.
    func testTwoAccountsAreEachTheirOwnFinding() throws {
        let statements = #"""
            {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "s3:GetObject", "Resource": "\#(objects)"},
            {"Effect": "Allow", "Principal": {"AWS": ["444455556666", "arn:aws:iam::555566667777:root"]}, "Action": "s3:PutObject", "Resource": "\#(objects)"}
            """#
        let result = analyze(.s3Bucket, arn: bucket, statements: statements)
        XCTAssertEqual(result.decidedBy, .concrete)
        let byPrincipal = Dictionary(uniqueKeysWithValues: result.findings.map { ($0.principal, $0) })
        XCTAssertEqual(byPrincipal["444455556666"]?.actions, ["s3:GetObject", "s3:PutObject"])
        XCTAssertEqual(byPrincipal["444455556666"]?.statements.map(\.index), [0, 1])
        XCTAssertEqual(byPrincipal["555566667777"]?.actions, ["s3:PutObject"])
        XCTAssertEqual(byPrincipal["555566667777"]?.statements.map(\.index), [1])
        assertSame(result, try solverPath(statements))
    }

    // MARK: Corpora

    /// Every corpus policy decided without the solver gives the solver path's result exactly
    /// (status, findings with their witnesses and statements, explanation, completeness). CI
    /// checks a sample (`RAMPART_SOLVERFREE_CHECKS`, default 40); `all` checks every one.
    func testCorpusSolverFreeFindingsAreTheSolverPaths() throws {
        let limit = ProcessInfo.processInfo.environment["RAMPART_SOLVERFREE_CHECKS"].map { $0 == "all" ? Int.max : Int($0) ?? 40 } ?? 40
        let cases = try CorpusResourceCases.load()
        var options = testOptions
        options.timeoutMilliseconds = 30_000
        let decided = cases.filter { item in
            SolverFreeFindings(resource: item.resource, zone: item.zone, options: options)?.findings() != nil
        }
        let stride = max(1, decided.count / max(1, min(limit, decided.count)))
        var solverPath = options
        solverPath.solverFreeFindings = false
        var checked = 0
        for item in Swift.stride(from: 0, to: decided.count, by: stride).map({ decided[$0] }).prefix(limit) {
            let fast = ExternalAccessAnalyzer.analyze(item.resource, zone: item.zone, options: options)
            let solved = ExternalAccessAnalyzer.analyze(item.resource, zone: item.zone, options: solverPath)
            XCTAssertEqual(fast.decidedBy, .concrete, item.label)
            XCTAssertEqual(fast.status, solved.status, item.label)
            XCTAssertEqual(fast.findings, solved.findings, item.label)
            XCTAssertEqual(fast.explanation, solved.explanation, item.label)
            XCTAssertEqual(fast.complete, solved.complete, item.label)
            checked += 1
        }
        print("SolverFreeFindings on the corpus: \(decided.count) of \(cases.count) policies decided without the solver; \(checked) checked against the solver path")
        XCTAssertGreaterThan(decided.count, 10, "the fragment should hold corpus policies")
        XCTAssertEqual(checked, min(limit, decided.count))
    }
}
