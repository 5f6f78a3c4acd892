import Analysis
import Environment
@testable import Findings
import Foundation
import Policy
import XCTest

/// Issue 15, item 6, in scans: the owner's organization (`aws:ResourceOrgID`) and its path
/// (`aws:ResourceOrgPaths`, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceorgpaths)
/// come from the snapshot's organization files, in account zones too; where the snapshot does
/// not know them they stay unknown.
final class OwnerOrganizationScanTests: XCTestCase {
    /// Root r-ab12; OU ou-ab12-11111111 holds 200000000001, OU ou-ab12-22222222 holds 200000000002;
    /// 200000000009 manages it.
    private func organization() -> Organization {
        Organization(id: "o-a1b2c3d4e5", managementAccountID: "200000000009", rootID: "r-ab12",
                     accounts: ["200000000001", "200000000002", "200000000009"].map { OrganizationAccount(id: $0) },
                     units: [OrganizationalUnit(id: "ou-ab12-11111111", parentID: "r-ab12"),
                             OrganizationalUnit(id: "ou-ab12-22222222", parentID: "r-ab12")],
                     parents: ["ou-ab12-11111111": "r-ab12", "ou-ab12-22222222": "r-ab12", "200000000001": "ou-ab12-11111111",
                               "200000000002": "ou-ab12-22222222", "200000000009": "r-ab12"])
    }

    func testThePathIsTheOrganizationRootAndUnitsDownToTheAccount() {
        let organization = organization()
        XCTAssertEqual(AnalyzedResourceBuilder.ownerOrganization(of: "200000000001", in: organization),
                       OwnerOrganization(id: "o-a1b2c3d4e5", paths: ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/"]))
        XCTAssertEqual(AnalyzedResourceBuilder.ownerOrganization(of: "200000000009", in: organization)?.paths, ["o-a1b2c3d4e5/r-ab12/"])
        // Not a member: it may belong to an organization the snapshot does not hold — unknown.
        XCTAssertNil(AnalyzedResourceBuilder.ownerOrganization(of: "444455556666", in: organization))
        XCTAssertNil(AnalyzedResourceBuilder.ownerOrganization(of: "200000000001", in: nil))
        // A tree that could not be read whole, or a missing step: the id is known, the path is not.
        var broken = organization
        broken.treeProblem = "parents/ou-ab12-11111111.list-accounts-for-parent.json could not be read"
        XCTAssertEqual(AnalyzedResourceBuilder.ownerOrganization(of: "200000000001", in: broken), OwnerOrganization(id: "o-a1b2c3d4e5", paths: nil))
        var gap = organization
        gap.parents["ou-ab12-11111111"] = nil
        XCTAssertNil(AnalyzedResourceBuilder.ownerOrganization(of: "200000000001", in: gap)?.paths)
    }

    private func bucket(_ name: String, account: String, statements: String) -> SnapshotResource {
        var resource = SnapshotResource(type: "AWS::S3::Bucket", arn: "arn:aws:s3:::\(name)", account: account)
        let text = #"{"Version": "2012-10-17", "Statement": ["# + statements + "]}"
        resource.policy = PolicyParser.parse(text: text, source: "\(name).json", type: .resource).policy
        XCTAssertNotNil(resource.policy)
        resource.documentText = text
        resource.files = ["accounts/\(account)/\(name).json"]
        return resource
    }

    /// Anyone may read the objects of a bucket whose owner is in ou-ab12-11111111.
    private let byOwnerPath = #"""
        {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*",
         "Condition": {"ForAnyValue:StringLike": {"aws:ResourceOrgPaths": "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"}}}
        """#

    func testAnAccountZoneScanReadsTheOwnersPathFromTheSnapshot() throws {
        // The same policy on a bucket of each OU: public in the first, granting nobody in the second.
        let snapshot = Snapshot(name: "owner-paths", organization: organization(), accounts: [
            AccountSnapshot(id: "200000000001", resources: [bucket("first-bucket-0001", account: "200000000001", statements: byOwnerPath)]),
            AccountSnapshot(id: "200000000002", resources: [bucket("second-bucket-0002", account: "200000000002", statements: byOwnerPath)]),
        ])
        let result = try Scanner.scan(snapshot, options: ScanOptions(zoneMode: .account, jobs: 1))
        let status = Dictionary(uniqueKeysWithValues: result.outcomes.map { ($0.account, $0.status) })
        XCTAssertEqual(status["200000000001"], .externalAccess)
        XCTAssertEqual(status["200000000002"], .noExternalAccess)
        // Two owners in two units: two analyses, though the policy text is one.
        XCTAssertEqual(result.analyses, 2)
        let witness = try XCTUnwrap(result.findings.first?.witness)
        XCTAssertEqual(witness.resourceOrgPaths, ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/"])
        XCTAssertEqual(witness.resourceOrgID, "o-a1b2c3d4e5")

        // Without the organization files, nothing is known: both are external.
        var unknown = snapshot
        unknown.organization = nil
        let without = try Scanner.scan(unknown, options: ScanOptions(zoneMode: .account, jobs: 1))
        XCTAssertEqual(without.outcomes.map(\.status), [.externalAccess, .externalAccess])
    }

    func testAPolicyThatDoesNotReadTheOwnersOrganizationStillSharesOneAnalysis() throws {
        let everyone = #"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}"#
        let snapshot = Snapshot(name: "shared", organization: organization(), accounts: [
            AccountSnapshot(id: "200000000001", resources: [bucket("first-bucket-0001", account: "200000000001", statements: everyone)]),
            AccountSnapshot(id: "200000000002", resources: [bucket("second-bucket-0002", account: "200000000002", statements: everyone)]),
        ])
        let result = try Scanner.scan(snapshot, options: ScanOptions(zoneMode: .account, jobs: 1))
        XCTAssertEqual(result.analyses, 1)
        XCTAssertEqual(result.outcomes.map(\.status), [.externalAccess, .externalAccess])
        XCTAssertTrue(result.findings.allSatisfy { $0.witness.resourceOrgPaths.isEmpty })
    }
}
