@testable import Analysis
import Authorizer
import Policy
import XCTest

/// A bucket reached through an S3 access point: both policies must allow, and requests carry the
/// access point's keys. Hand-worked from the S3 User Guide, "Configuring IAM policies for using
/// access points" (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html):
/// its delegation policy ("Delegating access control to access points"), its Example 1 (an access
/// point policy granting the IAM user Jane GET and PUT on `Jane/*`, and the bucket policy that
/// grants the same without delegation), its cross-account delegation and its policy limiting a
/// bucket to access points of VPC network origin.
final class S3AccessPointTests: XCTestCase {
    let apARN = "arn:aws:s3:us-west-2:111122223333:accesspoint/my-access-point"

    /// The guide's delegation policy: everything, for requests through an access point of the
    /// bucket owner's account.
    let delegation = #"""
        {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "*",
         "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"],
         "Condition": {"StringEquals": {"s3:DataAccessPointAccount": "111122223333"}}}
        """#

    /// Example 1's access point policy, with Jane in `account`.
    func janePolicy(account: String) -> Policy? {
        named("access-point-policy.json", policy(document(#"""
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::\#(account):user/Jane"}, "Action": ["s3:GetObject", "s3:PutObject"],
             "Resource": "arn:aws:s3:us-west-2:111122223333:accesspoint/my-access-point/object/Jane/*"}
            """#)))
    }

    func named(_ source: String, _ policy: Policy?) -> Policy? {
        guard var policy else { return nil }
        policy.source = source
        return policy
    }

    func throughAccessPoint(bucketPolicy statements: String, accessPointPolicy: Policy?, account: String = ourAccount,
                            origin: S3AccessPoint.NetworkOrigin = .internet, file: StaticString = #filePath, line: UInt = #line) -> ExternalAccessResult {
        let arn = "arn:aws:s3:us-west-2:\(account):accesspoint/my-access-point"
        let accessPoint = S3AccessPoint(name: "my-access-point", arn: arn, account: account, bucket: "amzn-s3-demo-bucket",
                                        networkOrigin: origin, policy: accessPointPolicy)
        return analyze(.s3Bucket, arn: bucket, statements: statements, configure: { $0.accessPoint = accessPoint }, file: file, line: line)
    }

    // Delegation + an access point policy granting another account's Jane GET and PUT: that
    // account reaches the bucket through the access point, with those two actions, on Jane/*.
    func testDelegationAndAnAccessPointGrantToAnotherAccountIsAFindingOfTheAccessPoint() {
        let result = throughAccessPoint(bucketPolicy: delegation, accessPointPolicy: janePolicy(account: otherAccount))
        XCTAssertEqual(result.status, .externalAccess, "\(result.explanation)")
        XCTAssertEqual(result.externalPrincipals, [otherAccount])
        XCTAssertEqual(result.findings.count, 1)
        guard let finding = result.findings.first else { return }
        XCTAssertEqual(finding.actions, ["s3:GetObject", "s3:PutObject"])
        XCTAssertEqual(finding.source, .s3AccessPoint)
        XCTAssertEqual(finding.sourceDetail, FindingSourceDetail(accessPointArn: apARN, accessPointAccount: nil, networkOrigin: "Internet"))
        XCTAssertFalse(finding.isPublic)
        XCTAssertTrue(finding.witness.resource.hasPrefix("arn:aws:s3:::amzn-s3-demo-bucket/Jane/"), finding.witness.resource)
        XCTAssertEqual(finding.witness.context["s3:DataAccessPointAccount"]?.text, ourAccount)
        // Granted by both policies: the bucket's delegation and the access point's statement.
        XCTAssertEqual(finding.statements.count, 2, "\(finding.statements)")
        XCTAssertTrue(finding.conditions.contains("StringEquals s3:DataAccessPointAccount: 111122223333"), "\(finding.conditions)")
    }

    // The same delegation, Jane in the bucket owner's account: nobody outside gets through.
    func testDelegationAndAnAccessPointGrantToTheOwnersUserIsNoExternalAccess() {
        let result = throughAccessPoint(bucketPolicy: delegation, accessPointPolicy: janePolicy(account: ourAccount))
        XCTAssertEqual(result.status, .noExternalAccess, "\(result.findings)")
    }

    // No access point policy: outsiders need one (cross-account, the access point must allow).
    func testDelegationWithoutAnAccessPointPolicyIsNoExternalAccess() {
        let result = throughAccessPoint(bucketPolicy: delegation, accessPointPolicy: nil)
        XCTAssertEqual(result.status, .noExternalAccess, "\(result.findings)")
    }

    // A bucket policy that does not delegate and grants outsiders nothing: the access point's
    // grant alone does not reach the bucket ("both the access point and the underlying bucket
    // must permit the request").
    func testWithoutDelegationTheAccessPointGrantAloneIsNoExternalAccess() {
        let result = throughAccessPoint(bucketPolicy: #"""
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/Reader"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}
            """#, accessPointPolicy: janePolicy(account: otherAccount))
        XCTAssertEqual(result.status, .noExternalAccess, "\(result.findings)")
    }

    // Example 1's bucket policy grants Jane the same on the bucket; here it grants only GET: the
    // access through the access point is what both grant, GET on Jane/*.
    func testWithoutDelegationTheAccessIsWhatBothPoliciesGrant() {
        let result = throughAccessPoint(bucketPolicy: #"""
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:user/Jane"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/Jane/*"}
            """#, accessPointPolicy: janePolicy(account: otherAccount))
        XCTAssertEqual(result.status, .externalAccess, "\(result.explanation)")
        XCTAssertEqual(result.externalPrincipals, [otherAccount])
        XCTAssertEqual(result.findings.flatMap(\.actions), ["s3:GetObject"])
        XCTAssertEqual(result.findings.first?.source, .s3AccessPoint)
    }

    // The guide's cross-account delegation: the bucket delegates GetObject and ListBucket to an
    // access point owner's account. Through an access point of that account Access Analyzer
    // reports S3_ACCESS_POINT_ACCOUNT with the account. Rampart leaves the access point's own
    // policy out there (its owner's principals need only their identity policies, and the owner
    // can change it), so anyone who can use that access point is assumed to: "*".
    func testCrossAccountAccessPointIsAFindingOfItsAccount() {
        let result = throughAccessPoint(bucketPolicy: #"""
            {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["s3:GetObject", "s3:ListBucket"],
             "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"],
             "Condition": {"StringEquals": {"s3:DataAccessPointAccount": "444455556666"}}}
            """#, accessPointPolicy: nil, account: otherAccount)
        XCTAssertEqual(result.status, .externalAccess, "\(result.explanation)")
        XCTAssertEqual(result.externalPrincipals, ["*"])
        XCTAssertEqual(Set(result.findings.flatMap(\.actions)), ["s3:GetObject", "s3:ListBucket"])
        for finding in result.findings {
            XCTAssertEqual(finding.source, .s3AccessPointAccount)
            XCTAssertEqual(finding.sourceDetail?.accessPointAccount, otherAccount)
            XCTAssertFalse(finding.isPublic, "a fixed s3:DataAccessPointAccount is not public (S3: the meaning of public)")
        }
        // The same bucket reached through an access point of the owner's account: the condition
        // names another account, so nothing.
        let own = throughAccessPoint(bucketPolicy: #"""
            {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["s3:GetObject", "s3:ListBucket"],
             "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"],
             "Condition": {"StringEquals": {"s3:DataAccessPointAccount": "444455556666"}}}
            """#, accessPointPolicy: janePolicy(account: otherAccount))
        XCTAssertEqual(own.status, .noExternalAccess, "\(own.findings)")
    }

    // The guide's bucket policy denying object operations through access points whose network
    // origin is not VPC, with the delegation: through an Internet access point nobody outside
    // gets Jane's objects; through a VPC one they do, and the finding says the origin.
    func testNetworkOriginDenyLetsOnlyVPCAccessPointsThrough() {
        let statements = delegation + "," + #"""
            {"Effect": "Deny", "Principal": "*", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
             "Condition": {"StringNotEquals": {"s3:AccessPointNetworkOrigin": "VPC"}}}
            """#
        let internet = throughAccessPoint(bucketPolicy: statements, accessPointPolicy: janePolicy(account: otherAccount))
        XCTAssertEqual(internet.status, .noExternalAccess, "\(internet.findings)")
        let vpc = throughAccessPoint(bucketPolicy: statements, accessPointPolicy: janePolicy(account: otherAccount), origin: .vpc)
        XCTAssertEqual(vpc.status, .externalAccess, "\(vpc.explanation)")
        XCTAssertEqual(vpc.findings.flatMap(\.actions), ["s3:GetObject", "s3:PutObject"])
        XCTAssertEqual(vpc.findings.first?.sourceDetail?.networkOrigin, "VPC")
    }
}

/// The access point policy's resources rewritten to the bucket's: for every resource of the
/// bucket's scope, a rewritten pattern matches it exactly when the pattern as written matches
/// its access point form (`arn:…:accesspoint/NAME/object/KEY`, S3 User Guide, "Configuring IAM
/// policies for using access points").
final class AccessPointPolicyTranslationTests: XCTestCase {
    let accessPoint = S3AccessPoint(name: "my-access-point", arn: "arn:aws:s3:us-west-2:111122223333:accesspoint/my-access-point",
                                    account: "111122223333", bucket: "amzn-s3-demo-bucket")

    func testAccessPointFormOfTheBucketAndItsObjects() {
        XCTAssertEqual(accessPoint.accessPointForm(of: bucket, bucketARN: bucket), accessPoint.arn)
        XCTAssertEqual(accessPoint.accessPointForm(of: bucket + "/Jane/a.txt", bucketARN: bucket), accessPoint.arn + "/object/Jane/a.txt")
        XCTAssertNil(accessPoint.accessPointForm(of: "arn:aws:s3:::other-bucket/a", bucketARN: bucket))
    }

    func testRewrittenPatternsMatchExactlyWhatThePatternMatches() {
        let patterns = [
            accessPoint.arn + "/object/Jane/*", accessPoint.arn, "*", "arn:aws:s3:*:*:accesspoint/*",
            "arn:aws:s3:us-west-2:111122223333:accesspoint/my-access-point/object/*.txt",
            "arn:aws:s3:us-west-2:111122223333:accesspoint/my-*/object/?/*", "arn:aws:s3:::amzn-s3-demo-bucket/*",
            "arn:aws:s3:us-west-2:111122223333:accesspoint/other-point/object/*", accessPoint.arn + "*",
        ]
        let resources = [bucket, bucket + "/", bucket + "/Jane/a.txt", bucket + "/a.txt", bucket + "/J/x", bucket + "/Jane",
                         bucket + "/object/x", bucket + "/x:accesspoint/y"]
        for pattern in patterns {
            let rewritten = AccessPointPolicyTranslation.translate(pattern, accessPoint: accessPoint, bucketARN: bucket, widenVariables: true)
            for resource in resources {
                guard let form = accessPoint.accessPointForm(of: resource, bucketARN: bucket) else { continue }
                XCTAssertEqual(rewritten.contains { GlobPattern($0).matches(resource) }, GlobPattern(pattern).matches(form),
                               "\(pattern) → \(rewritten) on \(resource)")
            }
        }
    }

    func testExamplesFromTheGuide() {
        XCTAssertEqual(AccessPointPolicyTranslation.translate(accessPoint.arn + "/object/Jane/*", accessPoint: accessPoint,
                                                              bucketARN: bucket, widenVariables: true),
                       [bucket + "/Jane/*"])
        XCTAssertEqual(AccessPointPolicyTranslation.translate(accessPoint.arn, accessPoint: accessPoint, bucketARN: bucket,
                                                              widenVariables: true),
                       [bucket])
    }

    // A policy variable is widened where matching more grants more, dropped where it denies.
    func testVariablesAreWidenedInAllowsAndDroppedInDenies() {
        let pattern = accessPoint.arn + "/object/${aws:username}/*"
        XCTAssertEqual(AccessPointPolicyTranslation.translate(pattern, accessPoint: accessPoint, bucketARN: bucket, widenVariables: true),
                       [bucket + "/*/*"])
        XCTAssertEqual(AccessPointPolicyTranslation.translate(pattern, accessPoint: accessPoint, bucketARN: bucket, widenVariables: false), [])
        guard let written = policy(document(#"""
            {"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": "\#(pattern)"},
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "\#(pattern)"}
            """#)) else { return XCTFail("policy") }
        let translated = AccessPointPolicyTranslation.bucketForm(of: written, accessPoint: accessPoint, bucketARN: bucket)
        XCTAssertEqual(translated.statements.map(\.effect), [.allow])
        XCTAssertEqual(translated.statements.first?.resources?.values, [bucket + "/*/*"])
    }
}
