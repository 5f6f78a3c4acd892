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

    // CloudTrail GetResourcePolicy prints the resource's policy and, for an organization's
    // resources, the delegated administrator's (AWS CloudTrail API Reference, GetResourcePolicy;
    // ARN forms from the same page: `eventdatastore/EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE`,
    // `dashboard/exampleDash`). Both are read, each a reading of its own; a file named otherwise
    // (a channel) is not one the layout has.
    func testCloudTrailFilesGiveEventDataStoresAndDashboardsWithBothPolicies() throws {
        let snapshot = try self.snapshot([
            "cloudtrail/us-east-2/eventdatastore%2FEXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE.get-resource-policy.json":
                #"{"ResourceArn": "arn:aws:cloudtrail:us-east-2:\#(account):eventdatastore/EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE", "ResourcePolicy": \#(policy("cloudtrail:StartQuery")), "DelegatedAdminResourcePolicy": \#(policy("cloudtrail:GetQueryResults"))}"#,
            "cloudtrail/us-east-1/dashboard%2FexampleDash.get-resource-policy.json":
                #"{"ResourceArn": "arn:aws:cloudtrail:us-east-1:\#(account):dashboard/exampleDash", "ResourcePolicy": \#(policy("cloudtrail:StartDashboardRefresh"))}"#,
            "cloudtrail/us-east-2/channel%2F01234567890.get-resource-policy.json": #"{"ResourcePolicy": \#(policy("cloudtrail-data:PutAuditEvents"))}"#,
        ])
        XCTAssertEqual(snapshot.diagnostics.map(\.code), ["UNKNOWN_FILE"], "\(snapshot.diagnostics)")
        let read = Dictionary(uniqueKeysWithValues: snapshot.resources.map {
            ($0.arn, "\($0.type) \($0.readings.compactMap { $0.policy?.statements.first?.actions?.values.first }.sorted())")
        })
        XCTAssertEqual(read, [
            "arn:aws:cloudtrail:us-east-2:\(account):eventdatastore/EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE":
                #"AWS::CloudTrail::EventDataStore ["cloudtrail:GetQueryResults", "cloudtrail:StartQuery"]"#,
            "arn:aws:cloudtrail:us-east-1:\(account):dashboard/exampleDash": #"AWS::CloudTrail::Dashboard ["cloudtrail:StartDashboardRefresh"]"#,
        ])
    }

    // Neither document readable hides the other: a delegated administrator's policy that is not
    // JSON leaves the store's policy unknown (not analysed), and an output with neither document
    // is MISSING_FIELD; only the delegated administrator's alone is a policy.
    func testACloudTrailFileWithABrokenOrMissingDocumentIsAnError() throws {
        let snapshot = try self.snapshot([
            "cloudtrail/us-east-1/eventdatastore%2Fbroken.get-resource-policy.json":
                #"{"ResourcePolicy": \#(policy("cloudtrail:StartQuery")), "DelegatedAdminResourcePolicy": "{not json"}"#,
            "cloudtrail/us-east-1/eventdatastore%2Fempty.get-resource-policy.json": #"{"ResourceArn": "x"}"#,
            "cloudtrail/us-east-1/eventdatastore%2Fadmin-only.get-resource-policy.json":
                #"{"DelegatedAdminResourcePolicy": \#(policy("cloudtrail:StartQuery"))}"#,
        ])
        XCTAssertEqual(Set(snapshot.diagnostics.map(\.code)), ["MALFORMED_JSON", "MISSING_FIELD"], "\(snapshot.diagnostics)")
        let errors = Dictionary(uniqueKeysWithValues: snapshot.resources.map { ($0.arn.components(separatedBy: "/").last ?? "", $0.policyHasErrors) })
        XCTAssertEqual(errors, ["broken": true, "empty": true, "admin-only": false])
        XCTAssertNotNil(snapshot.resources.first { $0.arn.hasSuffix("/admin-only") }?.policy)
    }

    // API Gateway's RestApi `policy` as AWS prints it — escaped once more, `\/` included
    // (localstack/localstack#3325 shows the CLI's `"policy": "{\\\"Version\\\":…"`;
    // hashicorp/terraform-provider-aws#4606, the escaped forward slashes) — and as emulators print
    // it, plainly: the same policy, on the API's ARN. No `policy`: no policy.
    func testRestAPIPoliciesAreReadEscapedOnceOrPlain() throws {
        // The document, and the same document as the body of a JSON string (what AWS answers,
        // forward slashes escaped too); each printed by the CLI as a JSON string.
        let document = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*","Condition":{"IpAddress":{"aws:SourceIp":"192.0.2.0/24"}}}]}"#
        let body = #"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"execute-api:\/*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"192.0.2.0\/24\"}}}]}"#
        func printed(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        let plain = printed(document)
        let escapedOnce = printed(body)
        let snapshot = try self.snapshot([
            "apigateway/us-east-1/a1b2c3d4e5.get-rest-api.json": #"{"id": "a1b2c3d4e5", "name": "pets", "policy": \#(escapedOnce)}"#,
            "apigateway/us-east-1/f6g7h8i9j0.get-rest-api.json": #"{"id": "f6g7h8i9j0", "name": "pets-copy", "policy": \#(plain)}"#,
            "apigateway/us-east-1/k1l2m3n4o5.get-rest-api.json": #"{"id": "k1l2m3n4o5", "name": "open"}"#,
        ])
        XCTAssertEqual(snapshot.diagnostics.count, 0, "\(snapshot.diagnostics) \(escapedOnce)")
        let read = Dictionary(uniqueKeysWithValues: snapshot.resources.map { ($0.arn, $0.documentText) })
        XCTAssertEqual(Set(read.keys), ["arn:aws:execute-api:us-east-1:\(account):a1b2c3d4e5", "arn:aws:execute-api:us-east-1:\(account):f6g7h8i9j0",
                                        "arn:aws:execute-api:us-east-1:\(account):k1l2m3n4o5"])
        XCTAssertTrue(snapshot.resources.allSatisfy { $0.type == "AWS::ApiGateway::RestApi" && !$0.policyHasErrors })
        let escapedPolicy = try XCTUnwrap(snapshot.resources.first { $0.arn.hasSuffix("a1b2c3d4e5") }?.policy)
        XCTAssertEqual(escapedPolicy.statements.first?.resources?.values, ["execute-api:/*"])
        XCTAssertEqual(read["arn:aws:execute-api:us-east-1:\(account):a1b2c3d4e5"], read["arn:aws:execute-api:us-east-1:\(account):f6g7h8i9j0"])
        XCTAssertNil(snapshot.resources.first { $0.arn.hasSuffix("k1l2m3n4o5") }?.policy)
    }

    // A RestApi policy that is neither JSON nor JSON escaped once is an error, never "no policy".
    func testARestAPIPolicyThatIsNotJSONIsAnError() throws {
        let snapshot = try self.snapshot(["apigateway/us-east-1/a1b2c3d4e5.get-rest-api.json": #"{"id": "a1b2c3d4e5", "policy": "{\\\"Version"}"#])
        XCTAssertEqual(snapshot.diagnostics.map(\.code), ["MALFORMED_JSON"], "\(snapshot.diagnostics)")
        XCTAssertEqual(snapshot.resources.map(\.policyHasErrors), [true])
    }

    // S3 Control GetMultiRegionAccessPointPolicy: the established policy and, while an update
    // propagates, the proposed one (MultiRegionAccessPointPolicyDocument): both are readings of
    // the access point named by its alias (`arn:aws:s3::ACCOUNT:accesspoint/ALIAS`). An output
    // with neither is MISSING_FIELD.
    func testMultiRegionAccessPointPoliciesAreReadEstablishedAndProposed() throws {
        let snapshot = try self.snapshot([
            "s3control/mfzwi23gnjvgw.mrap.get-multi-region-access-point-policy.json":
                #"{"Policy": {"Established": {"Policy": \#(policy("s3:GetObject"))}, "Proposed": {"Policy": \#(policy("s3:PutObject"))}}}"#,
            "s3control/mmqnqk7bwsvba.mrap.get-multi-region-access-point-policy.json": #"{"Policy": {"Proposed": {"Policy": \#(policy("s3:GetObject"))}}}"#,
            "s3control/mzvxyjm3ahzrc.mrap.get-multi-region-access-point-policy.json": #"{"Policy": {}}"#,
        ])
        XCTAssertEqual(snapshot.diagnostics.map(\.code), ["MISSING_FIELD"], "\(snapshot.diagnostics)")
        let read = Dictionary(uniqueKeysWithValues: snapshot.resources.map {
            ($0.arn, "\($0.type) \($0.policyHasErrors) \($0.readings.compactMap { $0.policy?.statements.first?.actions?.values.first }.sorted())")
        })
        XCTAssertEqual(read, [
            "arn:aws:s3::\(account):accesspoint/mfzwi23gnjvgw.mrap": #"AWS::S3::MultiRegionAccessPoint false ["s3:GetObject", "s3:PutObject"]"#,
            "arn:aws:s3::\(account):accesspoint/mmqnqk7bwsvba.mrap": #"AWS::S3::MultiRegionAccessPoint false ["s3:GetObject"]"#,
            "arn:aws:s3::\(account):accesspoint/mzvxyjm3ahzrc.mrap": "AWS::S3::MultiRegionAccessPoint true []",
        ])
    }

    // An s3control folder that cannot be listed (a file where it belongs) leaves the account's
    // multi-Region access point policies unknown: an unread scope, so earlier findings carry over.
    func testAnUnlistableS3ControlFolderLeavesMultiRegionAccessPointPoliciesUnknown() throws {
        let snapshot = try self.snapshot(["s3control": "not a folder"])
        XCTAssertEqual(snapshot.diagnostics.map(\.code), ["UNREADABLE_FOLDER"], "\(snapshot.diagnostics)")
        XCTAssertTrue(snapshot.unreadableScopes.contains {
            $0.mayHold(arn: "arn:aws:s3::\(account):accesspoint/mfzwi23gnjvgw.mrap", type: "AWS::S3::MultiRegionAccessPoint", account: account)
        }, "\(snapshot.unreadableScopes)")
    }
}
