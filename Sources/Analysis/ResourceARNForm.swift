import Policy

/// The ARN forms of the resource types Rampart analyses, from each service's "Resource types
/// defined by …" table in the Service Authorization Reference
/// (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html).
/// `check` refuses an ARN that is malformed for its type (a policy analysed against a resource
/// that cannot exist proves nothing) and infers the type from the ARN when it is not given.
public enum ResourceARNForm {
    /// Why `arn` is not an ARN of `type`, or nil when it is one. `*` (any resource of the type)
    /// is accepted.
    public static func problem(_ arn: String, type: ResourceType) -> String? {
        if arn == "*" { return nil }
        guard let parsed = ARN(parsing: arn) else { return "'\(arn)' is not an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE)" }
        guard ARN.knownPartitions.contains(parsed.partition) else { return "'\(parsed.partition)' is not an AWS partition" }
        let form = self.form(of: type)
        guard parsed.service == form.service else {
            return "\(type.rawValue) ARNs have the service '\(form.service)', not '\(parsed.service)' (\(form.example))"
        }
        switch form.region {
        case .none where !parsed.region.isEmpty: return "\(type.rawValue) ARNs have no region (\(form.example))"
        case .required where parsed.region.isEmpty: return "\(type.rawValue) ARNs name a region (\(form.example))"
        default: break
        }
        switch form.account {
        case .none where !parsed.account.isEmpty: return "\(type.rawValue) ARNs have no account (\(form.example))"
        case .required where !AccountID.isValid(parsed.account):
            return "'\(parsed.account)' is not a 12-digit account id (\(form.example))"
        case .optional where !parsed.account.isEmpty && !AccountID.isValid(parsed.account):
            return "'\(parsed.account)' is not a 12-digit account id (\(form.example))"
        default: break
        }
        guard form.resource(parsed.resource) else {
            return "'\(parsed.resource)' is not the resource part of a \(type.rawValue) ARN (\(form.example))"
        }
        return nil
    }

    /// A readable ARN of `type` in `account`, for witnesses of questions about any resource of
    /// the type (`*`): a request names one resource.
    public static func placeholder(for type: ResourceType, account: String) -> String {
        let region = "us-east-1"
        switch type {
        case .s3Bucket: return "arn:aws:s3:::amzn-s3-demo-bucket"
        case .iamRole, .iamAssumeRolePolicyDocument: return "arn:aws:iam::\(account):role/ExampleRole"
        case .s3ExpressDirectoryBucket: return "arn:aws:s3express:\(region):\(account):bucket/example-bucket--zone-id--x-s3"
        case .s3ExpressAccessPoint: return "arn:aws:s3express:\(region):\(account):accesspoint/example-ap--zone-id--xa--s3"
        case .s3AccessPoint: return "arn:aws:s3:\(region):\(account):accesspoint/example-access-point"
        case .s3GlacierVault: return "arn:aws:glacier:\(region):\(account):vaults/examplevault"
        case .kinesisStream: return "arn:aws:kinesis:\(region):\(account):stream/example-stream"
        case .kinesisStreamConsumer: return "arn:aws:kinesis:\(region):\(account):stream/example-stream/consumer/example-consumer:1700000000"
        case .openSearchDomain: return "arn:aws:es:\(region):\(account):domain/example-domain"
        case .codeArtifactDomain: return "arn:aws:codeartifact:\(region):\(account):domain/example-domain"
        case .backupVault: return "arn:aws:backup:\(region):\(account):backup-vault:ExampleVault"
        case .cloudTrailEventDataStore: return "arn:aws:cloudtrail:\(region):\(account):eventdatastore/example-event-data-store"
        case .cloudTrailDashboard: return "arn:aws:cloudtrail:\(region):\(account):dashboard/ExampleDashboard"
        case .s3TablesTableBucket: return "arn:aws:s3tables:\(region):\(account):bucket/example-table-bucket"
        case .s3TablesTable: return "arn:aws:s3tables:\(region):\(account):bucket/example-table-bucket/table/example-table-id"
        case .s3OutpostsBucket: return "arn:aws:s3-outposts:\(region):\(account):outpost/op-example/bucket/example-outpost-bucket"
        case .s3MultiRegionAccessPoint: return "arn:aws:s3::\(account):accesspoint/mfzwi23gnjvgw.mrap"
        case .apiGatewayRestApi: return "arn:aws:execute-api:\(region):\(account):exampleapi"
        case .s3OutpostsAccessPoint: return "arn:aws:s3-outposts:\(region):\(account):outpost/op-example/accesspoint/example-access-point"
        case .kmsKey: return "arn:aws:kms:\(region):\(account):key/ExampleKey"
        case .sqsQueue: return "arn:aws:sqs:\(region):\(account):ExampleQueue"
        case .snsTopic: return "arn:aws:sns:\(region):\(account):ExampleTopic"
        case .lambdaFunction: return "arn:aws:lambda:\(region):\(account):function:ExampleFunction"
        case .lambdaLayer: return "arn:aws:lambda:\(region):\(account):layer:ExampleLayer:1"
        case .secretsManagerSecret: return "arn:aws:secretsmanager:\(region):\(account):secret:ExampleSecret"
        case .ecrRepository: return "arn:aws:ecr:\(region):\(account):repository/example-repository"
        case .efsFileSystem: return "arn:aws:elasticfilesystem:\(region):\(account):file-system/ExampleFileSystem"
        case .dynamoDBTable: return "arn:aws:dynamodb:\(region):\(account):table/ExampleTable"
        case .dynamoDBStream: return "arn:aws:dynamodb:\(region):\(account):table/ExampleTable/stream/ExampleLabel"
        case .ebsSnapshot: return "arn:aws:ec2:\(region)::snapshot/ExampleSnapshot"
        case .rdsSnapshot: return "arn:aws:rds:\(region):\(account):snapshot:example-snapshot"
        case .rdsClusterSnapshot: return "arn:aws:rds:\(region):\(account):cluster-snapshot:example-snapshot"
        }
    }

    /// The type whose ARN form `arn` has, when exactly one has it.
    public static func inferType(_ arn: String) -> ResourceType? {
        let matching = ResourceType.allCases.filter { !$0.isPolicyDocumentAlone && problem(arn, type: $0) == nil }
        return matching.count == 1 ? matching[0] : nil
    }

    enum Presence { case none, required, optional }

    public struct Form {
        public var service: String
        var region: Presence
        var account: Presence
        var resource: (String) -> Bool
        var example: String
    }

    /// A name: non-empty, without the separators `:` and `/`, without wildcards.
    private static func name(_ text: Substring) -> Bool {
        !text.isEmpty && !text.contains(":") && !text.contains("/") && !text.contains("*") && !text.contains("?")
    }

    /// An RDS snapshot name: automated snapshots are named `rds:DB-DATE`, one colon included.
    private static func automatedName(_ text: Substring) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        return (parts.count == 1 || (parts.count == 2 && parts[0] == "rds")) && parts.allSatisfy(name)
    }

    private static func prefixed(_ prefix: String, _ rest: @escaping (Substring) -> Bool) -> (String) -> Bool {
        { resource in resource.hasPrefix(prefix) && rest(resource.dropFirst(prefix.count)) }
    }

    public static func form(of type: ResourceType) -> Form {
        switch type {
        case .s3Bucket:
            // S3 User Guide, "General purpose bucket naming rules": 3-63 characters, lowercase
            // letters, digits, dots and hyphens, beginning and ending with a letter or digit.
            return Form(service: "s3", region: .none, account: .none, resource: { name in
                let allowed = name.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "-" }
                guard allowed, (3...63).contains(name.count), let first = name.first, let last = name.last else { return false }
                return first != "." && first != "-" && last != "." && last != "-"
            }, example: "arn:aws:s3:::amzn-s3-demo-bucket")
        case .iamRole, .iamAssumeRolePolicyDocument:
            // IAM User Guide, "IAM identifiers": arn:aws:iam::ACCOUNT:role/PATH/NAME.
            return Form(service: "iam", region: .none, account: .required, resource: prefixed("role/") { rest in
                guard let last = rest.split(separator: "/", omittingEmptySubsequences: false).last else { return false }
                return name(last) && !rest.contains("*")
            }, example: "arn:aws:iam::{account}:role/MyRole")
        case .s3ExpressDirectoryBucket:
            // S3 User Guide, "Directory bucket naming rules": `BASE--ZONE-ID--x-s3`
            // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/directory-bucket-naming-rules.html).
            return Form(service: "s3express", region: .required, account: .required,
                        resource: prefixed("bucket/") { name($0) && $0.hasSuffix("--x-s3") && $0.count > "--x-s3".count },
                        example: "arn:aws:s3express:{region}:{account}:bucket/{base-name}--{zone-id}--x-s3")
        case .s3ExpressAccessPoint:
            // S3 User Guide, "Access points for directory buckets naming rules, restrictions, and
            // limitations": names end in `ZONE-ID--xa--s3`
            // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-directory-buckets-restrictions-limitations-naming-rules.html).
            return Form(service: "s3express", region: .required, account: .required,
                        resource: prefixed("accesspoint/") { name($0) && $0.hasSuffix("--xa--s3") && $0.count > "--xa--s3".count },
                        example: "arn:aws:s3express:{region}:{account}:accesspoint/{base-name}--{zone-id}--xa--s3")
        case .s3AccessPoint:
            // S3 User Guide, "Access points naming rules" and "Configuring IAM policies for using
            // access points": arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME.
            return Form(service: "s3", region: .required, account: .required, resource: prefixed("accesspoint/", name),
                        example: "arn:aws:s3:{region}:{account}:accesspoint/my-access-point")
        // The ARN forms below are the Service Authorization Reference's "Resource types defined
        // by …" rows of each service (the pages ResourceType.servicePrefixes names).
        case .s3GlacierVault:
            return Form(service: "glacier", region: .required, account: .required, resource: prefixed("vaults/", name),
                        example: "arn:aws:glacier:{region}:{account}:vaults/{vault-name}")
        case .kinesisStream:
            return Form(service: "kinesis", region: .required, account: .required, resource: prefixed("stream/", name),
                        example: "arn:aws:kinesis:{region}:{account}:stream/{stream-name}")
        case .kinesisStreamConsumer:
            return Form(service: "kinesis", region: .required, account: .required, resource: prefixed("stream/") { rest in
                let parts = rest.split(separator: "/", omittingEmptySubsequences: false)
                guard parts.count == 3, name(parts[0]), parts[1] == "consumer" else { return false }
                let consumer = parts[2].split(separator: ":", omittingEmptySubsequences: false)
                return consumer.count == 2 && consumer.allSatisfy(name)
            }, example: "arn:aws:kinesis:{region}:{account}:stream/{stream-name}/consumer/{consumer-name}:{creation-timestamp}")
        case .openSearchDomain:
            return Form(service: "es", region: .required, account: .required, resource: prefixed("domain/", name),
                        example: "arn:aws:es:{region}:{account}:domain/{domain-name}")
        case .codeArtifactDomain:
            return Form(service: "codeartifact", region: .required, account: .required, resource: prefixed("domain/", name),
                        example: "arn:aws:codeartifact:{region}:{account}:domain/{domain-name}")
        case .backupVault:
            return Form(service: "backup", region: .required, account: .required, resource: prefixed("backup-vault:", name),
                        example: "arn:aws:backup:{region}:{account}:backup-vault:{vault-name}")
        case .cloudTrailEventDataStore:
            return Form(service: "cloudtrail", region: .required, account: .required, resource: prefixed("eventdatastore/", name),
                        example: "arn:aws:cloudtrail:{region}:{account}:eventdatastore/{id}")
        case .cloudTrailDashboard:
            return Form(service: "cloudtrail", region: .required, account: .required, resource: prefixed("dashboard/", name),
                        example: "arn:aws:cloudtrail:{region}:{account}:dashboard/{dashboard-name}")
        case .s3TablesTableBucket:
            return Form(service: "s3tables", region: .required, account: .required, resource: prefixed("bucket/", name),
                        example: "arn:aws:s3tables:{region}:{account}:bucket/{table-bucket-name}")
        case .s3TablesTable:
            return Form(service: "s3tables", region: .required, account: .required, resource: prefixed("bucket/") { rest in
                let parts = rest.split(separator: "/", omittingEmptySubsequences: false)
                return parts.count == 3 && name(parts[0]) && parts[1] == "table" && name(parts[2])
            }, example: "arn:aws:s3tables:{region}:{account}:bucket/{table-bucket-name}/table/{table-id}")
        case .s3OutpostsBucket, .s3OutpostsAccessPoint:
            let kind = type == .s3OutpostsBucket ? "bucket" : "accesspoint"
            return Form(service: "s3-outposts", region: .required, account: .required, resource: prefixed("outpost/") { rest in
                let parts = rest.split(separator: "/", omittingEmptySubsequences: false)
                return parts.count == 3 && name(parts[0]) && parts[1] == kind && name(parts[2])
            }, example: "arn:aws:s3-outposts:{region}:{account}:outpost/{outpost-id}/\(kind)/{name}")
        case .s3MultiRegionAccessPoint:
            // S3 User Guide, "Rules for naming Amazon S3 Multi-Region Access Points": ARNs name
            // the alias, which ends in `.mrap`, with an account and no region.
            return Form(service: "s3", region: .none, account: .required,
                        resource: prefixed("accesspoint/") { name($0) && $0.hasSuffix(".mrap") && $0.count > ".mrap".count },
                        example: "arn:aws:s3::{account}:accesspoint/{alias}.mrap")
        case .apiGatewayRestApi:
            // The API itself: its id, without a stage, method or path.
            return Form(service: "execute-api", region: .required, account: .required, resource: { name(Substring($0)) },
                        example: "arn:aws:execute-api:{region}:{account}:{api-id}")
        case .kmsKey:
            return Form(service: "kms", region: .required, account: .required, resource: prefixed("key/", name),
                        example: "arn:aws:kms:{region}:{account}:key/{key-id}")
        case .sqsQueue:
            return Form(service: "sqs", region: .required, account: .required, resource: { name(Substring($0)) },
                        example: "arn:aws:sqs:{region}:{account}:MyQueue")
        case .snsTopic:
            return Form(service: "sns", region: .required, account: .required, resource: { name(Substring($0)) },
                        example: "arn:aws:sns:{region}:{account}:MyTopic")
        case .lambdaFunction:
            return Form(service: "lambda", region: .required, account: .required, resource: prefixed("function:") { rest in
                let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
                return (1...2).contains(parts.count) && parts.allSatisfy(name)
            }, example: "arn:aws:lambda:{region}:{account}:function:my-function")
        case .lambdaLayer:
            return Form(service: "lambda", region: .required, account: .required, resource: prefixed("layer:") { rest in
                let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
                return parts.count == 2 && name(parts[0]) && !parts[1].isEmpty && parts[1].allSatisfy(\.isNumber)
            }, example: "arn:aws:lambda:{region}:{account}:layer:my-layer:1")
        case .secretsManagerSecret:
            return Form(service: "secretsmanager", region: .required, account: .required,
                        resource: prefixed("secret:") { !$0.isEmpty && !$0.contains("*") },
                        example: "arn:aws:secretsmanager:{region}:{account}:secret:{name}")
        case .ecrRepository:
            return Form(service: "ecr", region: .required, account: .required,
                        resource: prefixed("repository/") { !$0.isEmpty && !$0.contains("*") && !$0.contains(":") },
                        example: "arn:aws:ecr:{region}:{account}:repository/my-repo")
        case .efsFileSystem:
            return Form(service: "elasticfilesystem", region: .required, account: .required,
                        resource: prefixed("file-system/", name),
                        example: "arn:aws:elasticfilesystem:{region}:{account}:file-system/{id}")
        case .dynamoDBTable:
            return Form(service: "dynamodb", region: .required, account: .required, resource: prefixed("table/", name),
                        example: "arn:aws:dynamodb:{region}:{account}:table/Books")
        case .dynamoDBStream:
            return Form(service: "dynamodb", region: .required, account: .required, resource: prefixed("table/") { rest in
                let parts = rest.split(separator: "/", omittingEmptySubsequences: false)
                // The stream label is a timestamp, colons included.
                return parts.count == 3 && name(parts[0]) && parts[1] == "stream" && !parts[2].isEmpty && !parts[2].contains("*")
            }, example: "arn:aws:dynamodb:{region}:{account}:table/{name}/stream/{label}")
        case .ebsSnapshot:
            // EC2 snapshot ARNs leave the account out (Service Authorization Reference, Amazon EC2).
            return Form(service: "ec2", region: .required, account: .optional, resource: prefixed("snapshot/", name),
                        example: "arn:aws:ec2:{region}::snapshot/{id}")
        case .rdsSnapshot:
            return Form(service: "rds", region: .required, account: .required, resource: prefixed("snapshot:", automatedName),
                        example: "arn:aws:rds:{region}:{account}:snapshot:my-snapshot")
        case .rdsClusterSnapshot:
            return Form(service: "rds", region: .required, account: .required, resource: prefixed("cluster-snapshot:", automatedName),
                        example: "arn:aws:rds:{region}:{account}:cluster-snapshot:my-snapshot")
        }
    }
}
