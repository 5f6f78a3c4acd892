import Foundation
import XCTest

/// `rampart scan` over snapshot files of issue 22's types (docs/SNAPSHOT.md): an S3 Glacier vault
/// shared with two accounts (S3 Glacier Developer Guide, "Vault Access Policies", Example 1) and a
/// CodeArtifact domain whose policy names only its own account (CodeArtifact User Guide, "Domain
/// policies", with the owner's account): one external finding per outside account, none for the
/// domain.
final class CheckNoPublicAccessTypesScanTests: XCTestCase {
    func testVaultAndDomainFromSnapshotFiles() throws {
        let work = try ScanRunner.temporaryDirectory()
        let account = "999999999999"
        let base = work.appendingPathComponent("model/accounts/\(account)")
        func write(_ path: String, _ text: String) throws {
            let url = base.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        func embedded(_ document: String) -> String { "\"" + document.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        try write("iam/get-account-authorization-details.json", #"{"RoleDetailList": []}"#)
        let vault = #"{"Version":"2012-10-17","Statement":[{"Sid":"cross-account-upload","Principal":{"AWS":["arn:aws:iam::123456789012:root","arn:aws:iam::444455556666:root"]},"Effect":"Allow","Action":["glacier:UploadArchive","glacier:InitiateMultipartUpload","glacier:AbortMultipartUpload","glacier:CompleteMultipartUpload"],"Resource":["arn:aws:glacier:us-west-2:999999999999:vaults/examplevault"]}]}"#
        try write("glacier/us-west-2/examplevault.get-vault-access-policy.json", #"{"policy": {"Policy": \#(embedded(vault))}}"#)
        let domain = #"{"Version":"2012-10-17","Statement":[{"Action":["codeartifact:GetAuthorizationToken"],"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999999999999:root"},"Resource":"*"}]}"#
        try write("codeartifact/us-west-2/my-domain.get-domain-permissions-policy.json",
                  #"{"policy": {"resourceArn": "arn:aws:codeartifact:us-west-2:999999999999:domain/my-domain", "revision": "1", "document": \#(embedded(domain))}}"#)

        let out = work.appendingPathComponent("scan")
        let scan = try ScanRunner.rampart(ScanRunner.scanArguments(model: work.appendingPathComponent("model").path, zone: "account", out: out))
        XCTAssertEqual(scan.status, 0, scan.stderr)
        let report = try ScanRunner.json(out.appendingPathComponent("findings.json"))
        let findings = Set((report["findings"] as? [[String: Any]] ?? []).map { "\($0["resource"] as? String ?? "") \($0["principal"] as? String ?? "")" })
        XCTAssertEqual(findings, [
            "arn:aws:glacier:us-west-2:\(account):vaults/examplevault 123456789012",
            "arn:aws:glacier:us-west-2:\(account):vaults/examplevault 444455556666",
        ])
        let statuses = Dictionary(uniqueKeysWithValues: (report["resources"] as? [[String: Any]] ?? []).map {
            ($0["arn"] as? String ?? "", $0["status"] as? String ?? "")
        })
        XCTAssertEqual(statuses["arn:aws:codeartifact:us-west-2:\(account):domain/my-domain"], "NO_EXTERNAL_ACCESS")
        XCTAssertEqual(statuses["arn:aws:glacier:us-west-2:\(account):vaults/examplevault"], "EXTERNAL_ACCESS")
    }
}
