import Environment
import XCTest

/// The one reader of S3 settings files, used by snapshots and by `check --bpa/--acl`. Shapes
/// from the AWS CLI reference (`aws s3api get-public-access-block`, `get-bucket-acl` examples)
/// and the S3 API Reference ("PublicAccessBlockConfiguration", "Grantee").
final class S3SettingsFileReaderTests: XCTestCase {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    func testCLIOutputAndBareConfigurationReadTheSame() {
        let flags = #"{"BlockPublicAcls": true, "IgnorePublicAcls": false, "BlockPublicPolicy": true, "RestrictPublicBuckets": false}"#
        let expected = PublicAccessBlockSettings(blockPublicAcls: true, ignorePublicAcls: false, blockPublicPolicy: true,
                                                 restrictPublicBuckets: false)
        let wrapped = S3SettingsFileReader.publicAccessBlock(bytes: bytes(#"{"PublicAccessBlockConfiguration": \#(flags)}"#), file: "a.json")
        XCTAssertTrue(wrapped.isComplete, "\(wrapped.diagnostics.map(\.text))")
        XCTAssertEqual(wrapped.value, expected)
        // As `put-public-access-block --public-access-block-configuration` takes it.
        let bare = S3SettingsFileReader.publicAccessBlock(bytes: bytes(flags), file: "b.json")
        XCTAssertTrue(bare.isComplete, "\(bare.diagnostics.map(\.text))")
        XCTAssertEqual(bare.value, expected)
    }

    func testAFlagOfTheWrongTypeMakesTheSettingsUnknownWithItsPath() {
        let reading = S3SettingsFileReader.publicAccessBlock(
            bytes: bytes(#"{"PublicAccessBlockConfiguration": {"BlockPublicAcls": "yes", "RestrictPublicBuckets": true}}"#), file: "bpa.json")
        XCTAssertNil(reading.value)
        XCTAssertFalse(reading.isComplete)
        let diagnostic = reading.diagnostics.first
        XCTAssertEqual(diagnostic?.code, SnapshotDiagnosticCode.wrongType)
        XCTAssertEqual(diagnostic?.file, "bpa.json")
        XCTAssertEqual(diagnostic?.jsonPath, "$.PublicAccessBlockConfiguration.BlockPublicAcls")
        XCTAssertEqual(diagnostic?.line, 1)
    }

    func testAnObjectWithoutTheConfigurationIsAMissingField() {
        let reading = S3SettingsFileReader.publicAccessBlock(bytes: bytes(#"{"Something": {}}"#), file: "x.json")
        XCTAssertNil(reading.value)
        XCTAssertEqual(reading.diagnostics.map(\.code), [SnapshotDiagnosticCode.missingField])
    }

    func testMalformedJSONNamesItsLineAndColumn() {
        let reading = S3SettingsFileReader.acl(bytes: bytes("{\n  \"Grants\": [,]\n}"), file: "acl.json")
        XCTAssertNil(reading.value)
        XCTAssertEqual(reading.diagnostics.first?.code, SnapshotDiagnosticCode.malformedJSON)
        XCTAssertEqual(reading.diagnostics.first?.line, 2)
    }

    func testTheCLIReferenceACLExampleReadsEveryGrant() {
        // The shape of `aws s3api get-bucket-acl`'s example output, with a public-read grant added.
        let text = #"""
            {"Owner": {"DisplayName": "my-username", "ID": "7009a8971cd538e11f6b6606438875e7c86c5b672f46db45460ddcd087d36c32"},
             "Grants": [
               {"Grantee": {"DisplayName": "my-username", "ID": "7009a8971cd538e11f6b6606438875e7c86c5b672f46db45460ddcd087d36c32", "Type": "CanonicalUser"},
                "Permission": "FULL_CONTROL"},
               {"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"}, "Permission": "READ"}]}
            """#
        let reading = S3SettingsFileReader.acl(bytes: bytes(text), file: "acl.json")
        XCTAssertTrue(reading.isComplete, "\(reading.diagnostics.map(\.text))")
        XCTAssertEqual(reading.value?.ownerID, "7009a8971cd538e11f6b6606438875e7c86c5b672f46db45460ddcd087d36c32")
        XCTAssertEqual(reading.value?.grants, [
            BucketACL.Grant(granteeType: "CanonicalUser", id: "7009a8971cd538e11f6b6606438875e7c86c5b672f46db45460ddcd087d36c32",
                            permission: "FULL_CONTROL"),
            BucketACL.Grant(granteeType: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers", permission: "READ"),
        ])
    }

    /// A grant that cannot be read is not guessed at: the ACL is incomplete (its grants beyond
    /// those read are unknown), with the grant's path.
    func testGrantsWithoutTheirGranteeFieldsOrOfUnknownTypesLeaveTheACLIncomplete() {
        let cases: [(String, String)] = [
            (#"{"Grantee": {"Type": "Group"}, "Permission": "READ"}"#, "$.Grants[0].Grantee"),
            (#"{"Grantee": {"Type": "CanonicalUser"}, "Permission": "READ"}"#, "$.Grants[0].Grantee"),
            (#"{"Grantee": {"Type": "Robot", "ID": "x"}, "Permission": "READ"}"#, "$.Grants[0].Grantee.Type"),
            (#"{"Permission": "READ"}"#, "$.Grants[0]"),
        ]
        for (grant, path) in cases {
            let reading = S3SettingsFileReader.acl(bytes: bytes(#"{"Owner": {"ID": "o"}, "Grants": [\#(grant)]}"#), file: "acl.json")
            XCTAssertFalse(reading.isComplete, grant)
            XCTAssertEqual(reading.value?.grants, [], grant)
            XCTAssertTrue(reading.diagnostics.contains { $0.severity == .error && $0.jsonPath == path },
                          "\(grant): \(reading.diagnostics.map(\.text))")
        }
    }
}
