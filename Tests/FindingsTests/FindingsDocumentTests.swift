import Analysis
import Authorizer
import Findings
import Foundation
import XCTest

/// A previous run's `findings.json` read back (`rampart scan --previous`): the typed finding
/// survives the round trip, and a document of the wrong shape is an error naming its JSON path.
final class FindingsDocumentTests: XCTestCase {
    private func finding() throws -> ScanFinding {
        var principal = Principal.role(arn: "arn:aws:iam::444455556666:role/Reader")
        principal.orgID = "o-a1b2c3d4e5"
        var context = RequestContext()
        context["aws:SourceIp"] = .string("203.0.113.7")
        let witness = Request(principal: principal, action: "s3:GetObject", resource: "arn:aws:s3:::b/k", resourceAccount: "111122223333",
                              context: context)
        let statement = GrantingStatement(file: "accounts/111122223333/s3/b.get-bucket-policy.json", documentPath: "$.Policy",
                                          statementIndex: 1, sid: "Partner", line: 7, text: "{\"Effect\": \"Allow\"}")
        return ScanFinding(id: "rf-000000000000000000000007", status: .archived, isNew: false, resource: "arn:aws:s3:::b",
                           resourceType: "AWS::S3::Bucket", account: "111122223333", principal: "444455556666", principalKind: .account,
                           actions: ["s3:GetObject"], conditions: ["IpAddress aws:SourceIp: 203.0.113.0/24"], isPublic: false,
                           witness: witness, statements: [statement], source: .policy, firstSeen: "2025-01-30T02:00:00Z",
                           lastSeen: "2025-01-31T02:00:00Z", archivedBy: "partner-reads")
    }

    private func document(_ findings: [FindingRecord]) throws -> Data {
        struct Root: Encodable { var findings: [FindingRecord] }
        return try JSONEncoder().encode(Root(findings: findings))
    }

    func testAFindingSurvivesTheRoundTrip() throws {
        let original = try finding()
        let read = try FindingsDocument.readFindings(try document([FindingRecord(original)]), source: "findings.json")
        XCTAssertEqual(read.count, 1)
        let back = try XCTUnwrap(read.first)
        XCTAssertEqual(back.id, original.id)
        XCTAssertEqual(back.status, .archived)
        XCTAssertEqual(back.isNew, false)
        XCTAssertEqual(back.principalKind, .account)
        XCTAssertEqual(back.source, .policy)
        XCTAssertEqual(back.conditions, original.conditions)
        XCTAssertEqual(back.statements, original.statements)
        XCTAssertEqual(back.archivedBy, "partner-reads")
        // The witness in the request-file shape reads back as the same request.
        XCTAssertEqual(back.witness, original.witness)
    }

    func testTheRecordCarriesTheJudgedSeverity() throws {
        let record = FindingRecord(try finding())
        // A cross-account read (docs/REPORTS.md, "Severity and remediation"): MEDIUM, 5.0.
        XCTAssertEqual(record.severity, "MEDIUM")
        XCTAssertEqual(record.severityScore, 5.0)
    }

    private func readError(_ text: String) -> String? {
        do {
            _ = try FindingsDocument.readFindings(Data(text.utf8), source: "prev/findings.json")
            return nil
        } catch {
            return "\(error)"
        }
    }

    func testAWrongShapeNamesItsPath() throws {
        let good = try XCTUnwrap(String(data: try JSONEncoder().encode(FindingRecord(try finding())), encoding: .utf8))
        let badStatus = good.replacingOccurrences(of: "\"ARCHIVED\"", with: "\"FIXED\"")
        XCTAssertTrue(readError(#"{"findings": [\#(good), \#(badStatus)]}"#)?.contains("$.findings[1].status") == true)
        XCTAssertTrue(readError(#"{"findings": [{"id": "rf-1"}]}"#)?.contains("$.findings[0].status is missing") == true)
        XCTAssertTrue(readError(#"{"findings": 3}"#)?.contains("$.findings must be an array") == true)
        XCTAssertTrue(readError("[1, 2]")?.contains("not a JSON object") == true)
        XCTAssertTrue(readError(#"{"findings": [\#(good.replacingOccurrences(of: "\"Account\"", with: "\"Robot\""))]}"#)?
            .contains("$.findings[0].principalKind") == true)
    }

    // MARK: Finding sources spelled as Access Analyzer spells them (issue 22 item 5)

    /// A `findings.json` written by an earlier version (`"source": "acl"`) is read back, each
    /// earlier spelling as the source it named; today's spellings (Access Analyzer's
    /// `FindingSourceType`, https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_FindingSource.html)
    /// too; anything else is an error naming the path.
    func testEarlierAndCurrentSpellingsOfTheSourceAreReadBack() throws {
        let good = try XCTUnwrap(String(data: try JSONEncoder().encode(FindingRecord(try finding())), encoding: .utf8))
        XCTAssertTrue(good.contains(#""source":"POLICY""#), "written in Access Analyzer's spelling: \(good)")
        let spellings: [(String, FindingSource)] = [
            ("policy", .policy), ("acl", .bucketACL), ("sharing", .snapshotSharing),
            ("POLICY", .policy), ("BUCKET_ACL", .bucketACL), ("S3_ACCESS_POINT", .s3AccessPoint),
            ("S3_ACCESS_POINT_ACCOUNT", .s3AccessPointAccount), ("KMS_GRANT", .kmsGrant), ("SNAPSHOT_SHARING", .snapshotSharing),
        ]
        for (spelling, source) in spellings {
            let text = good.replacingOccurrences(of: #""source":"POLICY""#, with: #""source":"\#(spelling)""#)
            let read = try FindingsDocument.readFindings(Data(#"{"findings": [\#(text)]}"#.utf8), source: "findings.json")
            XCTAssertEqual(read.first?.source, source, spelling)
        }
        let bogus = good.replacingOccurrences(of: #""source":"POLICY""#, with: #""source":"grant""#)
        XCTAssertTrue(readError(#"{"findings": [\#(bogus)]}"#)?.contains("$.findings[0].source") == true)
    }

    /// Finding ids computed before the rename (the id's text ends with the source as earlier
    /// versions spelled it: `policy`, `acl`, `sharing`; docs/REPORTS.md) are the ids computed now,
    /// so `--previous` follows the same findings. The expected ids are the SHA-256 of that text,
    /// computed outside Rampart (Python's hashlib).
    func testIdsDoNotChangeWithTheSpellingOfTheSource() {
        XCTAssertEqual(FindingIdentity.id(resource: "arn:aws:s3:::b", principal: "*", actions: ["s3:ListBucket"], conditions: [],
                                          source: .bucketACL), "rf-03ad4f33de4f4e75d4440409")
        XCTAssertEqual(FindingIdentity.id(resource: "arn:aws:s3:::b", principal: "*", actions: ["s3:GetObject"], conditions: [],
                                          source: .policy), "rf-e05d3987da4d8d5a5cfce2fa")
        XCTAssertEqual(FindingIdentity.id(resource: "arn:aws:ec2:us-east-1::snapshot/snap-1", principal: "*", actions: ["ec2:CreateVolume"],
                                          conditions: [], source: .snapshotSharing), "rf-1ac373727e2f563409b42995")
        // A new source gets an id of its own.
        XCTAssertNotEqual(FindingIdentity.id(resource: "arn:aws:s3:::b", principal: "*", actions: ["s3:ListBucket"], conditions: [],
                                             source: .kmsGrant), "rf-03ad4f33de4f4e75d4440409")
    }

    /// Archive rules written for an earlier version (`"source": {"eq": ["acl"]}`) still match, and
    /// so do rules in today's spelling.
    func testArchiveRulesMatchEitherSpellingOfTheSource() throws {
        var acl = try finding()
        acl.access.source = .bucketACL
        for spelling in ["acl", "BUCKET_ACL"] {
            XCTAssertTrue(ArchiveRule(name: "r", filter: ["source": .init(eq: [spelling])]).matches(acl), spelling)
            XCTAssertFalse(ArchiveRule(name: "r", filter: ["source": .init(neq: [spelling])]).matches(acl), spelling)
        }
        XCTAssertFalse(ArchiveRule(name: "r", filter: ["source": .init(eq: ["policy"])]).matches(acl))
    }
}
