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
    /// literal prefix and whether anything may follow it.
    public func requestResources(for arn: String) -> [(prefix: String, anySuffix: Bool)] {
        switch self {
        case .s3Bucket: return [(arn, false), (arn + "/", true)]
        case .dynamoDBTable: return [(arn, false), (arn + "/index/", true), (arn + "/stream/", true)]
        default: return [(arn, false)]
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
