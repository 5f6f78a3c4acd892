@testable import Analysis
import Authorizer
import Foundation
import Policy
import RampartTestSupport
import XCTest

/// `ActionScope` leaves out of the encoded policy the `Action` patterns that can match no action
/// of the resource's services. That is only sound if such a pattern really matches none of them.
final class ActionScopeTests: XCTestCase {
    // Worked by hand for a bucket (service s3): `logs:Get*` and `ec2:*` cannot start with
    // `s3:`; `*`, `*:Get*`, `S3:Put*` (actions compare case-insensitively) and `s?:List*` can.
    func testPatternsThatCannotNameAnActionOfTheServicesAreLeftOut() throws {
        let text = document(#"""
            {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": ["s3:GetObject", "logs:Get*", "*", "*:Get*", "S3:Put*", "s?:List*"], "Resource": "*"},
            {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "ec2:*", "Resource": "*"},
            {"Effect": "Deny", "Principal": "*", "NotAction": "logs:*", "Resource": "*"}
            """#)
        let scoped = ActionScope.scoped(try XCTUnwrap(policy(text)), services: ["s3"])
        XCTAssertEqual(scoped.statements.map(\.index), [0, 2])
        XCTAssertEqual(scoped.statements[0].actions?.values, ["s3:GetObject", "*", "*:Get*", "S3:Put*", "s?:List*"])
        XCTAssertEqual(scoped.statements[1].actions?.values, ["logs:*"])  // NotAction kept as written
        XCTAssertEqual(scoped.statements[1].actions?.isNegated, true)
    }

    /// Every action pattern of every AWS managed policy (of the full corpora, or the committed
    /// subset's 41), for every resource type: a pattern left out matches no action of the type's
    /// services in the action catalog.
    func testNoCatalogActionMatchesAPatternLeftOut() throws {
        var patterns = Set<String>()
        for document in try Corpus.load("managed-policies/aws-managed-policies.jsonl", managed: true) {
            guard let parsed = PolicyParser.parse(bytes: document.bytes, source: document.label, type: .identity).policy else { continue }
            for statement in parsed.statements { patterns.formUnion(statement.actions?.values ?? []) }
        }
        XCTAssertGreaterThan(patterns.count, Corpus.isFull ? 5_000 : 700)
        var leftOut = 0
        for type in ResourceType.allCases {
            let services = type.servicePrefixes
            let actions = services.flatMap { ActionCatalog.shipped.actions(ofService: $0) }
            XCTAssertFalse(actions.isEmpty, type.rawValue)
            for pattern in patterns where !ActionScope.canName(pattern, services: services) {
                leftOut += 1
                let glob = GlobPattern(pattern, caseInsensitive: true)
                XCTAssertNil(actions.first(where: { glob.matches($0) }), "\(pattern) left out for \(type.rawValue)")
            }
        }
        XCTAssertGreaterThan(leftOut, Corpus.isFull ? 10_000 : 5_000)  // the subset: 766 patterns, 11,333 left out
    }

    // Worked by hand: account 444455556666 may use every CloudWatch Logs action and s3:GetObject on
    // any resource; on a bucket that is s3:GetObject alone, whether or not the logs pattern is encoded.
    func testFindingsOfAManyServicePolicy() throws {
        let statements = #"""
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": ["logs:*", "ec2:Describe*", "s3:GetObject"], "Resource": "*"}
            """#
        let fast = analyze(.s3Bucket, arn: bucket, statements: statements)
        XCTAssertEqual(fast.status, .externalAccess)
        XCTAssertEqual(fast.findings.map(\.principal), [otherAccount])
        XCTAssertEqual(fast.findings.first?.actions, ["s3:GetObject"])
        let resource = AnalyzedResource(arn: bucket, type: .s3Bucket, account: ourAccount, policy: policy(document(statements)))
        let solved = ExternalAccessAnalyzer.analyze(resource, zone: ourZone, options: .solverOnly(timeoutMilliseconds: 120_000))
        XCTAssertEqual(solved.findings.map(\.principal), [otherAccount])
        XCTAssertEqual(solved.findings.first?.actions, ["s3:GetObject"])
    }

    // A proof still explains every Allow statement as written, including those the action scope
    // left out of the encoding. Worked by hand: statement 0 grants only CloudWatch Logs actions,
    // which never apply to a bucket; statement 1 lets anyone read objects, but statement 2 denies
    // every caller whose aws:PrincipalAccount is not the zone's (absent for anonymous callers and
    // services, and StringNotEquals holds for an absent key), so no outside caller is left. The
    // screen cannot judge statement 1, so the solver and its unsat cores explain it.
    func testProofsExplainStatementsLeftOut() {
        let statements = #"""
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "logs:*", "Resource": "*"},
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"},
            {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
             "Condition": {"StringNotEquals": {"aws:PrincipalAccount": "111122223333"}}}
            """#
        let result = analyze(.s3Bucket, arn: bucket, statements: statements)
        XCTAssertEqual(result.status, .noExternalAccess)
        XCTAssertNotEqual(result.decidedBy, .screen)
        XCTAssertEqual(result.explanation.count, 2, "\(result.explanation)")
        XCTAssertEqual(result.explanation.first, "Allow statement 0: does not apply to this resource's actions and resources.")
        XCTAssertTrue(result.explanation.last?.hasPrefix("Allow statement 1: ") ?? false, "\(result.explanation)")
        XCTAssertTrue(result.explanation.last?.contains("Deny statement 2") ?? false, "\(result.explanation)")
    }
}
