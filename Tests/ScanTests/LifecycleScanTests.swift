import Foundation
import XCTest

/// Two nightly runs: the second, with `--previous`, keeps unchanged findings ACTIVE (same id,
/// same firstSeen), marks fixed ones RESOLVED, flags new ones, and archives what the archive
/// rules match. Runs on a trimmed copy of Models/startup (its S3 and IAM parts) to stay quick.
final class LifecycleScanTests: XCTestCase {
    func testSecondRunWithPreviousTracksStatusesAndArchiveRules() throws {
        let work = try ScanRunner.temporaryDirectory()
        let model = work.appendingPathComponent("model")
        let account = model.appendingPathComponent("accounts/111122223333")
        try FileManager.default.createDirectory(at: account, withIntermediateDirectories: true)
        let source = URL(fileURLWithPath: ScanRunner.model("startup")).appendingPathComponent("accounts/111122223333")
        for service in ["s3", "iam"] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(service), to: account.appendingPathComponent(service))
        }

        let first = work.appendingPathComponent("run1")
        let run1 = try ScanRunner.rampart(ScanRunner.scanArguments(model: model.path, zone: "account", out: first, time: "2025-01-30T02:00:00Z"))
        XCTAssertEqual(run1.status, 0, run1.stderr)
        let before = try findingsByResource(first)
        XCTAssertEqual(before.count, 3)

        // Overnight: the contractor's role is deleted, a new public bucket appears.
        let iamFile = account.appendingPathComponent("iam/get-account-authorization-details.json")
        var iam = try ScanRunner.json(iamFile)
        iam["RoleDetailList"] = (iam["RoleDetailList"] as? [[String: Any]] ?? []).filter { $0["RoleName"] as? String != "contractor-readonly" }
        try JSONSerialization.data(withJSONObject: iam).write(to: iamFile)
        let newPolicy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-startup-new/*"}]}"#
        try JSONSerialization.data(withJSONObject: ["Policy": newPolicy]).write(to: account.appendingPathComponent("s3/acme-startup-new.get-bucket-policy.json"))
        let rules = work.appendingPathComponent("archive-rules.json")
        try Data(#"{"rules": [{"name": "ci-deploys", "filter": {"principalKind": {"eq": ["Federated"]}, "principal": {"contains": ["token.actions.githubusercontent.com"]}}}]}"#.utf8).write(to: rules)

        let second = work.appendingPathComponent("run2")
        let run2 = try ScanRunner.rampart(ScanRunner.scanArguments(model: model.path, zone: "account", out: second, time: "2025-01-31T02:00:00Z")
                                          + ["--previous", first.path, "--archive-rules", rules.path, "--fail-on", "new"])
        XCTAssertEqual(run2.status, 1, "--fail-on new: the new public bucket\n\(run2.stderr)")
        let after = try findingsByResource(second)

        let assets = try XCTUnwrap(after["arn:aws:s3:::acme-startup-assets"])
        XCTAssertEqual(assets["status"] as? String, "ACTIVE")
        XCTAssertEqual(assets["isNew"] as? Bool, false)
        XCTAssertEqual(assets["id"] as? String, before["arn:aws:s3:::acme-startup-assets"]?["id"] as? String, "ids are stable across runs")
        XCTAssertEqual(assets["firstSeen"] as? String, "2025-01-30T02:00:00Z")
        XCTAssertEqual(assets["lastSeen"] as? String, "2025-01-31T02:00:00Z")

        let contractor = try XCTUnwrap(after["arn:aws:iam::111122223333:role/contractor-readonly"])
        XCTAssertEqual(contractor["status"] as? String, "RESOLVED")
        XCTAssertEqual(contractor["resolvedAt"] as? String, "2025-01-31T02:00:00Z")
        XCTAssertEqual(contractor["lastSeen"] as? String, "2025-01-30T02:00:00Z")

        let added = try XCTUnwrap(after["arn:aws:s3:::acme-startup-new"])
        XCTAssertEqual(added["status"] as? String, "ACTIVE")
        XCTAssertEqual(added["isNew"] as? Bool, true)
        XCTAssertEqual(added["isPublic"] as? Bool, true)

        let deploy = try XCTUnwrap(after["arn:aws:iam::111122223333:role/github-deploy"])
        XCTAssertEqual(deploy["status"] as? String, "ARCHIVED")
        XCTAssertEqual(deploy["archivedBy"] as? String, "ci-deploys")
        XCTAssertEqual(deploy["isNew"] as? Bool, false)

        let markdown = try String(contentsOf: second.appendingPathComponent("report.md"), encoding: .utf8)
        let newSection = try XCTUnwrap(markdown.components(separatedBy: "## New since last run").last?.components(separatedBy: "## Active").first)
        XCTAssertTrue(newSection.contains("acme-startup-new"))
        XCTAssertFalse(newSection.contains("acme-startup-assets"))
        let summary = try XCTUnwrap(try ScanRunner.json(second.appendingPathComponent("findings.json"))["summary"] as? [String: Any])
        XCTAssertEqual(summary["new"] as? Int, 1)
        XCTAssertEqual(summary["resolved"] as? Int, 1)
        XCTAssertEqual(summary["archived"] as? Int, 1)
        XCTAssertEqual(summary["active"] as? Int, 2)
    }

    private func findingsByResource(_ out: URL) throws -> [String: [String: Any]] {
        let findings = try ScanRunner.json(out.appendingPathComponent("findings.json"))["findings"] as? [[String: Any]] ?? []
        return Dictionary(findings.map { ($0["resource"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
    }
}
