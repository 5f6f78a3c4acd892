@testable import Analysis
import Authorizer
import Foundation
import Policy
import RampartTestSupport
import XCTest

/// The solver-free proofs (`ZoneScreen`): each rule on a hand-worked policy, the cases it must
/// leave to the solver, and every screened proof on the corpora checked against the solver.
final class ZoneScreenTests: XCTestCase {
    private let orgZone = ZoneOfTrust.organization("o-a1b2c3d4e5", accounts: [ourAccount, "222233334444"])

    /// The screen's answer alone (nil: left to the solver).
    private func screen(_ type: ResourceType, arn: String, _ statements: String, zone: ZoneOfTrust = ourZone,
                        file: StaticString = #filePath, line: UInt = #line) -> [String]? {
        let resource = AnalyzedResource(arn: arn, type: type, account: ourAccount,
                                        policy: policy(document(statements), type: type.policyType, file: file, line: line))
        return ZoneScreen.proof(for: resource, zone: zone)
    }

    // MARK: Proofs (the `analyze` helper also asks the solver and compares)

    // IAM User Guide, "AWS JSON policy elements: Principal": an account or an ARN of the account
    // names only that account's principals.
    func testPrincipalsOfTheZoneAreProvedWithoutTheSolver() {
        let result = analyze(.s3Bucket, arn: bucket, statements: #"""
            {"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:*", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"},
            {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:role/Reader", "arn:aws:iam::111122223333:user/Ana"]}, "Action": "s3:GetObject", "Resource": "*"}
            """#)
        XCTAssertEqual(result.status, .noExternalAccess)
        XCTAssertEqual(result.decidedBy, .screen)
        XCTAssertEqual(result.solverCalls, 0)
        XCTAssertEqual(result.explanation, [
            "Allow statement 0 (Root): its Principal names only principals inside the zone of trust.",
            "Allow statement 1: its Principal names only principals inside the zone of trust.",
        ])
    }

    // IAM User Guide, "Grant a user permissions to pass a role to an AWS service": a service in a
    // trust policy acts for a principal of the role's account.
    func testServiceInTrustPolicyIsInsideTheZone() {
        let result = analyze(.iamRole, arn: "arn:aws:iam::111122223333:role/lambda-exec", statements: #"""
            {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
            """#)
        XCTAssertEqual(result.status, .noExternalAccess)
        XCTAssertEqual(result.decidedBy, .screen)
    }

    // "aws:PrincipalOrgID" (AWS global condition context keys): only accounts of the organization.
    func testPrincipalOrgIDOfTheZonesOrganization() {
        let result = analyze(.s3Bucket, arn: bucket, statements: #"""
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
             "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}
            """#, zone: orgZone)
        XCTAssertEqual(result.status, .noExternalAccess)
        XCTAssertEqual(result.decidedBy, .screen)
        XCTAssertEqual(result.explanation,
                       ["Allow statement 0: its condition [StringEquals aws:PrincipalOrgID: o-a1b2c3d4e5] admits no caller outside the zone."])
    }

    // "aws:PrincipalAccount", "aws:SourceAccount" and "aws:SourceArn" (AWS global condition context keys).
    func testAccountConditionsNamingTheZone() {
        for condition in [
            #"{"StringEquals": {"aws:PrincipalAccount": ["111122223333"]}}"#,
            #"{"StringEquals": {"aws:SourceAccount": "111122223333"}}"#,
            #"{"ArnLike": {"aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/*"}}"#,
            #"{"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/Admin"}}"#,
            #"{"StringLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:*"}}"#,
        ] {
            let result = analyze(.snsTopic, arn: "arn:aws:sns:us-east-1:111122223333:alerts", statements: #"""
                {"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "SNS:Publish", "Resource": "*",
                 "Condition": \#(condition)}
                """#)
            XCTAssertEqual(result.status, .noExternalAccess, condition)
            XCTAssertEqual(result.decidedBy, .screen, condition)
        }
    }

    // A statement for another service's actions, or another bucket, grants nothing here — also
    // when the other bucket's ARN holds policy variables: whatever their values (IAM User Guide,
    // "IAM policy elements: Variables and tags": a value is inserted as text), `other-bucket/…`
    // and `logs-…` name other buckets.
    func testStatementsThatCannotApplyToTheResource() {
        let result = analyze(.s3Bucket, arn: bucket, statements: #"""
            {"Effect": "Allow", "Principal": "*", "Action": ["sqs:*", "ec2:Describe*"], "Resource": "*"},
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::other-bucket/*"},
            {"Effect": "Allow", "Principal": "*", "Action": "s3:Get*", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket-logs*"},
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::other-bucket/home/${aws:username}/*"},
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs-${*}/*"}
            """#)
        XCTAssertEqual(result.status, .noExternalAccess)
        XCTAssertEqual(result.decidedBy, .screen)
        XCTAssertTrue(result.explanation.allSatisfy { $0.hasSuffix("does not apply to this resource's actions and resources.") },
                      "\(result.explanation)")
    }

    // MARK: Left to the solver

    func testWhatTheScreenLeavesToTheSolver() {
        let s3 = "arn:aws:s3:::amzn-s3-demo-bucket/*"
        let open: [String] = [
            // Everyone, another account, NotPrincipal, federated callers, a service without a source key.
            #"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "\#(s3)"}"#,
            #"{"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "s3:GetObject", "Resource": "\#(s3)"}"#,
            #"{"Effect": "Allow", "NotPrincipal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "\#(s3)"}"#,
            #"{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "s3:GetObject", "Resource": "\#(s3)"}"#,
            #"{"Effect": "Allow", "Principal": {"Service": "logging.s3.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "\#(s3)"}"#,
            // Conditions that do not confine the caller: IfExists (absent key passes), a set
            // qualifier (ForAllValues on an absent key is true), a negated operator, a wildcard
            // account, an org id in an account zone, another account.
            #"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "\#(s3)", "Condition": {"StringEqualsIfExists": {"aws:PrincipalAccount": "111122223333"}}}"#,
            #"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "\#(s3)", "Condition": {"ForAllValues:StringEquals": {"aws:PrincipalAccount": "111122223333"}}}"#,
            #"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "\#(s3)", "Condition": {"StringNotEquals": {"aws:PrincipalAccount": "444455556666"}}}"#,
            #"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "\#(s3)", "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/Admin"}}}"#,
            #"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "\#(s3)", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}"#,
            #"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "\#(s3)", "Condition": {"StringEquals": {"aws:SourceAccount": ["111122223333", "444455556666"]}}}"#,
            // Scopes that may reach the bucket: NotAction, NotResource, a variable, a wildcard.
            #"{"Effect": "Allow", "Principal": "*", "NotAction": "s3:DeleteObject", "Resource": "\#(s3)"}"#,
            #"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::other/*"}"#,
            #"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::${aws:username}/*"}"#,
            #"{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "arn:aws:s3:::amzn-s3-demo-*"}"#,
        ]
        for statement in open {
            XCTAssertNil(screen(.s3Bucket, arn: bucket, statement), statement)
        }
        // One open statement among screened ones leaves the whole policy to the solver.
        XCTAssertNil(screen(.s3Bucket, arn: bucket, open[0] + "," + #"{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:*", "Resource": "*"}"#))
    }

    // MARK: Corpora

    /// Every resource and trust policy of the corpus the screen proves, the solver proves too.
    /// CI checks a seeded sample (`RAMPART_SCREEN_CHECKS`, default 40); `all` checks every one.
    func testScreenedCorpusProofsAreSolverProofs() throws {
        let cases = try CorpusResourceCases.load()
        let screened = cases.filter { ZoneScreen.proof(for: $0.resource, zone: $0.zone) != nil }
        // Not vacuous: the corpus has many screened proofs and many policies left to the solver.
        XCTAssertGreaterThan(screened.count, 100)
        XCTAssertLessThan(screened.count, cases.count)
        let limit = ProcessInfo.processInfo.environment["RAMPART_SCREEN_CHECKS"].map { $0 == "all" ? Int.max : Int($0) ?? 40 } ?? 40
        let stride = max(1, screened.count / max(1, min(limit, screened.count)))
        var checked = 0, unproven = 0
        var solverOnly = testOptions
        solverOnly.screen = false
        solverOnly.timeoutMilliseconds = 30_000
        for item in Swift.stride(from: 0, to: screened.count, by: stride).map({ screened[$0] }).prefix(limit) {
            let solved = ExternalAccessAnalyzer.analyze(item.resource, zone: item.zone, options: solverOnly)
            if solved.status == .unproven { unproven += 1; continue }
            XCTAssertEqual(solved.status, .noExternalAccess,
                           "\(item.label): screened as safe, but the solver finds \(solved.findings.map(\.principal))")
            checked += 1
        }
        print("ZoneScreen on the corpus: \(screened.count) of \(cases.count) policies screened; \(checked) checked against the solver, \(unproven) UNPROVEN")
        XCTAssertGreaterThan(checked, min(limit, screened.count) / 2, "too many UNPROVEN solver answers (\(unproven))")
    }
}

/// Resource and trust policies of `policy-examples.jsonl` as resources of their type, each named
/// by the first ARN of its own statements for that service (wildcards made concrete) so the
/// policy is analysed against a resource it speaks of; the zone is the corpus's placeholder
/// account, widened to the organization a policy's `aws:PrincipalOrgID` names.
struct CorpusResourceCases {
    struct Case {
        var label: String
        var resource: AnalyzedResource
        var zone: ZoneOfTrust
    }

    static let types: [String: ResourceType] = [
        "bucket-policy": .s3Bucket, "key-policy": .kmsKey, "queue-policy": .sqsQueue, "topic-policy": .snsTopic,
        "lambda-policy": .lambdaFunction, "secret-policy": .secretsManagerSecret, "trust-policy": .iamRole,
    ]

    static func load() throws -> [Case] {
        try Corpus.load("policy-examples/policy-examples.jsonl").compactMap { document -> Case? in
            guard let type = types[document.kind] else { return nil }
            let parsed = PolicyParser.parse(bytes: document.bytes, source: document.label, type: type.policyType)
            guard let policy = parsed.policy, !parsed.diagnostics.containsError else { return nil }
            let organization = policy.statements.flatMap(\.conditions)
                .first { $0.key.value.lowercased() == "aws:principalorgid" }?.values.first?.text
            let zone = organization.map { ZoneOfTrust.organization($0, accounts: [ourAccount]) } ?? ourZone
            let resource = AnalyzedResource(arn: arn(of: policy, type: type), type: type, account: ourAccount, policy: policy)
            return Case(label: document.label, resource: resource, zone: zone)
        }
    }

    private static func arn(of policy: Policy, type: ResourceType) -> String {
        let prefix = "arn:aws:\(type.servicePrefixes[0] == "sts" ? "iam" : type.servicePrefixes[0]):"
        let named = policy.statements.flatMap { $0.resources?.values ?? [] }.first { $0.hasPrefix(prefix) }
        guard let named, type != .iamRole else {
            return type == .iamRole ? "arn:aws:iam::\(ourAccount):role/example" : "\(prefix)us-east-1:\(ourAccount):example"
        }
        var concrete = named.replacingOccurrences(of: "*", with: "x").replacingOccurrences(of: "?", with: "x")
        while let start = concrete.range(of: "${"), let end = concrete.range(of: "}", range: start.upperBound..<concrete.endIndex) {
            concrete.replaceSubrange(start.lowerBound..<end.upperBound, with: "x")
        }
        if type == .s3Bucket, let slash = concrete.firstIndex(of: "/") { concrete = String(concrete[..<slash]) }
        return concrete
    }
}
