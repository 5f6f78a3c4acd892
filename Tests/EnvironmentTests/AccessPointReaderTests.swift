import Environment
import Foundation
import RampartTestSupport
import XCTest

/// `accounts/<id>/s3/access-points/<region>/`: `aws s3control list-access-points` and
/// `get-access-point-policy` outputs, hand-written in the shapes of the S3 Control API Reference
/// (ListAccessPoints' `AccessPointList` of `AccessPoint` {Name, NetworkOrigin, Bucket,
/// AccessPointArn, BucketAccountId}; GetAccessPointPolicy's `Policy` string).
final class AccessPointReaderTests: XCTestCase {
    private let account = "111122223333"

    private func snapshot(_ files: [String: String]) throws -> Snapshot {
        let folder = try SnapshotFolderFixture.write(account: account, files: files)
        return try SnapshotLoader.load(folder: folder.path)
    }

    static let list = #"""
        {"AccessPointList": [
          {"Name": "my-access-point", "NetworkOrigin": "Internet", "Bucket": "amzn-s3-demo-bucket",
           "AccessPointArn": "arn:aws:s3:us-west-2:111122223333:accesspoint/my-access-point", "Alias": "my-access-point-abc-s3alias", "BucketAccountId": "111122223333"},
          {"Name": "vpc-point", "NetworkOrigin": "VPC", "VpcConfiguration": {"VpcId": "vpc-1a2b3c"}, "Bucket": "amzn-s3-demo-bucket",
           "AccessPointArn": "arn:aws:s3:us-west-2:111122223333:accesspoint/vpc-point", "BucketAccountId": "111122223333"}
        ]}
        """#
    static let policy = #"{"Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:user/Jane\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:us-west-2:111122223333:accesspoint/my-access-point/object/Jane/*\"}]}"}"#

    func testAccessPointsAndTheirPoliciesAreRead() throws {
        let snapshot = try self.snapshot([
            "s3/access-points/us-west-2/list-access-points.json": Self.list,
            "s3/access-points/us-west-2/my-access-point.get-access-point-policy.json": Self.policy,
        ])
        XCTAssertEqual(snapshot.diagnostics.count, 0, "\(snapshot.diagnostics)")
        let account = try XCTUnwrap(snapshot.accounts.first)
        XCTAssertEqual(account.accessPointsUnknown, [])
        XCTAssertEqual(account.accessPoints.map(\.name), ["my-access-point", "vpc-point"])
        let first = try XCTUnwrap(account.accessPoints.first)
        XCTAssertEqual(first.arn, "arn:aws:s3:us-west-2:111122223333:accesspoint/my-access-point")
        XCTAssertEqual(first.bucket, "amzn-s3-demo-bucket")
        XCTAssertEqual(first.bucketOwner, "111122223333")
        XCTAssertEqual(first.networkOrigin, "Internet")
        XCTAssertEqual(first.policy?.statements.count, 1)
        // No policy file: the access point has no policy (NoSuchAccessPointPolicy prints nothing).
        XCTAssertNil(account.accessPoints[1].policy)
        XCTAssertNil(account.accessPoints[1].policyUnreadable)
        XCTAssertEqual(account.accessPoints[1].networkOrigin, "VPC")
    }

    // Unknown is never "none": a list that cannot be read, or a policy file that cannot be, is
    // named as unknown with its file.
    func testUnreadableFilesAreUnknownNeverNone() throws {
        let snapshot = try self.snapshot([
            "s3/access-points/us-west-2/list-access-points.json": Self.list,
            "s3/access-points/us-west-2/my-access-point.get-access-point-policy.json": #"{"Policy": "{\"Version\": "}"#,
            "s3/access-points/eu-west-1/list-access-points.json": #"{"AccessPointList": [{"Bucket": "b"}]}"#,
        ])
        let account = try XCTUnwrap(snapshot.accounts.first)
        XCTAssertEqual(account.accessPoints.first?.policyUnreadable,
                       "the policy of access point arn:aws:s3:us-west-2:111122223333:accesspoint/my-access-point (accounts/111122223333/s3/access-points/us-west-2/my-access-point.get-access-point-policy.json could not be read)")
        XCTAssertEqual(account.accessPointsUnknown.count, 2, "\(account.accessPointsUnknown)")
        XCTAssertTrue(account.accessPointsUnknown.contains { $0.contains("eu-west-1/list-access-points.json") })
        XCTAssertTrue(snapshot.diagnostics.contains { $0.severity == .error && $0.file.hasSuffix("eu-west-1/list-access-points.json") })
    }

    // `s3control/list-multi-region-access-points.json` (S3 Control API Reference,
    // ListMultiRegionAccessPoints: `AccessPoints` of {Name, Alias, Regions: [{Bucket, Region,
    // BucketAccountId}]}): the buckets each routes to; the regions whose access point list was read.
    func testMultiRegionAccessPointRoutesAndListedRegionsAreRead() throws {
        let snapshot = try self.snapshot([
            "s3/access-points/us-west-2/list-access-points.json": Self.list,
            "s3control/list-multi-region-access-points.json": #"""
                {"AccessPoints": [{"Name": "global", "Alias": "mfzwi23gnjvgw.mrap", "Status": "READY",
                  "Regions": [{"Bucket": "amzn-s3-demo-bucket", "Region": "us-west-2", "BucketAccountId": "111122223333"},
                              {"Bucket": "amzn-s3-demo-bucket-eu", "Region": "eu-west-1"}]}]}
                """#,
        ])
        XCTAssertEqual(snapshot.diagnostics.count, 0, "\(snapshot.diagnostics)")
        let account = try XCTUnwrap(snapshot.accounts.first)
        XCTAssertEqual(account.accessPointRegionsListed, ["us-west-2"])
        XCTAssertEqual(account.multiRegionAccessPointRoutes, [
            MultiRegionRoute(name: "global", bucket: "amzn-s3-demo-bucket", bucketAccount: "111122223333"),
            MultiRegionRoute(name: "global", bucket: "amzn-s3-demo-bucket-eu", bucketAccount: nil),
        ])
    }

    // A list that cannot be read whole (an entry without its bucket, no `AccessPoints`) is not
    // known: nil, with a diagnostic naming the JSON path — never "no multi-Region access point".
    func testAMultiRegionListNotReadWholeIsUnknown() throws {
        for (text, path) in [(#"{"AccessPoints": [{"Name": "global", "Regions": [{"Region": "us-west-2"}]}]}"#, "$.AccessPoints[0].Regions[0]"),
                             (#"{"Points": []}"#, "$")] {
            let snapshot = try self.snapshot(["s3control/list-multi-region-access-points.json": text])
            XCTAssertNil(snapshot.accounts.first?.multiRegionAccessPointRoutes, text)
            XCTAssertEqual(snapshot.diagnostics.map(\.code), ["MISSING_FIELD"], text)
            XCTAssertEqual(snapshot.diagnostics.first?.jsonPath, path, text)
        }
    }
}
