import Authorizer
import Policy

/// The resource types Rampart analyses, named as AWS CloudFormation and Access Analyzer name them.
public enum ResourceType: String, Sendable, Hashable, CaseIterable, Codable {
    case s3Bucket = "AWS::S3::Bucket"
    case iamRole = "AWS::IAM::Role"
    case kmsKey = "AWS::KMS::Key"
    case sqsQueue = "AWS::SQS::Queue"
    case snsTopic = "AWS::SNS::Topic"
    case lambdaFunction = "AWS::Lambda::Function"
    case lambdaLayer = "AWS::Lambda::LayerVersion"
    case secretsManagerSecret = "AWS::SecretsManager::Secret"
    case ecrRepository = "AWS::ECR::Repository"
    case efsFileSystem = "AWS::EFS::FileSystem"
    case dynamoDBTable = "AWS::DynamoDB::Table"
    case dynamoDBStream = "AWS::DynamoDB::Stream"
    case ebsSnapshot = "AWS::EC2::Snapshot"
    case rdsSnapshot = "AWS::RDS::DBSnapshot"
    case rdsClusterSnapshot = "AWS::RDS::DBClusterSnapshot"

    /// Service prefixes of the actions that can act on this type: a witness's action is drawn
    /// from these (an `Action: "*"` in a bucket policy grants only `s3:` actions on the bucket).
    public var servicePrefixes: [String] {
        switch self {
        case .s3Bucket: return ["s3"]
        case .iamRole: return ["sts"]
        case .kmsKey: return ["kms"]
        case .sqsQueue: return ["sqs"]
        case .snsTopic: return ["sns"]
        case .lambdaFunction, .lambdaLayer: return ["lambda"]
        case .secretsManagerSecret: return ["secretsmanager"]
        case .ecrRepository: return ["ecr"]
        case .efsFileSystem: return ["elasticfilesystem"]
        case .dynamoDBTable, .dynamoDBStream: return ["dynamodb"]
        case .ebsSnapshot: return ["ec2"]
        case .rdsSnapshot, .rdsClusterSnapshot: return ["rds"]
        }
    }

    /// How the resource policy is read: role trust policies and KMS key policies must allow
    /// explicitly, even within the account (IAM User Guide, "Policy evaluation logic"; AWS KMS
    /// Developer Guide, "Key policies").
    public var policyKind: ResourcePolicyKind {
        switch self {
        case .iamRole: return .roleTrust
        case .kmsKey: return .kmsKey
        default: return .standard
        }
    }

    /// The policy type its policy document has.
    public var policyType: PolicyType { self == .iamRole ? .trust : .resource }

    /// Types shared by a list of accounts rather than a policy (snapshot attributes).
    public var isSharedByList: Bool { [.ebsSnapshot, .rdsSnapshot, .rdsClusterSnapshot].contains(self) }

    /// The resource ARNs a request to this resource can name: the resource itself, and for a
    /// bucket its objects (`bucket/...`), for a table its indexes and streams. Each entry is a
    /// literal prefix, whether anything may follow it, and the resource type those ARNs have.
    public func requestResources(for arn: String) -> [RequestResourceScope] {
        switch self {
        case .s3Bucket:
            return [RequestResourceScope(prefix: arn, anySuffix: false, catalogForm: catalogForm),
                    RequestResourceScope(prefix: arn + "/", anySuffix: true, catalogForm: "arn:${Partition}:s3:::${BucketName}/${ObjectName}")]
        case .dynamoDBTable:
            return [RequestResourceScope(prefix: arn, anySuffix: false, catalogForm: catalogForm),
                    RequestResourceScope(prefix: arn + "/index/", anySuffix: true,
                                         catalogForm: "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/index/${IndexName}"),
                    RequestResourceScope(prefix: arn + "/stream/", anySuffix: true, catalogForm: ResourceType.dynamoDBStream.catalogForm)]
        default: return [RequestResourceScope(prefix: arn, anySuffix: false, catalogForm: catalogForm)]
        }
    }

    /// The ARN form of this type as the Service Authorization Reference's "Resource types
    /// defined by …" tables spell it (the action catalog's resource-type column,
    /// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html):
    /// the actions whose resource types include it are those a request on such a resource can
    /// carry (`ActionApplicability`).
    public var catalogForm: String {
        switch self {
        case .s3Bucket: return "arn:${Partition}:s3:::${BucketName}"
        case .iamRole: return "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}"
        case .kmsKey: return "arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}"
        case .sqsQueue: return "arn:${Partition}:sqs:${Region}:${Account}:${QueueName}"
        case .snsTopic: return "arn:${Partition}:sns:${Region}:${Account}:${TopicName}"
        case .lambdaFunction: return "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}"
        case .lambdaLayer: return "arn:${Partition}:lambda:${Region}:${Account}:layer:${LayerName}:${LayerVersion}"
        case .secretsManagerSecret: return "arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId}"
        case .ecrRepository: return "arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}"
        case .efsFileSystem: return "arn:${Partition}:elasticfilesystem:${Region}:${Account}:file-system/${FileSystemId}"
        case .dynamoDBTable: return "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}"
        case .dynamoDBStream: return "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/stream/${StreamLabel}"
        case .ebsSnapshot: return "arn:${Partition}:ec2:${Region}::snapshot/${SnapshotId}"
        case .rdsSnapshot: return "arn:${Partition}:rds:${Region}:${Account}:snapshot:${SnapshotName}"
        case .rdsClusterSnapshot: return "arn:${Partition}:rds:${Region}:${Account}:cluster-snapshot:${ClusterSnapshotName}"
        }
    }

    /// Actions a snapshot share grants to the accounts it names (EC2 User Guide, "Share an Amazon
    /// EBS snapshot"; RDS User Guide, "Sharing a DB snapshot").
    public var sharedSnapshotActions: [String] {
        switch self {
        case .ebsSnapshot: return ["ec2:CopySnapshot", "ec2:CreateVolume"]
        case .rdsSnapshot: return ["rds:CopyDBSnapshot", "rds:RestoreDBInstanceFromDBSnapshot"]
        case .rdsClusterSnapshot: return ["rds:CopyDBClusterSnapshot", "rds:RestoreDBClusterFromSnapshot"]
        default: return []
        }
    }
}

/// The ARNs of one part of a request's scope: exactly `prefix`, or (with `anySuffix`) anything
/// that starts with it; all of one resource type, whose Service Authorization Reference ARN
/// form is `catalogForm`.
public struct RequestResourceScope: Hashable, Sendable {
    public var prefix: String
    public var anySuffix: Bool
    public var catalogForm: String

    /// Whether `resource` is one of this part's ARNs.
    public func contains(_ resource: String) -> Bool {
        anySuffix ? resource.hasPrefix(prefix) : resource == prefix
    }
}
