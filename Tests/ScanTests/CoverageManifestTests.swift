import Environment
import Foundation
import XCTest

/// `coverage.json` as `rampart scan` reads it (docs/SNAPSHOT.md "Coverage manifest"): gaps worked
/// out by hand from small manifests, a malformed manifest is a diagnostic with file and JSON path
/// (never a crash, never "covered"), and a snapshot without one has unknown coverage.
final class CoverageManifestTests: XCTestCase {
    private let account = "111122223333"

    /// A snapshot with one account folder (its IAM details only) and `manifest` as coverage.json.
    private func snapshot(manifest: String?) throws -> Snapshot {
        let folder = try ScanRunner.temporaryDirectory()
        let iam = folder.appendingPathComponent("accounts/\(account)/iam")
        try FileManager.default.createDirectory(at: iam, withIntermediateDirectories: true)
        try Data(#"{"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": [], "Policies": []}"#.utf8)
            .write(to: iam.appendingPathComponent("get-account-authorization-details.json"))
        if let manifest { try Data(manifest.utf8).write(to: folder.appendingPathComponent("coverage.json")) }
        return try SnapshotLoader.load(folder: folder.path)
    }

    /// Every layout type, complete, in `regions`, except those in `leaving`.
    private func entries(regions: [String], leaving: Set<String> = []) -> String {
        let global = ["AWS::IAM::Role", "AWS::S3::Bucket", "AWS::S3::AccountPublicAccessBlock", "AWS::S3::MultiRegionAccessPoint"].filter { !leaving.contains($0) }
            .map { #"{"resourceType": "\#($0)", "region": null, "status": "complete", "resources": 0}"# }
        let regional = ["AWS::KMS::Key", "AWS::SQS::Queue", "AWS::SNS::Topic", "AWS::Lambda::Function", "AWS::SecretsManager::Secret",
                        "AWS::ECR::Repository", "AWS::EFS::FileSystem", "AWS::DynamoDB::Table", "AWS::DynamoDB::Stream",
                        "AWS::EC2::Snapshot", "AWS::RDS::DBSnapshot", "AWS::RDS::DBClusterSnapshot",
                        "AWS::Kinesis::Stream", "AWS::OpenSearchService::Domain", "AWS::Kinesis::StreamConsumer", "AWS::S3::Glacier",
                        "AWS::Backup::BackupVault", "AWS::CodeArtifact::Domain", "AWS::S3Express::DirectoryBucket",
                        "AWS::S3Tables::TableBucket", "AWS::S3Tables::Table", "AWS::CloudTrail::EventDataStore",
                        "AWS::CloudTrail::Dashboard", "AWS::ApiGateway::RestApi", "AWS::S3Express::AccessPoint",
                        "AWS::S3Outposts::Bucket", "AWS::S3Outposts::AccessPoint"].filter { !leaving.contains($0) }
        let perRegion = regions.flatMap { region in
            regional.map { #"{"resourceType": "\#($0)", "region": "\#(region)", "status": "complete", "resources": 0}"# }
        }
        return "[" + (global + perRegion).joined(separator: ", ") + "]"
    }

    func testEveryLayoutTypeCompleteInEveryRegionLeavesNoGap() throws {
        let snapshot = try self.snapshot(manifest: """
            {"formatVersion": 1, "startedAt": "2026-12-07T01:00:00Z", "endedAt": "2026-12-07T01:01:00Z", "calls": 40, "errors": [],
             "tool": {"name": "scripts/collect-snapshot", "boto3": "1.44.18"},
             "accounts": [{"id": "\(account)", "status": "collected", "regions": ["us-east-1", "eu-west-1"],
                           "coverage": \(entries(regions: ["us-east-1", "eu-west-1"]))}]}
            """)
        guard case .known(let manifest, let gaps) = snapshot.coverage else { return XCTFail("coverage: \(snapshot.coverage)") }
        XCTAssertEqual(gaps, [])
        XCTAssertEqual(manifest.calls, 40)
        XCTAssertEqual(manifest.tool["boto3"], "1.44.18")
        XCTAssertEqual(snapshot.diagnostics.count, 0, "\(snapshot.diagnostics)")
    }

    func testATypeMissingFailedOrIncompleteInARegionIsNotCovered() throws {
        // Queues absent from the manifest in eu-west-1, keys failed, buckets incomplete: three
        // gaps, and nothing else (the layout's other types are complete).
        var coverage = entries(regions: ["us-east-1"], leaving: ["AWS::S3::Bucket"])
        coverage.removeLast()
        coverage += #", {"resourceType": "AWS::S3::Bucket", "region": null, "status": "incomplete", "resources": 3}"#
        let west = entries(regions: ["eu-west-1"], leaving: ["AWS::SQS::Queue", "AWS::KMS::Key", "AWS::IAM::Role", "AWS::S3::Bucket",
                                                             "AWS::S3::AccountPublicAccessBlock", "AWS::S3::MultiRegionAccessPoint"])
        coverage += ", " + west.dropFirst().dropLast() + #", {"resourceType": "AWS::KMS::Key", "region": "eu-west-1", "status": "failed", "resources": 0}]"#
        let snapshot = try self.snapshot(manifest: """
            {"formatVersion": 1, "errors": [{}, {}],
             "accounts": [{"id": "\(account)", "status": "collected", "regions": ["us-east-1", "eu-west-1"], "coverage": \(coverage)},
                          {"id": "444455556666", "status": "skipped", "reason": "its role could not be assumed"}]}
            """)
        let gaps = Set(snapshot.coverage.gaps.map { "\($0.account) \($0.resourceType ?? "-") \($0.region ?? "-")" })
        XCTAssertEqual(gaps, ["\(account) AWS::SQS::Queue eu-west-1", "\(account) AWS::KMS::Key eu-west-1", "\(account) AWS::S3::Bucket -",
                              "444455556666 - -"])
        XCTAssertEqual(snapshot.diagnostics.count, 0, "\(snapshot.diagnostics)")
        // The gaps are unread scopes too: an earlier finding on a queue there is carried over.
        XCTAssertTrue(snapshot.unreadableScopes.contains { $0.mayHold(arn: "arn:aws:sqs:eu-west-1:\(self.account):q", type: "AWS::SQS::Queue",
                                                                      account: self.account) })
        XCTAssertFalse(snapshot.unreadableScopes.contains { $0.mayHold(arn: "arn:aws:sqs:us-east-1:\(self.account):q", type: "AWS::SQS::Queue",
                                                                       account: self.account) })
    }

    func testAnAccountFolderTheManifestDoesNotListHasUnknownCoverage() throws {
        let snapshot = try self.snapshot(manifest: #"{"formatVersion": 1, "accounts": []}"#)
        XCTAssertEqual(snapshot.coverage.gaps.map(\.account), [account])
        XCTAssertTrue(snapshot.coverage.gaps.first?.reason.contains("unknown") == true)
    }

    func testWithoutAManifestCoverageIsUnknown() throws {
        let snapshot = try self.snapshot(manifest: nil)
        guard case .unknown = snapshot.coverage else { return XCTFail("coverage: \(snapshot.coverage)") }
        XCTAssertEqual(snapshot.diagnostics.count, 0)
    }

    func testAMalformedManifestIsADiagnosticWithFileAndPathAndCoverageUnknown() throws {
        let cases: [(manifest: String, code: String, path: String)] = [
            (#"{"formatVersion": 1, "accounts": [{"id": "1"#, "MALFORMED_JSON", "$"),
            (#"[1, 2]"#, "WRONG_TYPE", "$"),
            (#"{"accounts": []}"#, "MISSING_FIELD", "$"),
            (#"{"formatVersion": 2, "accounts": []}"#, "WRONG_TYPE", "$.formatVersion"),
            (#"{"formatVersion": 1, "accounts": {"id": "x"}}"#, "WRONG_TYPE", "$.accounts"),
        ]
        for (manifest, code, path) in cases {
            let snapshot = try self.snapshot(manifest: manifest)
            guard case .unknown = snapshot.coverage else { XCTFail("\(manifest): coverage \(snapshot.coverage)"); continue }
            let diagnostic = snapshot.diagnostics.first { $0.file == "coverage.json" }
            XCTAssertEqual(diagnostic?.code, code, manifest)
            XCTAssertEqual(diagnostic?.jsonPath, path, manifest)
        }
        // A bad entry inside a readable manifest: its diagnostic names the entry, and what it
        // described is not covered.
        let snapshot = try self.snapshot(manifest: """
            {"formatVersion": 1, "accounts": [{"id": "\(account)", "status": "collected", "regions": [],
             "coverage": [{"resourceType": "AWS::IAM::Role", "region": 7, "status": "complete"}]}]}
            """)
        XCTAssertEqual(snapshot.diagnostics.first?.jsonPath, "$.accounts[0].coverage[0].region")
        XCTAssertTrue(snapshot.coverage.gaps.contains { $0.resourceType == "AWS::IAM::Role" })
    }

    func testTheScanSaysCoverageUnknownWithoutAManifest() throws {
        let out = try ScanRunner.temporaryDirectory()
        let scan = try ScanRunner.rampart(ScanRunner.scanArguments(model: ScanRunner.model("startup"), zone: "account", out: out))
        XCTAssertEqual(scan.status, 0, scan.stderr)
        XCTAssertTrue(scan.stdout.contains("coverage unknown"), scan.stdout)
        let report = try ScanRunner.json(out.appendingPathComponent("findings.json"))
        XCTAssertEqual((report["coverage"] as? [String: Any])?["known"] as? Bool, false)
        let markdown = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(markdown.contains("**Coverage unknown**"))
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<strong>Coverage unknown</strong>"))
        let sarif = try ScanRunner.json(out.appendingPathComponent("findings.sarif"))
        let run = try XCTUnwrap((sarif["runs"] as? [[String: Any]])?.first)
        XCTAssertTrue(((run["properties"] as? [String: Any])?["coverage"] as? String)?.hasPrefix("coverage unknown") == true)
    }
}
