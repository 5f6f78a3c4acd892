import Foundation
import XCTest

/// `scripts/collect-snapshot` collects each key's grants (`list-grants`) and each bucket's Object
/// Ownership (`get-bucket-ownership-controls`) from a local AWS API emulator (moto_server), in the
/// files the snapshot reader reads; a grant to another account's role is a KMS_GRANT finding.
final class CollectorGrantTests: XCTestCase {
    func testGrantsAndOwnershipControlsAreCollectedAndScanned() throws {
        let work = try ScanRunner.temporaryDirectory()
        let emulator = try LocalAWSEmulator(directory: work)
        defer { emulator.stop() }
        let account = "123456789012"   // moto's default account

        let created = try emulator.aws(["kms", "create-key", "--description", "shared backups"])
        let keyID = try XCTUnwrap(((try JSONSerialization.jsonObject(with: Data(created.utf8)) as? [String: Any])?["KeyMetadata"]
            as? [String: Any])?["KeyId"] as? String)
        try emulator.aws(["kms", "create-grant", "--key-id", keyID, "--grantee-principal", "arn:aws:iam::999988887777:role/reader",
                          "--operations", "Decrypt", "DescribeKey"])
        try emulator.aws(["s3api", "create-bucket", "--bucket", "collector-owned"])
        try emulator.aws(["s3api", "put-bucket-ownership-controls", "--bucket", "collector-owned", "--ownership-controls",
                          #"{"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}"#])

        let snapshot = work.appendingPathComponent("snapshot")
        // --backoff-base 0.01: the emulator answers HTTP 500 to the listings it does not implement
        // (CodeArtifact ListDomains, CloudTrail ListEventDataStores and ListDashboards), retried as a fault would be.
        let collect = try ScanRunner.run(ScanRunner.packageRoot.appendingPathComponent("scripts/collect-snapshot").path,
                                         [snapshot.path, "--endpoint-url", emulator.endpoint, "--regions", "us-east-1", "--backoff-base", "0.01", "--name", "grants"],
                                         environment: emulator.environment)
        XCTAssertEqual(collect.status, 0, collect.stderr)
        let files = Set(try FileManager.default.subpathsOfDirectory(atPath: snapshot.path))
        for expected in ["accounts/\(account)/kms/us-east-1/\(keyID).list-grants.json",
                         "accounts/\(account)/s3/collector-owned.get-bucket-ownership-controls.json"] {
            XCTAssertTrue(files.contains(expected), "collector did not write \(expected): \(files.sorted())")
        }
        let manifest = try ScanRunner.json(snapshot.appendingPathComponent("coverage.json"))
        let coverage = ((manifest["accounts"] as? [[String: Any]])?.first?["coverage"] as? [[String: Any]] ?? [])
        let keys = coverage.first { $0["resourceType"] as? String == "AWS::KMS::Key" }
        XCTAssertEqual(keys?["status"] as? String, "complete", "the grants were listed: \(coverage)")

        let out = work.appendingPathComponent("scan")
        let scan = try ScanRunner.rampart(ScanRunner.scanArguments(model: snapshot.path, zone: "account", out: out))
        XCTAssertEqual(scan.status, 0, scan.stderr)
        let report = try ScanRunner.json(out.appendingPathComponent("findings.json"))
        XCTAssertEqual((report["diagnostics"] as? [Any])?.count, 0, "the collector writes what the snapshot reader reads: \(report["diagnostics"] ?? [])")
        let key = "arn:aws:kms:us-east-1:\(account):key/\(keyID)"
        let findings = (report["findings"] as? [[String: Any]] ?? []).filter { $0["resource"] as? String == key }
        XCTAssertEqual(Set(findings.map { "\($0["principal"] as? String ?? "") \($0["actions"] as? [String] ?? []) \($0["source"] as? String ?? "")" }),
                       ["arn:aws:iam::999988887777:role/reader [\"kms:Decrypt\", \"kms:DescribeKey\"] KMS_GRANT"])
    }
}
