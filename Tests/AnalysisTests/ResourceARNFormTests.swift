import Analysis
import XCTest

/// ARN forms from the Service Authorization Reference's "Resource types defined by" tables and the
/// services' naming rules, one valid and some invalid examples per type.
final class ResourceARNFormTests: XCTestCase {
    func testDocumentedExamplesAreValidAndInferred() {
        let examples: [(String, ResourceType)] = [
            ("arn:aws:s3:::amzn-s3-demo-bucket", .s3Bucket),
            ("arn:aws:iam::111122223333:role/division_abc/subdivision_xyz/JaneRole", .iamRole),
            ("arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", .kmsKey),
            ("arn:aws:sqs:us-east-2:111122223333:MyQueue.fifo", .sqsQueue),
            ("arn:aws:lambda:us-east-2:111122223333:function:my-function:PROD", .lambdaFunction),
            ("arn:aws:lambda:us-east-2:111122223333:layer:my-layer:3", .lambdaLayer),
            ("arn:aws:secretsmanager:us-east-2:111122223333:secret:MySecret-a1b2c3", .secretsManagerSecret),
            ("arn:aws:ecr:us-east-2:111122223333:repository/team/app", .ecrRepository),
            ("arn:aws:elasticfilesystem:us-east-2:111122223333:file-system/fs-01234567", .efsFileSystem),
            ("arn:aws:dynamodb:us-east-2:111122223333:table/Books", .dynamoDBTable),
            ("arn:aws:dynamodb:us-east-2:111122223333:table/Books/stream/2026-01-01T00:00:00.000", .dynamoDBStream),
            ("arn:aws:ec2:us-east-2::snapshot/snap-0123456789abcdef0", .ebsSnapshot),
            ("arn:aws:rds:us-east-2:111122223333:snapshot:rds:mydb-2026-01-01-00-00", .rdsSnapshot),
            ("arn:aws:rds:us-east-2:111122223333:cluster-snapshot:my-cluster-snap", .rdsClusterSnapshot),
        ]
        for (arn, type) in examples {
            XCTAssertNil(ResourceARNForm.problem(arn, type: type), arn)
            XCTAssertEqual(ResourceARNForm.inferType(arn), type, arn)
        }
        // SNS topic and SQS queue ARNs differ only in their service.
        XCTAssertEqual(ResourceARNForm.inferType("arn:aws:sns:us-east-2:111122223333:MyTopic"), .snsTopic)
    }

    func testMalformedARNsAreRefused() {
        let malformed: [(String, ResourceType)] = [
            ("arn:aws:s3:::ab", .s3Bucket),                       // under 3 characters
            ("arn:aws:s3:::Amzn_Bucket", .s3Bucket),              // capitals and underscores
            ("arn:aws:s3:::bucket/key", .s3Bucket),               // an object, not a bucket
            ("arn:aws:s3:us-east-1::bucket", .s3Bucket),          // buckets have no region in their ARN
            ("arn:aws:iam::11112222333:role/r", .iamRole),        // 11 digits
            ("arn:aws:iam::111122223333:user/r", .iamRole),       // a user
            ("arn:aws:kms:us-east-2:111122223333:alias/a", .kmsKey),
            ("arn:aws:sqs:us-east-2:111122223333:queue/x", .sqsQueue),
            ("arn:aws:lambda:us-east-2:111122223333:my-function", .lambdaFunction),
            ("arn:aws:dynamodb:us-east-2:111122223333:table/Books/index/ByAuthor", .dynamoDBTable),
            ("not an arn", .s3Bucket),
        ]
        for (arn, type) in malformed { XCTAssertNotNil(ResourceARNForm.problem(arn, type: type), arn) }
        XCTAssertNil(ResourceARNForm.problem("*", type: .s3Bucket))
    }

    // The further types of CheckNoPublicAccess: the ARN examples of each service's guide (the
    // pages the tests of CheckNoPublicAccessTypeTests cite) and the reference's forms.
    func testCheckNoPublicAccessTypesAreValidAndInferred() {
        let examples: [(String, ResourceType)] = [
            ("arn:aws:s3express:us-west-2:111122223333:bucket/amzn-s3-demo-bucket--usw2-az1--x-s3", .s3ExpressDirectoryBucket),
            ("arn:aws:s3express:us-west-2:111122223333:accesspoint/my-access-point--usw2-az1--xa--s3", .s3ExpressAccessPoint),
            ("arn:aws:s3:us-west-2:123456789012:accesspoint/my-access-point", .s3AccessPoint),
            ("arn:aws:glacier:us-west-2:999999999999:vaults/examplevault", .s3GlacierVault),
            ("arn:aws:kinesis:us-east-1:111122223333:stream/my-stream", .kinesisStream),
            ("arn:aws:kinesis:us-east-1:111122223333:stream/my-stream/consumer/my-consumer:1700000000", .kinesisStreamConsumer),
            ("arn:aws:es:us-west-1:987654321098:domain/test-domain", .openSearchDomain),
            ("arn:aws:codeartifact:us-west-2:111122223333:domain/my_domain", .codeArtifactDomain),
            ("arn:aws:backup:us-east-1:111122223333:backup-vault:my-vault", .backupVault),
            ("arn:aws:cloudtrail:us-east-1:111122223333:eventdatastore/EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE", .cloudTrailEventDataStore),
            ("arn:aws:cloudtrail:us-east-1:111122223333:dashboard/exampleDash", .cloudTrailDashboard),
            ("arn:aws:s3tables:us-east-1:111122223333:bucket/amzn-s3-demo-table-bucket", .s3TablesTableBucket),
            ("arn:aws:s3tables:us-east-1:111122223333:bucket/amzn-s3-demo-table-bucket/table/table-id", .s3TablesTable),
            ("arn:aws:s3-outposts:us-west-2:123456789012:outpost/op-01ac5d28a6a232904/bucket/example-outposts-bucket", .s3OutpostsBucket),
            ("arn:aws:s3-outposts:us-west-2:123456789012:outpost/op-01ac5d28a6a232904/accesspoint/example-access-point", .s3OutpostsAccessPoint),
            ("arn:aws:execute-api:us-east-2:123456789012:aabbccddee", .apiGatewayRestApi),
            ("arn:aws:s3::123456789012:accesspoint/mfzwi23gnjvgw.mrap", .s3MultiRegionAccessPoint),
        ]
        for (arn, type) in examples {
            XCTAssertNil(ResourceARNForm.problem(arn, type: type), arn)
            XCTAssertEqual(ResourceARNForm.inferType(arn), type, arn)
        }
        // A trust policy given alone is analysed against its role's ARN, which stays an AWS::IAM::Role's.
        XCTAssertNil(ResourceARNForm.problem("arn:aws:iam::111122223333:role/Deploy", type: .iamAssumeRolePolicyDocument))
        XCTAssertEqual(ResourceARNForm.inferType("arn:aws:iam::111122223333:role/Deploy"), .iamRole)
        let malformed: [(String, ResourceType)] = [
            ("arn:aws:s3express:us-west-2:111122223333:bucket/amzn-s3-demo-bucket", .s3ExpressDirectoryBucket),   // no --x-s3 suffix
            ("arn:aws:s3express:us-west-2:111122223333:accesspoint/ap--usw2-az1--x-s3", .s3ExpressAccessPoint), // a bucket's suffix
            ("arn:aws:s3:::accesspoint/my-access-point", .s3AccessPoint),                                       // no region or account
            ("arn:aws:glacier:us-west-2:999999999999:vault/examplevault", .s3GlacierVault),                     // `vaults/`
            ("arn:aws:kinesis:us-east-1:111122223333:stream/my-stream/consumer/my-consumer", .kinesisStreamConsumer), // no timestamp
            ("arn:aws:es:us-west-1:987654321098:domain/test-domain/*", .openSearchDomain),                      // a subresource
            ("arn:aws:backup:us-east-1:111122223333:backup-vault/my-vault", .backupVault),                      // `:` after backup-vault
            ("arn:aws:s3tables:us-east-1:111122223333:bucket/b/tables/t", .s3TablesTable),
            ("arn:aws:s3-outposts:us-west-2:123456789012:outpost/op-1/bucket/b", .s3OutpostsAccessPoint),
            ("arn:aws:execute-api:us-east-2:123456789012:aabbccddee/prod/GET/pets", .apiGatewayRestApi),       // a method, not the API
            ("arn:aws:s3::123456789012:accesspoint/my-access-point", .s3MultiRegionAccessPoint),              // a name, not the .mrap alias
        ]
        for (arn, type) in malformed { XCTAssertNotNil(ResourceARNForm.problem(arn, type: type), arn) }
    }
}
