import Analysis
import Policy
import XCTest

/// The resource types of Access Analyzer's CheckNoPublicAccess beyond Rampart's first fifteen
/// (IAM Access Analyzer API Reference, "CheckNoPublicAccess", resourceType:
/// https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CheckNoPublicAccess.html).
/// Per type, a restricted policy from the service's guide (each test names its page) and a
/// public one; the expected answers are worked by hand with S3's meaning of public ("The
/// meaning of public", S3 User Guide), which Access Analyzer applies to every type: a policy is
/// public when some statement grants to everyone (`*`) without a condition that pins the
/// caller or the network to fixed values. Where the guide has no public example, the public
/// policy is the guide's example with its principal replaced by `*` (said at the test). Where
/// the test says "in the shape of", the page was read through excerpts that showed its form
/// (principal, actions, resource) but not every value: names and account ids are ours.
final class CheckNoPublicAccessTypeTests: XCTestCase {
    private func outcome(_ type: ResourceType, arn: String?, _ statements: String,
                         file: StaticString = #filePath, line: UInt = #line) -> CustomCheckResult.Outcome? {
        guard let parsed = policy(document(statements), type: type.policyType, file: file, line: line) else { return nil }
        return CustomChecks.noPublicAccess(policy: parsed, type: type, resourceArn: arn, options: testOptions).outcome
    }

    // MARK: AWS::IAM::AssumeRolePolicyDocument

    // IAM User Guide, "How to use an external ID when granting access to your AWS resources to a
    // third party" (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html):
    // one named account, not public.
    func testTrustPolicyForANamedAccountIsNotPublic() {
        let statements = #"""
            {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "sts:AssumeRole",
             "Condition": {"StringEquals": {"sts:ExternalId": "Unique-ID-1234"}}}
            """#
        XCTAssertEqual(outcome(.iamAssumeRolePolicyDocument, arn: nil, statements), .pass)
        XCTAssertEqual(outcome(.iamAssumeRolePolicyDocument, arn: "arn:aws:iam::111122223333:role/Deploy", statements), .pass)
    }

    // IAM User Guide, "AWS JSON policy elements: Principal", "All principals"
    // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous):
    // `{"AWS": "*"}` in a trust policy lets anyone assume the role.
    func testTrustPolicyForEveryoneIsPublic() {
        let statements = #"{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}"#
        XCTAssertEqual(outcome(.iamAssumeRolePolicyDocument, arn: nil, statements), .fail)
    }

    // The trust policy alone is judged as the role's: the same external access for both types.
    func testTrustPolicyAloneIsJudgedAsTheRoles() throws {
        let statements = #"""
            {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "sts:AssumeRole"}
            """#
        let role = "arn:aws:iam::111122223333:role/Deploy"
        let alone = analyze(.iamAssumeRolePolicyDocument, arn: role, statements: statements)
        let asRole = analyze(.iamRole, arn: role, statements: statements)
        XCTAssertEqual(alone.status, .externalAccess)
        XCTAssertEqual(alone.status, asRole.status)
        XCTAssertEqual(alone.externalPrincipals, [otherAccount])
        XCTAssertEqual(alone.findings.flatMap(\.actions), ["sts:AssumeRole"])
        // The advice names the role's trust policy, as for AWS::IAM::Role.
        let advice = try XCTUnwrap(alone.findings.first.map { FindingRemediation(GrantedAccess($0, resourceType: .iamAssumeRolePolicyDocument)) })
        XCTAssertTrue(advice.text.contains("the role's trust policy"), advice.text)
        // A service that takes on roles only when passed one (EC2) acts for the role's account,
        // as for AWS::IAM::Role (OtherResourceTypeTests).
        let service = analyze(.iamAssumeRolePolicyDocument, arn: role, statements: #"""
            {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}
            """#)
        XCTAssertEqual(service.status, .noExternalAccess)
    }

    // MARK: AWS::S3Express::DirectoryBucket

    let directoryBucket = "arn:aws:s3express:us-west-2:111122223333:bucket/amzn-s3-demo-bucket--usw2-az1--x-s3"

    // S3 User Guide, "Example bucket policies for directory buckets", the ReadOnly session example
    // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-express-security-iam-example-bucket-policies.html).
    func testDirectoryBucketPolicyForItsAccountIsNotPublic() {
        let statements = #"""
            {"Sid": "ReadOnlyAccess", "Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3express:CreateSession",
             "Resource": "*", "Condition": {"StringEquals": {"s3express:SessionMode": "ReadOnly"}}}
            """#
        XCTAssertEqual(outcome(.s3ExpressDirectoryBucket, arn: directoryBucket, statements), .pass)
    }

    // The same page's first example (ReadWriteAccess) with its principal replaced by `*`:
    // CreateSession for anyone, public.
    func testDirectoryBucketPolicyForEveryoneIsPublic() {
        let statements = #"""
            {"Sid": "ReadWriteAccess", "Effect": "Allow", "Principal": "*", "Action": ["s3express:CreateSession"],
             "Resource": "arn:aws:s3express:us-west-2:111122223333:bucket/amzn-s3-demo-bucket--usw2-az1--x-s3"}
            """#
        XCTAssertEqual(outcome(.s3ExpressDirectoryBucket, arn: directoryBucket, statements), .fail)
        XCTAssertEqual(outcome(.s3ExpressDirectoryBucket, arn: nil, statements), .fail)
    }

    // MARK: AWS::S3Express::AccessPoint

    let directoryAccessPoint = "arn:aws:s3express:us-west-2:111122223333:accesspoint/my-access-point--usw2-az1--xa--s3"

    // In the shape of S3 User Guide, "Access points for directory buckets" policies: CreateSession
    // on the access point (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-directory-buckets-policies.html):
    // to a named role, not public; to `*`, public.
    func testDirectoryAccessPointPolicies() {
        let named = #"""
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/Analytics"}, "Action": "s3express:CreateSession",
             "Resource": "arn:aws:s3express:us-west-2:111122223333:accesspoint/my-access-point--usw2-az1--xa--s3"}
            """#
        XCTAssertEqual(outcome(.s3ExpressAccessPoint, arn: directoryAccessPoint, named), .pass)
        let everyone = named.replacingOccurrences(of: #"{"AWS": "arn:aws:iam::111122223333:role/Analytics"}"#, with: #""*""#)
        XCTAssertEqual(outcome(.s3ExpressAccessPoint, arn: directoryAccessPoint, everyone), .fail)
    }

    // MARK: AWS::S3::AccessPoint

    let accessPoint = "arn:aws:s3:us-west-2:123456789012:accesspoint/my-access-point"

    // S3 User Guide, "Configuring IAM policies for using access points", "Access point policy
    // grant" (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html):
    // the user Jane, on her prefix of the access point's objects.
    func testAccessPointPolicyForAUserIsNotPublic() {
        let statements = #"""
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:user/Jane"}, "Action": ["s3:GetObject", "s3:PutObject"],
             "Resource": "arn:aws:s3:us-west-2:123456789012:accesspoint/my-access-point/object/Jane/*"}
            """#
        XCTAssertEqual(outcome(.s3AccessPoint, arn: accessPoint, statements), .pass)
        // With the access point's account as the zone: Jane is inside it.
        XCTAssertEqual(analyze(.s3AccessPoint, arn: accessPoint, statements: statements, zone: .account("123456789012"),
                               configure: { $0.account = "123456789012" }).status,
                       .noExternalAccess)
    }

    // The same grant to `*`: the access point's objects (`…/object/KEY`, part of its scope) are public.
    func testAccessPointPolicyForEveryoneIsPublic() {
        let statements = #"""
            {"Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", "s3:PutObject"],
             "Resource": "arn:aws:s3:us-west-2:123456789012:accesspoint/my-access-point/object/Jane/*"}
            """#
        XCTAssertEqual(outcome(.s3AccessPoint, arn: accessPoint, statements), .fail)
        let result = analyze(.s3AccessPoint, arn: accessPoint, statements: statements, zone: .account("123456789012"),
                             configure: { $0.account = "123456789012" })
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertEqual(Set(result.findings.filter(\.isPublic).flatMap(\.actions)), ["s3:GetObject", "s3:PutObject"])
    }

    // MARK: AWS::S3::Glacier

    let vault = "arn:aws:glacier:us-west-2:999999999999:vaults/examplevault"

    // Amazon S3 Glacier Developer Guide, "Vault Access Policies", Example 1: cross-account
    // permissions for two accounts (https://docs.aws.amazon.com/amazonglacier/latest/dev/vault-access-policy.html).
    let vaultCrossAccount = #"""
        {"Sid": "cross-account-upload", "Principal": {"AWS": ["arn:aws:iam::123456789012:root", "arn:aws:iam::444455556666:root"]},
         "Effect": "Allow", "Action": ["glacier:UploadArchive", "glacier:InitiateMultipartUpload", "glacier:AbortMultipartUpload", "glacier:CompleteMultipartUpload"],
         "Resource": ["arn:aws:glacier:us-west-2:999999999999:vaults/examplevault"]}
        """#

    func testVaultPolicyForTwoAccountsIsExternalNotPublic() {
        XCTAssertEqual(outcome(.s3GlacierVault, arn: vault, vaultCrossAccount), .pass)
        let result = analyze(.s3GlacierVault, arn: vault, statements: vaultCrossAccount, zone: .account("999999999999"),
                             configure: { $0.account = "999999999999" })
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertEqual(Set(result.externalPrincipals), ["123456789012", "444455556666"])
    }

    // Example 1 with `*` for its principals: public.
    func testVaultPolicyForEveryoneIsPublic() {
        let everyone = vaultCrossAccount.replacingOccurrences(
            of: #"{"AWS": ["arn:aws:iam::123456789012:root", "arn:aws:iam::444455556666:root"]}"#, with: #""*""#)
        XCTAssertEqual(outcome(.s3GlacierVault, arn: vault, everyone), .fail)
    }

    // MARK: AWS::Kinesis::Stream and AWS::Kinesis::StreamConsumer

    let stream = "arn:aws:kinesis:us-east-1:111122223333:stream/my-stream"
    let consumer = "arn:aws:kinesis:us-east-1:111122223333:stream/my-stream/consumer/my-consumer:1700000000"

    // In the shape of Kinesis Data Streams Developer Guide, "Share access using resource-based
    // policies", cross-account Lambda functions: the stream's policy names the consumer's execution role
    // (https://docs.aws.amazon.com/streams/latest/dev/resource-based-policy-examples.html).
    let streamForLambda = #"""
        {"Sid": "StreamReadStatementID", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/lambda-execution-role"},
         "Action": ["kinesis:DescribeStreamSummary", "kinesis:ListShards", "kinesis:DescribeStream", "kinesis:GetRecords", "kinesis:GetShardIterator"],
         "Resource": "arn:aws:kinesis:us-east-1:111122223333:stream/my-stream"}
        """#

    func testStreamSharedWithARoleIsExternalNotPublic() {
        XCTAssertEqual(outcome(.kinesisStream, arn: stream, streamForLambda), .pass)
        let result = analyze(.kinesisStream, arn: stream, statements: streamForLambda)
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertEqual(Set(result.findings.flatMap(\.actions)),
                       ["kinesis:DescribeStreamSummary", "kinesis:ListShards", "kinesis:DescribeStream", "kinesis:GetRecords", "kinesis:GetShardIterator"])
    }

    func testStreamSharedWithEveryoneIsPublic() {
        let everyone = streamForLambda.replacingOccurrences(of: #"{"AWS": "arn:aws:iam::444455556666:role/lambda-execution-role"}"#, with: #""*""#)
        XCTAssertEqual(outcome(.kinesisStream, arn: stream, everyone), .fail)
    }

    // The same page, sharing a registered consumer: SubscribeToShard and DescribeStreamConsumer
    // on the consumer's ARN.
    let consumerForLambda = #"""
        {"Sid": "ConsumerRead", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/lambda-execution-role"},
         "Action": ["kinesis:DescribeStreamConsumer", "kinesis:SubscribeToShard"],
         "Resource": "arn:aws:kinesis:us-east-1:111122223333:stream/my-stream/consumer/my-consumer:1700000000"}
        """#

    func testConsumerSharedWithARoleIsExternalNotPublic() {
        XCTAssertEqual(outcome(.kinesisStreamConsumer, arn: consumer, consumerForLambda), .pass)
        XCTAssertEqual(analyze(.kinesisStreamConsumer, arn: consumer, statements: consumerForLambda).status, .externalAccess)
    }

    func testConsumerSharedWithEveryoneIsPublic() {
        let everyone = consumerForLambda.replacingOccurrences(of: #"{"AWS": "arn:aws:iam::444455556666:role/lambda-execution-role"}"#, with: #""*""#)
        XCTAssertEqual(outcome(.kinesisStreamConsumer, arn: consumer, everyone), .fail)
        // The stream's own scope keeps its consumers (ResourceType.requestResources): the grant
        // on the consumer is public when the stream's policy says it, too.
        XCTAssertEqual(outcome(.kinesisStream, arn: stream, everyone), .fail)
    }

    // MARK: AWS::OpenSearchService::Domain

    let domain = "arn:aws:es:us-west-1:987654321098:domain/test-domain"

    // OpenSearch Service Developer Guide, "Identity and Access Management in Amazon OpenSearch
    // Service", resource-based policies: test-user gets es:* on the domain's subresources
    // (https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ac.html).
    let domainForTestUser = #"""
        {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::123456789012:user/test-user"]}, "Action": ["es:*"],
         "Resource": "arn:aws:es:us-west-1:987654321098:domain/test-domain/*"}
        """#

    func testDomainPolicyForAUserIsExternalNotPublic() {
        XCTAssertEqual(outcome(.openSearchDomain, arn: domain, domainForTestUser), .pass)
        let result = analyze(.openSearchDomain, arn: domain, statements: domainForTestUser, zone: .account("987654321098"),
                             configure: { $0.account = "987654321098" })
        XCTAssertEqual(result.status, .externalAccess)
        // A finding names an IAM caller by its account (docs/ANALYSIS.md, "Findings", step 3).
        XCTAssertEqual(result.externalPrincipals, ["123456789012"])
    }

    // The same page, IP-based policies: anyone from 192.0.2.0/24 — a fixed CIDR narrower than /8,
    // not public in S3's meaning.
    func testDomainPolicyForAnAddressRangeIsNotPublic() {
        let statements = #"""
            {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["es:ESHttp*"],
             "Condition": {"IpAddress": {"aws:SourceIp": ["192.0.2.0/24"]}},
             "Resource": "arn:aws:es:us-west-1:987654321098:domain/test-domain/*"}
            """#
        XCTAssertEqual(outcome(.openSearchDomain, arn: domain, statements), .pass)
    }

    // The first example with `*` as its principal: public (the subresources are in the scope).
    func testDomainPolicyForEveryoneIsPublic() {
        let everyone = domainForTestUser.replacingOccurrences(of: #"{"AWS": ["arn:aws:iam::123456789012:user/test-user"]}"#, with: #"{"AWS": "*"}"#)
        XCTAssertEqual(outcome(.openSearchDomain, arn: domain, everyone), .fail)
    }

    // MARK: AWS::CodeArtifact::Domain

    let codeArtifactDomain = "arn:aws:codeartifact:us-west-2:111122223333:domain/my_domain"

    // CodeArtifact User Guide, "Domain policies": GetAuthorizationToken for account 123456789012
    // (https://docs.aws.amazon.com/codeartifact/latest/ug/domain-policies.html).
    let tokenForAnAccount = #"""
        {"Action": ["codeartifact:GetAuthorizationToken"], "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Resource": "*"}
        """#

    func testCodeArtifactDomainForAnAccountIsExternalNotPublic() {
        XCTAssertEqual(outcome(.codeArtifactDomain, arn: codeArtifactDomain, tokenForAnAccount), .pass)
        let result = analyze(.codeArtifactDomain, arn: codeArtifactDomain, statements: tokenForAnAccount)
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertEqual(result.externalPrincipals, ["123456789012"])
    }

    // The same page, "Domain policy example with AWS Organizations": everyone of one organization,
    // pinned by aws:PrincipalOrgID, not public.
    func testCodeArtifactDomainForAnOrganizationIsNotPublic() {
        let statements = #"""
            {"Sid": "BasicDomainPolicy", "Action": ["codeartifact:GetDomainPermissionsPolicy", "codeartifact:ListRepositoriesInDomain",
             "codeartifact:GetAuthorizationToken", "codeartifact:DescribeDomain", "codeartifact:CreateRepository"],
             "Effect": "Allow", "Resource": "*", "Principal": "*",
             "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-xxxxxxxxxxx"}}}
            """#
        XCTAssertEqual(outcome(.codeArtifactDomain, arn: codeArtifactDomain, statements), .pass)
    }

    // The first example with `*`: public.
    func testCodeArtifactDomainForEveryoneIsPublic() {
        let everyone = tokenForAnAccount.replacingOccurrences(of: #"{"AWS": "arn:aws:iam::123456789012:root"}"#, with: #""*""#)
        XCTAssertEqual(outcome(.codeArtifactDomain, arn: codeArtifactDomain, everyone), .fail)
    }

    // MARK: AWS::Backup::BackupVault

    let backupVault = "arn:aws:backup:us-east-1:111122223333:backup-vault:my-vault"

    // AWS Backup Developer Guide, "Vault access policies": a policy that only denies deleting
    // recovery points grants nothing (https://docs.aws.amazon.com/aws-backup/latest/devguide/create-a-vault-access-policy.html).
    func testBackupVaultDenyOnlyPolicyIsNotPublic() {
        let statements = #"""
            {"Effect": "Deny", "Principal": "*", "Action": ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle", "backup:PutBackupVaultAccessPolicy"],
             "Resource": "*"}
            """#
        XCTAssertEqual(outcome(.backupVault, arn: backupVault, statements), .pass)
    }

    // AWS re:Post Knowledge Center, "Resolve access denied errors in AWS Backup": the destination
    // vault's policy allows CopyIntoBackupVault to the source account's root
    // (https://repost.aws/knowledge-center/backup-resolve-access-denied-error). For one account it
    // is external, not public; for `*` it is public.
    func testBackupVaultCopyInto() {
        let named = #"""
            {"Sid": "Allow account 444455556666 to copy into backup vault", "Effect": "Allow", "Action": "backup:CopyIntoBackupVault",
             "Resource": "*", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}}
            """#
        XCTAssertEqual(outcome(.backupVault, arn: backupVault, named), .pass)
        XCTAssertEqual(analyze(.backupVault, arn: backupVault, statements: named).externalPrincipals, [otherAccount])
        let everyone = named.replacingOccurrences(of: #"{"AWS": "arn:aws:iam::444455556666:root"}"#, with: #""*""#)
        XCTAssertEqual(outcome(.backupVault, arn: backupVault, everyone), .fail)
    }

    // MARK: AWS::CloudTrail::EventDataStore and AWS::CloudTrail::Dashboard

    let eventDataStore = "arn:aws:cloudtrail:us-east-1:111122223333:eventdatastore/EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE"
    let dashboard = "arn:aws:cloudtrail:us-east-1:111122223333:dashboard/exampleDash"

    // In the shape of AWS CloudTrail User Guide, "AWS CloudTrail resource-based policy examples",
    // event data stores: queries for named accounts (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/security_iam_resource-based-policy-examples.html).
    let queriesForAccounts = #"""
        {"Sid": "policy1", "Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::444455556666:root", "arn:aws:iam::123456789012:root"]},
         "Action": ["cloudtrail:StartQuery", "cloudtrail:GetEventDataStore", "cloudtrail:GetQueryResults"],
         "Resource": "arn:aws:cloudtrail:us-east-1:111122223333:eventdatastore/EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE"}
        """#

    func testEventDataStoreForAccountsIsExternalNotPublic() {
        XCTAssertEqual(outcome(.cloudTrailEventDataStore, arn: eventDataStore, queriesForAccounts), .pass)
        XCTAssertEqual(Set(analyze(.cloudTrailEventDataStore, arn: eventDataStore, statements: queriesForAccounts).externalPrincipals),
                       ["444455556666", "123456789012"])
    }

    func testEventDataStoreForEveryoneIsPublic() {
        let everyone = queriesForAccounts.replacingOccurrences(
            of: #"{"AWS": ["arn:aws:iam::444455556666:root", "arn:aws:iam::123456789012:root"]}"#, with: #""*""#)
        XCTAssertEqual(outcome(.cloudTrailEventDataStore, arn: eventDataStore, everyone), .fail)
    }

    // In the shape of the same page, dashboards: CloudTrail refreshes the dashboard, pinned to it by aws:SourceArn
    // and aws:SourceAccount — a service principal for the owner, not public; for `*`, public.
    func testDashboardRefreshPolicies() {
        let refresh = #"""
            {"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "cloudtrail:StartDashboardRefresh",
             "Resource": "arn:aws:cloudtrail:us-east-1:111122223333:dashboard/exampleDash",
             "Condition": {"StringLike": {"AWS:SourceArn": "arn:aws:cloudtrail:us-east-1:111122223333:dashboard/exampleDash",
                                          "AWS:SourceAccount": "111122223333"}}}
            """#
        XCTAssertEqual(outcome(.cloudTrailDashboard, arn: dashboard, refresh), .pass)
        XCTAssertEqual(analyze(.cloudTrailDashboard, arn: dashboard, statements: refresh).status, .noExternalAccess)
        let everyone = #"""
            {"Effect": "Allow", "Principal": "*", "Action": "cloudtrail:StartDashboardRefresh",
             "Resource": "arn:aws:cloudtrail:us-east-1:111122223333:dashboard/exampleDash"}
            """#
        XCTAssertEqual(outcome(.cloudTrailDashboard, arn: dashboard, everyone), .fail)
    }

    // MARK: AWS::S3Tables::TableBucket and AWS::S3Tables::Table

    let tableBucket = "arn:aws:s3tables:us-east-1:111122223333:bucket/amzn-s3-demo-table-bucket"
    let table = "arn:aws:s3tables:us-east-1:111122223333:bucket/amzn-s3-demo-table-bucket/table/table-id"

    // In the shape of S3 User Guide, "Resource-based policies for S3 Tables": a table bucket policy
    // giving a role read access to every table in the bucket
    // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-tables-resource-based-policies.html).
    let tableReadForRole = #"""
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/Admin"},
         "Action": ["s3tables:GetTableData", "s3tables:GetTableMetadataLocation"],
         "Resource": "arn:aws:s3tables:us-east-1:111122223333:bucket/amzn-s3-demo-table-bucket/table/*"}
        """#

    func testTableBucketPolicyForARoleIsExternalNotPublic() {
        XCTAssertEqual(outcome(.s3TablesTableBucket, arn: tableBucket, tableReadForRole), .pass)
        XCTAssertEqual(analyze(.s3TablesTableBucket, arn: tableBucket, statements: tableReadForRole).status, .externalAccess)
    }

    func testTablePoliciesForEveryoneArePublic() {
        let everyone = tableReadForRole.replacingOccurrences(of: #"{"AWS": "arn:aws:iam::444455556666:role/Admin"}"#, with: #""*""#)
        // The bucket's scope holds its tables.
        XCTAssertEqual(outcome(.s3TablesTableBucket, arn: tableBucket, everyone), .fail)
        XCTAssertEqual(outcome(.s3TablesTable, arn: table, everyone), .fail)
        XCTAssertEqual(outcome(.s3TablesTable, arn: table, tableReadForRole), .pass)
    }

    // MARK: AWS::S3Outposts::Bucket and AWS::S3Outposts::AccessPoint

    let outpostsBucket = "arn:aws:s3-outposts:us-west-2:123456789012:outpost/op-01ac5d28a6a232904/bucket/example-outposts-bucket"
    let outpostsAccessPoint = "arn:aws:s3-outposts:us-west-2:123456789012:outpost/op-01ac5d28a6a232904/accesspoint/example-access-point"

    // In the shape of S3 on Outposts User Guide, "Adding or editing a bucket policy for an Amazon S3
    // on Outposts bucket": the bucket for its own account
    // (https://docs.aws.amazon.com/AmazonS3/latest/s3-outposts/S3OutpostsBucketPolicyEdit.html).
    let outpostsReadForAccount = #"""
        {"Sid": "testBucketPolicy", "Effect": "Allow", "Principal": {"AWS": "123456789012"}, "Action": "s3-outposts:*",
         "Resource": "arn:aws:s3-outposts:us-west-2:123456789012:outpost/op-01ac5d28a6a232904/bucket/example-outposts-bucket"}
        """#

    func testOutpostsBucketPolicies() {
        XCTAssertEqual(outcome(.s3OutpostsBucket, arn: outpostsBucket, outpostsReadForAccount), .pass)
        let objects = #"""
            {"Effect": "Allow", "Principal": "*", "Action": "s3-outposts:GetObject",
             "Resource": "arn:aws:s3-outposts:us-west-2:123456789012:outpost/op-01ac5d28a6a232904/bucket/example-outposts-bucket/object/*"}
            """#
        XCTAssertEqual(outcome(.s3OutpostsBucket, arn: outpostsBucket, objects), .fail)
    }

    // S3 on Outposts access point policies, in the shape of an S3 access point's (the Outposts guide's
    // "Access points" pages):
    // for its account, not public; for `*`, public.
    func testOutpostsAccessPointPolicies() {
        let named = #"""
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:role/Reader"}, "Action": "s3-outposts:GetObject",
             "Resource": "arn:aws:s3-outposts:us-west-2:123456789012:outpost/op-01ac5d28a6a232904/accesspoint/example-access-point/object/*"}
            """#
        XCTAssertEqual(outcome(.s3OutpostsAccessPoint, arn: outpostsAccessPoint, named), .pass)
        let everyone = named.replacingOccurrences(of: #"{"AWS": "arn:aws:iam::123456789012:role/Reader"}"#, with: #""*""#)
        XCTAssertEqual(outcome(.s3OutpostsAccessPoint, arn: outpostsAccessPoint, everyone), .fail)
    }

    // MARK: AWS::ApiGateway::RestApi

    let restApi = "arn:aws:execute-api:us-east-2:123456789012:aabbccddee"

    // API Gateway Developer Guide, "API Gateway resource policy examples", "Allow roles in another
    // AWS account to use an API", in the page's abbreviated resource syntax
    // (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-examples.html).
    let rolesOfAnotherAccount = #"""
        {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::444455556666:role/developer", "arn:aws:iam::444455556666:role/Admin"]},
         "Action": "execute-api:Invoke", "Resource": ["execute-api:/stage/GET/pets"]}
        """#

    func testRestApiForRolesOfAnotherAccountIsExternalNotPublic() throws {
        XCTAssertEqual(outcome(.apiGatewayRestApi, arn: restApi, rolesOfAnotherAccount), .pass)
        XCTAssertEqual(outcome(.apiGatewayRestApi, arn: nil, rolesOfAnotherAccount), .pass)
        // `execute-api:/stage/GET/pets` is the API's own ARN once saved: the roles reach it.
        let parsed = try XCTUnwrap(policy(document(rolesOfAnotherAccount)))
        let resource = AnalyzedResource(arn: restApi, type: .apiGatewayRestApi, account: "123456789012", policy: parsed)
        let result = ExternalAccessAnalyzer.analyze(resource, zone: .account("123456789012"), options: testOptions)
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertEqual(result.externalPrincipals, [otherAccount])
        XCTAssertEqual(result.findings.first?.witness.resource, restApi + "/stage/GET/pets")
    }

    // API Gateway Developer Guide, "x-amazon-apigateway-policy": Allow everyone, Deny one address
    // block (https://docs.aws.amazon.com/apigateway/latest/developerguide/openapi-extensions-policy.html):
    // every other address reaches the API, public.
    func testRestApiDenyingOneAddressBlockIsPublic() {
        let statements = #"""
            {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": ["execute-api:/*"]},
            {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": ["execute-api:/*"],
             "Condition": {"IpAddress": {"aws:SourceIp": "192.0.2.0/24"}}}
            """#
        XCTAssertEqual(outcome(.apiGatewayRestApi, arn: restApi, statements), .fail)
        XCTAssertEqual(outcome(.apiGatewayRestApi, arn: nil, statements), .fail)
    }

    // "API Gateway resource policy examples", "Allow private API traffic based on source VPC or VPC
    // endpoint": everyone is allowed, and denied unless through one VPC endpoint — fixed by
    // aws:SourceVpce, not public.
    func testRestApiThroughOneVPCEndpointIsNotPublic() {
        let statements = #"""
            {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*",
             "Condition": {"StringNotEquals": {"aws:sourceVpce": "vpce-1a2b3c4d"}}},
            {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}
            """#
        XCTAssertEqual(outcome(.apiGatewayRestApi, arn: restApi, statements), .pass)
    }

    // Without the API's ARN, a policy that mixes the abbreviated syntax with full ARNs cannot be
    // expanded: UNPROVEN, never "no public access".
    func testRestApiShorthandWithoutTheARNIsUnproven() {
        let statements = #"""
            {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"},
            {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "arn:aws:execute-api:us-east-2:123456789012:other/*"}
            """#
        XCTAssertEqual(outcome(.apiGatewayRestApi, arn: nil, statements), .unproven)
        XCTAssertEqual(outcome(.apiGatewayRestApi, arn: restApi, statements), .fail)
    }

    // MARK: AWS::S3::MultiRegionAccessPoint (CloudFormation's name; not a CheckNoPublicAccess type)

    let multiRegionAccessPoint = "arn:aws:s3::123456789012:accesspoint/mfzwi23gnjvgw.mrap"

    // In the shape of S3 User Guide, "Multi-Region Access Point permissions": GetObject and
    // PutObject on the objects through the access point, for its account
    // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiRegionAccessPointPermissions.html);
    // for `*`, public (the objects are in the scope).
    func testMultiRegionAccessPointPolicies() {
        let named = #"""
            {"Sid": "Example", "Effect": "Allow", "Principal": {"AWS": "123456789012"}, "Action": ["s3:GetObject", "s3:PutObject"],
             "Resource": "arn:aws:s3::123456789012:accesspoint/mfzwi23gnjvgw.mrap/object/*"}
            """#
        XCTAssertEqual(outcome(.s3MultiRegionAccessPoint, arn: multiRegionAccessPoint, named), .pass)
        let everyone = named.replacingOccurrences(of: #"{"AWS": "123456789012"}"#, with: #""*""#)
        XCTAssertEqual(outcome(.s3MultiRegionAccessPoint, arn: multiRegionAccessPoint, everyone), .fail)
    }
}
