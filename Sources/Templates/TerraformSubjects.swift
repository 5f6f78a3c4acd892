import Environment
import Policy

/// The resources of a Terraform plan whose access Rampart judges, with the policy of each, from
/// the AWS provider's resource documentation (https://registry.terraform.io/providers/hashicorp/aws/latest/docs):
///
/// - `aws_s3_bucket_policy` (`bucket`, `policy`) → the bucket; `aws_s3_bucket_public_access_block`
///   of the same bucket gives its Block Public Access settings.
/// - `aws_iam_role` (`name`, `path`, `assume_role_policy`) → the role.
/// - `aws_kms_key` (`policy`), `aws_kms_key_policy` (`key_id`, `policy`) → the key.
/// - `aws_sqs_queue` (`name`, `policy`), `aws_sqs_queue_policy` (`queue_url`, `policy`) → the queue.
/// - `aws_sns_topic` (`name`, `policy`), `aws_sns_topic_policy` (`arn`, `policy`) → the topic.
/// - `aws_lambda_permission` → one statement of the function's policy each (`LambdaPermissionStatement`).
/// - `aws_s3_bucket` and `aws_secretsmanager_secret` with their own (deprecated) `policy`;
///   `aws_efs_file_system_policy` (`file_system_id`, `policy`).
/// - `aws_secretsmanager_secret_policy` (`secret_arn`, `policy`), `aws_ecr_repository_policy`
///   (`repository`, `policy`), `aws_dynamodb_resource_policy` (`resource_arn`, `policy`).
///
/// Policies are JSON strings here; a policy known only after apply leaves its resource UNPROVEN.
public struct TerraformSubjects {
    public let plan: TerraformPlan
    public let context: DeploymentContext

    public init(plan: TerraformPlan, context: DeploymentContext) {
        self.plan = plan
        self.context = context
    }

    var account: TextPart {
        context.account.map(TextPart.literal) ?? .unknown(UnknownValue("the account (give it with --account)", at: .start))
    }

    private func region(_ resource: TerraformPlan.Resource) -> TextPart {
        if let region = resource.value("region")?.stringValue { return .literal(region) }
        return context.region.map(TextPart.literal) ?? .unknown(UnknownValue("the provider's region (give it with --region)", at: .start))
    }

    private func parts(_ value: TemplateValue?, _ resource: TerraformPlan.Resource, _ attribute: String) -> [TextPart] {
        value?.textParts ?? [.unknown(UnknownValue("\(resource.address).\(attribute) (known after apply)", at: resource.position))]
    }

    /// The resource types whose policies are judged (the cases of `subjects()`).
    static let judgedTypes: Set<String> = [
        "aws_s3_bucket_policy", "aws_s3_bucket", "aws_secretsmanager_secret", "aws_efs_file_system_policy", "aws_iam_role", "aws_kms_key",
        "aws_kms_key_policy", "aws_sqs_queue", "aws_sqs_queue_policy", "aws_sns_topic", "aws_sns_topic_policy",
        "aws_secretsmanager_secret_policy", "aws_ecr_repository_policy", "aws_dynamodb_resource_policy", "aws_lambda_permission",
    ]

    /// Policy documents of other resources (types without rules here): warnings. SCPs, RCPs and
    /// identity policies are read by `attachedPolicies()`.
    public var uncheckedPolicies: [TemplateDiagnostic] {
        plan.resources.filter { !Self.judgedTypes.contains($0.type) && !Self.attachedPolicyTypes.contains($0.type) }.flatMap { resource in
            UncheckedPolicies.warnings(in: resource.values, path: resource.path, file: plan.file, owner: resource.address, type: resource.type)
        }
    }

    public func subjects() -> [TemplateSubject] {
        var subjects: [TemplateSubject] = []
        var lambda = LambdaFunctionPolicies()
        for resource in plan.resources {
            func subject(_ type: String, arn: [TextPart], policyKey: String = "policy") -> TemplateSubject? {
                guard let policy = resource.value(policyKey), !(policy.kind.isNull) else { return nil }
                return TemplateSubject(file: plan.file, name: resource.address, resourceType: type, arn: arn, policy: policy,
                                       policyPath: resource.path.appending(policyKey), position: resource.position)
            }
            let region = self.region(resource)
            switch resource.type {
            case "aws_s3_bucket_policy":
                let bucket = resource.value("bucket")
                if var found = subject("AWS::S3::Bucket", arn: [.literal("arn:aws:s3:::")] + parts(bucket, resource, "bucket")) {
                    found.blockPublicAccess = blockPublicAccess(of: bucket)
                    subjects.append(found)
                }
            case "aws_s3_bucket":
                // The bucket's own (deprecated) `policy` argument.
                let bucket = resource.value("bucket")
                if var found = subject("AWS::S3::Bucket", arn: [.literal("arn:aws:s3:::")] + parts(bucket, resource, "bucket")) {
                    found.blockPublicAccess = blockPublicAccess(of: bucket)
                    subjects.append(found)
                }
            case "aws_secretsmanager_secret":
                if let found = subject("AWS::SecretsManager::Secret", arn: parts(resource.value("arn"), resource, "arn")) { subjects.append(found) }
            case "aws_efs_file_system_policy":
                let id = parts(resource.value("file_system_id"), resource, "file_system_id")
                let arn = [.literal("arn:aws:elasticfilesystem:"), region, .literal(":"), account, .literal(":file-system/")] + id
                if let found = subject("AWS::EFS::FileSystem", arn: arn) { subjects.append(found) }
            case "aws_iam_role":
                let path = resource.value("path")?.textParts ?? [.literal("/")]
                let arn = resource.value("arn")?.stringValue.map { [TextPart.literal($0)] }
                    ?? [.literal("arn:aws:iam::"), account, .literal(":role")] + path + parts(resource.value("name"), resource, "name")
                if let found = subject("AWS::IAM::Role", arn: arn, policyKey: "assume_role_policy") { subjects.append(found) }
            case "aws_kms_key", "aws_kms_key_policy":
                let id = resource.value("key_id")
                let arn: [TextPart]
                if let text = id?.stringValue, text.hasPrefix("arn:") { arn = [.literal(text)] }
                else { arn = [.literal("arn:aws:kms:"), region, .literal(":"), account, .literal(":key/")] + parts(id, resource, "key_id") }
                if let found = subject("AWS::KMS::Key", arn: arn) { subjects.append(found) }
            case "aws_sqs_queue":
                let arn = [.literal("arn:aws:sqs:"), region, .literal(":"), account, .literal(":")] + parts(resource.value("name"), resource, "name")
                if let found = subject("AWS::SQS::Queue", arn: arn) { subjects.append(found) }
            case "aws_sqs_queue_policy":
                let url = parts(resource.value("queue_url"), resource, "queue_url")
                if let found = subject("AWS::SQS::Queue", arn: QueueURL.arn(fromURL: url, region: region, account: account)) { subjects.append(found) }
            case "aws_sns_topic":
                let arn = [.literal("arn:aws:sns:"), region, .literal(":"), account, .literal(":")] + parts(resource.value("name"), resource, "name")
                if let found = subject("AWS::SNS::Topic", arn: arn) { subjects.append(found) }
            case "aws_sns_topic_policy":
                if let found = subject("AWS::SNS::Topic", arn: parts(resource.value("arn"), resource, "arn")) { subjects.append(found) }
            case "aws_secretsmanager_secret_policy":
                if let found = subject("AWS::SecretsManager::Secret", arn: parts(resource.value("secret_arn"), resource, "secret_arn")) { subjects.append(found) }
            case "aws_ecr_repository_policy":
                let arn = [.literal("arn:aws:ecr:"), region, .literal(":"), account, .literal(":repository/")]
                    + parts(resource.value("repository"), resource, "repository")
                if let found = subject("AWS::ECR::Repository", arn: arn) { subjects.append(found) }
            case "aws_dynamodb_resource_policy":
                if let found = subject("AWS::DynamoDB::Table", arn: parts(resource.value("resource_arn"), resource, "resource_arn")) { subjects.append(found) }
            case "aws_lambda_permission":
                let name = parts(resource.value("function_name"), resource, "function_name")
                let arn: [TextPart]
                if case .literal(let text)? = name.first, text.hasPrefix("arn:") { arn = name }
                else { arn = [.literal("arn:aws:lambda:"), region, .literal(":"), account, .literal(":function:")] + name }
                let names = ["Principal": "principal", "Action": "action", "SourceArn": "source_arn", "SourceAccount": "source_account",
                             "PrincipalOrgID": "principal_org_id", "FunctionUrlAuthType": "function_url_auth_type",
                             "EventSourceToken": "event_source_token"]
                let statement = LambdaPermissionStatement.statement(logicalID: resource.address, functionARN: arn, property: { property in
                    names[property].flatMap { resource.value($0) }.flatMap { $0.kind.isNull ? nil : $0 }
                }, at: resource.position)
                lambda.add(statement, function: arn, path: resource.path, at: resource.position)
            default:
                continue
            }
        }
        subjects += lambda.subjects(file: plan.file)
        return subjects
    }

    /// The plan's `aws_s3_bucket_public_access_block` for that bucket, if any. A setting known
    /// only after apply counts as off: more access, never less.
    private func blockPublicAccess(of bucket: TemplateValue?) -> PublicAccessBlockSettings? {
        guard let name = bucket?.textParts.map(TextPart.identity) else { return nil }
        for resource in plan.resources where resource.type == "aws_s3_bucket_public_access_block" {
            guard resource.value("bucket")?.textParts.map(TextPart.identity) == name else { continue }
            func flag(_ key: String) -> Bool {
                if case .bool(let value)? = resource.value(key)?.kind { return value }
                return false
            }
            return PublicAccessBlockSettings(blockPublicAcls: flag("block_public_acls"), ignorePublicAcls: flag("ignore_public_acls"),
                                             blockPublicPolicy: flag("block_public_policy"), restrictPublicBuckets: flag("restrict_public_buckets"))
        }
        return nil
    }
}

extension TemplateValue.Kind {
    var isNull: Bool { if case .null = self { return true } else { return false } }
}
