import Analysis
import XCTest

/// Bucket policies from the S3 User Guide, "Examples of Amazon S3 bucket policies", and the
/// tricky conditions the IAM User Guide warns about.
final class S3BucketTests: XCTestCase {
    // S3 User Guide, "Granting read-only permission to a public anonymous user".
    func testPublicReadIsPublicExternalAccess() {
        let result = analyze(.s3Bucket, arn: bucket, statements: #"""
            {"Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", "s3:GetObjectVersion"], "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}
            """#)
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertTrue(result.isPublic)
        XCTAssertEqual(result.externalPrincipals, ["*"])
        XCTAssertEqual(result.findings.first?.actions, ["s3:GetObject", "s3:GetObjectVersion"])
        XCTAssertEqual(result.findings.first?.statements.first?.sid, "PublicRead")
    }

    // IAM User Guide, "aws:PrincipalOrgID": only principals of the organization's accounts.
    func testOrganizationConditionKeepsOutsidersOutOfAnOrganizationZone() {
        let statements = #"""
            {"Sid": "OrgOnly", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
             "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}
            """#
        let orgZone = ZoneOfTrust.organization("o-a1b2c3d4e5", accounts: [ourAccount, otherAccount])
        let inOrg = analyze(.s3Bucket, arn: bucket, statements: statements, zone: orgZone)
        XCTAssertEqual(inOrg.status, .noExternalAccess)
        XCTAssertTrue(inOrg.explanation.joined().contains("aws:PrincipalOrgID"), "\(inOrg.explanation)")
        // With a one-account zone, the organization's other accounts are outside it.
        let oneAccount = analyze(.s3Bucket, arn: bucket, statements: statements)
        XCTAssertEqual(oneAccount.status, .externalAccess)
        XCTAssertFalse(oneAccount.isPublic, "a fixed aws:PrincipalOrgID is not public (S3: the meaning of public)")
        XCTAssertEqual(oneAccount.findings.first?.conditions, ["StringEquals aws:PrincipalOrgID: o-a1b2c3d4e5"])
    }

    // IAM User Guide, "AWS JSON policy elements: Principal", AWS account principals.
    func testCrossAccountGrantNamesTheAccount() {
        let result = analyze(.s3Bucket, arn: bucket, statements: #"""
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket"}
            """#)
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertEqual(result.externalPrincipals, [otherAccount])
        XCTAssertFalse(result.isPublic)
        XCTAssertEqual(result.findings.first?.actions, ["s3:ListBucket"])
    }

    func testGrantToOwnAccountIsNotExternal() {
        let result = analyze(.s3Bucket, arn: bucket, statements: #"""
            {"Sid": "Ours", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/Reader"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}
            """#)
        XCTAssertEqual(result.status, .noExternalAccess)
        XCTAssertTrue(result.explanation.joined().contains("Principal names only principals inside the zone"), "\(result.explanation)")
    }

    // IAM User Guide, "NotPrincipal": Allow with NotPrincipal grants everyone else.
    func testAllowWithNotPrincipalIsPublic() {
        let result = analyze(.s3Bucket, arn: bucket, statements: #"""
            {"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}
            """#)
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertTrue(result.isPublic)
    }

    // Deny + NotPrincipal naming only our account: everyone outside is denied.
    func testDenyNotPrincipalBlocksOutsiders() {
        let result = analyze(.s3Bucket, arn: bucket, statements: #"""
            {"Sid": "Anyone", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"},
            {"Sid": "OnlyUs", "Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:*", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}
            """#)
        XCTAssertEqual(result.status, .noExternalAccess)
        XCTAssertTrue(result.explanation.joined().contains("Deny statement 1 (OnlyUs)"), "\(result.explanation)")
    }

    // IAM User Guide, "Condition operators": a negated operator is true when the key is absent,
    // so this Deny catches anonymous callers (no aws:PrincipalAccount) and other accounts alike.
    func testDenyWithStringNotEqualsOnPrincipalAccount() {
        let result = analyze(.s3Bucket, arn: bucket, statements: #"""
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"},
            {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
             "Condition": {"StringNotEquals": {"aws:PrincipalAccount": "111122223333"}}}
            """#)
        XCTAssertEqual(result.status, .noExternalAccess)
    }

    // Conditions that only look restrictive.
    func testConditionsThatOnlyLookRestrictive() {
        let looksRestrictive = [
            // Allow unless the account is 999999999999: everyone else, anonymous included.
            #"{"StringNotEquals": {"aws:PrincipalAccount": "999999999999"}}"#,
            // IfExists: true when the request has no aws:SourceVpce.
            #"{"StringEqualsIfExists": {"aws:SourceVpce": "vpce-1a2b3c4d"}}"#,
            // ForAllValues on an absent key is true.
            #"{"ForAllValues:StringLike": {"aws:PrincipalOrgPaths": "o-a1b2c3d4e5/*"}}"#,
            // StringLike with "*" matches every present value.
            #"{"StringLike": {"aws:PrincipalArn": "*"}}"#,
        ]
        for condition in looksRestrictive {
            let result = analyze(.s3Bucket, arn: bucket, statements: #"""
                {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*", "Condition": \#(condition)}
                """#)
            XCTAssertEqual(result.status, .externalAccess, condition)
            XCTAssertEqual(result.externalPrincipals, ["*"], condition)
        }
    }

    // A VPC endpoint or IP condition restricts the path, not the principal: still external, not public.
    func testSourceVpceAndSourceIpAreExternalButNotPublic() {
        for (condition, expected) in [
            (#"{"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}"#, "StringEquals aws:SourceVpce: vpce-1a2b3c4d"),
            (#"{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}"#, "IpAddress aws:SourceIp: 203.0.113.0/24"),
        ] {
            let result = analyze(.s3Bucket, arn: bucket, statements: #"""
                {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*", "Condition": \#(condition)}
                """#)
            XCTAssertEqual(result.status, .externalAccess, condition)
            XCTAssertFalse(result.isPublic, condition)
            XCTAssertEqual(result.findings.first?.conditions, [expected])
        }
    }

    // An explicit deny that covers part of the access leaves the rest.
    func testPartialDenyLeavesTheRest() {
        let result = analyze(.s3Bucket, arn: bucket, statements: #"""
            {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"},
            {"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}
            """#)
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertEqual(result.findings.flatMap(\.actions), ["s3:GetObject"])
    }

    // S3 User Guide, "Block public access settings": RestrictPublicBuckets limits a public policy
    // to service principals and the owner's account.
    func testRestrictPublicBucketsClosesAPublicPolicy() {
        let statements = #"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}"#
        let result = analyze(.s3Bucket, arn: bucket, statements: statements) {
            $0.blockPublicAccess = BlockPublicAccess(restrictPublicBuckets: true)
        }
        // Services can still be granted, but only services acting for an outside account count,
        // and nothing here restricts the service's source: that is the one access left.
        XCTAssertFalse(result.findings.contains { $0.principalKind == .everyone || $0.principalKind == .account })
    }

    // S3 User Guide, "Access control list (ACL) overview": AllUsers READ is public; IgnorePublicAcls ignores it.
    func testPublicACLGrant() {
        let statements = #"{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}"#
        let grants = [ACLGrant(grantee: .allUsers, permission: "READ")]
        let open = analyze(.s3Bucket, arn: bucket, statements: statements) { $0.aclGrants = grants }
        XCTAssertEqual(open.status, .externalAccess)
        XCTAssertTrue(open.isPublic)
        XCTAssertEqual(open.findings.first?.source, .bucketACL)
        XCTAssertTrue(open.findings.first?.actions.contains("s3:ListBucket") ?? false)
        let ignored = analyze(.s3Bucket, arn: bucket, statements: statements) {
            $0.aclGrants = grants
            $0.blockPublicAccess = BlockPublicAccess(ignorePublicAcls: true)
        }
        XCTAssertEqual(ignored.status, .noExternalAccess)
    }
}
