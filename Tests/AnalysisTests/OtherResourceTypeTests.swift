import Analysis
import XCTest

/// Resource types other than S3, from each service's documentation.
final class OtherResourceTypeTests: XCTestCase {
    let role = "arn:aws:iam::111122223333:role/Deploy"

    // IAM User Guide, "How to use an external ID when granting access to your AWS resources to a third party".
    func testRoleTrustWithExternalIDIsExternalWithItsCondition() {
        let result = analyze(.iamRole, arn: role, statements: #"""
            {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "sts:AssumeRole",
             "Condition": {"StringEquals": {"sts:ExternalId": "Unique-ID-1234"}}}
            """#)
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertEqual(result.externalPrincipals, [otherAccount])
        XCTAssertEqual(result.findings.first?.conditions, ["StringEquals sts:ExternalId: Unique-ID-1234"])
        XCTAssertEqual(result.findings.first?.actions, ["sts:AssumeRole"])
    }

    // A service role: EC2 assumes it only for a principal of this account that passed it.
    func testServiceRoleTrustIsNotExternal() {
        let result = analyze(.iamRole, arn: role, statements: #"""
            {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}
            """#)
        XCTAssertEqual(result.status, .noExternalAccess)
    }

    // IAM User Guide, "Creating a role for web identity or OpenID Connect federation".
    func testWebIdentityFederationIsExternal() {
        let result = analyze(.iamRole, arn: role, statements: #"""
            {"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity",
             "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-2:12345678-abcd-abcd-abcd-123456790ab"}}}
            """#)
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertEqual(result.externalPrincipals, ["cognito-identity.amazonaws.com"])
        XCTAssertEqual(result.findings.first?.principalKind, .federated)
    }

    // AWS KMS Developer Guide, "Default key policy": the account root only.
    func testDefaultKeyPolicyHasNoExternalAccess() {
        let result = analyze(.kmsKey, arn: "arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", statements: #"""
            {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}
            """#)
        XCTAssertEqual(result.status, .noExternalAccess)
    }

    // AWS KMS Developer Guide, "Allowing users in other accounts to use a KMS key".
    func testKeySharedWithAnotherAccount() {
        let result = analyze(.kmsKey, arn: "arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", statements: #"""
            {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
            {"Sid": "Allow use of the key", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
             "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], "Resource": "*"}
            """#)
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertEqual(result.externalPrincipals, [otherAccount])
        let actions = result.findings.flatMap(\.actions)
        XCTAssertTrue(actions.contains("kms:Decrypt") && actions.contains("kms:ReEncryptFrom") && actions.contains("kms:GenerateDataKeyWithoutPlaintext"), "\(actions)")
        XCTAssertFalse(actions.contains("kms:ScheduleKeyDeletion"))
    }

    // Amazon SQS Developer Guide, "Subscribing a queue to an SNS topic": aws:SourceArn pins the topic.
    func testQueueForOwnTopicIsNotExternal() {
        let result = analyze(.sqsQueue, arn: "arn:aws:sqs:us-east-2:111122223333:MyQueue", statements: #"""
            {"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-2:111122223333:MyQueue",
             "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-2:111122223333:MyTopic"}}}
            """#)
        XCTAssertEqual(result.status, .noExternalAccess)
    }

    // Confused deputy (IAM User Guide, "The confused deputy problem"): without a source
    // condition the service can act for any account.
    func testServiceWithoutSourceConditionIsExternal() {
        let unconditioned = analyze(.lambdaFunction, arn: "arn:aws:lambda:us-east-2:111122223333:function:my-function", statements: #"""
            {"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "lambda:InvokeFunction", "Resource": "arn:aws:lambda:us-east-2:111122223333:function:my-function"}
            """#)
        XCTAssertEqual(unconditioned.status, .externalAccess)
        XCTAssertEqual(unconditioned.externalPrincipals, ["s3.amazonaws.com"])
        let pinned = analyze(.lambdaFunction, arn: "arn:aws:lambda:us-east-2:111122223333:function:my-function", statements: #"""
            {"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "lambda:InvokeFunction", "Resource": "arn:aws:lambda:us-east-2:111122223333:function:my-function",
             "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}}
            """#)
        XCTAssertEqual(pinned.status, .noExternalAccess)
    }

    // Secrets Manager User Guide, "Permissions to AWS Secrets Manager secrets for users in a different account".
    func testSecretSharedCrossAccount() {
        let result = analyze(.secretsManagerSecret, arn: "arn:aws:secretsmanager:us-east-2:111122223333:secret:MySecret-a1b2c3", statements: #"""
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/Reader"}, "Action": "secretsmanager:GetSecretValue", "Resource": "*"}
            """#)
        XCTAssertEqual(result.externalPrincipals, [otherAccount])
    }

    // EC2 User Guide, "Share an Amazon EBS snapshot".
    func testSnapshotSharing() {
        func result(_ sharedWith: [String]) -> ExternalAccessResult {
            ExternalAccessAnalyzer.analyze(AnalyzedResource(arn: "arn:aws:ec2:us-east-2:111122223333:snapshot/snap-0123", type: .ebsSnapshot,
                                                            account: ourAccount, sharedWith: sharedWith), zone: ourZone, options: testOptions)
        }
        XCTAssertTrue(result(["all"]).isPublic)
        XCTAssertEqual(result([otherAccount]).externalPrincipals, [otherAccount])
        XCTAssertEqual(result([ourAccount]).status, .noExternalAccess)
        XCTAssertEqual(result([]).status, .noExternalAccess)
    }
}
