import Foundation
import XCTest

/// `scripts/collect-snapshot` against a local AWS API emulator (moto_server): seed an account
/// with the AWS CLI, collect it, scan the snapshot, and find exactly the accesses seeded.
final class CollectorTests: XCTestCase {
    func testCollectedSnapshotOfAnEmulatedAccountScansToTheSeededFindings() throws {
        let work = try ScanRunner.temporaryDirectory()
        let emulator = try LocalAWSEmulator(directory: work)
        defer { emulator.stop() }
        let account = "123456789012"   // moto's default account

        // A public website bucket, a private bucket, a queue and a role shared with another
        // account, a KMS key with its default policy, a topic pinned to the account.
        try emulator.aws(["s3api", "create-bucket", "--bucket", "collector-site"])
        try emulator.aws(["s3api", "put-bucket-policy", "--bucket", "collector-site", "--policy",
                          #"{"Version":"2012-10-17","Statement":[{"Sid":"Public","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::collector-site/*"}]}"#])
        try emulator.aws(["s3api", "create-bucket", "--bucket", "collector-private"])
        try emulator.aws(["sqs", "create-queue", "--queue-name", "collector-cross", "--attributes",
                          #"{"Policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::999988887777:root\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"arn:aws:sqs:us-east-1:123456789012:collector-cross\"}]}"}"#])
        try emulator.aws(["iam", "create-role", "--role-name", "collector-partner", "--assume-role-policy-document",
                          #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"x-1"}}}]}"#])
        try emulator.aws(["iam", "create-role", "--role-name", "collector-lambda", "--assume-role-policy-document",
                          #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#])
        try emulator.aws(["kms", "create-key", "--description", "collector key"])

        let snapshot = work.appendingPathComponent("snapshot")
        // --backoff-base 0.01: the emulator answers HTTP 500 to the listings it does not implement
        // (CodeArtifact ListDomains, CloudTrail ListEventDataStores and ListDashboards), retried as a fault would be.
        let collect = try ScanRunner.run(ScanRunner.packageRoot.appendingPathComponent("scripts/collect-snapshot").path,
                                         [snapshot.path, "--endpoint-url", emulator.endpoint, "--regions", "us-east-1", "--backoff-base", "0.01", "--name", "emulated"],
                                         environment: emulator.environment)
        XCTAssertEqual(collect.status, 0, collect.stderr)
        let files = Set(try FileManager.default.subpathsOfDirectory(atPath: snapshot.path))
        for expected in ["model.json", "accounts/\(account)/iam/get-account-authorization-details.json",
                         "accounts/\(account)/s3/collector-site.get-bucket-policy.json", "accounts/\(account)/s3/collector-private.get-bucket-acl.json",
                         "accounts/\(account)/sqs/us-east-1/collector-cross.get-queue-attributes.json",
                         // The region's access points (none here: the AWS CLI's s3control calls carry the
                         // account as a host prefix, which the emulator's single endpoint does not serve,
                         // so none is seeded; moto itself answers ListAccessPoints and GetAccessPointPolicy).
                         "accounts/\(account)/s3/access-points/us-east-1/list-access-points.json"] {
            XCTAssertTrue(files.contains(expected), "collector did not write \(expected): \(files.sorted())")
        }
        XCTAssertTrue(files.contains { $0.hasPrefix("accounts/\(account)/kms/us-east-1/") && $0.hasSuffix(".get-key-policy.json") })

        let out = work.appendingPathComponent("scan")
        let scan = try ScanRunner.rampart(ScanRunner.scanArguments(model: snapshot.path, zone: "account", out: out))
        XCTAssertEqual(scan.status, 0, scan.stderr)
        let report = try ScanRunner.json(out.appendingPathComponent("findings.json"))
        let findings = Set((report["findings"] as? [[String: Any]] ?? []).map { "\($0["resource"] as? String ?? "") \($0["principal"] as? String ?? "")" })
        XCTAssertEqual(findings, [
            "arn:aws:s3:::collector-site *",
            "arn:aws:sqs:us-east-1:\(account):collector-cross 999988887777",
            "arn:aws:iam::\(account):role/collector-partner 999988887777",
        ])
        XCTAssertEqual((report["diagnostics"] as? [Any])?.count, 0, "the collector writes what the snapshot reader reads")
        let resources = report["resources"] as? [[String: Any]] ?? []
        XCTAssertTrue(resources.allSatisfy { ["EXTERNAL_ACCESS", "NO_EXTERNAL_ACCESS"].contains($0["status"] as? String ?? "") }, "\(resources)")
        XCTAssertEqual(resources.count, 6, "2 buckets, 1 queue, 2 roles, 1 key")
    }
}
