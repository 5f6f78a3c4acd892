import Foundation
import XCTest

/// `scripts/collect-snapshot` collects issue 22's types against the emulator (moto_server, pinned
/// in scripts/python-tools.txt) — Kinesis stream policies (`get-resource-policy`), OpenSearch
/// domain access policies (`describe-domain-config`), each account's multi-Region access points
/// (`list-multi-region-access-points`) — in the files the snapshot reader reads, and names in
/// `coverage.json` ("notCollected") every type it does not collect (none now). The types whose
/// listing the emulator does not implement (CodeArtifact's ListDomains, CloudTrail's
/// ListEventDataStores and ListDashboards, S3 Control's ListAccessPointsForDirectoryBuckets,
/// ListOutpostsWithS3) are collected too, so here their listing fails: an
/// error of the run and a `failed` coverage entry, which the scan reports as not covered — never
/// "none there". (What the collector writes for them is tested with botocore's Stubber:
/// `StubbedCollectorTests`.)
final class CollectorResourceTypeTests: XCTestCase {
    func testNewTypesAreCollectedAndWhatTheEmulatorCannotListIsNotCovered() throws {
        let work = try ScanRunner.temporaryDirectory()
        let emulator = try LocalAWSEmulator(directory: work)
        defer { emulator.stop() }
        let account = "123456789012"   // moto's default account

        // A stream shared with another account, and one without a policy.
        try emulator.aws(["kinesis", "create-stream", "--stream-name", "collector-stream", "--shard-count", "1"])
        try emulator.aws(["kinesis", "create-stream", "--stream-name", "collector-quiet", "--shard-count", "1"])
        let streamARN = "arn:aws:kinesis:us-east-1:\(account):stream/collector-stream"
        try emulator.aws(["kinesis", "put-resource-policy", "--resource-arn", streamARN, "--policy",
                          #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"kinesis:GetRecords","Resource":"\#(streamARN)"}]}"#])
        // A domain open to everyone, and one without an access policy.
        try emulator.aws(["opensearch", "create-domain", "--domain-name", "collector-search", "--access-policies",
                          #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"es:ESHttpGet","Resource":"arn:aws:es:us-east-1:\#(account):domain/collector-search/*"}]}"#])
        try emulator.aws(["opensearch", "create-domain", "--domain-name", "collector-closed"])
        // The S3 User Guide's delegation to the account's access points ("Configuring IAM policies
        // for using access points"): no access point exists, so nobody gets in.
        try emulator.aws(["s3api", "create-bucket", "--bucket", "collector-delegating"])
        try emulator.aws(["s3api", "put-bucket-policy", "--bucket", "collector-delegating", "--policy",
                          #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"*","Resource":["arn:aws:s3:::collector-delegating","arn:aws:s3:::collector-delegating/*"],"Condition":{"StringEquals":{"s3:DataAccessPointAccount":"\#(account)"}}}]}"#])

        let snapshot = work.appendingPathComponent("snapshot")
        // --backoff-base 0.01: the emulator answers HTTP 500 to the listings it does not implement
        // (CodeArtifact ListDomains, CloudTrail ListEventDataStores and ListDashboards), retried as a fault would be.
        let collect = try ScanRunner.run(ScanRunner.packageRoot.appendingPathComponent("scripts/collect-snapshot").path,
                                         [snapshot.path, "--endpoint-url", emulator.endpoint, "--regions", "us-east-1", "--backoff-base", "0.01", "--name", "types"],
                                         environment: emulator.environment)
        XCTAssertEqual(collect.status, 0, collect.stderr)
        let files = Set(try FileManager.default.subpathsOfDirectory(atPath: snapshot.path))
        for expected in ["accounts/\(account)/kinesis/us-east-1/collector-stream.get-resource-policy.json",
                         "accounts/\(account)/kinesis/us-east-1/collector-quiet.get-resource-policy.json",
                         "accounts/\(account)/opensearch/us-east-1/collector-search.describe-domain-config.json",
                         "accounts/\(account)/opensearch/us-east-1/collector-closed.describe-domain-config.json",
                         "accounts/\(account)/s3control/list-multi-region-access-points.json",
                         "accounts/\(account)/s3/access-points/us-east-1/list-access-points.json"] {
            XCTAssertTrue(files.contains(expected), "collector did not write \(expected): \(files.sorted())")
        }
        let manifest = try ScanRunner.json(snapshot.appendingPathComponent("coverage.json"))
        let coverage = ((manifest["accounts"] as? [[String: Any]])?.first?["coverage"] as? [[String: Any]] ?? [])
        for type in ["AWS::Kinesis::Stream", "AWS::OpenSearchService::Domain"] {
            let entry = coverage.first { $0["resourceType"] as? String == type }
            XCTAssertEqual(entry?["status"] as? String, "complete", "\(type): \(coverage)")
            XCTAssertEqual(entry?["resources"] as? Int, 2, type)
        }
        // Listed by the emulator, none there: complete. Not implemented by it: failed.
        for type in ["AWS::S3::Glacier", "AWS::Backup::BackupVault", "AWS::ApiGateway::RestApi", "AWS::S3Express::DirectoryBucket",
                     "AWS::S3Tables::TableBucket", "AWS::S3Tables::Table", "AWS::Kinesis::StreamConsumer", "AWS::S3::MultiRegionAccessPoint"] {
            XCTAssertEqual(coverage.first { $0["resourceType"] as? String == type }?["status"] as? String, "complete", "\(type): \(coverage)")
        }
        let unserved = ["AWS::CodeArtifact::Domain", "AWS::CloudTrail::EventDataStore", "AWS::CloudTrail::Dashboard",
                        "AWS::S3Express::AccessPoint", "AWS::S3Outposts::Bucket", "AWS::S3Outposts::AccessPoint"]
        for type in unserved {
            XCTAssertEqual(coverage.first { $0["resourceType"] as? String == type }?["status"] as? String, "failed", "\(type): \(coverage)")
        }
        let notCollected = (manifest["notCollected"] as? [[String: Any]] ?? []).compactMap { $0["resourceType"] as? String }
        XCTAssertEqual(notCollected, [], "every type snapshots read is collected")
        for entry in manifest["notCollected"] as? [[String: Any]] ?? [] {
            XCTAssertFalse((entry["reason"] as? String ?? "").isEmpty, "\(entry)")
        }

        let out = work.appendingPathComponent("scan")
        let scan = try ScanRunner.rampart(ScanRunner.scanArguments(model: snapshot.path, zone: "account", out: out))
        XCTAssertEqual(scan.status, 0, scan.stderr)
        let report = try ScanRunner.json(out.appendingPathComponent("findings.json"))
        XCTAssertEqual((report["diagnostics"] as? [Any])?.count, 0, "the collector writes what the snapshot reader reads: \(report["diagnostics"] ?? [])")
        let statuses = Dictionary((report["resources"] as? [[String: Any]] ?? []).compactMap { resource -> (String, String)? in
            guard let arn = resource["arn"] as? String, let status = resource["status"] as? String else { return nil }
            return (arn, status)
        }, uniquingKeysWith: { first, _ in first })
        XCTAssertEqual(statuses[streamARN], "EXTERNAL_ACCESS")
        XCTAssertEqual(statuses["arn:aws:kinesis:us-east-1:\(account):stream/collector-quiet"], "NO_EXTERNAL_ACCESS")
        XCTAssertEqual(statuses["arn:aws:es:us-east-1:\(account):domain/collector-search"], "EXTERNAL_ACCESS")
        XCTAssertEqual(statuses["arn:aws:es:us-east-1:\(account):domain/collector-closed"], "NO_EXTERNAL_ACCESS")
        // The account's access points are listed whole (no access point, no multi-Region access
        // point): a request made to the bucket itself carries no s3:DataAccessPointAccount.
        XCTAssertEqual(statuses["arn:aws:s3:::collector-delegating"], "NO_EXTERNAL_ACCESS")
        let findings = (report["findings"] as? [[String: Any]] ?? []).map { "\($0["resource"] as? String ?? "") \($0["principal"] as? String ?? "")" }
        XCTAssertEqual(Set(findings), ["\(streamARN) 999988887777", "arn:aws:es:us-east-1:\(account):domain/collector-search *"])
        let notCovered = Set(((report["coverage"] as? [String: Any])?["notCovered"] as? [[String: Any]] ?? []).compactMap { $0["resourceType"] as? String })
        XCTAssertEqual(notCovered, Set(unserved), "only what the emulator could not list is not covered")
    }
}
