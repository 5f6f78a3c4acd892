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
}
