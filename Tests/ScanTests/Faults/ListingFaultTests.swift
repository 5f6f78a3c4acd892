import Foundation
import XCTest

/// Issue 24, items 3 and 7: folders that cannot be listed, IAM details that cannot be read,
/// real-sized IAM details, and special files (FIFOs, links leading outside the snapshot).
/// Startup model: the bucket `acme-startup-assets` is public, the roles `contractor-readonly`
/// and `github-deploy` are trusted from outside (Models/startup/EXPECTED.md).
final class ListingFaultTests: XCTestCase {
    private let account = "accounts/111122223333"
    private let bucket = "arn:aws:s3:::acme-startup-assets"
    private let roles = ["arn:aws:iam::111122223333:role/contractor-readonly", "arn:aws:iam::111122223333:role/github-deploy"]
    private let details = "accounts/111122223333/iam/get-account-authorization-details.json"

    private func scan(_ corrupt: (URL) throws -> Void) throws -> FaultScan {
        try FaultScan.run("startup", zone: "account", corrupt: corrupt)
    }

    func testServiceFolderThatCannotBeListedCarriesItsFindingsOver() throws {
        // A file where the s3 folder should be: listing it fails (ENOTDIR).
        let scan = try scan { model in
            let s3 = model.appendingPathComponent(account + "/s3")
            try Corrupt.remove(s3)
            try Corrupt.write("not a folder", to: s3)
        }
        scan.assertNeverSafe(bucket)
        XCTAssertEqual(scan.resource(bucket)?["status"] as? String, "ERROR")
        scan.assertDiagnostic(file: account + "/s3", code: "UNREADABLE_FOLDER")
    }

    func testAccountFolderLinkedOutsideTheSnapshotIsNotFollowed() throws {
        let scan = try scan { model in
            let folder = model.appendingPathComponent(account)
            let outside = model.deletingLastPathComponent().appendingPathComponent("elsewhere")
            try FileManager.default.moveItem(at: folder, to: outside)
            try FileManager.default.createSymbolicLink(at: folder, withDestinationURL: outside)
        }
        for arn in [bucket] + roles { scan.assertNeverSafe(arn) }
        let diagnostic = scan.assertDiagnostic(file: account, code: "UNREADABLE_FOLDER")
        XCTAssertTrue((diagnostic?["message"] as? String ?? "").contains("outside the snapshot"))
    }

    func testTruncatedIAMDetailsCarryTheRolesOver() throws {
        let scan = try scan { try Corrupt.truncate($0.appendingPathComponent(details)) }
        for arn in roles {
            scan.assertNeverSafe(arn)
            XCTAssertEqual(scan.resource(arn)?["status"] as? String, "ERROR")
        }
        scan.assertDiagnostic(file: details, code: "MALFORMED_JSON")
    }

    func testRoleListOfTheWrongShapeCarriesTheRolesOver() throws {
        let scan = try scan { model in
            let url = model.appendingPathComponent(details)
            var object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            object["RoleDetailList"] = ["RoleName": "github-deploy"]
            try JSONSerialization.data(withJSONObject: object).write(to: url)
        }
        for arn in roles { scan.assertNeverSafe(arn) }
        scan.assertDiagnostic(file: details, jsonPath: "$.RoleDetailList", code: "WRONG_TYPE")
    }

    func testMissingIAMDetailsCarryTheRolesOver() throws {
        let scan = try scan { try Corrupt.remove($0.appendingPathComponent(details)) }
        for arn in roles { scan.assertNeverSafe(arn) }
    }

    /// An ordinary account's `get-account-authorization-details` holds every attached managed
    /// policy with all its versions (AWS's ReadOnlyAccess is about 86 KB per version): 40
    /// versions of an 86 KB document, about 3.5 MB, are read like the real thing.
    func testRealSizedIAMDetailsAreRead() throws {
        let scan = try scan { model in
            let url = model.appendingPathComponent(details)
            var object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            let actions = (0..<3_000).map { "service\($0 % 300):Describe\($0)Resources" }
            let document: [String: Any] = ["Version": "2012-10-17",
                                           "Statement": [["Sid": "ReadOnly", "Effect": "Allow", "Action": actions, "Resource": "*"]]]
            let versions = (0..<40).map { ["Document": document, "VersionId": "v\($0 + 1)", "IsDefaultVersion": $0 == 39] as [String: Any] }
            var policies = object["Policies"] as? [[String: Any]] ?? []
            policies.append(["PolicyName": "ReadOnlyAccess", "Arn": "arn:aws:iam::aws:policy/ReadOnlyAccess", "PolicyVersionList": versions])
            object["Policies"] = policies
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted])
            XCTAssertGreaterThan(data.count, 3 << 20)
            try data.write(to: url)
        }
        for arn in roles { XCTAssertEqual(scan.resource(arn)?["status"] as? String, "EXTERNAL_ACCESS", "\(arn)") }
        XCTAssertTrue(scan.diagnostics.allSatisfy { $0["file"] as? String != details }, "\(scan.diagnostics)")
    }

    func testFIFOIsNotReadAndDoesNotBlockTheScan() throws {
        let root = try ScanRunner.temporaryDirectory()
        let model = root.appendingPathComponent("startup")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: ScanRunner.model("startup")), to: model)
        let policy = model.appendingPathComponent(account + "/s3/acme-startup-assets.get-bucket-policy.json")
        try Corrupt.remove(policy)
        XCTAssertEqual(mkfifo(policy.path, 0o644), 0)
        let out = root.appendingPathComponent("out")
        let process = Process()
        process.executableURL = ScanRunner.productsDirectory.appendingPathComponent("rampart")
        process.arguments = ScanRunner.scanArguments(model: model.path, zone: "account", out: out)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning {
            process.terminate()
            XCTFail("the scan blocked on a FIFO")
            return
        }
        let report = try ScanRunner.json(out.appendingPathComponent("findings.json"))
        let outcome = (report["resources"] as? [[String: Any]] ?? []).first { $0["arn"] as? String == bucket }
        XCTAssertEqual(outcome?["status"] as? String, "ERROR")
        let diagnostic = (report["diagnostics"] as? [[String: Any]] ?? []).first {
            $0["file"] as? String == account + "/s3/acme-startup-assets.get-bucket-policy.json"
        }
        XCTAssertEqual(diagnostic?["code"] as? String, "UNREADABLE_FILE")
        XCTAssertTrue((diagnostic?["message"] as? String ?? "").contains("not a regular file"))
    }

    func testFileLinkedOutsideTheSnapshotIsNotFollowed() throws {
        // The link's target holds a private policy: following it would call the bucket safe.
        let scan = try scan { model in
            let policy = model.appendingPathComponent(account + "/s3/acme-startup-assets.get-bucket-policy.json")
            let outside = model.deletingLastPathComponent().appendingPathComponent("private-policy.json")
            try Corrupt.write(#"{"Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::acme-startup-assets/*\"}]}"}"#, to: outside)
            try Corrupt.remove(policy)
            try FileManager.default.createSymbolicLink(at: policy, withDestinationURL: outside)
        }
        scan.assertNeverSafe(bucket)
        XCTAssertEqual(scan.resource(bucket)?["status"] as? String, "ERROR")
        let diagnostic = scan.assertDiagnostic(file: account + "/s3/acme-startup-assets.get-bucket-policy.json", code: "UNREADABLE_FILE")
        XCTAssertTrue((diagnostic?["message"] as? String ?? "").contains("outside the snapshot"))
    }
}
