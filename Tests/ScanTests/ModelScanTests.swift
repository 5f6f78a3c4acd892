import Foundation
import XCTest

/// `rampart scan` on each model in Models/ writes exactly the findings written beside it
/// (`expected-findings.json`, explained in `EXPECTED.md`), and reports that hold them.
final class ModelScanTests: XCTestCase {
    func testStartupModelHasExactlyItsExpectedFindings() throws {
        let out = try ScanRunner.temporaryDirectory()
        let model = ScanRunner.model("startup")
        let result = try ScanRunner.rampart(ScanRunner.scanArguments(model: model, zone: "account", out: out) + ["--fail-on", "public"])
        XCTAssertEqual(result.status, 1, "--fail-on public: the assets bucket is public\n\(result.stderr)")
        let report = try ScanRunner.json(out.appendingPathComponent("findings.json"))
        try ExpectedFindings(model: model).assertMatches(report)
        // Exactly the four reports (and the hidden store their names link into), no temporary file left behind.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted(),
                       [".rampart", "findings.json", "findings.sarif", "report.html", "report.md"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent(".rampart").path).count, 2,
                       "current and the one run folder it points at")
        SARIFStructure.assertValid(try ScanRunner.json(out.appendingPathComponent("findings.sarif")))
        // Every finding has its witness and the statement that grants it.
        for finding in report["findings"] as? [[String: Any]] ?? [] {
            XCTAssertNotNil(finding["witness"] as? [String: Any])
            XCTAssertEqual(finding["status"] as? String, "ACTIVE")
            XCTAssertEqual(finding["firstSeen"] as? String, "2025-01-31T02:00:00Z")
            for statement in finding["statements"] as? [[String: Any]] ?? [] {
                XCTAssertFalse((statement["text"] as? String ?? "").isEmpty)
            }
        }
        // Last, as it may skip (no jsonschema outside CI): the SARIF 2.1.0 schema accepts the log.
        try SARIFSchema.assertValid([out.appendingPathComponent("findings.sarif")])
    }

    func testOrganizationModelHasExactlyItsExpectedFindings() throws {
        let out = try ScanRunner.temporaryDirectory()
        let model = ScanRunner.model("organization")
        let result = try ScanRunner.rampart(ScanRunner.scanArguments(model: model, zone: "organization", out: out))
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try ScanRunner.json(out.appendingPathComponent("findings.json"))
        try ExpectedFindings(model: model).assertMatches(report)
        XCTAssertEqual(report["organizationId"] as? String, "o-a1b2c3d4e5")
        // The two KMS keys with the same default key policy are analysed once.
        let reused = (report["resources"] as? [[String: Any]] ?? []).filter { $0["reused"] as? Bool == true }
        XCTAssertEqual(reused.count, 1)
        // The RCPs apply (RCPFullAWSAccess on every level, EnforceTLS at the root): EnforceTLS
        // denies `sqs:*`, `s3:*` and `sts:*` under `BoolIfExists aws:SecureTransport false`, which
        // an absent key meets too, so a request that gets past it says it came over TLS.
        // EXPECTED.md: the queue partner-orders (prod), the role partner-reporting (prod) and the
        // bucket globex-data-lake (data) have findings, all member accounts' resources.
        let findings = report["findings"] as? [[String: Any]] ?? []
        for resource in ["arn:aws:sqs:eu-west-1:100000000003:partner-orders", "arn:aws:iam::100000000003:role/partner-reporting",
                         "arn:aws:s3:::globex-data-lake"] {
            let governed = findings.filter { $0["resource"] as? String == resource }
            XCTAssertFalse(governed.isEmpty, resource)
            for finding in governed {
                let context = (finding["witness"] as? [String: Any])?["context"] as? [String: Any]
                XCTAssertEqual(context?["aws:SecureTransport"] as? String, "true", "\(resource): \(finding["witness"] ?? "")")
            }
        }
        for outcome in report["resources"] as? [[String: Any]] ?? [] {
            let explanation = (outcome["explanation"] as? [String] ?? []).joined(separator: " ")
            XCTAssertFalse(explanation.contains("RCPs left out"), "\(outcome["arn"] ?? ""): \(explanation)")
        }
    }

    func testEdgeCasesModelHasEveryFindingKindAndReportsEveryBadDocument() throws {
        let out = try ScanRunner.temporaryDirectory()
        let model = ScanRunner.model("edge-cases")
        let result = try ScanRunner.rampart(ScanRunner.scanArguments(model: model, zone: "account", out: out))
        XCTAssertEqual(result.status, 0, "bad documents never stop a scan\n\(result.stderr)")
        let report = try ScanRunner.json(out.appendingPathComponent("findings.json"))
        try ExpectedFindings(model: model).assertMatches(report)
        let findings = report["findings"] as? [[String: Any]] ?? []
        XCTAssertEqual(Set(findings.compactMap { $0["principalKind"] as? String }), ["Everyone", "Account", "Service", "Federated", "CanonicalUser"])
        XCTAssertEqual(Set(findings.compactMap { $0["source"] as? String }), ["POLICY", "BUCKET_ACL", "S3_ACCESS_POINT", "S3_ACCESS_POINT_ACCOUNT"])

        // The policy holding <script> stays data in the HTML report (ReportsTests opens it in a browser).
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertEqual(html.components(separatedBy: "<script").count - 1, 2, "the page's own two script elements: no input may become markup")
        XCTAssertTrue(html.contains(#"\u003Cscript\u003Ealert('owned')\u003C/script\u003E"#))
        XCTAssertFalse(html.contains("http://") && html.contains("<link"), "self-contained: no external stylesheet")

        // Every bad document appears, with its diagnostics, in every report.
        let markdown = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        let sarif = try ScanRunner.json(out.appendingPathComponent("findings.sarif"))
        SARIFStructure.assertValid(sarif)
        let sarifText = try String(contentsOf: out.appendingPathComponent("findings.sarif"), encoding: .utf8)
        for diagnostic in report["diagnostics"] as? [[String: Any]] ?? [] {
            let file = try XCTUnwrap(diagnostic["file"] as? String)
            let code = try XCTUnwrap(diagnostic["code"] as? String)
            XCTAssertTrue(markdown.contains(file) && markdown.contains(code), "report.md lacks \(code) for \(file)")
            XCTAssertTrue(html.contains(file) && html.contains(code), "report.html lacks \(code) for \(file)")
            XCTAssertTrue(sarifText.contains(file.replacingOccurrences(of: "%", with: "%25")), "findings.sarif lacks \(file)")
        }
        let codes = Set((report["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String })
        XCTAssertTrue(codes.isSuperset(of: ["MALFORMED_JSON", "WRONG_TYPE", "MISSING_FIELD", "UNREADABLE_FILE", "INVALID_CIDR",
                                            "INVALID_EFFECT", "UNKNOWN_FILE", "UNKNOWN_ACCOUNT_FOLDER"]), "\(codes)")
        // Last, as it may skip (no jsonschema outside CI): every finding kind and diagnostic in a log the schema accepts.
        try SARIFSchema.assertValid([out.appendingPathComponent("findings.sarif")])
    }

    func testUsageAndInputErrorsExitWithStatus2() throws {
        let out = try ScanRunner.temporaryDirectory()
        let startup = ScanRunner.model("startup")
        let missing = try ScanRunner.rampart(["scan", "/nonexistent/model", "--zone", "account", "--out", out.path])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("not a folder"), missing.stderr)
        let noOrganization = try ScanRunner.rampart(["scan", startup, "--zone", "organization", "--out", out.path])
        XCTAssertEqual(noOrganization.status, 2)
        XCTAssertTrue(noOrganization.stderr.contains("organization/"), noOrganization.stderr)
        let rules = out.appendingPathComponent("rules.json")
        try Data(#"{"rules": [{"name": "r", "filter": {"colour": {"eq": ["red"]}}}]}"#.utf8).write(to: rules)
        let badRules = try ScanRunner.rampart(["scan", startup, "--zone", "account", "--out", out.path, "--archive-rules", rules.path])
        XCTAssertEqual(badRules.status, 2)
        XCTAssertTrue(badRules.stderr.contains("$.rules[0].filter.colour"), badRules.stderr)
        // A --previous folder that exists without a findings.json is a wrong folder.
        let wrongPrevious = try ScanRunner.temporaryDirectory()
        let noFindings = try ScanRunner.rampart(["scan", startup, "--zone", "account", "--out", out.path, "--previous", wrongPrevious.path])
        XCTAssertEqual(noFindings.status, 2)
        XCTAssertTrue(noFindings.stderr.contains("findings.json"), noFindings.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), ["rules.json"], "nothing written on input errors")
        // One that does not exist yet is a first run, with a note (the first night of a pipeline
        // that always passes --previous).
        let firstOut = try ScanRunner.temporaryDirectory()
        let firstRun = try ScanRunner.rampart(["scan", startup, "--zone", "account", "--out", firstOut.path,
                                               "--previous", firstOut.appendingPathComponent("previous").path])
        XCTAssertEqual(firstRun.status, 0, firstRun.stderr)
        XCTAssertTrue(firstRun.stdout.hasPrefix("note: --previous"), firstRun.stdout)
        XCTAssertEqual(try ScanRunner.json(firstOut.appendingPathComponent("findings.json"))["hasPrevious"] as? Bool, false)
    }
}
