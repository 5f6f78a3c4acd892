import Analysis
import Authorizer
import Environment
import Findings
import Foundation
import RampartTestSupport
import Reports
import XCTest

/// `findings.sarif` as GitHub code scanning reads it ("SARIF support for code scanning",
/// https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning)
/// and as the OASIS SARIF 2.1.0 schema allows it.
final class SARIFReportTests: XCTestCase {
    private let statement = GrantingStatement(file: "accounts/111122223333/sqs/q.get-queue-attributes.json", documentPath: "$.Attributes.Policy",
                                              statementIndex: 0, sid: nil, line: 3, text: "{}")

    private func finding(_ id: Int, principal: String, kind: PrincipalClassKind, actions: [String], conditions: [String] = [], isPublic: Bool,
                         status: FindingStatus = .active) -> ScanFinding {
        var finding = ScanFinding(id: String(format: "rf-%024d", id), resource: "arn:aws:sqs:us-east-1:111122223333:q", resourceType: "AWS::SQS::Queue",
                                  account: "111122223333", principal: principal, principalKind: kind, actions: actions, conditions: conditions,
                                  isPublic: isPublic, witness: Request(principal: .anonymous, action: actions[0], resource: "arn:aws:sqs:us-east-1:111122223333:q"),
                                  statements: [statement], source: .policy, firstSeen: "2025-01-31T02:00:00Z", lastSeen: "2025-01-31T02:00:00Z")
        finding.status = status
        if status == .archived { finding.archivedBy = "partner" }
        return finding
    }

    /// One finding for each rung of the severity scale (sqs:SendMessage is Write, sqs:GetQueueAttributes
    /// Read in the Service Authorization Reference's SQS table), an archived one, an unproven and an
    /// incomplete resource, and both kinds of diagnostic: every rule has a result.
    private func report(zone: ZoneMode = .account, accounts: [String] = ["111122223333"], organization: String? = nil,
                        modelPath: String = "snapshots/prod account") -> ScanReport {
        let findings = [
            finding(1, principal: "*", kind: .everyone, actions: ["sqs:SendMessage"], isPublic: true),
            finding(2, principal: "*", kind: .everyone, actions: ["sqs:GetQueueAttributes"], isPublic: true),
            finding(3, principal: "444455556666", kind: .account, actions: ["sqs:SendMessage"], isPublic: false),
            finding(4, principal: "444455556666", kind: .account, actions: ["sqs:GetQueueAttributes"], isPublic: false, status: .archived),
            finding(5, principal: "sns.amazonaws.com", kind: .service, actions: ["sqs:SendMessage"], isPublic: false),
        ]
        let outcomes = [
            ResourceOutcome(arn: "arn:aws:sqs:us-east-1:111122223333:q", type: "AWS::SQS::Queue", account: "111122223333", status: .externalAccess,
                            explanation: ["the finding cap"], complete: false, findingIDs: findings.map(\.id), files: [statement.file], reused: false),
            ResourceOutcome(arn: "arn:aws:sqs:us-east-1:111122223333:r", type: "AWS::SQS::Queue", account: "111122223333", status: .unproven,
                            explanation: ["timeout"], complete: false, findingIDs: [], files: ["accounts/111122223333/sqs/r.json"], reused: false),
        ]
        let diagnostics = [SnapshotDiagnostic(.error, "MALFORMED_JSON", "unexpected", file: "accounts/111122223333/sqs/s.json", line: 1, column: 2),
                           SnapshotDiagnostic(.warning, "UNKNOWN_FILE", "skipped", file: "accounts/111122223333/notes.txt")]
        return ScanReport(modelName: "prod", modelPath: modelPath, toolVersion: "0.1.0", zoneMode: zone, generatedAt: "2025-01-31T02:00:00Z",
                          hasPrevious: false, findings: findings, outcomes: outcomes, diagnostics: diagnostics, organizationID: organization,
                          accounts: accounts, analyses: 2, seconds: 1, workingDirectory: "/home/ci/repo",
                          informationURI: "file:///usr/local/share/doc/rampart/REPORTS.md")
    }

    private func log(_ report: ScanReport) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(SARIFReport.render(report).utf8)) as? [String: Any])
    }

    private func run(_ report: ScanReport) throws -> [String: Any] {
        try XCTUnwrap((try log(report)["runs"] as? [[String: Any]])?.first)
    }

    func testEveryRuleCarriesWhatCodeScanningRanksBy() throws {
        let run = try run(report())
        let driver = try XCTUnwrap((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        XCTAssertEqual(driver["informationUri"] as? String, "file:///usr/local/share/doc/rampart/REPORTS.md")
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        var scores: [String: Double] = [:]
        for rule in rules {
            let id = try XCTUnwrap(rule["id"] as? String)
            let help = try XCTUnwrap(rule["help"] as? [String: Any], id)
            XCTAssertFalse((help["text"] as? String ?? "").isEmpty, id)
            XCTAssertFalse((help["markdown"] as? String ?? "").isEmpty, id)
            let properties = try XCTUnwrap(rule["properties"] as? [String: Any], id)
            let tags = try XCTUnwrap(properties["tags"] as? [String], id)
            // GitHub: security-severity is a string holding a number from 0.0 to 10.0, read only
            // with the "security" tag.
            if let severity = properties["security-severity"] as? String {
                let score = try XCTUnwrap(Double(severity), id)
                XCTAssertTrue((0.0...10.0).contains(score), id)
                XCTAssertTrue(tags.contains("security"), id)
                scores[id] = score
                let uri = try XCTUnwrap(rule["helpUri"] as? String, id)
                XCTAssertTrue(uri.hasPrefix("https://docs.aws.amazon.com/"), uri)
            }
        }
        // docs/REPORTS.md: the access rules in the scale's order, in GitHub's bands
        // (critical 9.0–10.0, high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9).
        XCTAssertEqual(scores, ["RAMPART001": 9.5, "RAMPART006": 8.0, "RAMPART002": 7.0, "RAMPART007": 5.0, "RAMPART008": 3.0])
    }

    func testEachFindingGoesToTheRuleOfItsSeverity() throws {
        let results = try XCTUnwrap(try run(report())["results"] as? [[String: Any]])
        XCTAssertEqual(results.map { $0["ruleId"] as? String ?? "" },
                       ["RAMPART001", "RAMPART006", "RAMPART002", "RAMPART008", "RAMPART007", "RAMPART003", "RAMPART003", "RAMPART004", "RAMPART005"],
                       "active by severity, then archived; unproven, incomplete; error, warning")
        let archived = results[4]
        XCTAssertNotNil(archived["suppressions"])
        let properties = try XCTUnwrap(results[0]["properties"] as? [String: Any])
        XCTAssertEqual(properties["severity"] as? String, "CRITICAL")
        XCTAssertEqual(properties["learnMoreLink"] as? String, "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-findings-remediate.html")
        XCTAssertTrue(((results[0]["message"] as? [String: Any])?["text"] as? String ?? "").hasPrefix("CRITICAL: Public access"))
    }

    /// Artifact URIs are relative to `%SRCROOT%`, which `originalUriBaseIds` places: the folder the
    /// scan ran in for a relative snapshot path (kept in the URI, so paths from a repository's root
    /// match GitHub's), the snapshot folder itself for an absolute one.
    func testArtifactURIsAreRelativeToABase() throws {
        let relative = try run(report())
        let location = try XCTUnwrap((((relative["results"] as? [[String: Any]])?.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])
        XCTAssertEqual(location["uri"] as? String, "snapshots/prod%20account/accounts/111122223333/sqs/q.get-queue-attributes.json")
        XCTAssertEqual(location["uriBaseId"] as? String, "%SRCROOT%")
        let bases = try XCTUnwrap(relative["originalUriBaseIds"] as? [String: Any])
        XCTAssertEqual((bases["%SRCROOT%"] as? [String: Any])?["uri"] as? String, "file:///home/ci/repo/")

        let absolute = try run(report(modelPath: "/data/snapshots/prod/"))
        let absoluteLocation = try XCTUnwrap((((absolute["results"] as? [[String: Any]])?.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])
        XCTAssertEqual(absoluteLocation["uri"] as? String, "accounts/111122223333/sqs/q.get-queue-attributes.json")
        XCTAssertEqual(((absolute["originalUriBaseIds"] as? [String: Any])?["%SRCROOT%"] as? [String: Any])?["uri"] as? String, "file:///data/snapshots/prod/")
    }

    /// GitHub keeps one analysis per category, the part of `automationDetails.id` before its last
    /// `/`: scans of two accounts, or of an organization, must not share one; two scans of one
    /// account at different times must.
    func testAutomationDetailsSeparateZones() throws {
        func category(_ report: ScanReport) throws -> String {
            let id = try XCTUnwrap((try run(report)["automationDetails"] as? [String: Any])?["id"] as? String)
            return String(id[..<(id.lastIndex(of: "/") ?? id.endIndex)])
        }
        let first = try category(report())
        XCTAssertEqual(first, "rampart/account/111122223333")
        XCTAssertNotEqual(first, try category(report(accounts: ["999988887777"])))
        XCTAssertEqual(try category(report(zone: .organization, accounts: ["111122223333", "999988887777"], organization: "o-a1b2c3d4e5")),
                       "rampart/organization/o-a1b2c3d4e5")
        var later = report()
        later.generatedAt = "2025-02-01T02:00:00Z"
        XCTAssertEqual(try category(later), first)
    }

    func testTheLogIsValidAgainstTheSARIFSchema() throws {
        let folder = try ProgramRunner.temporaryDirectory(prefix: "rampart-sarif")
        var files: [URL] = []
        for (name, report) in [("account", report()), ("organization", report(zone: .organization, organization: "o-a1b2c3d4e5")),
                               ("absolute", report(modelPath: "/data/snapshots/prod"))] {
            let file = folder.appendingPathComponent("\(name).sarif")
            try Data(SARIFReport.render(report).utf8).write(to: file)
            files.append(file)
        }
        try SARIFSchema.assertValid(files)
    }

    /// The validator is not vacuous: a result without its required message, and an unknown
    /// property on a result (the schema allows none), are rejected.
    func testTheSchemaRejectsABrokenLog() throws {
        var broken = try log(report())
        var run = try XCTUnwrap((broken["runs"] as? [[String: Any]])?.first)
        var results = try XCTUnwrap(run["results"] as? [[String: Any]])
        results[0]["message"] = nil
        results[1]["severity"] = "HIGH"
        run["results"] = results
        broken["runs"] = [run]
        let file = try ProgramRunner.temporaryDirectory(prefix: "rampart-sarif").appendingPathComponent("broken.sarif")
        try JSONSerialization.data(withJSONObject: broken).write(to: file)
        let problems = try SARIFSchema.problems([file])
        XCTAssertTrue(problems.contains { $0.contains("runs/0/results/0") && $0.contains("'message' is a required property") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("runs/0/results/1") && $0.contains("severity") }, "\(problems)")
    }
}
