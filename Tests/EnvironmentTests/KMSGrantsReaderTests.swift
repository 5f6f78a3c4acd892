import Environment
import Foundation
import RampartTestSupport
import XCTest

/// `aws kms list-grants --key-id K` outputs in a snapshot (`kms/REGION/K.list-grants.json`): the
/// grants join the key of the same ARN, and a listing that cannot be fully read is unknown —
/// a diagnostic with the file and JSON path, and the key's answer never "no access".
final class KMSGrantsReaderTests: XCTestCase {
    private let account = "111122223333"
    private let key = "1234abcd-12ab-34cd-56ef-1234567890ab"
    private var arn: String { "arn:aws:kms:us-west-2:\(account):key/\(key)" }
    private var grantsFile: String { "accounts/\(account)/kms/us-west-2/\(key).list-grants.json" }

    /// AWS KMS Developer Guide, "Examining grants"
    /// (https://docs.aws.amazon.com/kms/latest/developerguide/determining-access-grants.html): the
    /// page's `list-grants` output, an EBS grant with an encryption-context constraint.
    static let documentedListing = #"""
        {"Grants": [{"Operations": ["Decrypt"], "KeyId": "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
          "Name": "0d8aa621-43ef-4657-b29c-3752c41dc132", "RetiringPrincipal": "arn:aws:iam::123456789012:root",
          "GranteePrincipal": "arn:aws:sts::111122223333:assumed-role/aws:ec2-infrastructure/i-5d476fab",
          "GrantId": "dc716f53c93acacf291b1540de3e5a232b76256c83b2ecb22cdefa26576a2d3e",
          "IssuingAccount": "arn:aws:iam::111122223333:root", "CreationDate": 1.444151834E9,
          "Constraints": {"EncryptionContextSubset": {"aws:ebs:id": "vol-5cccfb4e"}}}]}
        """#

    static let keyPolicy = #"{"Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}", "PolicyName": "default"}"#

    private func snapshot(grants: String?, keyPolicy: Bool = true) throws -> Snapshot {
        let folder = try ProgramRunner.temporaryDirectory()
        let iam = folder.appendingPathComponent("accounts/\(account)/iam")
        try FileManager.default.createDirectory(at: iam, withIntermediateDirectories: true)
        try Data(#"{"RoleDetailList": []}"#.utf8).write(to: iam.appendingPathComponent("get-account-authorization-details.json"))
        let kms = folder.appendingPathComponent("accounts/\(account)/kms/us-west-2")
        try FileManager.default.createDirectory(at: kms, withIntermediateDirectories: true)
        if keyPolicy { try Data(Self.keyPolicy.utf8).write(to: kms.appendingPathComponent("\(key).get-key-policy.json")) }
        if let grants { try Data(grants.utf8).write(to: kms.appendingPathComponent("\(key).list-grants.json")) }
        return try SnapshotLoader.load(folder: folder.path)
    }

    func testTheDocumentedListingJoinsItsKey() throws {
        let snapshot = try self.snapshot(grants: Self.documentedListing)
        XCTAssertEqual(snapshot.diagnostics, [])
        XCTAssertEqual(snapshot.resources.count, 1, "the key policy and the grants describe one key")
        let resource = try XCTUnwrap(snapshot.resources.first)
        XCTAssertEqual(resource.arn, arn)
        XCTAssertNotNil(resource.policy)
        XCTAssertEqual(resource.unknownParts, [])
        XCTAssertEqual(resource.grants, [KMSGrant(
            grantID: "dc716f53c93acacf291b1540de3e5a232b76256c83b2ecb22cdefa26576a2d3e",
            granteePrincipals: ["arn:aws:sts::111122223333:assumed-role/aws:ec2-infrastructure/i-5d476fab"],
            retiringPrincipals: ["arn:aws:iam::123456789012:root"], operations: ["Decrypt"],
            encryptionContextSubset: ["aws:ebs:id": "vol-5cccfb4e"], issuingAccount: "arn:aws:iam::111122223333:root")])
        XCTAssertTrue(resource.files.contains(grantsFile))
    }

    func testAKeyWithoutGrantsHasAnEmptyListing() throws {
        let snapshot = try self.snapshot(grants: #"{"Grants": [], "Truncated": false}"#)
        XCTAssertEqual(snapshot.diagnostics, [])
        XCTAssertEqual(snapshot.resources.first?.grants, [])
        XCTAssertEqual(snapshot.resources.first?.unknownParts, [])
    }

    /// A grant whose grantee cannot be read: the diagnostic names the file and the JSON path, the
    /// grants read are kept, and the key's grants are unknown (never "no grants").
    func testAMalformedGrantIsADiagnosticWithItsPathAndLeavesTheGrantsUnknown() throws {
        let snapshot = try self.snapshot(grants: #"""
            {"Grants": [{"GrantId": "g1", "GranteePrincipal": "arn:aws:iam::444455556666:root", "Operations": ["Encrypt"]},
                        {"GrantId": "g2", "GranteePrincipal": 42, "Operations": ["Decrypt"]}]}
            """#)
        let diagnostic = try XCTUnwrap(snapshot.diagnostics.first)
        XCTAssertEqual(snapshot.diagnostics.count, 1, "\(snapshot.diagnostics)")
        XCTAssertEqual(diagnostic.code, "WRONG_TYPE")
        XCTAssertEqual(diagnostic.severity, .error)
        XCTAssertEqual(diagnostic.file, grantsFile)
        XCTAssertEqual(diagnostic.jsonPath, "$.Grants[1].GranteePrincipal")
        XCTAssertEqual(diagnostic.line, 2)
        XCTAssertEqual(diagnostic.resource, arn)
        let resource = try XCTUnwrap(snapshot.resources.first)
        XCTAssertEqual(resource.grants.map(\.grantID), ["g1"])
        XCTAssertEqual(resource.unknownParts.count, 1)
        XCTAssertTrue(resource.unknownParts.first?.contains(grantsFile) == true)
    }

    func testEveryUnreadableListingIsUnknown() throws {
        let cases: [(String, String, String)] = [
            ("{\"Grants\": [", "MALFORMED_JSON", "$"),
            (#"{"Truncated": false}"#, "MISSING_FIELD", "$"),
            (#"{"Grants": {"GrantId": "g1"}}"#, "WRONG_TYPE", "$.Grants"),
            (#"{"Grants": [{"GrantId": "g1", "GranteePrincipal": "arn:aws:iam::444455556666:root"}]}"#, "MISSING_FIELD", "$.Grants[0]"),
            (#"{"Grants": [{"GranteePrincipal": "arn:aws:iam::444455556666:root", "Operations": ["Decrypt", 7]}]}"#, "WRONG_TYPE",
             "$.Grants[0].Operations[1]"),
            (#"{"Grants": [{"GranteePrincipal": "arn:aws:iam::444455556666:root", "Operations": ["Decrypt"], "Constraints": {"EncryptionContextSubset": {"k": 1}}}]}"#,
             "WRONG_TYPE", "$.Grants[0].Constraints.EncryptionContextSubset.k"),
            (#"{"Grants": [], "Truncated": true, "NextMarker": "m"}"#, "TRUNCATED_LISTING", "$.Truncated"),
        ]
        for (text, code, path) in cases {
            let snapshot = try self.snapshot(grants: text)
            let errors = snapshot.diagnostics.filter { $0.severity == .error }
            XCTAssertEqual(errors.map(\.code), [code], text)
            XCTAssertEqual(errors.first?.jsonPath, path, text)
            XCTAssertEqual(errors.first?.file, grantsFile, text)
            XCTAssertEqual(snapshot.resources.first?.unknownParts.count, 1, text)
        }
    }

    /// A constraint Rampart does not model could only narrow a grant: it is a warning, and the
    /// grant is judged without it.
    func testAnUnmodelledConstraintIsAWarning() throws {
        let snapshot = try self.snapshot(grants: #"""
            {"Grants": [{"GranteePrincipal": "arn:aws:iam::444455556666:root", "Operations": ["Decrypt"],
                         "Constraints": {"SourceArn": "arn:aws:s3:::b"}}]}
            """#)
        XCTAssertEqual(snapshot.diagnostics.map(\.code), ["UNKNOWN_CONSTRAINT"])
        XCTAssertEqual(snapshot.diagnostics.first?.severity, .warning)
        XCTAssertEqual(snapshot.resources.first?.unknownParts, [])
        XCTAssertEqual(snapshot.resources.first?.grants.count, 1)
    }

    /// Every KMS key has a key policy (AWS KMS Developer Guide, "Key policies"): a key known only
    /// from its grants has an unknown policy, not none.
    func testGrantsWithoutTheKeyPolicyLeaveThePolicyUnknown() throws {
        let snapshot = try self.snapshot(grants: Self.documentedListing, keyPolicy: false)
        let resource = try XCTUnwrap(snapshot.resources.first)
        XCTAssertNil(resource.policy)
        XCTAssertEqual(resource.unknownParts.count, 1)
        XCTAssertTrue(resource.unknownParts.first?.contains("key policy") == true)
    }
}
