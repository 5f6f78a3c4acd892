import Authorizer
import Environment
import Findings
import Foundation
import Reports
import XCTest

/// The renderers on a report built by hand: HTML escaping, Markdown fences, SARIF structure
/// and mapping, atomic writes.
final class ReportRenderingTests: XCTestCase {
    private func report() -> ScanReport {
        let statement = GrantingStatement(file: "accounts/111122223333/s3/b.get-bucket-policy.json", documentPath: "$.Policy", statementIndex: 0,
                                          sid: "X", line: 2, text: #"{"Sid": "X", "Condition": {"StringEquals": {"aws:UserAgent": "<script>alert(1)</script> ```"}}}"#)
        var archived = ScanFinding(id: "rf-000000000000000000000002", resource: "arn:aws:s3:::b", resourceType: "AWS::S3::Bucket", account: "111122223333",
                                   principal: "444455556666", principalKind: .account, actions: ["s3:ListBucket"], conditions: [], isPublic: false,
                                   witness: Request(principal: .accountRoot("444455556666"), action: "s3:ListBucket", resource: "arn:aws:s3:::b"),
                                   statements: [statement], source: .policy, firstSeen: "2025-01-30T02:00:00Z", lastSeen: "2025-01-31T02:00:00Z")
        archived.status = .archived
        archived.archivedBy = "partner"
        let public_ = ScanFinding(id: "rf-000000000000000000000001", isNew: true, resource: "arn:aws:s3:::b", resourceType: "AWS::S3::Bucket",
                                  account: "111122223333", principal: "*", principalKind: .everyone, actions: ["s3:GetObject"],
                                  conditions: ["StringEquals aws:UserAgent: <script>alert(1)</script>"], isPublic: true,
                                  witness: Request(principal: .anonymous, action: "s3:GetObject", resource: "arn:aws:s3:::b/<img src=x>"),
                                  statements: [statement], source: .policy, firstSeen: "2025-01-31T02:00:00Z", lastSeen: "2025-01-31T02:00:00Z")
        let outcome = ResourceOutcome(arn: "arn:aws:s3:::b", type: "AWS::S3::Bucket", account: "111122223333", status: .externalAccess,
                                      explanation: [], complete: true, findingIDs: [public_.id, archived.id], files: [statement.file], reused: false)
        let diagnostic = SnapshotDiagnostic(.error, "MALFORMED_JSON", "unexpected <b>", file: "accounts/111122223333/s3/c d.get-bucket-policy.json", line: 3, column: 4)
        return ScanReport(modelName: "<model>", modelPath: "Models/x", toolVersion: "0.1.0", zoneMode: .account, generatedAt: "2025-01-31T02:00:00Z",
                          hasPrevious: true, findings: [archived, public_], outcomes: [outcome], diagnostics: [diagnostic], organizationID: nil,
                          accounts: ["111122223333"], analyses: 1, seconds: 1)
    }

    func testHTMLEscapesEverythingFromTheInputAndIsSelfContained() {
        let html = HTMLReport.render(report())
        // The page's own two script elements (the findings as JSON data, and the script that
        // shows them) and no other: input in the data is escaped so it cannot end the element.
        XCTAssertEqual(html.components(separatedBy: "<script").count - 1, 2)
        XCTAssertEqual(html.components(separatedBy: "</script").count - 1, 2)
        XCTAssertFalse(html.contains("<img"))
        XCTAssertFalse(html.contains("<b>"))
        XCTAssertTrue(html.contains(#"\u003Cscript\u003Ealert(1)\u003C/script\u003E"#), "the condition, in the data")
        XCTAssertTrue(html.contains("unexpected &lt;b&gt;"), "the diagnostic, in HTML")
        XCTAssertTrue(html.contains("&lt;model&gt;"))
        XCTAssertTrue(html.contains("<style>"))
        XCTAssertFalse(html.contains("<link") || html.contains("src=\"") || html.contains("url("), "no external assets")
        // Links are navigation, not assets: within the page, or a remediation's AWS documentation page.
        for href in html.components(separatedBy: "href=\"").dropFirst() {
            XCTAssertTrue(href.hasPrefix("#") || href.hasPrefix("https://docs.aws.amazon.com/"), String(href.prefix(80)))
        }
    }

    func testPublicFindingsComeFirstAndMarkdownFencesHoldBackticks() {
        let rendered = report()
        XCTAssertEqual(rendered.findings.map(\.principal), ["*", "444455556666"], "active public first, archived after")
        let markdown = MarkdownReport.render(rendered)
        XCTAssertTrue(markdown.contains("````json"), "a fence longer than any backtick run in the statement")
        XCTAssertTrue(markdown.contains("## New since last run"))
        XCTAssertTrue(markdown.contains("**PUBLIC** · **ACTIVE** · **NEW**"))
    }

    func testSARIFMapsFindingsSuppressionsAndDiagnostics() throws {
        let log = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(SARIFReport.render(report()).utf8)) as? [String: Any])
        SARIFStructure.assertValid(log)
        let results = try XCTUnwrap(((log["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        // Public s3:GetObject (Read) is RAMPART006 PublicReadAccess; another account's s3:ListBucket
        // (List) RAMPART007 ExternalReadAccess (docs/REPORTS.md, SARIF rules).
        XCTAssertEqual(results.map { $0["ruleId"] as? String ?? "" }, ["RAMPART006", "RAMPART007", "RAMPART004"])
        XCTAssertEqual(results.map { $0["level"] as? String ?? "" }, ["error", "warning", "error"])
        XCTAssertNotNil(results[1]["suppressions"], "archived findings are suppressed, not hidden")
        let location = try XCTUnwrap((results[0]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        XCTAssertEqual((location["artifactLocation"] as? [String: Any])?["uri"] as? String, "Models/x/accounts/111122223333/s3/b.get-bucket-policy.json")
        XCTAssertEqual((location["region"] as? [String: Any])?["startLine"] as? Int, 2)
        let diagnosticURI = (((results[2]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"] as? String
        XCTAssertEqual(diagnosticURI, "Models/x/accounts/111122223333/s3/c%20d.get-bucket-policy.json")
        XCTAssertEqual((results[0]["partialFingerprints"] as? [String: String])?["rampartFindingId/v1"], "rf-000000000000000000000001")
    }

    /// docs/REPORTS.md, "Severity and remediation": the public s3:GetObject finding is HIGH
    /// (anyone can read), the archived s3:ListBucket one of another account MEDIUM (List only);
    /// every report shows both with the remediation's link.
    func testEveryReportShowsSeverityAndRemediation() throws {
        let rendered = report()
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(FindingsJSONReport.render(rendered).utf8)) as? [String: Any])
        let findings = try XCTUnwrap(json["findings"] as? [[String: Any]])
        XCTAssertEqual(findings.map { $0["severity"] as? String ?? "" }, ["HIGH", "MEDIUM"])
        XCTAssertEqual(findings.map { $0["severityScore"] as? Double ?? 0 }, [8.0, 5.0])
        XCTAssertEqual(findings[0]["learnMoreLink"] as? String, "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html")
        XCTAssertEqual(findings[1]["learnMoreLink"] as? String, "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-findings-remediate.html")
        let summary = try XCTUnwrap(json["summary"] as? [String: Any])
        XCTAssertEqual(summary["activeBySeverity"] as? [String: Int], ["CRITICAL": 0, "HIGH": 1, "MEDIUM": 0, "LOW": 0], "the archived finding is not active")
        let markdown = MarkdownReport.render(rendered)
        XCTAssertTrue(markdown.contains("**HIGH** · **PUBLIC** · **ACTIVE** · **NEW**"))
        XCTAssertTrue(markdown.contains("- Severity: `HIGH (8.0): anyone can read or list it (s3:GetObject)`"))
        XCTAssertTrue(markdown.contains("[Learn more](https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html)"))
        // report.html carries both in its findings data (its script shows them: ReportsTests).
        let html = HTMLReport.render(rendered)
        XCTAssertTrue(html.contains(#""MEDIUM",5.0"#), "the archived finding's severity and score")
        XCTAssertTrue(html.contains(#""https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html""#))
    }

    func testReportsAreWrittenAtomicallyIntoTheOutputFolderOnly() throws {
        let out = try ScanRunner.temporaryDirectory().appendingPathComponent("nested/out")
        try ReportFiles.write(report(), to: out.path)
        // The four names (links into the hidden store of runs, ReportFiles) and nothing else.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted(), [".rampart", "findings.json", "findings.sarif", "report.html", "report.md"])
        let findings = try FindingsDocument.readFindings(Data(contentsOf: out.appendingPathComponent("findings.json")), source: "findings.json")
        XCTAssertEqual(findings.map(\.id), ["rf-000000000000000000000001", "rf-000000000000000000000002"], "findings.json reads back as a previous run")
        XCTAssertEqual(findings.map(\.status), [.active, .archived])
        XCTAssertEqual(findings[0].witness.resource, "arn:aws:s3:::b/<img src=x>")
    }
}
