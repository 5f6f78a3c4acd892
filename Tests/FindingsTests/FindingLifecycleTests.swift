import Authorizer
import Findings
import Foundation
import XCTest

/// Statuses across runs (IAM Access Analyzer User Guide, "Findings": active, archived, resolved),
/// archive rules, and stable ids — on findings built by hand, no solver involved.
final class FindingLifecycleTests: XCTestCase {
    private let day1 = Date(timeIntervalSince1970: 1_738_288_800)          // 2025-01-31T02:00:00Z
    private var day2: Date { day1.addingTimeInterval(86_400) }

    private func finding(_ resource: String, principal: String = "*", actions: [String] = ["s3:GetObject"], isPublic: Bool = true) -> ScanFinding {
        ScanFinding(id: FindingIdentity.id(resource: resource, principal: principal, actions: actions, conditions: [], source: .policy),
                    resource: resource, resourceType: "AWS::S3::Bucket", account: "111122223333", principal: principal,
                    principalKind: principal == "*" ? .everyone : .account, actions: actions, conditions: [], isPublic: isPublic,
                    witness: Request(principal: .anonymous, action: actions[0], resource: resource), statements: [], source: .policy)
    }

    func testFirstRunMakesEveryFindingActiveAndNew() {
        let result = FindingLifecycle.apply(current: [finding("arn:aws:s3:::a")], previous: nil, rules: [], unanalysed: [], now: day1)
        XCTAssertEqual(result.map(\.status), [.active])
        XCTAssertEqual(result.map(\.isNew), [true])
        XCTAssertEqual(result[0].firstSeen, "2025-01-31T02:00:00Z")
    }

    func testSecondRunKeepsUnchangedResolvesFixedAndFlagsNew() {
        let first = FindingLifecycle.apply(current: [finding("arn:aws:s3:::kept"), finding("arn:aws:s3:::fixed")], previous: nil, rules: [],
                                           unanalysed: [], now: day1)
        let second = FindingLifecycle.apply(current: [finding("arn:aws:s3:::kept"), finding("arn:aws:s3:::added")], previous: first, rules: [],
                                            unanalysed: [], now: day2)
        let byResource = Dictionary(uniqueKeysWithValues: second.map { ($0.resource, $0) })
        XCTAssertEqual(byResource["arn:aws:s3:::kept"]?.status, .active)
        XCTAssertEqual(byResource["arn:aws:s3:::kept"]?.isNew, false)
        XCTAssertEqual(byResource["arn:aws:s3:::kept"]?.firstSeen, "2025-01-31T02:00:00Z")
        XCTAssertEqual(byResource["arn:aws:s3:::kept"]?.lastSeen, "2025-02-01T02:00:00Z")
        XCTAssertEqual(byResource["arn:aws:s3:::fixed"]?.status, .resolved)
        XCTAssertEqual(byResource["arn:aws:s3:::fixed"]?.resolvedAt, "2025-02-01T02:00:00Z")
        XCTAssertEqual(byResource["arn:aws:s3:::added"]?.isNew, true)
    }

    func testAResourceThatCouldNotBeAnalysedDoesNotResolveItsFindings() {
        let first = FindingLifecycle.apply(current: [finding("arn:aws:s3:::broken")], previous: nil, rules: [], unanalysed: [], now: day1)
        let second = FindingLifecycle.apply(current: [], previous: first, rules: [], unanalysed: ["arn:aws:s3:::broken"], now: day2)
        XCTAssertEqual(second.map(\.status), [.active], "a document that broke is not a fix")
    }

    func testResolvedFindingsAreKeptForNinetyDaysThenDropped() {
        var resolved = finding("arn:aws:s3:::old")
        resolved.status = .resolved
        resolved.resolvedAt = "2025-01-31T02:00:00Z"
        XCTAssertEqual(FindingLifecycle.apply(current: [], previous: [resolved], rules: [], unanalysed: [], now: day2).count, 1)
        XCTAssertEqual(FindingLifecycle.apply(current: [], previous: [resolved], rules: [], unanalysed: [],
                                              now: day1.addingTimeInterval(91 * 86_400)).count, 0)
    }

    func testAReappearingResolvedFindingIsNewAgain() {
        var resolved = finding("arn:aws:s3:::back")
        resolved.status = .resolved
        resolved.resolvedAt = "2025-01-31T02:00:00Z"
        let result = FindingLifecycle.apply(current: [finding("arn:aws:s3:::back")], previous: [resolved], rules: [], unanalysed: [], now: day2)
        XCTAssertEqual(result.map(\.status), [.active])
        XCTAssertEqual(result.map(\.isNew), [true])
    }

    func testArchiveRulesArchiveWhatTheyMatch() throws {
        let rules = try ArchiveRuleFile.read(Data(#"""
            {"rules": [
              {"name": "partner", "filter": {"principal": {"eq": ["444455556666"]}, "isPublic": {"eq": [false]}}},
              {"name": "reads", "filter": {"action": {"eq": ["S3:GETOBJECT"]}, "resource": {"contains": ["-site"]}}},
              {"name": "not-logs", "filter": {"resourceType": {"neq": ["AWS::S3::Bucket"]}, "condition": {"exists": false}}}
            ]}
            """#.utf8), source: "rules.json")
        let result = FindingLifecycle.apply(current: [finding("arn:aws:s3:::x", principal: "444455556666", isPublic: false),
                                                      finding("arn:aws:s3:::my-site"), finding("arn:aws:s3:::other")],
                                            previous: nil, rules: rules, unanalysed: [], now: day1)
        XCTAssertEqual(result.map(\.status), [.archived, .archived, .active])
        XCTAssertEqual(result.map(\.archivedBy), ["partner", "reads", nil])
    }

    func testArchiveRuleFileErrorsNameTheirPlace() {
        for (text, place) in [(#"{"rules": [{"filter": {"principal": {"eq": ["*"]}}}]}"#, "$.rules[0]"),
                              (#"{"rules": [{"name": "r", "filter": {"principal": {"like": ["*"]}}}]}"#, "$.rules[0].filter.principal.like"),
                              (#"{"rules": [{"name": "r", "filter": {"principal": {"eq": []}}}]}"#, "$.rules[0].filter.principal.eq"),
                              (#"[]"#, "not a JSON object")] {
            XCTAssertThrowsError(try ArchiveRuleFile.read(Data(text.utf8), source: "rules.json")) { error in
                XCTAssertTrue("\(error)".contains(place), "\(error)")
            }
        }
    }

    func testFindingIdsAreStableAndNameTheAccess() {
        let id = FindingIdentity.id(resource: "arn:aws:s3:::b", principal: "*", actions: ["s3:PutObject", "s3:GetObject"], conditions: [], source: .policy)
        XCTAssertEqual(id, FindingIdentity.id(resource: "arn:aws:s3:::b", principal: "*", actions: ["s3:GetObject", "s3:PutObject"], conditions: [], source: .policy))
        XCTAssertNotEqual(id, FindingIdentity.id(resource: "arn:aws:s3:::b", principal: "111122223333", actions: ["s3:GetObject", "s3:PutObject"], conditions: [], source: .policy))
        XCTAssertNotEqual(id, FindingIdentity.id(resource: "arn:aws:s3:::b", principal: "*", actions: ["s3:GetObject", "s3:PutObject"], conditions: [], source: .bucketACL))
        XCTAssertTrue(id.hasPrefix("rf-"))
        XCTAssertEqual(id.count, 27)
        // Pinned: an id must never change between versions. The expected value is the FIPS 180-4
        // SHA-256 of the canonical text, computed outside Rampart (Python's hashlib):
        // sha256("rampart-finding/v1\x1earn:aws:s3:::b\x1e*\x1es3:GetObject\x1e\x1epolicy")[:24 hex].
        XCTAssertEqual(FindingIdentity.id(resource: "arn:aws:s3:::b", principal: "*", actions: ["s3:GetObject"], conditions: [], source: .policy),
                       "rf-e05d3987da4d8d5a5cfce2fa")
    }
}
