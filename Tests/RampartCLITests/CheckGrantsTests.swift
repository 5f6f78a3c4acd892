import Foundation
import XCTest

/// `rampart check --grants FILE` (a KMS key's `aws kms list-grants` output) and
/// `--ownership-controls FILE` (a bucket's `aws s3api get-bucket-ownership-controls` output),
/// docs/CLI.md.
final class CheckGrantsTests: FolderTestCase {
    private let key = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    /// AWS KMS Developer Guide, "Default key policy": this account only.
    private let keyPolicy = #"{"Version": "2012-10-17", "Statement": [{"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}]}"#

    private func checkKey(grants: String) throws -> (CLIResult, [String: Any]) {
        let policy = try write("key-policy.json", keyPolicy)
        let listing = try write("grants.json", grants)
        let result = try CLI.run(["check", "--policy", policy, "--resource-arn", key, "--grants", listing,
                                  "--zone-account", "111122223333", "--format", "json", "--timeout-ms", "120000"])
        let object = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any] ?? [:]
        return (result, object)
    }

    /// A grant to another account's role ("Grants in AWS KMS": the grantee may be in another
    /// account): external access through the grant, though the key policy names only the account.
    func testAnOutsideGranteeIsAKMSGrantFinding() throws {
        let (result, object) = try checkKey(grants: #"{"Grants": [{"GrantId": "g1", "GranteePrincipal": "arn:aws:iam::444455556666:role/reader", "Operations": ["Decrypt"]}], "Truncated": false}"#)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(object["status"] as? String, "EXTERNAL_ACCESS")
        let finding = try XCTUnwrap((object["findings"] as? [[String: Any]])?.first)
        XCTAssertEqual(finding["principal"] as? String, "arn:aws:iam::444455556666:role/reader")
        XCTAssertEqual(finding["actions"] as? [String], ["kms:Decrypt"])
        XCTAssertEqual(finding["source"] as? String, "KMS_GRANT")
    }

    func testGrantsInsideTheZoneLeaveTheKeyProven() throws {
        let (result, object) = try checkKey(grants: #"{"Grants": [{"GrantId": "g1", "GranteePrincipal": "arn:aws:iam::111122223333:role/app", "Operations": ["Decrypt"]}]}"#)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(object["status"] as? String, "NO_EXTERNAL_ACCESS")
    }

    /// A listing that cannot be fully read is an input error (exit 2) naming the file and JSON
    /// path, never an answer on the grants that could be read.
    func testAListingNotFullyReadIsAnInputError() throws {
        let (result, _) = try checkKey(grants: #"{"Grants": [{"GrantId": "g1", "GranteePrincipal": 7, "Operations": ["Decrypt"]}]}"#)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("grants.json"), result.stderr)
        XCTAssertTrue(result.stderr.contains("$.Grants[0].GranteePrincipal"), result.stderr)
    }

    /// S3 User Guide, "Controlling ownership of objects and disabling ACLs for your bucket":
    /// BucketOwnerEnforced disables the ACL, so a public ACL grant is no finding.
    func testOwnershipControlsThatDisableACLs() throws {
        let policy = try write("policy.json", #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::demo/*"}]}"#)
        let acl = try write("acl.json", #"{"Owner": {"ID": "owner"}, "Grants": [{"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"}, "Permission": "READ"}]}"#)
        let arguments = ["check", "--policy", policy, "--resource-arn", "arn:aws:s3:::demo", "--acl", acl, "--zone-account", "111122223333",
                         "--format", "json", "--timeout-ms", "120000"]
        XCTAssertEqual(try CLI.run(arguments).status, 1, "the public ACL grant is a finding")
        let enforced = try write("ownership.json", #"{"OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}}"#)
        let result = try CLI.run(arguments + ["--ownership-controls", enforced])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    }
}
