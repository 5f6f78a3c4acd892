import Environment
import Policy

/// The resources of a CloudFormation template whose access Rampart judges, with the policy of
/// each, from the template reference's property of each type
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html):
///
/// - `AWS::S3::BucketPolicy` (`Bucket`, `PolicyDocument`) → the bucket; the bucket's own
///   `PublicAccessBlockConfiguration` when the bucket is in the template.
/// - `AWS::IAM::Role` (`AssumeRolePolicyDocument`) → the role.
/// - `AWS::KMS::Key` (`KeyPolicy`) → the key.
/// - `AWS::SQS::QueuePolicy` (`Queues`, `PolicyDocument`), `AWS::SQS::QueueInlinePolicy` (`Queue`) → each queue.
/// - `AWS::SNS::TopicPolicy` (`Topics`, `PolicyDocument`), `AWS::SNS::TopicInlinePolicy` (`TopicArn`) → each topic.
/// - `AWS::Lambda::Permission` → one statement of the function's policy each (`LambdaPermissionStatement`).
/// - `AWS::SecretsManager::ResourcePolicy` (`SecretId`, `ResourcePolicy`) → the secret.
/// - `AWS::ECR::Repository` (`RepositoryPolicyText`) → the repository.
/// - `AWS::EFS::FileSystem` (`FileSystemPolicy`), `AWS::DynamoDB::Table` (`ResourcePolicy.PolicyDocument`).
/// - `AWS::OpenSearchService::Domain` (`AccessPolicies`), `AWS::ApiGateway::RestApi` (`Policy`),
///   `AWS::Backup::BackupVault` (`AccessPolicy`), `AWS::CodeArtifact::Domain` (`PermissionsPolicyDocument`).
public struct CloudFormationSubjects {
    public let template: CloudFormationTemplate
    public let resolver: IntrinsicResolver

    public init(template: CloudFormationTemplate, context: DeploymentContext) {
        self.template = template
        self.resolver = IntrinsicResolver(template: template, context: context)
    }

    public var diagnostics: [TemplateDiagnostic] { resolver.diagnostics }

    /// The resource types whose policies are judged (the cases of `subjects()`); for
    /// `AWS::IAM::Role`, only its trust policy (its inline policies are identity policies).
    static let judgedTypes: Set<String> = [
        "AWS::S3::BucketPolicy", "AWS::KMS::Key", "AWS::ECR::Repository", "AWS::EFS::FileSystem", "AWS::DynamoDB::Table",
        "AWS::SQS::QueuePolicy", "AWS::SQS::QueueInlinePolicy", "AWS::SNS::TopicPolicy", "AWS::SNS::TopicInlinePolicy",
        "AWS::SecretsManager::ResourcePolicy", "AWS::Lambda::Permission", "AWS::OpenSearchService::Domain", "AWS::ApiGateway::RestApi",
        "AWS::Backup::BackupVault", "AWS::CodeArtifact::Domain",
    ]

    /// Policy documents of other resources (types without rules here): warnings, so that nothing
    /// is skipped silently. SCPs, RCPs and identity policies are read by `attachedPolicies()`.
    public func uncheckedPolicies() -> [TemplateDiagnostic] {
        template.resources.filter { !Self.judgedTypes.contains($0.type) && !Self.attachedPolicyTypes.contains($0.type) }.flatMap { resource -> [TemplateDiagnostic] in
            guard var properties = resource.properties else { return [] }
            let path = resource.path.appending("Properties")
            // A role's trust policy is judged, its inline policies validated (`attachedPolicies()`).
            if resource.type == "AWS::IAM::Role", case .object(let members) = properties.kind {
                properties = JSONValue(.object(members.filter { !["AssumeRolePolicyDocument", "Policies"].contains($0.key) }), at: properties.position)
            }
            guard let values = resolver.resolveValue(properties, path: path) else { return [] }
            return UncheckedPolicies.warnings(in: values, path: path, file: template.file, owner: resource.logicalID, type: resource.type)
        }
    }

    func property(_ resource: CloudFormationTemplate.Resource, _ key: String) -> (TemplateValue, JSONPath)? {
        let path = resource.path.appending("Properties").appending(key)
        guard let value = resource.properties?.members?.first(where: { $0.key == key })?.value,
              let resolved = resolver.resolveValue(value, path: path) else { return nil }
        return (resolved, path)
    }

    var account: TextPart {
        resolver.context.account.map(TextPart.literal) ?? .unknown(UnknownValue("AWS::AccountId (give it with --account)", at: .start))
    }

    private var region: TextPart {
        resolver.context.region.map(TextPart.literal) ?? .unknown(UnknownValue("AWS::Region (give it with --region)", at: .start))
    }

    private func generatedName(_ resource: CloudFormationTemplate.Resource) -> TextPart {
        .unknown(UnknownValue("the name CloudFormation generates for \(resource.logicalID) (\(resource.type)) at deploy time", at: resource.position))
    }

    /// Whether the resource is created: nil when unconditional or its condition is true, the
    /// unknown when its condition is unknown; false resources are skipped.
    func creation(_ resource: CloudFormationTemplate.Resource) -> (created: Bool, unknown: UnknownValue?) {
        guard let condition = resource.condition else { return (true, nil) }
        switch resolver.evaluateCondition(condition, path: resource.path.appending("Condition"), at: resource.position) {
        case true?: return (true, nil)
        case false?: return (false, nil)
        case nil: return (true, UnknownValue("condition \(condition), on which \(resource.logicalID) is created", at: resource.position))
        }
    }

    public func subjects() -> [TemplateSubject] {
        var subjects: [TemplateSubject] = []
        var lambda = LambdaFunctionPolicies()
        for resource in template.resources {
            let (created, conditional) = creation(resource)
            guard created else { continue }
            func subject(_ type: String, arn: [TextPart], policyKey: String) -> TemplateSubject? {
                guard let (policy, path) = property(resource, policyKey) else { return nil }
                return TemplateSubject(file: template.file, name: resource.logicalID, resourceType: type, arn: arn, policy: policy,
                                       policyPath: path, position: resource.position, conditional: conditional)
            }
            let reference = ResourceReferences(template: template, context: resolver.context) { target, key in
                guard let value = target.properties?.members?.first(where: { $0.key == key })?.value else { return nil }
                return resolver.resolveValue(value, path: target.path.appending("Properties").appending(key))
            }
            switch resource.type {
            case "AWS::S3::BucketPolicy":
                guard let (bucket, _) = property(resource, "Bucket"), let name = bucket.textParts else { continue }
                if var found = subject("AWS::S3::Bucket", arn: [.literal("arn:aws:s3:::")] + name, policyKey: "PolicyDocument") {
                    found.blockPublicAccess = blockPublicAccess(ofBucketNamed: bucket)
                    subjects.append(found)
                }
            case "AWS::IAM::Role":
                let arn = reference.attribute(resource, "Arn", at: resource.position).textParts ?? []
                if let found = subject("AWS::IAM::Role", arn: arn, policyKey: "AssumeRolePolicyDocument") { subjects.append(found) }
            case "AWS::KMS::Key":
                let arn = reference.attribute(resource, "Arn", at: resource.position).textParts ?? []
                if let found = subject("AWS::KMS::Key", arn: arn, policyKey: "KeyPolicy") { subjects.append(found) }
            case "AWS::ECR::Repository":
                let arn = reference.attribute(resource, "Arn", at: resource.position).textParts ?? []
                if let found = subject("AWS::ECR::Repository", arn: arn, policyKey: "RepositoryPolicyText") { subjects.append(found) }
            case "AWS::EFS::FileSystem":
                let arn: [TextPart] = [.literal("arn:aws:elasticfilesystem:"), region, .literal(":"), account, .literal(":file-system/"),
                                       .unknown(UnknownValue("the file system id of \(resource.logicalID), assigned at deploy time", at: resource.position))]
                if let found = subject("AWS::EFS::FileSystem", arn: arn, policyKey: "FileSystemPolicy") { subjects.append(found) }
            case "AWS::DynamoDB::Table":
                guard let (settings, path) = property(resource, "ResourcePolicy"), let document = settings.member("PolicyDocument") else { continue }
                let nameParts = property(resource, "TableName")?.0.textParts
                    ?? [.unknown(UnknownValue("the name CloudFormation generates for \(resource.logicalID) (\(resource.type)) at deploy time", at: resource.position))]
                subjects.append(TemplateSubject(file: template.file, name: resource.logicalID, resourceType: "AWS::DynamoDB::Table",
                                                arn: [.literal("arn:aws:dynamodb:"), region, .literal(":"), account, .literal(":table/")] + nameParts,
                                                policy: document, policyPath: path.appending("PolicyDocument"), position: resource.position,
                                                conditional: conditional))
            case "AWS::OpenSearchService::Domain":
                let name = property(resource, "DomainName")?.0.textParts ?? [generatedName(resource)]
                let arn = [.literal("arn:aws:es:"), region, .literal(":"), account, .literal(":domain/")] + name
                if let found = subject("AWS::OpenSearchService::Domain", arn: arn, policyKey: "AccessPolicies") { subjects.append(found) }
            case "AWS::ApiGateway::RestApi":
                let arn: [TextPart] = [.literal("arn:aws:execute-api:"), region, .literal(":"), account, .literal(":"),
                                       .unknown(UnknownValue("the id of \(resource.logicalID) (AWS::ApiGateway::RestApi), assigned at deploy time", at: resource.position))]
                if let found = subject("AWS::ApiGateway::RestApi", arn: arn, policyKey: "Policy") { subjects.append(found) }
            case "AWS::Backup::BackupVault":
                let name = property(resource, "BackupVaultName")?.0.textParts ?? [generatedName(resource)]
                let arn = [.literal("arn:aws:backup:"), region, .literal(":"), account, .literal(":backup-vault:")] + name
                if let found = subject("AWS::Backup::BackupVault", arn: arn, policyKey: "AccessPolicy") { subjects.append(found) }
            case "AWS::CodeArtifact::Domain":
                let name = property(resource, "DomainName")?.0.textParts ?? [generatedName(resource)]
                let arn = [.literal("arn:aws:codeartifact:"), region, .literal(":"), account, .literal(":domain/")] + name
                if let found = subject("AWS::CodeArtifact::Domain", arn: arn, policyKey: "PermissionsPolicyDocument") { subjects.append(found) }
            case "AWS::SQS::QueuePolicy", "AWS::SQS::QueueInlinePolicy":
                let key = resource.type == "AWS::SQS::QueuePolicy" ? "Queues" : "Queue"
                guard let (queues, _) = property(resource, key) else { continue }
                for queue in queues.elements ?? [queues] {
                    guard let url = queue.textParts,
                          let found = subject("AWS::SQS::Queue", arn: QueueURL.arn(fromURL: url, region: region, account: account), policyKey: "PolicyDocument") else { continue }
                    subjects.append(found)
                }
            case "AWS::SNS::TopicPolicy", "AWS::SNS::TopicInlinePolicy":
                let key = resource.type == "AWS::SNS::TopicPolicy" ? "Topics" : "TopicArn"
                guard let (topics, _) = property(resource, key) else { continue }
                for topic in topics.elements ?? [topics] {
                    guard let arn = topic.textParts, let found = subject("AWS::SNS::Topic", arn: arn, policyKey: "PolicyDocument") else { continue }
                    subjects.append(found)
                }
            case "AWS::SecretsManager::ResourcePolicy":
                guard let (secret, _) = property(resource, "SecretId"), let arn = secret.textParts,
                      let found = subject("AWS::SecretsManager::Secret", arn: arn, policyKey: "ResourcePolicy") else { continue }
                subjects.append(found)
            case "AWS::Lambda::Permission":
                guard let (function, _) = property(resource, "FunctionName"), let nameOrARN = function.textParts else { continue }
                let arn = functionARN(nameOrARN)
                let statement = LambdaPermissionStatement.statement(logicalID: resource.logicalID, functionARN: arn,
                                                                   property: { property(resource, $0)?.0 }, at: resource.position)
                lambda.add(statement, function: arn, path: resource.path.appending("Properties"), at: resource.position)
            default:
                continue
            }
        }
        subjects += lambda.subjects(file: template.file)
        return subjects
    }

    /// A Lambda function's ARN from the `FunctionName` of a permission: a name, a full ARN or a
    /// partial ARN (`ACCOUNT:function:NAME`), as `AWS::Lambda::Permission` takes it.
    private func functionARN(_ nameOrARN: [TextPart]) -> [TextPart] {
        if case .literal(let text)? = nameOrARN.first {
            if text.hasPrefix("arn:") { return nameOrARN }
            if text.contains(":function:") { return [.literal("arn:aws:lambda:"), region, .literal(":")] + nameOrARN }
        }
        return [.literal("arn:aws:lambda:"), region, .literal(":"), account, .literal(":function:")] + nameOrARN
    }

    /// The `PublicAccessBlockConfiguration` of the template's bucket of that name, if any.
    private func blockPublicAccess(ofBucketNamed name: TemplateValue) -> PublicAccessBlockSettings? {
        for resource in template.resources where resource.type == "AWS::S3::Bucket" {
            let reference = ResourceReferences(template: template, context: resolver.context) { target, key in
                guard let value = target.properties?.members?.first(where: { $0.key == key })?.value else { return nil }
                return resolver.resolveValue(value, path: target.path.appending("Properties").appending(key))
            }
            guard let parts = reference.ref(resource, at: resource.position).textParts, let named = name.textParts,
                  TextPart.identity(parts) == TextPart.identity(named),
                  let (configuration, _) = property(resource, "PublicAccessBlockConfiguration") else { continue }
            // A setting whose value is unknown counts as off: more access, never less.
            func flag(_ key: String) -> Bool {
                if case .bool(let value)? = configuration.member(key)?.kind { return value }
                return configuration.member(key)?.stringValue?.lowercased() == "true"
            }
            return PublicAccessBlockSettings(blockPublicAcls: flag("BlockPublicAcls"), ignorePublicAcls: flag("IgnorePublicAcls"),
                                             blockPublicPolicy: flag("BlockPublicPolicy"), restrictPublicBuckets: flag("RestrictPublicBuckets"))
        }
        return nil
    }
}
