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
}
