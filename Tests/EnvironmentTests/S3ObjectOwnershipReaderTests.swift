import Environment
import Foundation
import RampartTestSupport
import XCTest

/// `aws s3api get-bucket-ownership-controls --bucket B` in a snapshot: `BucketOwnerEnforced`
/// disables ACLs (S3 User Guide, "Controlling ownership of objects and disabling ACLs for your
/// bucket", https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html);
/// any other setting, no file, or a file that cannot be read keeps the ACL in force.
final class S3ObjectOwnershipReaderTests: XCTestCase {
    private let account = "111122223333"

    private func bucket(_ files: [String: String]) throws -> (SnapshotResource?, [SnapshotDiagnostic]) {
        let folder = try ProgramRunner.temporaryDirectory()
        let iam = folder.appendingPathComponent("accounts/\(account)/iam")
        try FileManager.default.createDirectory(at: iam, withIntermediateDirectories: true)
        try Data(#"{"RoleDetailList": []}"#.utf8).write(to: iam.appendingPathComponent("get-account-authorization-details.json"))
        let s3 = folder.appendingPathComponent("accounts/\(account)/s3")
        try FileManager.default.createDirectory(at: s3, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: s3.appendingPathComponent(name)) }
        let snapshot = try SnapshotLoader.load(folder: folder.path)
        return (snapshot.resources.first { $0.arn == "arn:aws:s3:::b" }, snapshot.diagnostics)
    }

    private func ownership(_ setting: String) -> String {
        #"{"OwnershipControls": {"Rules": [{"ObjectOwnership": "\#(setting)"}]}}"#
    }

    func testBucketOwnerEnforcedDisablesACLsAndTheOtherSettingsDoNot() throws {
        for (setting, disables) in [("BucketOwnerEnforced", true), ("BucketOwnerPreferred", false), ("ObjectWriter", false)] {
            let (bucket, diagnostics) = try self.bucket(["b.get-bucket-ownership-controls.json": ownership(setting)])
            XCTAssertEqual(diagnostics, [], setting)
            XCTAssertEqual(bucket?.objectOwnership?.disablesACLs, disables, setting)
        }
    }

    func testAnUnreadableSettingKeepsTheACLInForce() throws {
        let (bucket, diagnostics) = try self.bucket(["b.get-bucket-ownership-controls.json": #"{"OwnershipControls": {"Rules": [{"ObjectOwnership": 1}]}}"#])
        XCTAssertEqual(diagnostics.map(\.code), ["WRONG_TYPE"])
        XCTAssertEqual(diagnostics.first?.jsonPath, "$.OwnershipControls.Rules[0].ObjectOwnership")
        XCTAssertEqual(bucket?.objectOwnership?.disablesACLs, false)
        let (missing, missingDiagnostics) = try self.bucket(["b.get-bucket-ownership-controls.json": "{}"])
        XCTAssertEqual(missingDiagnostics.map(\.code), ["MISSING_FIELD"])
        XCTAssertEqual(missing?.objectOwnership?.disablesACLs, false)
    }

    /// Two files for one bucket that disagree: ACLs are disabled only when every reading says so.
    func testReadingsThatDisagreeKeepTheACLInForce() throws {
        let (bucket, _) = try self.bucket(["b.get-bucket-ownership-controls.json": ownership("BucketOwnerEnforced"),
                                           "%62.get-bucket-ownership-controls.json": ownership("ObjectWriter")])
        XCTAssertEqual(bucket?.objectOwnership?.disablesACLs, false)
    }

    /// An ACL that cannot be read is unknown — unless Object Ownership disables ACLs, when what it
    /// says grants nothing either way.
    func testAnUnreadableACLIsUnknownOnlyWhileACLsAreInForce() throws {
        let truncatedACL = #"{"Owner": {"ID": "o"}, "Grants": [{"Grantee": {"Type": "Group", "URI": "#
        let (enforced, _) = try self.bucket(["b.get-bucket-acl.json": truncatedACL,
                                             "b.get-bucket-ownership-controls.json": ownership("BucketOwnerEnforced")])
        XCTAssertEqual(enforced?.unknownParts, [])
        let (writer, _) = try self.bucket(["b.get-bucket-acl.json": truncatedACL, "b.get-bucket-ownership-controls.json": ownership("ObjectWriter")])
        XCTAssertEqual(writer?.unknownParts.count, 1)
        let (none, _) = try self.bucket(["b.get-bucket-acl.json": truncatedACL])
        XCTAssertEqual(none?.unknownParts.count, 1)
    }
}
