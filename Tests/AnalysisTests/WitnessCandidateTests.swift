@testable import Analysis
import Authorizer
import Foundation
import Policy
import RampartTestSupport
import XCTest

/// Candidate witnesses (`WitnessCandidates`) only replace SAT answers by pinned SAT answers: the
/// findings must be those of the solver alone. Checked on hand-worked contexts and on the corpora.
final class WitnessCandidateTests: XCTestCase {
    private func condition(_ json: String) -> [Condition] {
        let text = document(#"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*", "Condition": \#(json)}"#)
        return policy(text)?.statements.first?.conditions ?? []
    }

    // IAM User Guide, "IAM JSON policy elements: Condition operators": each operator's own
    // definition gives a value that satisfies it, or says an absent key satisfies it.
    func testContextSatisfiesEachOperatorOnItsOwn() {
        let context = WitnessCandidates.context(satisfying: condition(#"""
            {"StringLike": {"aws:SourceVpc": "vpc-*"}, "StringEquals": {"aws:PrincipalTag/team": "a*b"},
             "NumericLessThan": {"s3:max-keys": "10"}, "StringNotEquals": {"aws:SourceVpce": "vpce-1"},
             "IpAddress": {"aws:SourceIp": "203.0.113.0/24"}, "Null": {"s3:x-amz-server-side-encryption": "true"},
             "StringEqualsIfExists": {"aws:RequestedRegion": "eu-west-1"}}
            """#))
        XCTAssertEqual(context["aws:SourceVpc"]?.text, "vpc-x")        // StringLike: * may be "x"
        XCTAssertEqual(context["aws:PrincipalTag/team"]?.text, "a*b")  // StringEquals: * is literal
        XCTAssertEqual(context["s3:max-keys"]?.text, "9")              // strictly less than 10
        XCTAssertNil(context["aws:SourceVpce"])                        // negated: an absent key passes
        XCTAssertEqual(context["aws:SourceIp"]?.text, "203.0.113.0")   // inside the CIDR
        XCTAssertNil(context["s3:x-amz-server-side-encryption"])       // Null true: absent
        XCTAssertNil(context["aws:RequestedRegion"])                   // ...IfExists: absent passes
        XCTAssertEqual(context["aws:SecureTransport"]?.text, "true")   // always sent
    }

    // A policy granting two principal classes different actions: the same findings either way.
    func testFindingsMatchTheSolverAlone() {
        let statements = #"""
            {"Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"],
             "Condition": {"StringLike": {"aws:Referer": "https://example.com/*"}}},
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/Uploader"}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}
            """#
        let fast = analyze(.s3Bucket, arn: bucket, statements: statements)
        var resource = AnalyzedResource(arn: bucket, type: .s3Bucket, account: ourAccount, policy: policy(document(statements)))
        resource.account = ourAccount
        let solved = ExternalAccessAnalyzer.analyze(resource, zone: ourZone, options: .solverOnly(timeoutMilliseconds: 120_000))
        XCTAssertEqual(fast.status, .externalAccess)
        // Worked by hand: anonymous callers (with a Referer) may get and list, so that finding's
        // class is "*", every outside caller; the other account's role may also put, a finding of
        // its own account with its own action (one finding per principal, docs/ANALYSIS.md, "Findings").
        XCTAssertEqual(summary(fast), ["* s3:GetObject,s3:ListBucket", "444455556666 s3:PutObject"])
        // The solver alone gives the same findings, whichever witness Z3 returns first.
        XCTAssertEqual(solved.status, .externalAccess)
        XCTAssertEqual(summary(solved), summary(fast))
    }

    private func summary(_ result: ExternalAccessResult) -> [String] {
        result.findings.map { "\($0.principal) \($0.actions.filter { ["s3:GetObject", "s3:ListBucket", "s3:PutObject"].contains($0) }.joined(separator: ","))" }.sorted()
    }

    /// Corpus policies the fast path finds external access on: the solver alone gives the same
    /// answer and the same principals. CI checks a sample (`RAMPART_CANDIDATE_CHECKS`, default 8).
    func testCorpusFindingsMatchTheSolverAlone() throws {
        let limit = ProcessInfo.processInfo.environment["RAMPART_CANDIDATE_CHECKS"].map { $0 == "all" ? Int.max : Int($0) ?? 8 } ?? 8
        let cases = try CorpusResourceCases.load().filter { ZoneScreen.proof(for: $0.resource, zone: $0.zone) == nil }
        let stride = max(1, cases.count / min(limit, cases.count))
        var compared = 0
        for item in Swift.stride(from: 0, to: cases.count, by: stride).map({ cases[$0] }).prefix(limit) {
            let fast = ExternalAccessAnalyzer.analyze(item.resource, zone: item.zone, options: AnalysisOptions(timeoutMilliseconds: 30_000))
            let solved = ExternalAccessAnalyzer.analyze(item.resource, zone: item.zone, options: .solverOnly(timeoutMilliseconds: 30_000))
            guard fast.status != .unproven, solved.status != .unproven, fast.complete, solved.complete else { continue }
            XCTAssertEqual(fast.status, solved.status, item.label)
            XCTAssertEqual(fast.externalPrincipals, solved.externalPrincipals, item.label)
            compared += 1
        }
        XCTAssertGreaterThan(compared, min(limit, cases.count) / 2, "too few definite answers to compare")
    }

    private func candidates(_ statements: String, arn: String = bucket, type: ResourceType = .s3Bucket) throws -> [Request] {
        let resource = AnalyzedResource(arn: arn, type: type, account: ourAccount, policy: try XCTUnwrap(policy(document(statements))))
        return WitnessCandidates(resource: resource, zone: ourZone, policies: resource.policies, catalog: .shipped,
                                 literalAccounts: [ourAccount]).requests
    }

    /// Keys AWS derives from the caller are never stated in a candidate's context (a stated key
    /// replaces the derived one: `Request.effectiveContext`, a request AWS never sends): the
    /// caller is shaped instead. `aws:userid` of a role session is "role-id:session-name" (IAM
    /// User Guide, "AWS global condition context keys", aws:userid), so a role with the unique id
    /// `AROAEXAMPLEID:x` meets `AROAEXAMPLEID:*`; anonymous callers ("anonymous") and account
    /// roots (their account id) cannot.
    func testCallersAreShapedByConditionsOnKeysDerivedFromThem() throws {
        let found = try candidates(#"""
            {"Effect": "Allow", "Principal": "*", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket",
             "Condition": {"StringLike": {"aws:userid": "AROAEXAMPLEID:*"}, "StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}
            """#)
        XCTAssertFalse(found.isEmpty)
        for request in found {
            XCTAssertNil(request.context["aws:userid"])
            XCTAssertNil(request.context["aws:PrincipalOrgID"])
            XCTAssertNotEqual(request.principal.kind, .anonymous)
            XCTAssertNotEqual(request.principal.kind, .accountRoot)
        }
        let role = try XCTUnwrap(found.first { $0.principal.kind == .iamRole })
        XCTAssertEqual(role.principal.userID, "AROAEXAMPLEID:x")
        XCTAssertEqual(role.principal.orgID, "o-a1b2c3d4e5")
    }

    /// A deny on `StringNotLike aws:userId [...]` applies unless the caller's id is one of them:
    /// candidates meet one. `ForAllValues:StringNotEquals` on a list applies unless some value is
    /// one of them (IAM User Guide, "Multivalued context keys"): candidates send one.
    func testCandidatesStayOutOfConditionalDenies() throws {
        let found = try candidates(#"""
            {"Effect": "Allow", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"},
            {"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
             "Condition": {"StringNotLike": {"aws:userId": ["AROAEXAMPLEID:*", "111111111111"]}}},
            {"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
             "Condition": {"ForAllValues:StringNotEquals": {"aws:PrincipalServiceNamesList": "logging.s3.amazonaws.com"}}}
            """#)
        XCTAssertFalse(found.isEmpty)
        for request in found {
            XCTAssertEqual(request.principal.userID, "AROAEXAMPLEID:x")
            XCTAssertEqual(request.context.values(for: "aws:PrincipalServiceNamesList")?.map(\.text), ["logging.s3.amazonaws.com"])
        }
    }

    /// A variable in the statement's resource takes the caller's value (`${aws:PrincipalAccount}`),
    /// or, for a key AWS does not derive, a value the candidate states (`${aws:FederatedProvider}`).
    func testResourceVariablesAreResolved() throws {
        let found = try candidates(#"""
            {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/${aws:PrincipalAccount}/*"},
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/${aws:FederatedProvider}/*"}
            """#)
        XCTAssertTrue(found.contains { $0.resource == "arn:aws:s3:::amzn-s3-demo-bucket/444455556666/x" })
        XCTAssertTrue(found.contains { $0.resource == "arn:aws:s3:::amzn-s3-demo-bucket/rampart-witness/x"
                                       && $0.context["aws:FederatedProvider"]?.text == "rampart-witness" })
    }

    /// A key the caller sends (`aws:RequestedRegion`) in a `Resource` pattern takes the value
    /// that makes the pattern name the resource in question, so bucket actions get a candidate
    /// on the bucket itself (they apply to buckets only).
    func testResourceVariablesTakeTheValuesThatNameTheResource() throws {
        let registry = "arn:aws:s3:::team-image-registry-eu-west-1-abc"
        let found = try candidates(#"""
            {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "s3:GetBucketTagging", "Resource": "arn:aws:s3:::*-image-registry-${aws:RequestedRegion}-*"}
            """#, arn: registry)
        XCTAssertTrue(found.contains { $0.resource == registry && $0.action == "s3:GetBucketTagging"
                                       && $0.context["aws:RequestedRegion"] != nil },
                      "\(found.map(RequestFile.encode))")
    }

    func testVariableBindingsOfResourcePatterns() {
        XCTAssertEqual(ResourceVariableBindings.bindings(of: "arn:aws:s3:::*-registry-${aws:RequestedRegion}", matching: "arn:aws:s3:::team-registry-eu"),
                       ["aws:requestedregion": "eu"])
        XCTAssertEqual(ResourceVariableBindings.bindings(of: "arn:aws:s3:::${aws:username}/${aws:username}", matching: "arn:aws:s3:::bob/bob"),
                       ["aws:username": "bob"])
        XCTAssertNil(ResourceVariableBindings.bindings(of: "arn:aws:s3:::${aws:username}/${aws:username}", matching: "arn:aws:s3:::bob/alice"),
                     "one key, one value")
        XCTAssertNil(ResourceVariableBindings.bindings(of: "arn:aws:s3:::logs-${aws:username}", matching: "arn:aws:s3:::data-bob"))
        XCTAssertNil(ResourceVariableBindings.bindings(of: "arn:aws:s3:::logs-*", matching: "arn:aws:s3:::logs-bob"), "no variable")
        XCTAssertNil(ResourceVariableBindings.bindings(of: "arn:aws:s3:::logs-${aws:username}", matching: "arn:aws:s3:::logs-"),
                     "a variable stands for a non-empty value")
        XCTAssertEqual(ResourceVariableBindings.bindings(of: "arn:aws:s3:::b/${aws:userid}/?${*}", matching: "arn:aws:s3:::b/AIDA/x*"),
                       ["aws:userid": "AIDA"], "${*} is a literal star, ? one character")
    }

    /// Only IAM users carry `aws:username` (IAM User Guide, "AWS global condition context keys":
    /// "This key is included in the request context for IAM users"), and an account in
    /// `Principal` stands for all its principals. So for `*` and for an account root, a statement
    /// that reads the name gets a user caller whose home folder (`s3:prefix`) and home object
    /// (`Resource`) are its own; no other kind of caller can meet such a statement.
    func testStatementsReadingTheUserNameGetUserCallers() throws {
        let found = try candidates(#"""
            {"Effect": "Allow", "Principal": "*", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket",
             "Condition": {"StringLike": {"s3:prefix": "${aws:username}/*"}}},
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "s3:GetObject",
             "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*"}
            """#)
        XCTAssertTrue(found.allSatisfy { $0.principal.kind == .iamUser }, found.map(RequestFile.encode).joined(separator: "\n"))
        XCTAssertTrue(found.contains { $0.action == "s3:ListBucket" && $0.context["s3:prefix"]?.text == "rampart-witness/x" })
        XCTAssertTrue(found.contains { $0.principal.arn == "arn:aws:iam::444455556666:user/rampart-witness"
                                       && $0.resource == "arn:aws:s3:::amzn-s3-demo-bucket/home/rampart-witness/x" })
    }

    /// The slow shapes of the scan benchmark (docs/BENCHMARKS.md): with candidates and without,
    /// the same findings.
    func testShapedCandidatesGiveTheSolversFindings() {
        for statements in [
            #"{"Effect": "Allow", "Principal": "*", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket", "Condition": {"StringLike": {"aws:userid": "AROAEXAMPLEID:*"}}}"#,
            #"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}, {"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*", "Condition": {"StringNotLike": {"aws:userId": ["AROAEXAMPLEID:*", "111111111111"]}}}"#,
            #"{"Effect": "Allow", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*", "Condition": {"NumericGreaterThan": {"s3:TlsVersion": 1.1}}}"#,
        ] {
            let fast = analyze(.s3Bucket, arn: bucket, statements: statements)
            let resource = AnalyzedResource(arn: bucket, type: .s3Bucket, account: ourAccount, policy: policy(document(statements)))
            let solved = ExternalAccessAnalyzer.analyze(resource, zone: ourZone, options: .solverOnly(timeoutMilliseconds: 120_000))
            XCTAssertEqual(fast.status, .externalAccess, statements)
            XCTAssertEqual(fast.findings.map(\.principal).sorted(), solved.findings.map(\.principal).sorted(), statements)
            XCTAssertEqual(fast.findings.map(\.actions).sorted { $0.joined() < $1.joined() },
                           solved.findings.map(\.actions).sorted { $0.joined() < $1.joined() }, statements)
        }
    }

    /// `IpAddress 192.0.2.0/24` with a `NotIpAddress 192.0.2.188/32` hole (the S3 User Guide's
    /// condition-keys example): a candidate sends an address in the range and outside the hole,
    /// instead of dropping the key for the negated operator (which the range then refuses).
    func testAddressRangesWithHolesKeepTheirAddress() throws {
        let found = try candidates(#"""
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
             "Condition": {"IpAddress": {"aws:SourceIp": "192.0.2.0/24"}, "NotIpAddress": {"aws:SourceIp": "192.0.2.188/32"}}}
            """#)
        XCTAssertFalse(found.isEmpty)
        for request in found {
            let address = try XCTUnwrap(request.context["aws:SourceIp"]?.text)
            XCTAssertTrue(address.hasPrefix("192.0.2."), address)
            XCTAssertNotEqual(address, "192.0.2.188")
        }
    }

    /// A condition value with a variable (`s3:ResourceAccount: ${aws:PrincipalAccount}`, as in
    /// AWS's BedrockAgentCore policies) takes the caller's value: the account of the named root.
    func testConditionValuesWithVariablesTakeTheCallersValues() throws {
        let found = try candidates(#"""
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "s3:GetObject",
             "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*", "Condition": {"StringEquals": {"s3:ResourceAccount": "${aws:PrincipalAccount}"}}}
            """#)
        let request = try XCTUnwrap(found.first)
        XCTAssertEqual(request.principal.account, "444455556666")
        XCTAssertEqual(request.context["s3:ResourceAccount"]?.text, "444455556666")
    }

    /// A resource pattern whose wildcards, filled with "x", leave the resource's scope can still
    /// admit an object of it: `arn:aws:s3::*:logs-for-stack*` (the account segment is a wildcard
    /// in AWSThinkboxAWSPortalAdminPolicy) admits `arn:aws:s3:::amzn-s3-demo-bucket/:logs-for-stack`.
    func testResourcePatternsMeetTheScopeWhereTheyCan() throws {
        let found = try candidates(#"""
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "s3:PutObject",
             "Resource": "arn:aws:s3::*:logs-for-stack*"}
            """#)
        XCTAssertEqual(found.map(\.resource), ["arn:aws:s3:::amzn-s3-demo-bucket/:logs-for-stack"])
    }
}
