import Foundation
import XCTest

/// `rampart check --access-point-arn/--access-point-policy` (docs/CLI.md, "Access points"): the S3
/// User Guide's delegation policy on the bucket and its Example 1 access point policy with Jane in
/// another account ("Configuring IAM policies for using access points",
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html).
final class CheckAccessPointCLITests: FolderTestCase {
    private let delegation = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "*", "Resource": ["arn:aws:s3:::demo", "arn:aws:s3:::demo/*"], "Condition": {"StringEquals": {"s3:DataAccessPointAccount": "111122223333"}}}]}"#
    private let accessPoint = "arn:aws:s3:us-west-2:111122223333:accesspoint/my-access-point"

    private func check(accessPointPolicy principal: String, extra: [String] = []) throws -> (CLIResult, [String: Any]) {
        let bucket = try write("bucket.json", delegation)
        let ap = try write("ap.json", #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": ""# + principal
            + #""}, "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:us-west-2:111122223333:accesspoint/my-access-point/object/Jane/*"}]}"#)
        let result = try CLI.run(["check", "--policy", bucket, "--resource-arn", "arn:aws:s3:::demo", "--zone-account", "111122223333",
                                  "--access-point-arn", accessPoint, "--access-point-policy", ap, "--format", "json", "--timeout-ms", "120000"] + extra)
        let object = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any] ?? [:]
        return (result, object)
    }

    func testAGrantToAnotherAccountThroughTheAccessPointIsAFindingOfTheAccessPoint() throws {
        let (result, object) = try check(accessPointPolicy: "arn:aws:iam::444455556666:user/Jane", extra: ["--access-point-network-origin", "VPC"])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(object["externalPrincipals"] as? [String], ["444455556666"])
        let finding = try XCTUnwrap((object["findings"] as? [[String: Any]])?.first)
        XCTAssertEqual(finding["source"] as? String, "S3_ACCESS_POINT")
        XCTAssertEqual(finding["actions"] as? [String], ["s3:GetObject", "s3:PutObject"])
        let detail = try XCTUnwrap(finding["sourceDetail"] as? [String: Any])
        XCTAssertEqual(detail["accessPointArn"] as? String, accessPoint)
        XCTAssertEqual(detail["networkOrigin"] as? String, "VPC")
    }

    func testAGrantToTheOwnersUserIsNoExternalAccess() throws {
        let (result, object) = try check(accessPointPolicy: "arn:aws:iam::111122223333:user/Jane")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(object["status"] as? String, "NO_EXTERNAL_ACCESS")
    }

    func testAccessPointOptionsAreCheckedAsInput() throws {
        let bucket = try write("bucket.json", delegation)
        let notAnAccessPoint = try CLI.run(["check", "--policy", bucket, "--resource-arn", "arn:aws:s3:::demo", "--zone-account", "111122223333",
                                            "--access-point-arn", "arn:aws:s3:::demo"])
        XCTAssertEqual(notAnAccessPoint.status, 2, notAnAccessPoint.stdout)
        let badOrigin = try CLI.run(["check", "--policy", bucket, "--resource-arn", "arn:aws:s3:::demo", "--zone-account", "111122223333",
                                     "--access-point-arn", accessPoint, "--access-point-network-origin", "Everywhere"])
        XCTAssertEqual(badOrigin.status, 2, badOrigin.stdout)
        let withoutARN = try CLI.run(["check", "--policy", bucket, "--resource-arn", "arn:aws:s3:::demo", "--zone-account", "111122223333",
                                      "--access-point-network-origin", "VPC"])
        XCTAssertEqual(withoutARN.status, 2, withoutARN.stdout)
    }
}
