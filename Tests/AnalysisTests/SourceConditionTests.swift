import Analysis
import XCTest

/// Principal "*" restricted by the keys the issue lists, and the remaining resource types.
final class SourceConditionTests: XCTestCase {
    private func principalStar(_ type: ResourceType, arn: String, action: String, condition: String) -> ExternalAccessResult {
        analyze(type, arn: arn, statements: #"""
            {"Effect": "Allow", "Principal": "*", "Action": "\#(action)", "Resource": "\#(arn)", "Condition": \#(condition)}
            """#)
    }

    // IAM User Guide, "aws:PrincipalAccount": only the named account's principals.
    func testPrincipalAccountPinsTheCaller() {
        let ours = principalStar(.snsTopic, arn: "arn:aws:sns:us-east-2:111122223333:MyTopic", action: "sns:Publish",
                                 condition: #"{"StringEquals": {"aws:PrincipalAccount": "111122223333"}}"#)
        XCTAssertEqual(ours.status, .noExternalAccess)
        let theirs = principalStar(.snsTopic, arn: "arn:aws:sns:us-east-2:111122223333:MyTopic", action: "sns:Publish",
                                   condition: #"{"StringEquals": {"aws:PrincipalAccount": "444455556666"}}"#)
        XCTAssertEqual(theirs.externalPrincipals, [otherAccount])
    }

    // IAM User Guide, "aws:SourceAccount" / "aws:SourceArn": present only when a service calls on
    // an account's behalf, so pinning them to our account admits only services acting for us.
    func testSourceAccountAndSourceArnAdmitOnlyServicesActingForTheZone() {
        let byAccount = principalStar(.sqsQueue, arn: "arn:aws:sqs:us-east-2:111122223333:MyQueue", action: "sqs:SendMessage",
                                      condition: #"{"StringEquals": {"aws:SourceAccount": "111122223333"}}"#)
        XCTAssertEqual(byAccount.status, .noExternalAccess)
        let byArn = principalStar(.sqsQueue, arn: "arn:aws:sqs:us-east-2:111122223333:MyQueue", action: "sqs:SendMessage",
                                  condition: #"{"ArnLike": {"aws:SourceArn": "arn:aws:sns:us-east-2:111122223333:*"}}"#)
        XCTAssertEqual(byArn.status, .noExternalAccess)
        // A source ARN in another account: the service acts for that account.
        let foreign = principalStar(.sqsQueue, arn: "arn:aws:sqs:us-east-2:111122223333:MyQueue", action: "sqs:SendMessage",
                                    condition: #"{"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-2:444455556666:Their"}}"#)
        XCTAssertEqual(foreign.status, .externalAccess)
    }

    // ECR User Guide, "Private repository policy examples": pull access for another account.
    func testECRRepositoryCrossAccountPull() {
        let result = analyze(.ecrRepository, arn: "arn:aws:ecr:us-east-2:111122223333:repository/app", statements: #"""
            {"Sid": "AllowPull", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
             "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]}
            """#)
        XCTAssertEqual(result.externalPrincipals, [otherAccount])
        XCTAssertEqual(Set(result.findings.flatMap(\.actions)), ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"])
    }

    // EFS User Guide, "Resource-based policies": deny unencrypted transport, allow our role.
    func testEFSFileSystemPolicyForOwnRole() {
        let result = analyze(.efsFileSystem, arn: "arn:aws:elasticfilesystem:us-east-2:111122223333:file-system/fs-0123", statements: #"""
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/App"}, "Action": "elasticfilesystem:ClientMount"},
            {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
            """#)
        XCTAssertEqual(result.status, .noExternalAccess)
    }

    // DynamoDB Developer Guide, "Resource-based policy examples": another account reads a table
    // and its indexes.
    func testDynamoDBTableCrossAccountRead() {
        let result = analyze(.dynamoDBTable, arn: "arn:aws:dynamodb:us-east-2:111122223333:table/Orders", statements: #"""
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/Analyst"}, "Action": ["dynamodb:GetItem", "dynamodb:Query"],
             "Resource": ["arn:aws:dynamodb:us-east-2:111122223333:table/Orders", "arn:aws:dynamodb:us-east-2:111122223333:table/Orders/index/*"]}
            """#)
        XCTAssertEqual(result.externalPrincipals, [otherAccount])
    }

    // Lambda Developer Guide, "Granting layer access to all accounts": `*` is public.
    func testLambdaLayerSharedWithEveryone() {
        let result = analyze(.lambdaLayer, arn: "arn:aws:lambda:us-east-2:111122223333:layer:my-layer:1", statements: #"""
            {"Sid": "public", "Effect": "Allow", "Principal": "*", "Action": "lambda:GetLayerVersion", "Resource": "arn:aws:lambda:us-east-2:111122223333:layer:my-layer:1"}
            """#)
        XCTAssertTrue(result.isPublic)
        XCTAssertEqual(result.findings.first?.actions, ["lambda:GetLayerVersion"])
    }
}
