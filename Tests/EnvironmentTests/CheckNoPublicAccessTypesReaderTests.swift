import Environment
import Foundation
import RampartTestSupport
import XCTest

/// The snapshot files of issue 22's types that one read-only command prints, hand-written in the
/// output shapes of each API's reference (cited in ResourcePolicyCommand): S3 Glacier vault access
/// policies, AWS Backup vault access policies and CodeArtifact domain policies.
final class CheckNoPublicAccessTypesReaderTests: XCTestCase {
    private let account = "111122223333"

    private func snapshot(_ files: [String: String]) throws -> Snapshot {
        let folder = try SnapshotFolderFixture.write(account: account, files: files)
        return try SnapshotLoader.load(folder: folder.path)
    }

    private func policy(_ action: String) -> String {
        let document = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"\#(action)","Resource":"*"}]}"#
        return "\"" + document.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    func testVaultAndDomainPoliciesBecomeResourcesOfTheirTypes() throws {
        let snapshot = try self.snapshot([
            "glacier/us-west-2/examplevault.get-vault-access-policy.json": #"{"policy": {"Policy": \#(policy("glacier:UploadArchive"))}}"#,
            "backup/us-east-1/my-vault.get-backup-vault-access-policy.json":
                #"{"BackupVaultArn": "arn:aws:backup:us-east-1:\#(account):backup-vault:my-vault", "BackupVaultName": "my-vault", "Policy": \#(policy("backup:CopyIntoBackupVault"))}"#,
            "codeartifact/us-west-2/my-domain.get-domain-permissions-policy.json":
                #"{"policy": {"resourceArn": "arn:aws:codeartifact:us-west-2:\#(account):domain/my-domain", "revision": "1", "document": \#(policy("codeartifact:GetAuthorizationToken"))}}"#,
        ])
        XCTAssertEqual(snapshot.diagnostics.count, 0, "\(snapshot.diagnostics)")
        let types = Dictionary(uniqueKeysWithValues: snapshot.resources.map { ($0.arn, $0.type) })
        XCTAssertEqual(types, [
            "arn:aws:glacier:us-west-2:\(account):vaults/examplevault": "AWS::S3::Glacier",
            "arn:aws:backup:us-east-1:\(account):backup-vault:my-vault": "AWS::Backup::BackupVault",
            "arn:aws:codeartifact:us-west-2:\(account):domain/my-domain": "AWS::CodeArtifact::Domain",
        ])
        XCTAssertTrue(snapshot.resources.allSatisfy { $0.policy != nil })
    }

    // A file without the policy where the command prints it: the policy is unknown (an ERROR
    // naming the JSON path), never "no policy".
    func testAVaultFileWithoutItsPolicyIsAnError() throws {
        let snapshot = try self.snapshot(["glacier/us-west-2/examplevault.get-vault-access-policy.json": #"{"policy": {}}"#])
        let missing = snapshot.diagnostics.first { $0.file.hasSuffix("examplevault.get-vault-access-policy.json") }
        XCTAssertEqual(missing?.code, "MISSING_FIELD")
        XCTAssertTrue(missing?.message.contains("policy.Policy") ?? false, "\(String(describing: missing))")
        XCTAssertNil(snapshot.resources.first?.policy)
    }

    // Kinesis streams and consumers, OpenSearch domains, S3 directory buckets and table buckets
    // (Kinesis API Reference GetResourcePolicy, OpenSearch DescribeDomainConfig, S3 GetBucketPolicy
    // and S3 Tables GetTableBucketPolicy), and the documents those outputs print for "no policy".
    func testStreamDomainAndBucketPoliciesBecomeResourcesOfTheirTypes() throws {
        let snapshot = try self.snapshot([
            "kinesis/us-east-1/orders.get-resource-policy.json": #"{"Policy": \#(policy("kinesis:GetRecords"))}"#,
            "kinesis/us-east-1/orders%2Fconsumer%2Fapp%3A1700000000.get-resource-policy.json": #"{"Policy": \#(policy("kinesis:SubscribeToShard"))}"#,
            "kinesis/us-east-1/quiet.get-resource-policy.json": #"{"Policy": "{}"}"#,
            "opensearch/us-east-1/logs.describe-domain-config.json": #"{"DomainConfig": {"AccessPolicies": {"Options": \#(policy("es:ESHttpGet")), "Status": {"State": "Active"}}}}"#,
            "opensearch/us-east-1/closed.describe-domain-config.json": #"{"DomainConfig": {"AccessPolicies": {"Options": "", "Status": {"State": "Active"}}}}"#,
            "s3express/us-west-2/data--usw2-az1--x-s3.get-bucket-policy.json": #"{"Policy": \#(policy("s3express:CreateSession"))}"#,
            "s3tables/us-west-2/lake.get-table-bucket-policy.json": #"{"resourcePolicy": \#(policy("s3tables:GetTableData"))}"#,
        ])
        XCTAssertEqual(snapshot.diagnostics.count, 0, "\(snapshot.diagnostics)")
        let read = Dictionary(uniqueKeysWithValues: snapshot.resources.map { ($0.arn, "\($0.type) \($0.policy == nil ? "none" : "policy")") })
        XCTAssertEqual(read, [
            "arn:aws:kinesis:us-east-1:\(account):stream/orders": "AWS::Kinesis::Stream policy",
            "arn:aws:kinesis:us-east-1:\(account):stream/orders/consumer/app:1700000000": "AWS::Kinesis::StreamConsumer policy",
            "arn:aws:kinesis:us-east-1:\(account):stream/quiet": "AWS::Kinesis::Stream none",
            "arn:aws:es:us-east-1:\(account):domain/logs": "AWS::OpenSearchService::Domain policy",
            "arn:aws:es:us-east-1:\(account):domain/closed": "AWS::OpenSearchService::Domain none",
            "arn:aws:s3express:us-west-2:\(account):bucket/data--usw2-az1--x-s3": "AWS::S3Express::DirectoryBucket policy",
            "arn:aws:s3tables:us-west-2:\(account):bucket/lake": "AWS::S3Tables::TableBucket policy",
        ])
        XCTAssertTrue(snapshot.resources.allSatisfy { !$0.policyHasErrors })
    }

    // Only the exact "no policy" documents are no policy: a domain config without its
    // AccessPolicies, or a stream's policy that is not JSON, is an error, never "no policy".
    func testADomainWithoutAccessPoliciesOrAStreamWithABrokenPolicyIsAnError() throws {
        let snapshot = try self.snapshot([
            "opensearch/us-east-1/logs.describe-domain-config.json": #"{"DomainConfig": {}}"#,
            "kinesis/us-east-1/orders.get-resource-policy.json": #"{"Policy": "{not json"}"#,
        ])
        XCTAssertEqual(Set(snapshot.diagnostics.map(\.code)), ["MISSING_FIELD", "MALFORMED_JSON"], "\(snapshot.diagnostics)")
        XCTAssertTrue(snapshot.resources.allSatisfy(\.policyHasErrors), "\(snapshot.resources.map(\.arn))")
    }

    // S3 Tables tables, directory buckets' access points, S3 on Outposts buckets and access
    // points (S3 Tables GetTablePolicy, S3 Control GetAccessPointPolicy and GetBucketPolicy):
    // each file becomes a resource of its type, its ARN built from the name as the docs write it.
    func testTableAccessPointAndOutpostsPoliciesBecomeResourcesOfTheirTypes() throws {
        let snapshot = try self.snapshot([
            "s3tables/us-west-2/lake%2Ftable%2F0a1b2c3d-table.get-table-policy.json": #"{"resourcePolicy": \#(policy("s3tables:GetTableData"))}"#,
            "s3express/us-west-2/reports--usw2-az1--xa--s3.get-access-point-policy.json": #"{"Policy": \#(policy("s3express:CreateSession"))}"#,
            "s3-outposts/us-west-2/op-01ac5d28a6a232904%2Fbucket%2Fedge-data.get-bucket-policy.json": #"{"Policy": \#(policy("s3-outposts:GetObject"))}"#,
            "s3-outposts/us-west-2/op-01ac5d28a6a232904%2Faccesspoint%2Fedge-ap.get-access-point-policy.json": #"{"Policy": \#(policy("s3-outposts:GetObject"))}"#,
        ])
        XCTAssertEqual(snapshot.diagnostics.count, 0, "\(snapshot.diagnostics)")
        let read = Dictionary(uniqueKeysWithValues: snapshot.resources.map { ($0.arn, "\($0.type) \($0.policy == nil ? "none" : "policy")") })
        XCTAssertEqual(read, [
            "arn:aws:s3tables:us-west-2:\(account):bucket/lake/table/0a1b2c3d-table": "AWS::S3Tables::Table policy",
            "arn:aws:s3express:us-west-2:\(account):accesspoint/reports--usw2-az1--xa--s3": "AWS::S3Express::AccessPoint policy",
            "arn:aws:s3-outposts:us-west-2:\(account):outpost/op-01ac5d28a6a232904/bucket/edge-data": "AWS::S3Outposts::Bucket policy",
            "arn:aws:s3-outposts:us-west-2:\(account):outpost/op-01ac5d28a6a232904/accesspoint/edge-ap": "AWS::S3Outposts::AccessPoint policy",
        ])
    }
}
