import Foundation
import XCTest

/// Issue 22 items 3–5 through the `rampart` binary on the models: a KMS grant's findings in every
/// report, with their source spelled as Access Analyzer spells sources, and a bucket whose
/// Object Ownership disables its ACL.
final class GrantAndOwnershipScanTests: XCTestCase {
    private let backups = "arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b"

    /// Startup model: the backups key's grant to the contractor's role (Models/startup/EXPECTED.md).
    func testKMSGrantFindingsInEveryReport() throws {
        let out = try ScanRunner.temporaryDirectory()
        let result = try ScanRunner.rampart(ScanRunner.scanArguments(model: ScanRunner.model("startup"), zone: "account", out: out))
        XCTAssertFalse(result.terminatedBySignal, result.stderr)
        let report = try ScanRunner.json(out.appendingPathComponent("findings.json"))
        let grants = (report["findings"] as? [[String: Any]] ?? []).filter { $0["resource"] as? String == backups }
        XCTAssertEqual(grants.count, 2)
        XCTAssertTrue(grants.allSatisfy { $0["source"] as? String == "KMS_GRANT" && ($0["statements"] as? [Any])?.isEmpty == true })
        let resource = (report["resources"] as? [[String: Any]] ?? []).first { $0["arn"] as? String == backups }
        XCTAssertEqual(resource?["status"] as? String, "EXTERNAL_ACCESS")
        XCTAssertEqual(resource?["complete"] as? Bool, true)

        // SARIF: the source in the result's properties, the location at the grants listing.
        let sarif = try ScanRunner.json(out.appendingPathComponent("findings.sarif"))
        let results = ((sarif["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]] ?? [])
            .filter { ($0["properties"] as? [String: Any])?["resource"] as? String == backups }
        XCTAssertEqual(results.count, 2)
        for entry in results {
            XCTAssertEqual((entry["properties"] as? [String: Any])?["source"] as? String, "KMS_GRANT")
            let location = (entry["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
            let uri = (location?["artifactLocation"] as? [String: Any])?["uri"] as? String ?? ""
            XCTAssertTrue(uri.hasSuffix("0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b.list-grants.json"), uri)
        }
        let markdown = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(markdown.contains("Source: `KMS_GRANT`"), "report.md names the source")
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("KMS_GRANT"), "report.html's data names the source")
    }

    /// Edge-cases model: `edge-acl-disabled` has a public ACL and Object Ownership
    /// BucketOwnerEnforced ("ACLs are disabled and no longer affect permissions", S3 User Guide,
    /// "Controlling ownership of objects and disabling ACLs for your bucket"): proven, no finding.
    func testABucketWhoseOwnershipDisablesACLsHasNoACLFinding() throws {
        let out = try ScanRunner.temporaryDirectory()
        let result = try ScanRunner.rampart(ScanRunner.scanArguments(model: ScanRunner.model("edge-cases"), zone: "account", out: out))
        XCTAssertFalse(result.terminatedBySignal, result.stderr)
        let report = try ScanRunner.json(out.appendingPathComponent("findings.json"))
        let arn = "arn:aws:s3:::edge-acl-disabled"
        let resource = (report["resources"] as? [[String: Any]] ?? []).first { $0["arn"] as? String == arn }
        XCTAssertEqual(resource?["status"] as? String, "NO_EXTERNAL_ACCESS")
        XCTAssertFalse((report["findings"] as? [[String: Any]] ?? []).contains { $0["resource"] as? String == arn })
        // ObjectWriter keeps the ACL of edge-acl-grants in force.
        XCTAssertTrue((report["findings"] as? [[String: Any]] ?? []).contains {
            $0["resource"] as? String == "arn:aws:s3:::edge-acl-grants" && $0["source"] as? String == "BUCKET_ACL"
        })
    }
}
