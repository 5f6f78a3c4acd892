import Analysis
import Environment
import Findings
import Foundation
import Reports
import XCTest

/// Issue 24, item 5: an enumeration that stopped early (here the finding cap) resolves nothing,
/// and every report says the list is incomplete for that resource. The bucket policy grants
/// s3:GetObject to two outside accounts, so a complete enumeration finds two findings
/// (IAM User Guide, "Policy evaluation logic", cross-account access: the outside account's own
/// policies are unknown and assumed to allow).
final class IncompleteEnumerationTests: XCTestCase {
    private let bucket = "arn:aws:s3:::acme-startup-assets"

    private func snapshot() throws -> Snapshot {
        let root = try ScanRunner.temporaryDirectory()
        let model = root.appendingPathComponent("startup")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: ScanRunner.model("startup")), to: model)
        let policy = #"{"Version":"2012-10-17","Statement":[{"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-startup-assets/*"},{"Sid":"Vendor","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-startup-assets/*"}]}"#
        try JSONSerialization.data(withJSONObject: ["Policy": policy])
            .write(to: model.appendingPathComponent("accounts/111122223333/s3/acme-startup-assets.get-bucket-policy.json"))
        return try SnapshotLoader.load(folder: model.path)
    }

    private func scan(_ snapshot: Snapshot, maximumFindings: Int) throws -> ScanResult {
        var options = ScanOptions(zoneMode: .account, jobs: 2, analysis: AnalysisOptions(timeoutMilliseconds: 120_000))
        options.analysis.maximumFindings = maximumFindings
        return try Scanner.scan(snapshot, options: options)
    }

    func testFindingCapResolvesNothingAndEveryReportSaysIncomplete() throws {
        let snapshot = try snapshot()
        let full = try scan(snapshot, maximumFindings: 64)
        let previous = FindingLifecycle.apply(current: full.findings, previous: nil, rules: [], unanalysed: [],
                                              now: Date(timeIntervalSince1970: 1_738_288_800))
        XCTAssertEqual(previous.filter { $0.resource == bucket }.count, 2, "the complete enumeration: both outside accounts")

        let capped = try scan(snapshot, maximumFindings: 1)
        let outcome = try XCTUnwrap(capped.outcomes.first { $0.arn == bucket })
        XCTAssertEqual(outcome.status, .externalAccess)
        XCTAssertFalse(outcome.complete)
        XCTAssertEqual(capped.findings.filter { $0.resource == bucket }.count, 1)

        let findings = FindingLifecycle.apply(current: capped.findings, previous: previous, rules: [],
                                              unanalysed: FindingCarryOver.unresolvable(capped.outcomes),
                                              now: Date(timeIntervalSince1970: 1_738_375_200))
        let onBucket = findings.filter { $0.resource == bucket }
        XCTAssertEqual(onBucket.count, 2)
        XCTAssertTrue(onBucket.allSatisfy { $0.status == .active }, "\(onBucket.map(\.status))")

        let report = ScanReport(modelName: "startup", modelPath: "Models/startup", toolVersion: "0.1.0", zoneMode: .account,
                                generatedAt: "2025-02-01T02:00:00Z", hasPrevious: true, findings: findings, outcomes: capped.outcomes,
                                diagnostics: [], organizationID: nil, accounts: ["111122223333"], analyses: capped.analyses, seconds: 1)
        XCTAssertEqual(report.summary.resolved, 0)
        // With a cap of one, every resource with a finding stops at it (the two roles too).
        XCTAssertEqual(report.summary.resourcesIncomplete, capped.outcomes.filter { $0.status == .externalAccess && !$0.complete }.count)
        XCTAssertGreaterThanOrEqual(report.summary.resourcesIncomplete, 1)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(FindingsJSONReport.render(report).utf8)) as? [String: Any])
        let resource = (json["resources"] as? [[String: Any]] ?? []).first { $0["arn"] as? String == bucket }
        XCTAssertEqual(resource?["complete"] as? Bool, false)
        let sarif = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(SARIFReport.render(report).utf8)) as? [String: Any])
        let results = ((sarif["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        XCTAssertTrue(results.contains { ($0["ruleId"] as? String) == "RAMPART003" && ((($0["message"] as? [String: Any])?["text"] as? String) ?? "").contains("incomplete") })
        let markdown = MarkdownReport.render(report)
        XCTAssertTrue(markdown.contains("**INCOMPLETE** `AWS::S3::Bucket` `\(bucket)`"), markdown)
        let html = HTMLReport.render(report)
        XCTAssertTrue(html.contains("<td class=\"ERROR\">INCOMPLETE</td><td><code>\(bucket)</code>"))
    }
}
