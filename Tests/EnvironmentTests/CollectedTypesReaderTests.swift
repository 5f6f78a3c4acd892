import Environment
import Foundation
import RampartTestSupport
import XCTest

/// The snapshot files of issue 21's resource types, hand-written in the AWS CLI's output shapes:
/// EFS file system policies, DynamoDB table and stream resource policies (moto cannot put a
/// stream policy, so the collector test cannot make one), and EBS/RDS snapshot sharing lists,
/// including lists that cannot be fully read.
final class CollectedTypesReaderTests: XCTestCase {
    private let account = "111122223333"

    private func snapshot(_ files: [String: String]) throws -> Snapshot {
        let folder = try SnapshotFolderFixture.write(account: account, files: files)
        return try SnapshotLoader.load(folder: folder.path)
    }

    private func policy(_ principal: String, _ action: String) -> String {
        let document = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::\#(principal):root"},"Action":"\#(action)","Resource":"*"}]}"#
        return "\"" + document.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    func testEFSAndDynamoDBTableAndStreamPoliciesBecomeResourcesOfTheirTypes() throws {
        let snapshot = try self.snapshot([
            "efs/us-east-1/fs-0123.describe-file-system-policy.json": #"{"FileSystemId": "fs-0123", "Policy": \#(policy("999988887777", "elasticfilesystem:ClientMount"))}"#,
            "dynamodb/eu-west-1/orders.get-resource-policy.json": #"{"Policy": \#(policy("999988887777", "dynamodb:GetItem")), "RevisionId": "1"}"#,
            "dynamodb/eu-west-1/orders%2Fstream%2F2026-12-07T01%3A00%3A00.000.get-resource-policy.json":
                #"{"Policy": \#(policy("999988887777", "dynamodb:GetRecords")), "RevisionId": "2"}"#,
        ])
        XCTAssertEqual(snapshot.diagnostics.count, 0, "\(snapshot.diagnostics)")
        let types = Dictionary(uniqueKeysWithValues: snapshot.resources.map { ($0.arn, $0.type) })
        XCTAssertEqual(types, [
            "arn:aws:elasticfilesystem:us-east-1:\(account):file-system/fs-0123": "AWS::EFS::FileSystem",
            "arn:aws:dynamodb:eu-west-1:\(account):table/orders": "AWS::DynamoDB::Table",
            "arn:aws:dynamodb:eu-west-1:\(account):table/orders/stream/2026-12-07T01:00:00.000": "AWS::DynamoDB::Stream",
        ])
        XCTAssertTrue(snapshot.resources.allSatisfy { $0.policy != nil })
    }

    func testSnapshotSharingListsAreReadAndAListNotFullyReadIsUnknown() throws {
        let snapshot = try self.snapshot([
            "ec2/us-east-1/snap-1.describe-snapshot-attribute.json":
                #"{"SnapshotId": "snap-1", "CreateVolumePermissions": [{"UserId": "999988887777"}, {"Group": "all"}]}"#,
            "ec2/us-east-1/snap-2.describe-snapshot-attribute.json": #"{"SnapshotId": "snap-2", "CreateVolumePermissions": [{"Other": 1}]}"#,
            "rds/eu-west-1/db.describe-db-snapshot-attributes.json":
                #"{"DBSnapshotAttributesResult": {"DBSnapshotIdentifier": "db", "DBSnapshotAttributes": [{"AttributeName": "restore", "AttributeValues": ["444455556666"]}]}}"#,
            "rds/eu-west-1/cl.describe-db-cluster-snapshot-attributes.json": #"{"DBClusterSnapshotAttributesResult": {}}"#,
        ])
        let byARN = Dictionary(uniqueKeysWithValues: snapshot.resources.map { ($0.arn, $0) })
        XCTAssertEqual(byARN["arn:aws:ec2:us-east-1::snapshot/snap-1"]?.sharedWith, ["999988887777", "all"])
        XCTAssertEqual(byARN["arn:aws:ec2:us-east-1::snapshot/snap-1"]?.unknownParts, [])
        XCTAssertEqual(byARN["arn:aws:rds:eu-west-1:\(account):snapshot:db"]?.sharedWith, ["444455556666"])
        XCTAssertEqual(byARN["arn:aws:ec2:us-east-1::snapshot/snap-2"]?.unknownParts.count, 1, "an entry of another shape")
        XCTAssertEqual(byARN["arn:aws:rds:eu-west-1:\(account):cluster-snapshot:cl"]?.unknownParts.count, 1, "no attribute list")
        let missing = snapshot.diagnostics.first { $0.file.hasSuffix("cl.describe-db-cluster-snapshot-attributes.json") }
        XCTAssertEqual(missing?.code, "MISSING_FIELD")
        XCTAssertEqual(missing?.jsonPath, "$.DBClusterSnapshotAttributesResult")
        let other = snapshot.diagnostics.first { $0.file.hasSuffix("snap-2.describe-snapshot-attribute.json") }
        XCTAssertEqual(other?.jsonPath, "$.CreateVolumePermissions[0]")
    }
}
