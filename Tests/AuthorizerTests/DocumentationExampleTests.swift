import XCTest
@testable import Authorizer
import Policy

/// Example policies from the AWS documentation, with requests that must and must not be allowed.
/// Expectations are worked out by hand from the pages cited.
final class DocumentationExampleTests: XCTestCase {
    static let a = "111122223333"
    static let b = "444455556666"
    let alice = Principal.user(arn: "arn:aws:iam::\(a):user/alice")
    let allowAll = parsePolicy(#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}"#, type: .identity)

    private func request(_ principal: Principal, _ action: String, _ resource: String, account: String? = a,
                         _ context: [String: String] = [:]) -> Request {
        var ctx = RequestContext()
        for (key, value) in context { ctx[key] = .string(value) }
        return Request(principal: principal, action: action, resource: resource, resourceAccount: account, context: ctx)
    }

    /// Amazon S3 User Guide, "Examples of Amazon S3 bucket policies": restrict access to an IP range.
    func testBucketPolicySourceIp() {
        let policy = parsePolicy("""
            {"Version": "2012-10-17", "Id": "S3PolicyId1", "Statement": [{"Sid": "IPAllow", "Effect": "Deny", "Principal": "*",
              "Action": "s3:*", "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"],
              "Condition": {"NotIpAddress": {"aws:SourceIp": "192.0.2.0/24"}}}]}
            """, type: .resource)
        let policies = PolicySet(identityPolicies: [allowAll], resourcePolicy: policy)
        XCTAssertEqual(Authorizer.evaluate(request(alice, "s3:GetObject", objectARN, ["aws:SourceIp": "192.0.2.10"]), policies: policies).outcome, .allow)
        XCTAssertEqual(Authorizer.evaluate(request(alice, "s3:GetObject", objectARN, ["aws:SourceIp": "203.0.113.1"]), policies: policies).outcome, .explicitDeny)
        // No aws:SourceIp at all (e.g. a request through a VPC endpoint): NotIpAddress on an absent key is true.
        XCTAssertEqual(Authorizer.evaluate(request(alice, "s3:GetObject", objectARN), policies: policies).outcome, .explicitDeny)
        // Another bucket is not covered by the Deny.
        XCTAssertEqual(Authorizer.evaluate(request(alice, "s3:GetObject", "arn:aws:s3:::other/k", ["aws:SourceIp": "203.0.113.1"]), policies: policies).outcome, .allow)
    }

    /// IAM User Guide, "AWS global condition context keys", aws:PrincipalOrgID: grant to every account of an organization.
    func testPrincipalOrgID() {
        let policy = parsePolicy("""
            {"Version": "2012-10-17", "Statement": {"Sid": "AllowPutObject", "Effect": "Allow", "Principal": "*",
              "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
              "Condition": {"StringEquals": {"aws:PrincipalOrgID": ["o-xxxxxxxxxxx"]}}}}
            """, type: .resource)
        var member = Principal.assumedRole(roleArn: "arn:aws:iam::\(Self.b):role/Writer", sessionName: "s")
        member.orgID = "o-xxxxxxxxxxx"
        let outsider = Principal.assumedRole(roleArn: "arn:aws:iam::\(Self.b):role/Writer", sessionName: "s")
        let policies = PolicySet(resourcePolicy: policy)  // callers' identity policies unknown: assume allow
        XCTAssertEqual(Authorizer.evaluate(request(member, "s3:PutObject", objectARN), policies: policies).outcome, .allow)
        XCTAssertEqual(Authorizer.evaluate(request(outsider, "s3:PutObject", objectARN), policies: policies).outcome, .implicitDeny)
        XCTAssertEqual(Authorizer.evaluate(request(.anonymous, "s3:PutObject", objectARN), policies: policies).outcome, .implicitDeny)
        XCTAssertEqual(Authorizer.evaluate(request(member, "s3:GetObject", objectARN), policies: policies).outcome, .implicitDeny)
    }

    /// Amazon CloudFront Developer Guide, "Restrict access to an Amazon S3 origin" (origin access control).
    func testCloudFrontOriginAccessControl() {
        let policy = parsePolicy("""
            {"Version": "2012-10-17", "Statement": {"Sid": "AllowCloudFrontServicePrincipalReadOnly", "Effect": "Allow",
              "Principal": {"Service": "cloudfront.amazonaws.com"}, "Action": "s3:GetObject",
              "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
              "Condition": {"StringEquals": {"AWS:SourceArn": "arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE"}}}}
            """, type: .resource)
        let policies = PolicySet(resourcePolicy: policy)
        let cloudfront = Principal.service("cloudfront.amazonaws.com")
        XCTAssertEqual(Authorizer.evaluate(request(cloudfront, "s3:GetObject", objectARN,
                                                   ["aws:SourceArn": "arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE"]),
                                           policies: policies).outcome, .allow)
        XCTAssertEqual(Authorizer.evaluate(request(cloudfront, "s3:GetObject", objectARN,
                                                   ["aws:SourceArn": "arn:aws:cloudfront::444455556666:distribution/EOTHER"]),
                                           policies: policies).outcome, .implicitDeny, "confused deputy")
        XCTAssertEqual(Authorizer.evaluate(request(cloudfront, "s3:GetObject", objectARN), policies: policies).outcome, .implicitDeny)
        XCTAssertEqual(Authorizer.evaluate(request(.anonymous, "s3:GetObject", objectARN), policies: policies).outcome, .implicitDeny)
        XCTAssertEqual(Authorizer.evaluate(request(cloudfront, "s3:PutObject", objectARN,
                                                   ["aws:SourceArn": "arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE"]),
                                           policies: policies).outcome, .implicitDeny)
    }

    /// AWS KMS Developer Guide, "Default key policy": the root principal enables IAM policies.
    func testKMSDefaultKeyPolicy() {
        let policy = parsePolicy("""
            {"Version": "2012-10-17", "Id": "key-default-1", "Statement": [{"Sid": "Enable IAM User Permissions", "Effect": "Allow",
              "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}]}
            """, type: .resource)
        let key = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        let allowDecrypt = parsePolicy(#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}}"#, type: .identity)
        XCTAssertEqual(Authorizer.evaluate(request(alice, "kms:Decrypt", key), policies: PolicySet(identityPolicies: [allowDecrypt], resourcePolicy: policy)).outcome, .allow)
        XCTAssertEqual(Authorizer.evaluate(request(alice, "kms:Encrypt", key), policies: PolicySet(identityPolicies: [allowDecrypt], resourcePolicy: policy)).outcome, .implicitDeny)
        XCTAssertEqual(Authorizer.evaluate(request(alice, "kms:Decrypt", key), policies: PolicySet(identityPolicies: [], resourcePolicy: policy)).outcome, .implicitDeny)
        let outsider = Principal.user(arn: "arn:aws:iam::\(Self.b):user/mallory")
        XCTAssertEqual(Authorizer.evaluate(request(outsider, "kms:Decrypt", key), policies: PolicySet(identityPolicies: [allowAll], resourcePolicy: policy)).outcome, .implicitDeny)
    }

    /// IAM User Guide, "Access to AWS accounts owned by third parties" (sts:ExternalId in a trust policy).
    func testTrustPolicyExternalId() {
        let trust = parsePolicy("""
            {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "444455556666"},
              "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "Unique ID Assigned by Example Corp"}}}}
            """, type: .trust)
        let role = "arn:aws:iam::\(Self.a):role/ExampleCorpAccess"
        let partner = Principal.assumedRole(roleArn: "arn:aws:iam::\(Self.b):role/ExampleCorpRole", sessionName: "s")
        let policies = PolicySet(resourcePolicy: trust)
        XCTAssertEqual(Authorizer.evaluate(request(partner, "sts:AssumeRole", role, ["sts:ExternalId": "Unique ID Assigned by Example Corp"]), policies: policies).outcome, .allow)
        XCTAssertEqual(Authorizer.evaluate(request(partner, "sts:AssumeRole", role, ["sts:ExternalId": "guess"]), policies: policies).outcome, .implicitDeny)
        XCTAssertEqual(Authorizer.evaluate(request(partner, "sts:AssumeRole", role), policies: policies).outcome, .implicitDeny)
        let stranger = Principal.user(arn: "arn:aws:iam::999988887777:user/x")
        XCTAssertEqual(Authorizer.evaluate(request(stranger, "sts:AssumeRole", role, ["sts:ExternalId": "Unique ID Assigned by Example Corp"]), policies: policies).outcome, .implicitDeny)
    }

    /// AWS Organizations User Guide, "Example SCPs": deny access outside the requested Regions, with
    /// global services exempted by NotAction and an administrator role exempted by aws:PrincipalARN.
    func testSCPDenyOutsideRegions() {
        let scp = parsePolicy("""
            {"Version": "2012-10-17", "Statement": [{"Sid": "DenyAllOutsideEU", "Effect": "Deny",
              "NotAction": ["cloudfront:*", "iam:*", "route53:*", "support:*", "sts:*"], "Resource": "*",
              "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-central-1", "eu-west-1"]},
                            "ArnNotLike": {"aws:PrincipalARN": ["arn:aws:iam::*:role/Role1AllowedToBypassThisSCP"]}}}]}
            """, type: .scp, source: "deny-outside-eu.json")
        let full = parsePolicy(#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}"#, type: .scp, source: "FullAWSAccess")
        // FullAWSAccess stays attached at every level (the example adds a Deny; it grants nothing).
        let policies = PolicySet(identityPolicies: [allowAll], serviceControlPolicies: [[full], [full, scp]])
        XCTAssertEqual(Authorizer.evaluate(request(alice, "ec2:RunInstances", "arn:aws:ec2:eu-west-1:111122223333:instance/*",
                                                   ["aws:RequestedRegion": "eu-west-1"]),
                                           policies: PolicySet(identityPolicies: [allowAll], serviceControlPolicies: [[full], [scp]])).reason,
                       .serviceControlPolicies, "a level with only the Deny SCP allows nothing")
        let instance = "arn:aws:ec2:us-east-1:111122223333:instance/*"
        let denied = Authorizer.evaluate(request(alice, "ec2:RunInstances", instance, ["aws:RequestedRegion": "us-east-1"]), policies: policies)
        XCTAssertEqual(denied.outcome, .explicitDeny)
        XCTAssertEqual(denied.matchedStatements.first?.sid, "DenyAllOutsideEU")
        XCTAssertEqual(denied.matchedStatements.first?.role, .scp)
        XCTAssertEqual(Authorizer.evaluate(request(alice, "ec2:RunInstances", instance, ["aws:RequestedRegion": "eu-west-1"]), policies: policies).outcome, .allow)
        XCTAssertEqual(Authorizer.evaluate(request(alice, "iam:CreateUser", "arn:aws:iam::111122223333:user/new", ["aws:RequestedRegion": "us-east-1"]), policies: policies).outcome, .allow)
        // No aws:RequestedRegion: StringNotEquals on an absent key is true, so the Deny applies.
        XCTAssertEqual(Authorizer.evaluate(request(alice, "ec2:RunInstances", instance), policies: policies).outcome, .explicitDeny)
        // The exempt role's SESSION is exempt: aws:PrincipalArn of a session is the role ARN.
        let admin = Principal.assumedRole(roleArn: "arn:aws:iam::\(Self.a):role/Role1AllowedToBypassThisSCP", sessionName: "ops")
        XCTAssertEqual(Authorizer.evaluate(request(admin, "ec2:RunInstances", instance, ["aws:RequestedRegion": "us-east-1"]), policies: policies).outcome, .allow)
    }
}
