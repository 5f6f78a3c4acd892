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
    // The further types of Access Analyzer's CheckNoPublicAccess, spelled as its `resourceType`
    // takes them (IAM Access Analyzer API Reference, "CheckNoPublicAccess", resourceType's valid
    // values: https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CheckNoPublicAccess.html).
    // Each one's rules (actions, ARN forms, scope) and its AWS pages: docs/CLI.md, "Resource types".
    /// A role's trust policy given alone: analysed as the role's (`iamRole`).
    case iamAssumeRolePolicyDocument = "AWS::IAM::AssumeRolePolicyDocument"
    case s3ExpressDirectoryBucket = "AWS::S3Express::DirectoryBucket"
    case s3ExpressAccessPoint = "AWS::S3Express::AccessPoint"
    case s3AccessPoint = "AWS::S3::AccessPoint"
    /// An S3 Glacier vault (Access Analyzer spells it `AWS::S3::Glacier`).
    case s3GlacierVault = "AWS::S3::Glacier"
    case kinesisStream = "AWS::Kinesis::Stream"
    case kinesisStreamConsumer = "AWS::Kinesis::StreamConsumer"
    case openSearchDomain = "AWS::OpenSearchService::Domain"
    case codeArtifactDomain = "AWS::CodeArtifact::Domain"
    case backupVault = "AWS::Backup::BackupVault"
    case cloudTrailEventDataStore = "AWS::CloudTrail::EventDataStore"
    case cloudTrailDashboard = "AWS::CloudTrail::Dashboard"
    case s3TablesTableBucket = "AWS::S3Tables::TableBucket"
    case s3TablesTable = "AWS::S3Tables::Table"
    case s3OutpostsBucket = "AWS::S3Outposts::Bucket"
    case s3OutpostsAccessPoint = "AWS::S3Outposts::AccessPoint"
    /// Its ARN is the API's, `arn:aws:execute-api:REGION:ACCOUNT:API-ID`; requests name
    /// `API-ID/STAGE/METHOD/PATH` (`APIGatewayResourceShorthand` for the policies' short form).
    case apiGatewayRestApi = "AWS::ApiGateway::RestApi"
    /// Not a CheckNoPublicAccess type: named as AWS CloudFormation names it. Its own policy only
    /// (the buckets behind it are a separate question).
    case s3MultiRegionAccessPoint = "AWS::S3::MultiRegionAccessPoint"

    /// Service prefixes of the actions that can act on this type: a witness's action is drawn
    /// from these (an `Action: "*"` in a bucket policy grants only `s3:` actions on the bucket).
    public var servicePrefixes: [String] {
        switch self {
        case .s3Bucket: return ["s3"]
        case .iamRole, .iamAssumeRolePolicyDocument: return ["sts"]
        // Service Authorization Reference, "Actions, resources, and condition keys for Amazon S3
        // Express": https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3express.html
        case .s3ExpressDirectoryBucket, .s3ExpressAccessPoint: return ["s3express"]
        // "Actions, resources, and condition keys for Amazon S3" (the `accesspoint` resource types):
        // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
        case .s3AccessPoint, .s3MultiRegionAccessPoint: return ["s3"]
        // Each service's page of the Service Authorization Reference
        // (https://docs.aws.amazon.com/service-authorization/latest/reference/): list_amazons3glacier.html,
        // list_amazonkinesis.html, list_amazonopensearchservice.html (domains' actions keep the
        // prefix `es`), list_awscodeartifact.html, list_awsbackup.html, list_awscloudtrail.html,
        // list_amazons3tables.html, list_amazons3onoutposts.html.
        case .s3GlacierVault: return ["glacier"]
        case .kinesisStream, .kinesisStreamConsumer: return ["kinesis"]
        case .openSearchDomain: return ["es"]
        case .codeArtifactDomain: return ["codeartifact"]
        case .backupVault: return ["backup"]
        case .cloudTrailEventDataStore, .cloudTrailDashboard: return ["cloudtrail"]
        case .s3TablesTableBucket, .s3TablesTable: return ["s3tables"]
        case .s3OutpostsBucket, .s3OutpostsAccessPoint: return ["s3-outposts"]
        // "Actions, resources, and condition keys for Amazon API Gateway" (the `execute-api`
        // prefix: Invoke, InvalidateCache, ManageConnections):
        // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonapigateway.html
        case .apiGatewayRestApi: return ["execute-api"]
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
        case .iamRole, .iamAssumeRolePolicyDocument: return .roleTrust
        case .kmsKey: return .kmsKey
        default: return .standard
        }
    }

    /// The policy type its policy document has.
    public var policyType: PolicyType { policyKind == .roleTrust ? .trust : .resource }

    /// Whether its policy is a role's trust policy (`AWS::IAM::Role`, and a trust policy given
    /// alone, `AWS::IAM::AssumeRolePolicyDocument`): the rules of services in trust policies
    /// (`RolePassingServices`) hold for both.
    public var isRoleTrust: Bool { policyKind == .roleTrust }

    /// Types that name a policy document rather than a resource: never inferred from an ARN
    /// (a role's ARN is an `AWS::IAM::Role`'s).
    public var isPolicyDocumentAlone: Bool { self == .iamAssumeRolePolicyDocument }

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
        case .s3AccessPoint:
            // S3 User Guide, "Configuring IAM policies for using access points": an access
            // point policy names the access point and its objects, `accesspoint/NAME/object/KEY`
            // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html).
            return [RequestResourceScope(prefix: arn, anySuffix: false, catalogForm: catalogForm),
                    RequestResourceScope(prefix: arn + "/object/", anySuffix: true,
                                         catalogForm: "arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}")]
        case .s3MultiRegionAccessPoint:
            // S3 User Guide, "Multi-Region Access Point permissions": its policy names the access
            // point and the objects through it, `arn:aws:s3::ACCOUNT:accesspoint/ALIAS/object/KEY`
            // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiRegionAccessPointPermissions.html).
            // The reference has no ARN form for those objects: every action applies there.
            return [RequestResourceScope(prefix: arn, anySuffix: false, catalogForm: catalogForm),
                    RequestResourceScope(prefix: arn + "/object/", anySuffix: true, catalogForm: RequestResourceScope.everyActionForm)]
        case .kinesisStream:
            // A stream's policy names the stream; whether it can also grant on the stream's
            // consumers (`stream/NAME/consumer/…`, which have policies of their own) the Kinesis
            // Developer Guide does not say, so the scope keeps them (over-approximation).
            return [RequestResourceScope(prefix: arn, anySuffix: false, catalogForm: catalogForm),
                    RequestResourceScope(prefix: arn + "/consumer/", anySuffix: true, catalogForm: ResourceType.kinesisStreamConsumer.catalogForm)]
        case .openSearchDomain:
            // OpenSearch Service Developer Guide, "Resource-based policies": a domain's access
            // policy names the domain's subresources, `domain/NAME/*` (its HTTP paths).
            return [RequestResourceScope(prefix: arn, anySuffix: false, catalogForm: catalogForm),
                    RequestResourceScope(prefix: arn + "/", anySuffix: true, catalogForm: catalogForm)]
        case .codeArtifactDomain:
            // CodeArtifact User Guide, "Domain policies": "The domain policy is evaluated for all
            // operations against the domain and all resources within the domain" — its
            // repositories, packages and package groups
            // (https://docs.aws.amazon.com/codeartifact/latest/ug/domain-policies.html).
            guard let parsed = ARN(parsing: arn), parsed.resource.hasPrefix("domain/") else {
                return [RequestResourceScope(prefix: arn, anySuffix: false, catalogForm: catalogForm)]
            }
            let base = "arn:\(parsed.partition):codeartifact:\(parsed.region):\(parsed.account):"
            let domain = String(parsed.resource.dropFirst("domain/".count))
            return [RequestResourceScope(prefix: arn, anySuffix: false, catalogForm: catalogForm),
                    RequestResourceScope(prefix: base + "repository/\(domain)/", anySuffix: true,
                                         catalogForm: "arn:${Partition}:codeartifact:${Region}:${Account}:repository/${DomainName}/${RepositoryName}"),
                    RequestResourceScope(prefix: base + "package/\(domain)/", anySuffix: true,
                                         catalogForm: "arn:${Partition}:codeartifact:${Region}:${Account}:package/${DomainName}/${RepositoryName}/${PackageFormat}/${PackageNamespace}/${PackageName}"),
                    RequestResourceScope(prefix: base + "package-group/\(domain)", anySuffix: true,
                                         catalogForm: "arn:${Partition}:codeartifact:${Region}:${Account}:package-group/${DomainName}${EncodedPackageGroupPattern}")]
        case .backupVault:
            // AWS Backup Developer Guide, "Vault access policies": a vault's access policy governs
            // the vault and the recovery points in it, whose ARNs are those of the backed-up
            // service (`arn:aws:ec2:…:snapshot/…`, `arn:aws:backup:…:recovery-point:…`;
            // https://docs.aws.amazon.com/aws-backup/latest/devguide/create-a-vault-access-policy.html):
            // any ARN stays in the scope (over-approximation). The page also says AWS rejects
            // cross-account calls other than `backup:CopyIntoBackupVault` whatever the policy
            // grants; that narrowing is not applied (a finding may name such an action).
            return [RequestResourceScope(prefix: arn, anySuffix: false, catalogForm: catalogForm),
                    RequestResourceScope(prefix: "arn:", anySuffix: true, catalogForm: RequestResourceScope.everyActionForm)]
        case .s3TablesTableBucket:
            // S3 User Guide, "Resource-based policies for S3 Tables": a table bucket policy grants
            // "at the table bucket, namespace, or table-level"
            // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-tables-resource-based-policies.html).
            // Tables are `bucket/NAME/table/ID`; namespaces have no ARN form in the reference, so
            // everything under `bucket/NAME/` stays in the scope, every action applying there
            // (over-approximation).
            return [RequestResourceScope(prefix: arn, anySuffix: false, catalogForm: catalogForm),
                    RequestResourceScope(prefix: arn + "/", anySuffix: true, catalogForm: RequestResourceScope.everyActionForm)]
        case .s3OutpostsBucket:
            // S3 on Outposts User Guide, "Setting up IAM with S3 on Outposts": objects are
            // `outpost/ID/bucket/NAME/object/KEY`.
            return [RequestResourceScope(prefix: arn, anySuffix: false, catalogForm: catalogForm),
                    RequestResourceScope(prefix: arn + "/object/", anySuffix: true,
                                         catalogForm: "arn:${Partition}:s3-outposts:${Region}:${Account}:outpost/${OutpostId}/bucket/${BucketName}/object/${ObjectName}")]
        case .apiGatewayRestApi:
            // API Gateway Developer Guide, "Resource format of permissions for executing API in
            // API Gateway": `arn:aws:execute-api:REGION:ACCOUNT:API-ID/STAGE/METHOD/PATH`
            // (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-control-access-using-iam-policies-to-invoke-api.html).
            return [RequestResourceScope(prefix: arn + "/", anySuffix: true, catalogForm: catalogForm)]
        case .s3OutpostsAccessPoint:
            // Objects reached through the access point, `accesspoint/NAME/object/KEY`: the
            // reference gives them no ARN form (its object actions name the bucket's objects
            // only), so every action is taken to apply there, an over-approximation.
            return [RequestResourceScope(prefix: arn, anySuffix: false, catalogForm: catalogForm),
                    RequestResourceScope(prefix: arn + "/object/", anySuffix: true, catalogForm: RequestResourceScope.everyActionForm)]
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
        case .iamRole, .iamAssumeRolePolicyDocument: return "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}"
        case .s3ExpressDirectoryBucket: return "arn:${Partition}:s3express:${Region}:${Account}:bucket/${BucketName}"
        case .s3ExpressAccessPoint: return "arn:${Partition}:s3express:${Region}:${Account}:accesspoint/${AccessPointName}"
        case .s3AccessPoint: return "arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}"
        case .s3GlacierVault: return "arn:${Partition}:glacier:${Region}:${Account}:vaults/${VaultName}"
        case .kinesisStream: return "arn:${Partition}:kinesis:${Region}:${Account}:stream/${StreamName}"
        case .kinesisStreamConsumer:
            return "arn:${Partition}:kinesis:${Region}:${Account}:${StreamType}/${StreamName}/consumer/${ConsumerName}:${ConsumerCreationTimpstamp}"
        case .openSearchDomain: return "arn:${Partition}:es:${Region}:${Account}:domain/${DomainName}"
        case .codeArtifactDomain: return "arn:${Partition}:codeartifact:${Region}:${Account}:domain/${DomainName}"
        case .backupVault: return "arn:${Partition}:backup:${Region}:${Account}:backup-vault:${BackupVaultName}"
        case .cloudTrailEventDataStore: return "arn:${Partition}:cloudtrail:${Region}:${Account}:eventdatastore/${EventDataStoreId}"
        case .cloudTrailDashboard: return "arn:${Partition}:cloudtrail:${Region}:${Account}:dashboard/${DashboardName}"
        case .s3TablesTableBucket: return "arn:${Partition}:s3tables:${Region}:${Account}:bucket/${TableBucketName}"
        case .s3TablesTable: return "arn:${Partition}:s3tables:${Region}:${Account}:bucket/${TableBucketName}/table/${TableID}"
        case .s3OutpostsBucket: return "arn:${Partition}:s3-outposts:${Region}:${Account}:outpost/${OutpostId}/bucket/${BucketName}"
        case .s3MultiRegionAccessPoint: return "arn:${Partition}:s3::${Account}:accesspoint/${AccessPointAlias}"
        case .apiGatewayRestApi: return "arn:${Partition}:execute-api:${Region}:${Account}:${ApiId}/${Stage}/${Method}/${ApiSpecificResourcePath}"
        case .s3OutpostsAccessPoint:
            return "arn:${Partition}:s3-outposts:${Region}:${Account}:outpost/${OutpostId}/accesspoint/${AccessPointName}"
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

    /// The `catalogForm` of a part whose actions the reference does not tell (no ARN form of its
    /// own there, or ARNs of many services): every action of the type's services is taken to
    /// apply to it (`ActionApplicability`), an over-approximation.
    public static let everyActionForm = ""

    /// Whether `resource` is one of this part's ARNs.
    public func contains(_ resource: String) -> Bool {
        anySuffix ? resource.hasPrefix(prefix) : resource == prefix
    }
}
