import Foundation
import XCTest

/// `scripts/collect-snapshot` for the types the emulator does not serve (S3 Glacier vaults, AWS
/// Backup vaults, CodeArtifact domains, API Gateway REST APIs, S3 directory buckets and their
/// access points, S3 Tables, S3 on Outposts buckets and access points, CloudTrail Lake event data
/// stores and dashboards, Kinesis stream consumers, multi-Region access point policies): `Tests/Fixtures/collector/stubbed-collect.py` runs the collector's own tasks
/// against botocore's Stubber, which checks every request against botocore's service model, with
/// answers in each API Reference's response syntax; then `rampart scan` reads what it wrote.
///
/// Expected, worked out by hand from the stubbed policies (zone: the account 111122223333):
/// - vault `examplevault` grants 444455556666 `glacier:UploadArchive`: external;
/// - backup vault `my-vault` and CodeArtifact domain `my-domain` name the account only: none
///   (the domain of another owner that ListDomains lists is not collected);
/// - REST API `a1b2c3d4e5`, its policy escaped once more as AWS returns it, grants everyone
///   `execute-api:Invoke` on `execute-api:/*` (the API itself): external, to `*`;
/// - directory bucket `doc-example-bucket--usw2-az1--x-s3` grants 444455556666 `s3express:CreateSession`;
/// - table bucket: the account only; its table `orders` grants 444455556666 `s3tables:GetTableData`;
/// - event data store: its own policy names the account, its delegated administrator's 555555555555;
///   the dashboard names the account only;
/// - stream `orders` has no policy (`"{}"`); its consumer grants 444455556666 `kinesis:SubscribeToShard`;
/// - multi-Region access point `mfzwi23gnjvgw.mrap`: established for the account, proposed for 123456789012;
/// - the directory bucket's access point `reports--usw2-az1--xa-s3` grants 444455556666 `s3express:CreateSession`;
/// - the Outposts bucket `example-outpost-bucket` names its account only; its access point
///   `example-outposts-ap` grants 444455556666 `s3-outposts:GetObject` on its objects;
/// - access points `ap-one` and `ap-two` (us-east-1, listed in two pages) of a bucket the snapshot
///   does not hold: no resource of their own, no finding.
final class StubbedCollectorTests: XCTestCase {
    func testCollectedFilesOfTheUnservedTypesAreReadIntoTheExpectedFindings() throws {
        let work = try ScanRunner.temporaryDirectory()
        let snapshot = work.appendingPathComponent("snapshot")
        let script = ScanRunner.packageRoot.appendingPathComponent("Tests/Fixtures/collector/stubbed-collect.py").path
        // python3 from PATH: scripts/test.sh puts the pinned tools' environment (boto3, botocore) first.
        let collect = try ScanRunner.run("/usr/bin/env", ["python3", script, snapshot.path])
        XCTAssertEqual(collect.status, 0, "every stubbed call made, none failed: \(collect.stderr)")

        let account = "111122223333"
        let region = "us-west-2"
        let manifest = try ScanRunner.json(snapshot.appendingPathComponent("coverage.json"))
        let coverage = ((manifest["accounts"] as? [[String: Any]])?.first?["coverage"] as? [[String: Any]] ?? [])
        let statusByType = Dictionary(coverage.map { ($0["resourceType"] as? String ?? "", $0["status"] as? String ?? "") }, uniquingKeysWith: { $1 })
        for type in ["AWS::S3::Glacier", "AWS::Backup::BackupVault", "AWS::CodeArtifact::Domain", "AWS::ApiGateway::RestApi",
                     "AWS::S3Express::DirectoryBucket", "AWS::S3Tables::TableBucket", "AWS::S3Tables::Table", "AWS::CloudTrail::EventDataStore",
                     "AWS::CloudTrail::Dashboard", "AWS::Kinesis::Stream", "AWS::Kinesis::StreamConsumer", "AWS::S3::MultiRegionAccessPoint",
                     "AWS::S3Express::AccessPoint", "AWS::S3Outposts::Bucket", "AWS::S3Outposts::AccessPoint"] {
            XCTAssertEqual(statusByType[type], "complete", "\(type): \(coverage)")
        }

        // ListAccessPoints answered in two pages (botocore has no paginator for it): the list written holds both, so
        // that it is not read as whole with the second page missing.
        let list = try ScanRunner.json(snapshot.appendingPathComponent("accounts/\(account)/s3/access-points/us-east-1/list-access-points.json"))
        XCTAssertEqual((list["AccessPointList"] as? [[String: Any]] ?? []).compactMap { $0["Name"] as? String }, ["ap-one", "ap-two"])

        let out = work.appendingPathComponent("scan")
        let scan = try ScanRunner.rampart(ScanRunner.scanArguments(model: snapshot.path, zone: "account", out: out))
        XCTAssertEqual(scan.status, 0, scan.stderr)
        let report = try ScanRunner.json(out.appendingPathComponent("findings.json"))
        // No diagnostic: the collector writes what the reader reads.
        let diagnostics = (report["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        XCTAssertTrue(diagnostics.isEmpty, "\(report["diagnostics"] ?? [])")
        let store = "arn:aws:cloudtrail:\(region):\(account):eventdatastore/EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE"
        let table = "arn:aws:s3tables:\(region):\(account):bucket/amzn-s3-demo-table-bucket/table/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"
        let consumer = "arn:aws:kinesis:\(region):\(account):stream/orders/consumer/analytics:1700000000"
        let findings = Set((report["findings"] as? [[String: Any]] ?? []).map { "\($0["resource"] as? String ?? "") \($0["principal"] as? String ?? "")" })
        XCTAssertEqual(findings, [
            "arn:aws:glacier:\(region):\(account):vaults/examplevault 444455556666",
            "arn:aws:execute-api:\(region):\(account):a1b2c3d4e5 *",
            "arn:aws:s3express:\(region):\(account):bucket/doc-example-bucket--usw2-az1--x-s3 444455556666",
            "\(table) 444455556666",
            "\(store) 555555555555",
            "\(consumer) 444455556666",
            "arn:aws:s3::\(account):accesspoint/mfzwi23gnjvgw.mrap 123456789012",
            "arn:aws:s3express:\(region):\(account):accesspoint/reports--usw2-az1--xa-s3 444455556666",
            "arn:aws:s3-outposts:\(region):\(account):outpost/op-01ac5d28a6a232904/accesspoint/example-outposts-ap 444455556666",
        ])
        let statuses = Dictionary((report["resources"] as? [[String: Any]] ?? []).compactMap { resource -> (String, String)? in
            guard let arn = resource["arn"] as? String, let status = resource["status"] as? String else { return nil }
            return (arn, status)
        }, uniquingKeysWith: { first, _ in first })
        for none in ["arn:aws:backup:\(region):\(account):backup-vault:my-vault", "arn:aws:codeartifact:\(region):\(account):domain/my-domain",
                     "arn:aws:s3tables:\(region):\(account):bucket/amzn-s3-demo-table-bucket",
                     "arn:aws:cloudtrail:\(region):\(account):dashboard/exampleDash", "arn:aws:kinesis:\(region):\(account):stream/orders",
                     "arn:aws:s3-outposts:\(region):\(account):outpost/op-01ac5d28a6a232904/bucket/example-outpost-bucket"] {
            XCTAssertEqual(statuses[none], "NO_EXTERNAL_ACCESS", none)
        }
        XCTAssertEqual(statuses.count, 15, "\(statuses.keys.sorted())")
    }
}
