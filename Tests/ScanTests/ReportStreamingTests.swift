import Authorizer
import Environment
import Findings
import Foundation
import Reports
import XCTest

/// `ReportFiles.write` renders and writes one report at a time, findings.json one finding at a
/// time and report.md in chunks (docs/REPORTS.md, "Writing"): the files must be the documents
/// the renderers describe, read back by the next run, whatever their size.
final class ReportStreamingTests: XCTestCase {
    /// `count` findings on `count / 3 + 1` buckets, every third one archived and every fifth
    /// resolved, with statement texts holding a new line, a CR, backticks and a pipe.
    private func report(findings count: Int) -> ScanReport {
        var findings: [ScanFinding] = []
        var outcomes: [ResourceOutcome] = []
        for index in 0..<count {
            let bucket = "arn:aws:s3:::bucket-\(index / 3)"
            let statement = GrantingStatement(file: "accounts/111122223333/s3/bucket-\(index / 3).get-bucket-policy.json", documentPath: "$.Policy",
                                              statementIndex: index % 3, sid: "S\(index)", line: 2 + index % 3,
                                              text: "{\"Sid\": \"S\(index)\",\n \"Condition\": \"a|b ``` \r x\"}")
            var finding = ScanFinding(id: String(format: "rf-%024d", index), isNew: index % 2 == 0, resource: bucket, resourceType: "AWS::S3::Bucket",
                                      account: "111122223333", principal: index % 4 == 0 ? "*" : "44445555\(String(format: "%04d", index % 10_000))",
                                      principalKind: index % 4 == 0 ? .everyone : .account, actions: ["s3:GetObject", "s3:PutObject"],
                                      conditions: index % 2 == 0 ? [] : ["StringEquals aws:UserAgent: x|y"], isPublic: index % 4 == 0,
                                      witness: Request(principal: .anonymous, action: "s3:GetObject", resource: bucket + "/k"),
                                      statements: [statement], source: .policy, firstSeen: "2025-01-30T02:00:00Z", lastSeen: "2025-01-31T02:00:00Z")
            if index % 3 == 1 { finding.status = .archived; finding.archivedBy = "partner" }
            if index % 5 == 4 { finding.status = .resolved; finding.resolvedAt = "2025-01-31T02:00:00Z" }
            findings.append(finding)
            if index % 3 == 0 {
                outcomes.append(ResourceOutcome(arn: bucket, type: "AWS::S3::Bucket", account: "111122223333", status: .externalAccess,
                                                explanation: [], complete: index % 2 == 0, findingIDs: [], files: [statement.file], reused: false))
            }
        }
        return ScanReport(modelName: "m", modelPath: "Models/m", toolVersion: "0.1.0", zoneMode: .account, generatedAt: "2025-01-31T02:00:00Z",
                          hasPrevious: true, findings: findings, outcomes: outcomes, diagnostics: [], organizationID: nil,
                          accounts: ["111122223333"], analyses: 1, seconds: 1)
    }

    private func written(_ report: ScanReport) throws -> URL {
        let out = try ScanRunner.temporaryDirectory().appendingPathComponent("out")
        try ReportFiles.write(report, to: out.path)
        return out
    }

    /// findings.json written a finding (and a resource) at a time is the document `FindingsJSONReport.render`
    /// encodes in one piece (pretty-printed, keys sorted: docs/REPORTS.md), and reads back with
    /// every finding as the next run's `--previous`.
    func testStreamedFindingsJSONIsTheWholeDocumentAndReadsBack() throws {
        for count in [0, 1, 2, 3_000] {
            let report = report(findings: count)
            let out = try written(report)
            let data = try Data(contentsOf: out.appendingPathComponent("findings.json"))
            XCTAssertEqual(String(decoding: data, as: UTF8.self), FindingsJSONReport.render(report), "\(count) findings")
            let read = try FindingsDocument.readFindings(data, source: "findings.json")
            XCTAssertEqual(read.map(\.id), report.findings.map(\.id), "\(count) findings")
            XCTAssertEqual(read.map(\.status), report.findings.map(\.status))
            XCTAssertEqual(read.map(\.statements), report.findings.map(\.statements), "statement texts with a new line and a CR survive")
            // findings.sarif, written a result at a time, is the log rendered whole.
            let sarif = try Data(contentsOf: out.appendingPathComponent("findings.sarif"))
            XCTAssertEqual(String(decoding: sarif, as: UTF8.self), SARIFReport.render(report), "\(count) findings")
        }
    }

    /// report.md handed to its file in chunks of about a megabyte (3,000 findings are several)
    /// is the report rendered whole.
    func testChunkedMarkdownIsTheWholeReport() throws {
        let report = report(findings: 3_000)
        let out = try written(report)
        let markdown = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertGreaterThan(markdown.utf8.count, 2 << 20, "more than one chunk")
        XCTAssertEqual(markdown, MarkdownReport.render(report))
        XCTAssertEqual(markdown.components(separatedBy: "\n### ").count - 1, 3_000, "one section per finding")
    }

    /// SARIF as Encodable objects keeps every field of the mapping (docs/REPORTS.md, SARIF): one
    /// result per ACTIVE or ARCHIVED finding with its properties and fingerprint, archived ones
    /// suppressed, one RAMPART003 result per incomplete resource with `complete: false`, and the
    /// rules' GitHub properties.
    func testSARIFKeepsEveryFieldOfTheMapping() throws {
        let report = report(findings: 30)
        let out = try written(report)
        let log = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("findings.sarif"))) as? [String: Any])
        SARIFStructure.assertValid(log)
        XCTAssertEqual(log["$schema"] as? String, SARIFReport.schema)
        let run = try XCTUnwrap((log["runs"] as? [[String: Any]])?.first)
        XCTAssertEqual(run["columnKind"] as? String, "unicodeCodePoints")
        XCTAssertNotNil((run["automationDetails"] as? [String: Any])?["id"] as? String)
        let base = try XCTUnwrap((run["originalUriBaseIds"] as? [String: Any])?["%SRCROOT%"] as? [String: Any])
        XCTAssertNotNil(base["uri"] as? String)
        XCTAssertNotNil((base["description"] as? [String: Any])?["text"] as? String)
        XCTAssertEqual((run["properties"] as? [String: Any])?["model"] as? String, "m")
        let driver = try XCTUnwrap((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        for rule in rules {
            XCTAssertNotNil(rule["name"] as? String)
            XCTAssertNotNil((rule["fullDescription"] as? [String: Any])?["text"] as? String)
            XCTAssertNotNil((rule["help"] as? [String: Any])?["markdown"] as? String)
            XCTAssertEqual((rule["properties"] as? [String: Any])?["precision"] as? String, "very-high")
            XCTAssertNotNil((rule["defaultConfiguration"] as? [String: Any])?["level"] as? String)
        }
        XCTAssertEqual(rules.filter { ($0["properties"] as? [String: Any])?["security-severity"] is String }.count, 5, "the five access rungs")
        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        let reported = report.findings.filter { $0.status != .resolved }
        let incomplete = report.outcomes.filter { !$0.complete }
        XCTAssertEqual(results.count, reported.count + incomplete.count)
        for (result, finding) in zip(results, reported) {
            let properties = try XCTUnwrap(result["properties"] as? [String: Any])
            XCTAssertEqual(properties["findingId"] as? String, finding.id)
            XCTAssertEqual(properties["status"] as? String, finding.status.rawValue)
            XCTAssertEqual(properties["isNew"] as? Bool, finding.isNew)
            XCTAssertEqual(properties["actions"] as? [String], finding.actions)
            XCTAssertEqual(properties["severityScore"] as? Double, finding.severity.score)
            for key in ["principal", "resource", "source", "severity", "severityReason", "remediation", "learnMoreLink"] {
                XCTAssertNotNil(properties[key] as? String, key)
            }
            XCTAssertEqual((result["partialFingerprints"] as? [String: String])?["rampartFindingId/v1"], finding.id)
            let suppressions = result["suppressions"] as? [[String: Any]]
            if finding.status == .archived {
                XCTAssertEqual(suppressions?.first?["status"] as? String, "accepted")
                XCTAssertEqual(suppressions?.first?["justification"] as? String, "archive rule partner")
            } else {
                XCTAssertNil(suppressions)
            }
        }
        for result in results.suffix(incomplete.count) {
            XCTAssertEqual(result["ruleId"] as? String, "RAMPART003")
            XCTAssertEqual((result["properties"] as? [String: Any])?["complete"] as? Bool, false)
        }
    }
}
