import Foundation
import XCTest

/// Issue 22 item 3: a key's grants that cannot be fully read are unknown, never "no grants".
/// Startup model: the backups key `0f1e2d3c-…` has the default key policy and one grant to the
/// contractor's role (`kms:Decrypt` under an encryption-context constraint, `kms:DescribeKey`);
/// the key `1234abcd-…` has one grant to our own role, so nothing grants outsiders access to it.
final class KMSGrantFaultTests: XCTestCase {
    private let backups = "arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b"
    private let backupsGrants = "accounts/111122223333/kms/us-east-1/0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b.list-grants.json"
    private let ours = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    private let oursGrants = "accounts/111122223333/kms/us-east-1/1234abcd-12ab-34cd-56ef-1234567890ab.list-grants.json"

    private func scan(_ file: String, _ corrupt: @escaping (URL) throws -> Void) throws -> FaultScan {
        try FaultScan.run("startup", zone: "account") { try corrupt($0.appendingPathComponent(file)) }
    }

    func testTruncatedGrantsKeepTheirFindingsAndAreNeverSafe() throws {
        let scan = try scan(backupsGrants) { try Corrupt.truncate($0) }
        scan.assertNeverSafe(backups)
        XCTAssertEqual(scan.resource(backups)?["status"] as? String, "UNPROVEN", "no grant could be read, and the key policy grants nothing outside")
        XCTAssertEqual(scan.resource(backups)?["complete"] as? Bool, false)
        scan.assertDiagnostic(file: backupsGrants, code: "MALFORMED_JSON")
    }

    /// A key proven safe with its grants read becomes UNPROVEN (not NO_EXTERNAL_ACCESS) when a
    /// grant cannot be read: the unread grant may name an outsider.
    func testAnUnreadableGranteeMakesAProvenKeyUnproven() throws {
        let scan = try scan(oursGrants) {
            try Corrupt.replace("\"GranteePrincipal\": \"arn:aws:iam::111122223333:role/thumbnailer-exec\"", with: "\"GranteePrincipal\": [1]", in: $0)
        }
        XCTAssertEqual(scan.resource(ours, in: scan.before)?["status"] as? String, "NO_EXTERNAL_ACCESS")
        XCTAssertEqual(scan.resource(ours)?["status"] as? String, "UNPROVEN")
        scan.assertDiagnostic(file: oursGrants, jsonPath: "$.Grants[0].GranteePrincipal", code: "WRONG_TYPE")
    }

    func testAMissingGrantsListIsUnknown() throws {
        let scan = try scan(backupsGrants) { try Corrupt.replace("\"Grants\"", with: "\"Grant\"", in: $0) }
        scan.assertNeverSafe(backups)
        scan.assertDiagnostic(file: backupsGrants, jsonPath: "$", code: "MISSING_FIELD")
    }
}
