import Policy
@testable import Templates
import XCTest

/// Each kind of policy-bearing resource becomes the resource it governs, with the ARN its type's
/// documentation gives (CloudFormation's "Return values", the AWS provider's attributes) and
/// the policy read from the documented property.
final class SubjectsTests: XCTestCase {
    private let context = DeploymentContext(account: "111122223333", region: "us-east-1")
    private let policy = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}"#

    private func cloudFormation(_ resources: String) throws -> [TemplateSubject] {
        let text = "{\"Resources\": {\(resources)}}"
        let (template, diagnostics) = CloudFormationTemplate.read(bytes: Array(text.utf8), file: "t.json")
        XCTAssertEqual(diagnostics.map(\.description), [])
        return CloudFormationSubjects(template: try XCTUnwrap(template), context: context).subjects()
    }

    private func summary(_ subjects: [TemplateSubject]) -> [String] {
        subjects.map { "\($0.resourceType) \(TextPart.identity($0.arn)) \($0.policy == nil ? "no policy" : "policy")" }
    }

    func testEveryCloudFormationKindGovernsItsResource() throws {
        let p = policy
        let cases: [(String, String)] = [
            (#""Q": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "q"}}, "P": {"Type": "AWS::SQS::QueuePolicy", "Properties": {"Queues": [{"Ref": "Q"}], "PolicyDocument": \#(p)}}"#,
             "AWS::SQS::Queue arn:aws:sqs:us-east-1:111122223333:q policy"),
            (#""Q": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "q"}}, "P": {"Type": "AWS::SQS::QueueInlinePolicy", "Properties": {"Queue": {"Ref": "Q"}, "PolicyDocument": \#(p)}}"#,
             "AWS::SQS::Queue arn:aws:sqs:us-east-1:111122223333:q policy"),
            (#""T": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "t"}}, "P": {"Type": "AWS::SNS::TopicPolicy", "Properties": {"Topics": [{"Ref": "T"}], "PolicyDocument": \#(p)}}"#,
             "AWS::SNS::Topic arn:aws:sns:us-east-1:111122223333:t policy"),
            (#""T": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "t"}}, "P": {"Type": "AWS::SNS::TopicInlinePolicy", "Properties": {"TopicArn": {"Ref": "T"}, "PolicyDocument": \#(p)}}"#,
             "AWS::SNS::Topic arn:aws:sns:us-east-1:111122223333:t policy"),
            (#""S": {"Type": "AWS::SecretsManager::Secret", "Properties": {"Name": "db"}}, "P": {"Type": "AWS::SecretsManager::ResourcePolicy", "Properties": {"SecretId": {"Ref": "S"}, "ResourcePolicy": \#(p)}}"#,
             "AWS::SecretsManager::Secret arn:aws:secretsmanager:us-east-1:111122223333:secret:db-${the random suffix of S (AWS::SecretsManager::Secret), assigned at deploy time} policy"),
            (#""R": {"Type": "AWS::ECR::Repository", "Properties": {"RepositoryName": "app", "RepositoryPolicyText": \#(p)}}"#,
             "AWS::ECR::Repository arn:aws:ecr:us-east-1:111122223333:repository/app policy"),
            (#""F": {"Type": "AWS::EFS::FileSystem", "Properties": {"FileSystemPolicy": \#(p)}}"#,
             "AWS::EFS::FileSystem arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/${the file system id of F, assigned at deploy time} policy"),
            (#""D": {"Type": "AWS::DynamoDB::Table", "Properties": {"TableName": "orders", "ResourcePolicy": {"PolicyDocument": \#(p)}}}"#,
             "AWS::DynamoDB::Table arn:aws:dynamodb:us-east-1:111122223333:table/orders policy"),
            (#""K": {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": \#(p)}}"#,
             "AWS::KMS::Key arn:aws:kms:us-east-1:111122223333:key/${the key id of K (AWS::KMS::Key), assigned at deploy time} policy"),
            (#""R": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "r", "Path": "/svc/", "AssumeRolePolicyDocument": \#(p)}}"#,
             "AWS::IAM::Role arn:aws:iam::111122223333:role/svc/r policy"),
            (#""O": {"Type": "AWS::OpenSearchService::Domain", "Properties": {"DomainName": "search", "AccessPolicies": \#(p)}}"#,
             "AWS::OpenSearchService::Domain arn:aws:es:us-east-1:111122223333:domain/search policy"),
            (#""A": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "api", "Policy": \#(p)}}"#,
             "AWS::ApiGateway::RestApi arn:aws:execute-api:us-east-1:111122223333:${the id of A (AWS::ApiGateway::RestApi), assigned at deploy time} policy"),
            (#""V": {"Type": "AWS::Backup::BackupVault", "Properties": {"BackupVaultName": "vault", "AccessPolicy": \#(p)}}"#,
             "AWS::Backup::BackupVault arn:aws:backup:us-east-1:111122223333:backup-vault:vault policy"),
            (#""C": {"Type": "AWS::CodeArtifact::Domain", "Properties": {"DomainName": "pkgs", "PermissionsPolicyDocument": \#(p)}}"#,
             "AWS::CodeArtifact::Domain arn:aws:codeartifact:us-east-1:111122223333:domain/pkgs policy"),
            (#""B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "b"}}, "P": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": {"Ref": "B"}, "PolicyDocument": \#(p)}}"#,
             "AWS::S3::Bucket arn:aws:s3:::b policy"),
        ]
        for (resources, expected) in cases {
            XCTAssertEqual(summary(try cloudFormation(resources)), [expected], resources)
        }
    }

    /// Two permissions of one function are two statements of one policy; a `Condition: false`
    /// resource is not created and not judged.
    func testLambdaPermissionsMakeOnePolicyPerFunctionAndFalseConditionsAreSkipped() throws {
        let text = #"""
            {"Conditions": {"Never": {"Fn::Equals": ["a", "b"]}},
             "Resources": {
              "F": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": "f"}},
              "P1": {"Type": "AWS::Lambda::Permission", "Properties": {"FunctionName": {"Ref": "F"}, "Action": "lambda:InvokeFunction", "Principal": "s3.amazonaws.com", "SourceAccount": "111122223333"}},
              "P2": {"Type": "AWS::Lambda::Permission", "Properties": {"FunctionName": {"Fn::GetAtt": ["F", "Arn"]}, "Action": "lambda:InvokeFunction", "Principal": "444455556666"}},
              "P3": {"Type": "AWS::Lambda::Permission", "Condition": "Never", "Properties": {"FunctionName": "f", "Action": "lambda:InvokeFunction", "Principal": "*"}}}}
            """#
        let (template, _) = CloudFormationTemplate.read(bytes: Array(text.utf8), file: "t.json")
        let subjects = CloudFormationSubjects(template: try XCTUnwrap(template), context: context).subjects()
        XCTAssertEqual(subjects.count, 1)
        XCTAssertEqual(TextPart.identity(try XCTUnwrap(subjects.first).arn), "arn:aws:lambda:us-east-1:111122223333:function:f")
        let statements = try XCTUnwrap(subjects.first?.policy?.member("Statement")?.elements)
        XCTAssertEqual(statements.compactMap { $0.member("Sid")?.stringValue }, ["P1", "P2"])
        // AddPermission's shapes: a service principal, an account id; SourceAccount as AWS:SourceAccount.
        XCTAssertEqual(statements[0].member("Principal")?.member("Service")?.stringValue, "s3.amazonaws.com")
        XCTAssertEqual(statements[1].member("Principal")?.member("AWS")?.stringValue, "444455556666")
        XCTAssertEqual(statements[0].member("Condition")?.member("StringEquals")?.member("AWS:SourceAccount")?.stringValue, "111122223333")
        XCTAssertEqual(subjects.first?.statementPaths?.map(\.description), ["$.Resources.P1.Properties", "$.Resources.P2.Properties"])
    }

    func testEveryTerraformKindGovernsItsResource() throws {
        let p = policy.replacingOccurrences(of: "\"", with: "\\\"")
        func plan(_ type: String, _ values: String, unknown: String = "{}") -> String {
            #"{"address": "\#(type).x", "mode": "managed", "type": "\#(type)", "name": "x", "change": {"actions": ["create"], "after": \#(values), "after_unknown": \#(unknown)}}"#
        }
        let cases: [(String, String)] = [
            (plan("aws_s3_bucket_policy", #"{"bucket": "b", "policy": "\#(p)"}"#), "AWS::S3::Bucket arn:aws:s3:::b policy"),
            (plan("aws_s3_bucket", #"{"bucket": "b", "policy": "\#(p)"}"#), "AWS::S3::Bucket arn:aws:s3:::b policy"),
            (plan("aws_iam_role", #"{"name": "r", "path": "/", "assume_role_policy": "\#(p)"}"#), "AWS::IAM::Role arn:aws:iam::111122223333:role/r policy"),
            (plan("aws_kms_key", #"{"policy": "\#(p)"}"#, unknown: #"{"key_id": true}"#),
             "AWS::KMS::Key arn:aws:kms:us-east-1:111122223333:key/${aws_kms_key.x.key_id (known after apply)} policy"),
            (plan("aws_kms_key_policy", #"{"key_id": "1234abcd-12ab-34cd-56ef-1234567890ab", "policy": "\#(p)"}"#),
             "AWS::KMS::Key arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab policy"),
            (plan("aws_sqs_queue", #"{"name": "q", "policy": "\#(p)"}"#), "AWS::SQS::Queue arn:aws:sqs:us-east-1:111122223333:q policy"),
            (plan("aws_sqs_queue_policy", #"{"queue_url": "https://sqs.eu-west-1.amazonaws.com/111122223333/q", "policy": "\#(p)"}"#),
             "AWS::SQS::Queue arn:aws:sqs:eu-west-1:111122223333:q policy"),
            (plan("aws_sns_topic", #"{"name": "t", "policy": "\#(p)"}"#), "AWS::SNS::Topic arn:aws:sns:us-east-1:111122223333:t policy"),
            (plan("aws_sns_topic_policy", #"{"arn": "arn:aws:sns:us-east-1:111122223333:t", "policy": "\#(p)"}"#),
             "AWS::SNS::Topic arn:aws:sns:us-east-1:111122223333:t policy"),
            (plan("aws_secretsmanager_secret_policy", #"{"secret_arn": "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf", "policy": "\#(p)"}"#),
             "AWS::SecretsManager::Secret arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf policy"),
            (plan("aws_ecr_repository_policy", #"{"repository": "app", "policy": "\#(p)"}"#), "AWS::ECR::Repository arn:aws:ecr:us-east-1:111122223333:repository/app policy"),
            (plan("aws_efs_file_system_policy", #"{"file_system_id": "fs-0123", "policy": "\#(p)"}"#),
             "AWS::EFS::FileSystem arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0123 policy"),
            (plan("aws_dynamodb_resource_policy", #"{"resource_arn": "arn:aws:dynamodb:us-east-1:111122223333:table/t", "policy": "\#(p)"}"#),
             "AWS::DynamoDB::Table arn:aws:dynamodb:us-east-1:111122223333:table/t policy"),
        ]
        for (change, expected) in cases {
            let text = #"{"format_version": "1.2", "resource_changes": [\#(change)]}"#
            let root = try JSONParser.parse(text)
            XCTAssertTrue(TerraformPlan.isPlan(root))
            let (plan, diagnostics) = TerraformPlan.read(root, file: "plan.json")
            XCTAssertEqual(diagnostics.map(\.description), [])
            XCTAssertEqual(summary(TerraformSubjects(plan: try XCTUnwrap(plan), context: context).subjects()), [expected], change)
        }
    }

    /// A resource the plan deletes has no access after apply; a data source is not a resource.
    func testDeletedResourcesAndDataSourcesAreNotJudged() throws {
        let p = policy.replacingOccurrences(of: "\"", with: "\\\"")
        let text = #"""
            {"format_version": "1.2", "resource_changes": [
              {"address": "aws_s3_bucket_policy.gone", "mode": "managed", "type": "aws_s3_bucket_policy", "name": "gone", "change": {"actions": ["delete"], "before": {"bucket": "b", "policy": "\#(p)"}, "after": null}},
              {"address": "data.aws_iam_policy_document.d", "mode": "data", "type": "aws_iam_policy_document", "name": "d", "change": {"actions": ["read"], "after": {"json": "\#(p)"}}}]}
            """#
        let (plan, diagnostics) = TerraformPlan.read(try JSONParser.parse(text), file: "plan.json")
        XCTAssertEqual(diagnostics.map(\.description), [])
        XCTAssertEqual(plan?.resources.count, 0)
    }
}
