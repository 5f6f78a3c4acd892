import Foundation
import XCTest

/// The access points a bucket's own question leaves out are only those the snapshot knows whole
/// (docs/ANALYSIS.md, "S3 access points"): when a list that says so cannot be read, requests
/// through the account's access points are the bucket's own question's again — never a proof.
/// Edge-cases model: `edge-ap-quiet` holds the S3 User Guide's delegation to the account's access
/// points and is NO_EXTERNAL_ACCESS intact (its one access point grants only the account's role);
/// `edge-ap-delegated` has findings through two access points.
final class AccessPointFaultTests: XCTestCase {
    private let quiet = "arn:aws:s3:::edge-ap-quiet"
    private let delegated = "arn:aws:s3:::edge-ap-delegated"
    private let multiRegionList = "accounts/222233334444/s3control/list-multi-region-access-points.json"
    private let accessPointList = "accounts/222233334444/s3/access-points/us-west-2/list-access-points.json"

    private func scan(_ file: String, _ corrupt: @escaping (URL) throws -> Void) throws -> FaultScan {
        try FaultScan.run("edge-cases", zone: "account") { try corrupt($0.appendingPathComponent(file)) }
    }

    private func assertQuietNotProven(_ scan: FaultScan, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(scan.resource(quiet, in: scan.before)?["status"] as? String, "NO_EXTERNAL_ACCESS", file: file, line: line)
        XCTAssertNotEqual(scan.resource(quiet)?["status"] as? String, "NO_EXTERNAL_ACCESS", "\(scan.resource(quiet) ?? [:])", file: file, line: line)
    }

    func testATruncatedMultiRegionListLeavesTheDelegationUnproven() throws {
        let scan = try scan(multiRegionList) { try Corrupt.truncate($0) }
        assertQuietNotProven(scan)
        scan.assertDiagnostic(file: multiRegionList, code: "MALFORMED_JSON")
    }

    func testAMissingMultiRegionListLeavesTheDelegationUnproven() throws {
        let scan = try scan(multiRegionList) { try Corrupt.remove($0) }
        assertQuietNotProven(scan)
    }

    func testATruncatedAccessPointListLeavesTheDelegationUnprovenAndKeepsTheRoutesFindings() throws {
        let scan = try scan(accessPointList) { try Corrupt.truncate($0) }
        assertQuietNotProven(scan)
        scan.assertNeverSafe(delegated)
        scan.assertDiagnostic(file: accessPointList, code: "MALFORMED_JSON")
    }
}
