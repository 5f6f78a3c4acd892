import Analysis
import Authorizer
import Policy
import XCTest

/// Issue 15, item 6: the resource-owner keys belong to the resource. IAM User Guide, "AWS global
/// condition context keys" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html):
/// `aws:ResourceOrgID` is the organization of the account that owns the resource and
/// `aws:ResourceOrgPaths` (multivalued) that account's organization path, both present only when
/// the owner is in an organization; neither is a value the caller chooses. Where the owner's
/// organization is unknown it stays unknown — any value — never a narrowing.
/// Hand-worked: each expected answer follows from the condition and where the owner is.
final class ResourceOwnerOrganizationTests: XCTestCase {
    private let organization = "o-a1b2c3d4e5"
    private let ourUnit = "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/"
    private let otherUnit = "o-a1b2c3d4e5/r-ab12/ou-ab12-22222222/"

    /// Anyone may read, when the bucket's owner is in the OU ou-ab12-11111111.
    private let byOwnerPath = #"""
        {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
         "Condition": {"ForAnyValue:StringLike": {"aws:ResourceOrgPaths": "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"}}}
        """#

    /// Anyone may read, when the bucket's owner is in organization o-a1b2c3d4e5.
    private let byOwnerOrganization = #"""
        {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
         "Condition": {"StringEquals": {"aws:ResourceOrgID": "o-a1b2c3d4e5"}}}
        """#

    // MARK: Symbolic (the analysis), witnesses replayed through the Authorizer by `analyze`

    func testOwnerInTheNamedUnitGrantsEveryone() throws {
        let result = analyze(.s3Bucket, arn: bucket, statements: byOwnerPath) {
            $0.ownerOrganization = OwnerOrganization(id: self.organization, paths: [self.ourUnit])
        }
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertTrue(result.isPublic)
        // The witness carries the owner's path as a fact of the resource, not as a stated value.
        let witness = try XCTUnwrap(result.findings.first?.witness)
        XCTAssertEqual(witness.resourceOrgPaths, [ourUnit])
        XCTAssertNil(witness.context.entry(for: "aws:ResourceOrgPaths"))
        XCTAssertEqual(RequestRealism.problems(witness), [])
    }

    func testOwnerInAnotherUnitGrantsNobody() {
        let result = analyze(.s3Bucket, arn: bucket, statements: byOwnerPath) {
            $0.ownerOrganization = OwnerOrganization(id: self.organization, paths: [self.otherUnit])
        }
        XCTAssertEqual(result.status, .noExternalAccess)
    }

    func testUnknownOwnerPathIsNeverAProof() {
        // No organization data: the path is unknown, so some value of it may match.
        XCTAssertEqual(analyze(.s3Bucket, arn: bucket, statements: byOwnerPath).status, .externalAccess)
        // The owner's organization known, its path not (an organization zone without the tree).
        XCTAssertEqual(analyze(.s3Bucket, arn: bucket, statements: byOwnerPath) {
            $0.ownerOrganization = OwnerOrganization(id: self.organization, paths: nil)
        }.status, .externalAccess)
        let zone = ZoneOfTrust.organization(organization, accounts: [ourAccount])
        XCTAssertEqual(analyze(.s3Bucket, arn: bucket, statements: byOwnerPath, zone: zone).status, .externalAccess)
    }

    func testOwnerOrganizationFromTheSnapshotInAnAccountZone() {
        // An account zone with the snapshot's organization data: the owner's organization is known.
        XCTAssertEqual(analyze(.s3Bucket, arn: bucket, statements: byOwnerOrganization) {
            $0.ownerOrganization = OwnerOrganization(id: self.organization, paths: [self.ourUnit])
        }.status, .externalAccess)
        XCTAssertEqual(analyze(.s3Bucket, arn: bucket, statements: byOwnerOrganization) {
            $0.ownerOrganization = OwnerOrganization(id: "o-f6g7h8i9j0", paths: ["o-f6g7h8i9j0/r-cd34/"])
        }.status, .noExternalAccess)
        // Without it, unknown: any organization, so some caller may get in.
        XCTAssertEqual(analyze(.s3Bucket, arn: bucket, statements: byOwnerOrganization).status, .externalAccess)
    }

    func testTheResourceKnowsBetterThanTheZone() {
        // The zone says only the id; the resource's own organization (from the snapshot) wins.
        let zone = ZoneOfTrust.organization(organization, accounts: [ourAccount])
        var resource = AnalyzedResource(arn: bucket, type: .s3Bucket, account: ourAccount)
        XCTAssertEqual(resource.organizationOfOwner(in: zone), OwnerOrganization(id: organization, paths: nil))
        XCTAssertNil(resource.organizationOfOwner(in: ourZone))
        resource.ownerOrganization = OwnerOrganization(id: organization, paths: [ourUnit])
        XCTAssertEqual(resource.organizationOfOwner(in: zone)?.paths, [ourUnit])
        XCTAssertEqual(resource.organizationOfOwner(in: ourZone)?.paths, [ourUnit])
    }

    // MARK: Concrete (the Authorizer)

    private func decision(_ statements: String, resourceOrgID: String?, resourceOrgPaths: [String]) throws -> Decision.Outcome {
        let bucketPolicy = try XCTUnwrap(policy(document(statements)))
        let request = Request(principal: .role(arn: "arn:aws:iam::444455556666:role/R"), action: "s3:GetObject",
                              resource: bucket + "/k", resourceAccount: ourAccount,
                              resourceOrgID: resourceOrgID, resourceOrgPaths: resourceOrgPaths)
        return Authorizer.evaluate(request, policies: PolicySet(identityPolicies: nil, resourcePolicy: bucketPolicy)).outcome
    }

    func testTheAuthorizerDerivesTheOwnerPathFromTheRequest() throws {
        XCTAssertEqual(try decision(byOwnerPath, resourceOrgID: organization, resourceOrgPaths: [ourUnit]), .allow)
        XCTAssertNotEqual(try decision(byOwnerPath, resourceOrgID: organization, resourceOrgPaths: [otherUnit]), .allow)
        // Absent (an owner in no organization): ForAnyValue needs a value.
        XCTAssertNotEqual(try decision(byOwnerPath, resourceOrgID: nil, resourceOrgPaths: []), .allow)
        XCTAssertEqual(try decision(byOwnerOrganization, resourceOrgID: organization, resourceOrgPaths: [ourUnit]), .allow)
        XCTAssertNotEqual(try decision(byOwnerOrganization, resourceOrgID: "o-f6g7h8i9j0", resourceOrgPaths: []), .allow)

        let request = Request(principal: .anonymous, action: "s3:GetObject", resource: bucket + "/k",
                              resourceOrgID: organization, resourceOrgPaths: [ourUnit])
        let paths = try XCTUnwrap(request.effectiveContext.entry(for: "aws:ResourceOrgPaths"))
        XCTAssertTrue(paths.isMultivalued)
        XCTAssertEqual(paths.values.map(\.text), [ourUnit])
    }

    func testRequestFilesCarryTheOwnerPaths() throws {
        let request = Request(principal: .anonymous, action: "s3:GetObject", resource: bucket + "/k",
                              resourceOrgID: organization, resourceOrgPaths: [ourUnit])
        let text = RequestFile.encode(request)
        XCTAssertTrue(text.contains(#""resourceOrgPaths": ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/"]"#), text)
        XCTAssertEqual(try RequestFile.decode(text).resourceOrgPaths, [ourUnit])
        // A path of another organization, or paths without the organization, is no real request.
        XCTAssertFalse(RequestRealism.problems(Request(principal: .anonymous, action: "s3:GetObject", resource: bucket + "/k",
                                                       resourceOrgID: "o-f6g7h8i9j0", resourceOrgPaths: [ourUnit])).isEmpty)
        XCTAssertFalse(RequestRealism.problems(Request(principal: .anonymous, action: "s3:GetObject", resource: bucket + "/k",
                                                       resourceOrgPaths: [ourUnit])).isEmpty)
    }
}
