import Analysis
import XCTest

/// S3 User Guide, "Controlling ownership of objects and disabling ACLs for your bucket"
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html): with
/// Object Ownership "Bucket owner enforced", "ACLs are disabled" and "no longer affect
/// permissions": a public ACL grant is no finding; the bucket policy still is judged.
final class BucketOwnerEnforcedTests: XCTestCase {
    private let ownOnly = #"{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}"#
    private let grants = [ACLGrant(grantee: .allUsers, permission: "READ"), ACLGrant(grantee: .canonicalUser("other-owner"), permission: "WRITE")]

    func testACLsDisabledGrantNothing() {
        let open = analyze(.s3Bucket, arn: bucket, statements: ownOnly) { $0.aclGrants = grants }
        XCTAssertEqual(open.status, .externalAccess)
        XCTAssertEqual(Set(open.findings.map(\.source)), [.bucketACL])
        let disabled = analyze(.s3Bucket, arn: bucket, statements: ownOnly) {
            $0.aclGrants = grants
            $0.aclsDisabled = true
        }
        XCTAssertEqual(disabled.status, .noExternalAccess)
        XCTAssertEqual(disabled.findings, [])
    }

    func testAPublicPolicyIsStillAFindingWithACLsDisabled() {
        let publicRead = #"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}"#
        let result = analyze(.s3Bucket, arn: bucket, statements: publicRead) {
            $0.aclGrants = grants
            $0.aclsDisabled = true
        }
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertEqual(Set(result.findings.map(\.source)), [.policy])
        XCTAssertTrue(result.isPublic)
    }
}
