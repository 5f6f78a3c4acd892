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
}
