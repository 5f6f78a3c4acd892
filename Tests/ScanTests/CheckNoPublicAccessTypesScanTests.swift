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

    // The snapshot files read since issue 22's last part: the access each grants, worked out by
    // hand with the zone the account 999999999999.
    // - An event data store whose own policy names only its account, and whose delegated
    //   administrator's policy (CloudTrail API Reference, GetResourcePolicy) names 555555555555:
    //   one finding, for 555555555555 — the second document is read, not hidden by the first.
    // - A dashboard whose policy names only its account: no finding.
    // - A REST API whose policy AWS printed escaped once more grants 444455556666 `execute-api:Invoke`
    //   on `execute-api:/*`, the API's own ARN once expanded (API Gateway Developer Guide, "API
    //   Gateway resource policy examples"): one finding. Another, plain, names its own account only.
    // - A multi-Region access point whose established policy names its own account and whose
    //   proposed policy (S3 Control API Reference, MultiRegionAccessPointPolicyDocument) names
    //   123456789012: one finding, for 123456789012.
    func testCloudTrailRestAPIAndMultiRegionAccessPointFromSnapshotFiles() throws {
        let work = try ScanRunner.temporaryDirectory()
        let account = "999999999999"
        let base = work.appendingPathComponent("model/accounts/\(account)")
        func write(_ path: String, _ text: String) throws {
            let url = base.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        func printed(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        func grant(_ principal: String, _ action: String, _ resource: String) -> String {
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::\#(principal):root"},"Action":"\#(action)","Resource":"\#(resource)"}]}"#
        }
        try write("iam/get-account-authorization-details.json", #"{"RoleDetailList": []}"#)
        let store = "arn:aws:cloudtrail:us-east-1:\(account):eventdatastore/EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE"
        try write("cloudtrail/us-east-1/eventdatastore%2FEXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE.get-resource-policy.json",
                  #"{"ResourceArn": "\#(store)", "ResourcePolicy": \#(printed(grant(account, "cloudtrail:StartQuery", store))), "DelegatedAdminResourcePolicy": \#(printed(grant("555555555555", "cloudtrail:*", store)))}"#)
        let dashboard = "arn:aws:cloudtrail:us-east-1:\(account):dashboard/exampleDash"
        try write("cloudtrail/us-east-1/dashboard%2FexampleDash.get-resource-policy.json",
                  #"{"ResourceArn": "\#(dashboard)", "ResourcePolicy": \#(printed(grant(account, "cloudtrail:StartDashboardRefresh", dashboard)))}"#)
        // As AWS answers: the document is the body of a JSON string (quotes and slashes escaped).
        let escaped = grant("444455556666", "execute-api:Invoke", "execute-api:/*")
            .replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "/", with: "\\/")
        try write("apigateway/us-east-1/a1b2c3d4e5.get-rest-api.json", #"{"id": "a1b2c3d4e5", "name": "pets", "policy": \#(printed(escaped))}"#)
        try write("apigateway/us-east-1/f6g7h8i9j0.get-rest-api.json",
                  #"{"id": "f6g7h8i9j0", "name": "internal", "policy": \#(printed(grant(account, "execute-api:Invoke", "execute-api:/*")))}"#)
        let mrap = "arn:aws:s3::\(account):accesspoint/mfzwi23gnjvgw.mrap"
        try write("s3control/mfzwi23gnjvgw.mrap.get-multi-region-access-point-policy.json",
                  #"{"Policy": {"Established": {"Policy": \#(printed(grant(account, "s3:GetObject", mrap + "/object/*")))}, "Proposed": {"Policy": \#(printed(grant("123456789012", "s3:GetObject", mrap + "/object/*")))}}}"#)

        let out = work.appendingPathComponent("scan")
        let scan = try ScanRunner.rampart(ScanRunner.scanArguments(model: work.appendingPathComponent("model").path, zone: "account", out: out))
        XCTAssertEqual(scan.status, 0, scan.stderr)
        let report = try ScanRunner.json(out.appendingPathComponent("findings.json"))
        let findings = Set((report["findings"] as? [[String: Any]] ?? []).map { "\($0["resource"] as? String ?? "") \($0["principal"] as? String ?? "")" })
        XCTAssertEqual(findings, [
            "\(store) 555555555555",
            "arn:aws:execute-api:us-east-1:\(account):a1b2c3d4e5 444455556666",
            "\(mrap) 123456789012",
        ])
        let statuses = Dictionary(uniqueKeysWithValues: (report["resources"] as? [[String: Any]] ?? []).map {
            ($0["arn"] as? String ?? "", $0["status"] as? String ?? "")
        })
        XCTAssertEqual(statuses, [
            store: "EXTERNAL_ACCESS",
            dashboard: "NO_EXTERNAL_ACCESS",
            "arn:aws:execute-api:us-east-1:\(account):a1b2c3d4e5": "EXTERNAL_ACCESS",
            "arn:aws:execute-api:us-east-1:\(account):f6g7h8i9j0": "NO_EXTERNAL_ACCESS",
            mrap: "EXTERNAL_ACCESS",
        ])
    }
}
