import Analysis
import Environment
import Findings
import Foundation
import RampartTestSupport
import XCTest

/// A scan judges a bucket with the access points attached to it (S3 User Guide, "Configuring IAM
/// policies for using access points", https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html):
/// the guide's delegation bucket policy, an access point whose policy grants another account's
/// Jane GetObject (a finding of source S3_ACCESS_POINT naming the access point), and a VPC access
/// point without a policy (nothing through it).
final class AccessPointScanTests: XCTestCase {
    private let account = "111122223333"

    private func scan(_ files: [String: String], root: [String: String] = [:]) throws -> ScanResult {
        let folder = try SnapshotFolderFixture.write(account: account, files: files)
        for (path, text) in root { try Data(text.utf8).write(to: folder.appendingPathComponent(path)) }
        let snapshot = try SnapshotLoader.load(folder: folder.path)
        return try Scanner.scan(snapshot, options: ScanOptions(zoneMode: .account, jobs: 1,
                                                               analysis: AnalysisOptions(timeoutMilliseconds: 120_000)))
    }

    private func embedded(_ document: String) -> String {
        #"{"Policy": ""# + document.replacingOccurrences(of: "\"", with: "\\\"") + #""}"#
    }

    private var delegation: String {
        embedded(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"*","Resource":["arn:aws:s3:::amzn-s3-demo-bucket","arn:aws:s3:::amzn-s3-demo-bucket/*"],"Condition":{"StringEquals":{"s3:DataAccessPointAccount":"111122223333"}}}]}"#)
    }

    func testTheBucketIsJudgedThroughItsAccessPoints() throws {
        let result = try scan([
            "s3/amzn-s3-demo-bucket.get-bucket-policy.json": delegation,
            "s3control/list-multi-region-access-points.json": noMultiRegionAccessPoints,
            "s3/access-points/us-west-2/list-access-points.json": #"""
                {"AccessPointList": [
                  {"Name": "my-access-point", "NetworkOrigin": "Internet", "Bucket": "amzn-s3-demo-bucket",
                   "AccessPointArn": "arn:aws:s3:us-west-2:111122223333:accesspoint/my-access-point", "BucketAccountId": "111122223333"},
                  {"Name": "vpc-point", "NetworkOrigin": "VPC", "Bucket": "amzn-s3-demo-bucket",
                   "AccessPointArn": "arn:aws:s3:us-west-2:111122223333:accesspoint/vpc-point", "BucketAccountId": "111122223333"}
                ]}
                """#,
            "s3/access-points/us-west-2/my-access-point.get-access-point-policy.json":
                embedded(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:user/Jane"},"Action":"s3:GetObject","Resource":"arn:aws:s3:us-west-2:111122223333:accesspoint/my-access-point/object/Jane/*"}]}"#),
        ])
        let outcome = try XCTUnwrap(result.outcomes.first { $0.arn == "arn:aws:s3:::amzn-s3-demo-bucket" })
        XCTAssertEqual(outcome.status, .externalAccess)
        let throughAccessPoints = result.findings.filter { $0.source == .s3AccessPoint }
        XCTAssertEqual(throughAccessPoints.count, 1, "\(result.findings.map { ($0.access.principal, $0.source, $0.access.actions) })")
        let finding = try XCTUnwrap(throughAccessPoints.first)
        XCTAssertEqual(finding.access.principal, "444455556666")
        XCTAssertEqual(finding.access.actions, ["s3:GetObject"])
        XCTAssertEqual(finding.access.sourceDetail?.accessPointArn, "arn:aws:s3:us-west-2:111122223333:accesspoint/my-access-point")
        XCTAssertTrue(outcome.findingIDs.contains(finding.id))
        // Requests made to the bucket itself carry no `s3:DataAccessPointAccount`, and the
        // account's access points are all listed: the delegation alone is no finding.
        XCTAssertEqual(result.findings.filter { $0.source != .s3AccessPoint }.map(\.access.principal), [])
        // findings.json keeps which access point, and reads it back (carry-over across runs).
        let data = try JSONEncoder().encode(FindingRecord(finding))
        let read = try JSONDecoder().decode(FindingRecord.self, from: data)
        XCTAssertEqual(read.finding.access.sourceDetail, finding.access.sourceDetail)
        XCTAssertEqual(read.source, .s3AccessPoint)
    }

    // An access point policy that cannot be read: the bucket is never NO_EXTERNAL_ACCESS. Here
    // the bucket policy grants nobody outside, directly or through access points.
    func testAnUnreadableAccessPointPolicyLeavesTheBucketUnproven() throws {
        let result = try scan([
            "s3/amzn-s3-demo-bucket.get-bucket-policy.json":
                embedded(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/Reader"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/*"}]}"#),
            "s3/access-points/us-west-2/list-access-points.json": #"""
                {"AccessPointList": [{"Name": "my-access-point", "NetworkOrigin": "Internet", "Bucket": "amzn-s3-demo-bucket",
                  "AccessPointArn": "arn:aws:s3:us-west-2:111122223333:accesspoint/my-access-point", "BucketAccountId": "111122223333"}]}
                """#,
            "s3/access-points/us-west-2/my-access-point.get-access-point-policy.json": #"{"Policy": 42}"#,
        ])
        let outcome = try XCTUnwrap(result.outcomes.first { $0.arn == "arn:aws:s3:::amzn-s3-demo-bucket" })
        XCTAssertEqual(outcome.status, .unproven, "\(outcome.explanation)")
        XCTAssertFalse(outcome.complete)
    }

    private let noMultiRegionAccessPoints = #"{"AccessPoints": []}"#

    private var listWithoutThisBucket: String {
        #"""
        {"AccessPointList": [{"Name": "other-point", "NetworkOrigin": "Internet", "Bucket": "another-bucket",
          "AccessPointArn": "arn:aws:s3:us-west-2:111122223333:accesspoint/other-point", "BucketAccountId": "111122223333"}]}
        """#
    }

    // The guide's delegation, the account's access points listed, none of them to this bucket:
    // nobody gets in (S3 User Guide, "Configuring IAM policies for using access points").
    func testTheDelegationWithNoAccessPointToTheBucketIsNoExternalAccess() throws {
        let result = try scan(["s3/amzn-s3-demo-bucket.get-bucket-policy.json": delegation,
                               "s3/access-points/us-west-2/list-access-points.json": listWithoutThisBucket,
                               "s3control/list-multi-region-access-points.json": noMultiRegionAccessPoints])
        let outcome = try XCTUnwrap(result.outcomes.first { $0.arn == "arn:aws:s3:::amzn-s3-demo-bucket" })
        XCTAssertEqual(outcome.status, .noExternalAccess, "\(result.findings.map(\.access.principal))")
        XCTAssertTrue(outcome.explanation.contains { $0.contains("carry no access point keys") && $0.contains("111122223333") },
                      "\(outcome.explanation)")
    }

    // Without the account's access point lists, its access points are unknown: one of them may
    // let anyone in, so the bucket is never NO_EXTERNAL_ACCESS.
    func testTheDelegationWithoutAccessPointListsIsNotSafe() throws {
        let result = try scan(["s3/amzn-s3-demo-bucket.get-bucket-policy.json": delegation])
        let outcome = try XCTUnwrap(result.outcomes.first { $0.arn == "arn:aws:s3:::amzn-s3-demo-bucket" })
        XCTAssertEqual(outcome.status, .externalAccess)
        XCTAssertEqual(result.findings.first?.access.principal, "*")
    }

    // The collector covered two regions and only one list is there: an access point in the
    // other region is unknown, so the account's access points are not known whole.
    func testARegionOfTheManifestWithoutItsListLeavesTheAccessPointsUnknown() throws {
        let manifest = #"""
            {"formatVersion": 1, "accounts": [{"id": "111122223333", "status": "collected", "regions": ["us-west-2", "eu-west-1"], "coverage": []}]}
            """#
        let result = try scan(["s3/amzn-s3-demo-bucket.get-bucket-policy.json": delegation,
                               "s3/access-points/us-west-2/list-access-points.json": listWithoutThisBucket,
                               "s3control/list-multi-region-access-points.json": noMultiRegionAccessPoints],
                              root: ["coverage.json": manifest])
        let outcome = try XCTUnwrap(result.outcomes.first { $0.arn == "arn:aws:s3:::amzn-s3-demo-bucket" })
        XCTAssertEqual(outcome.status, .externalAccess)
        // The same snapshot, the manifest naming the one region listed: known whole.
        let oneRegion = try scan(["s3/amzn-s3-demo-bucket.get-bucket-policy.json": delegation,
                                  "s3/access-points/us-west-2/list-access-points.json": listWithoutThisBucket,
                               "s3control/list-multi-region-access-points.json": noMultiRegionAccessPoints],
                                 root: ["coverage.json": manifest.replacingOccurrences(of: #", "eu-west-1""#, with: "")])
        XCTAssertEqual(oneRegion.outcomes.first { $0.arn == "arn:aws:s3:::amzn-s3-demo-bucket" }?.status, .noExternalAccess)
    }

    // A multi-Region access point of the account routes to the bucket (its requests carry the
    // account's `s3:DataAccessPointAccount`; S3 User Guide, "Permissions" of Multi-Region Access
    // Points), or the account's multi-Region access points are not known (the list missing or
    // unreadable): the delegation may let anyone in.
    func testAMultiRegionAccessPointToTheBucketOrAnUnknownListIsNotSafe() throws {
        let routing = #"""
            {"AccessPoints": [{"Name": "global", "Alias": "mfzwi23gnjvgw.mrap",
              "Regions": [{"Bucket": "amzn-s3-demo-bucket", "Region": "us-west-2", "BucketAccountId": "111122223333"}]}]}
            """#
        for (label, list) in [("routing to the bucket", routing), ("unreadable", #"{"AccessPoints": 7}"#), ("missing", nil)] {
            var files = ["s3/amzn-s3-demo-bucket.get-bucket-policy.json": delegation,
                         "s3/access-points/us-west-2/list-access-points.json": listWithoutThisBucket]
            files["s3control/list-multi-region-access-points.json"] = list
            let result = try scan(files)
            XCTAssertEqual(result.outcomes.first { $0.arn == "arn:aws:s3:::amzn-s3-demo-bucket" }?.status, .externalAccess, label)
        }
    }
}
