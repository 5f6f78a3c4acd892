import Foundation
import XCTest

/// Issue 24, item 2: a bucket ACL that cannot be fully read is unknown, never "no grants".
/// Edge-cases model: `edge-acl-grants` has no bucket policy and an ACL granting READ to the
/// AllUsers group (public: S3 User Guide, "Access control list (ACL) overview", "Amazon S3
/// predefined groups") and WRITE to another account's canonical user.
final class ACLFaultTests: XCTestCase {
    private let bucket = "arn:aws:s3:::edge-acl-grants"
    private let aclFile = "accounts/222233334444/s3/edge-acl-grants.get-bucket-acl.json"

    private func scan(_ corrupt: @escaping (URL) throws -> Void) throws -> FaultScan {
        let file = aclFile
        return try FaultScan.run("edge-cases", zone: "account") { try corrupt($0.appendingPathComponent(file)) }
    }

    private func assertUnknownACL(_ scan: FaultScan, jsonPath: String?, code: String, file: StaticString = #filePath, line: UInt = #line) {
        scan.assertNeverSafe(bucket, file: file, line: line)
        XCTAssertEqual(scan.resource(bucket)?["complete"] as? Bool, false, file: file, line: line)
        scan.assertDiagnostic(file: aclFile, jsonPath: jsonPath, code: code, file: file, line: line)
    }

    func testTruncatedACLIsUnknown() throws {
        let scan = try scan { try Corrupt.truncate($0) }
        assertUnknownACL(scan, jsonPath: nil, code: "MALFORMED_JSON")
        XCTAssertEqual(scan.resource(bucket)?["status"] as? String, "UNPROVEN", "no grant could be read, and no policy grants anything")
    }

    func testMissingGrantsIsUnknown() throws {
        let scan = try scan { try Corrupt.replace("\"Grants\"", with: "\"Grant\"", in: $0) }
        assertUnknownACL(scan, jsonPath: "$", code: "MISSING_FIELD")
    }

    func testGrantsOfTheWrongTypeIsUnknown() throws {
        let scan = try scan {
            try Corrupt.write(#"{"Owner": {"ID": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}, "Grants": {"Permission": "READ"}}"#, to: $0)
        }
        assertUnknownACL(scan, jsonPath: "$.Grants", code: "WRONG_TYPE")
    }

    func testUnreadablePermissionKeepsThePublicFindingActive() throws {
        let scan = try scan { try Corrupt.replace("\"Permission\": \"READ\"", with: "\"Permission\": 7", in: $0) }
        assertUnknownACL(scan, jsonPath: "$.Grants[1].Permission", code: "WRONG_TYPE")
        XCTAssertEqual(scan.resource(bucket)?["status"] as? String, "EXTERNAL_ACCESS", "the partner's WRITE grant was read")
    }

    func testUnreadableGranteeIsUnknown() throws {
        let scan = try scan { try Corrupt.replace("\"Type\": \"Group\"", with: "\"Type\": [\"Group\"]", in: $0) }
        assertUnknownACL(scan, jsonPath: "$.Grants[1].Grantee.Type", code: "WRONG_TYPE")
    }

    func testDuplicateGrantsKeyIsJudgedOnBothReadings() throws {
        // {"Grants": [public read], "Grants": []}: read either way, the public grant counts.
        let scan = try scan {
            try Corrupt.write(#"""
                {"Owner": {"ID": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},
                 "Grants": [{"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"}, "Permission": "READ"}],
                 "Grants": []}
                """#, to: $0)
        }
        XCTAssertEqual(scan.resource(bucket)?["status"] as? String, "EXTERNAL_ACCESS")
        let publicFindings = scan.findings(on: bucket, in: scan.after).filter { $0["isPublic"] as? Bool == true && $0["status"] as? String == "ACTIVE" }
        XCTAssertEqual(publicFindings.count, 1)
        scan.assertDiagnostic(file: aclFile, jsonPath: "$.Grants", code: "DUPLICATE_KEY")
    }
}
