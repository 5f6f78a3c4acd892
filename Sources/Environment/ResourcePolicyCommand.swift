import Policy

/// The AWS CLI commands whose output holds one resource's policy, and how to read each
/// (docs/SNAPSHOT.md lists them with sample outputs). A file
/// `accounts/<id>/<service>/[<region>/]<name>.<command>.json` is read by the command named in it.
struct ResourcePolicyCommand: Sendable {
    /// The folder under `accounts/<id>/`.
    var service: String
    /// The CLI command whose output the file holds.
    var command: String
    var resourceType: String
    /// True when files sit in a region folder (`kms/us-east-1/…`).
    var regional: Bool
    /// JSON keys leading to the policy document (a string holding JSON).
    var policyPath: [String]
    /// Whether a missing policy is an error (`get-bucket-policy` always has one) or means "no policy".
    var policyRequired: Bool
    /// JSON keys leading to the resource's ARN, when the output carries it.
    var arnPath: [String]?
    /// The ARN from the name in the file name, the region and the account, when the output does not carry it.
    var arn: @Sendable (_ name: String, _ region: String, _ account: String) -> String
    /// Another resource type for names of this form (a DynamoDB stream's `table/T/stream/L` beside
    /// its table's `T`: one command, `get-resource-policy`, serves both), nil for none.
    var otherType: (infix: String, type: String)? = nil
    /// Whether `scripts/collect-snapshot` runs this command: a coverage manifest is read as
    /// covering (or not) only the types the collector collects (`SnapshotLayout.regionalTypes`).
    var collected: Bool = true
    /// Whether the collector collects `otherType` too (a manifest accounts for it only then).
    var otherTypeCollected: Bool = true
    /// Outputs that print "no policy" as a document of their own: `""` (OpenSearch's
    /// `AccessPolicies.Options` of a domain without one) or `"{}"` (Kinesis's `get-resource-policy`
    /// of a stream without one). Such a document is no policy, never an unreadable one.
    var noPolicyDocuments: Set<String> = []

    /// The resource type of the file named `name`.
    func resourceType(of name: String) -> String {
        if let otherType, name.contains(otherType.infix) { return otherType.type }
        return resourceType
    }

    /// Every resource type whose files may sit in a service folder.
    static func resourceTypes(of service: String) -> [String] {
        all.filter { $0.service == service }.flatMap { [$0.resourceType] + ($0.otherType.map { [$0.type] } ?? []) }
    }

    static let all: [ResourcePolicyCommand] = [
        ResourcePolicyCommand(service: "s3", command: "get-bucket-policy", resourceType: "AWS::S3::Bucket", regional: false,
                              policyPath: ["Policy"], policyRequired: true, arnPath: nil,
                              arn: { name, _, _ in "arn:aws:s3:::\(name)" }),
        ResourcePolicyCommand(service: "kms", command: "get-key-policy", resourceType: "AWS::KMS::Key", regional: true,
                              policyPath: ["Policy"], policyRequired: true, arnPath: nil,
                              arn: { name, region, account in "arn:aws:kms:\(region):\(account):key/\(name)" }),
        ResourcePolicyCommand(service: "sqs", command: "get-queue-attributes", resourceType: "AWS::SQS::Queue", regional: true,
                              policyPath: ["Attributes", "Policy"], policyRequired: false, arnPath: ["Attributes", "QueueArn"],
                              arn: { name, region, account in "arn:aws:sqs:\(region):\(account):\(name)" }),
        ResourcePolicyCommand(service: "sns", command: "get-topic-attributes", resourceType: "AWS::SNS::Topic", regional: true,
                              policyPath: ["Attributes", "Policy"], policyRequired: false, arnPath: ["Attributes", "TopicArn"],
                              arn: { name, region, account in "arn:aws:sns:\(region):\(account):\(name)" }),
        ResourcePolicyCommand(service: "lambda", command: "get-policy", resourceType: "AWS::Lambda::Function", regional: true,
                              policyPath: ["Policy"], policyRequired: true, arnPath: nil,
                              arn: { name, region, account in "arn:aws:lambda:\(region):\(account):function:\(name)" }),
        ResourcePolicyCommand(service: "secretsmanager", command: "get-resource-policy", resourceType: "AWS::SecretsManager::Secret",
                              regional: true, policyPath: ["ResourcePolicy"], policyRequired: false, arnPath: ["ARN"],
                              arn: { name, region, account in "arn:aws:secretsmanager:\(region):\(account):secret:\(name)" }),
        ResourcePolicyCommand(service: "ecr", command: "get-repository-policy", resourceType: "AWS::ECR::Repository", regional: true,
                              policyPath: ["policyText"], policyRequired: true, arnPath: nil,
                              arn: { name, region, account in "arn:aws:ecr:\(region):\(account):repository/\(name)" }),
        // `aws efs describe-file-system-policy --file-system-id ID`: {"FileSystemId": ..., "Policy": "<JSON string>"}.
        ResourcePolicyCommand(service: "efs", command: "describe-file-system-policy", resourceType: "AWS::EFS::FileSystem", regional: true,
                              policyPath: ["Policy"], policyRequired: true, arnPath: nil,
                              arn: { name, region, account in "arn:aws:elasticfilesystem:\(region):\(account):file-system/\(name)" }),
        // `aws dynamodb get-resource-policy --resource-arn ARN`: {"Policy": "<JSON string>", "RevisionId": ...}. The
        // file's name is the ARN's part after `table/`: `T` for a table, `T/stream/LABEL` (percent-encoded) for its stream.
        ResourcePolicyCommand(service: "dynamodb", command: "get-resource-policy", resourceType: "AWS::DynamoDB::Table", regional: true,
                              policyPath: ["Policy"], policyRequired: true, arnPath: nil,
                              arn: { name, region, account in "arn:aws:dynamodb:\(region):\(account):table/\(name)" },
                              otherType: (infix: "/stream/", type: "AWS::DynamoDB::Stream")),
        // Issue 22's types whose policy one read-only command prints (the collector does not run
        // them yet; docs/SNAPSHOT.md). `aws glacier get-vault-access-policy --account-id - --vault-name V`:
        // {"policy": {"Policy": "<JSON string>"}}, 404 when the vault has none
        // (https://docs.aws.amazon.com/cli/latest/reference/glacier/get-vault-access-policy.html).
        ResourcePolicyCommand(service: "glacier", command: "get-vault-access-policy", resourceType: "AWS::S3::Glacier", regional: true,
                              policyPath: ["policy", "Policy"], policyRequired: true, arnPath: nil,
                              arn: { name, region, account in "arn:aws:glacier:\(region):\(account):vaults/\(name)" }, collected: false),
        // `aws backup get-backup-vault-access-policy --backup-vault-name V`:
        // {"BackupVaultArn": ..., "BackupVaultName": ..., "Policy": "<JSON string>"}
        // (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_GetBackupVaultAccessPolicy.html).
        ResourcePolicyCommand(service: "backup", command: "get-backup-vault-access-policy", resourceType: "AWS::Backup::BackupVault",
                              regional: true, policyPath: ["Policy"], policyRequired: true, arnPath: ["BackupVaultArn"],
                              arn: { name, region, account in "arn:aws:backup:\(region):\(account):backup-vault:\(name)" }, collected: false),
        // `aws codeartifact get-domain-permissions-policy --domain D`:
        // {"policy": {"resourceArn": ..., "revision": ..., "document": "<JSON string>"}}
        // (https://docs.aws.amazon.com/codeartifact/latest/APIReference/API_GetDomainPermissionsPolicy.html).
        ResourcePolicyCommand(service: "codeartifact", command: "get-domain-permissions-policy", resourceType: "AWS::CodeArtifact::Domain",
                              regional: true, policyPath: ["policy", "document"], policyRequired: true, arnPath: ["policy", "resourceArn"],
                              arn: { name, region, account in "arn:aws:codeartifact:\(region):\(account):domain/\(name)" }, collected: false),
        // `aws kinesis get-resource-policy --resource-arn ARN`: {"Policy": "<JSON string>"}, `"{}"` for a stream without one
        // (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetResourcePolicy.html). The file's name is the ARN's
        // part after `stream/`: `S` for a stream, `S/consumer/C:TIMESTAMP` (percent-encoded) for a stream consumer.
        ResourcePolicyCommand(service: "kinesis", command: "get-resource-policy", resourceType: "AWS::Kinesis::Stream", regional: true,
                              policyPath: ["Policy"], policyRequired: true, arnPath: nil,
                              arn: { name, region, account in "arn:aws:kinesis:\(region):\(account):stream/\(name)" },
                              otherType: (infix: "/consumer/", type: "AWS::Kinesis::StreamConsumer"), otherTypeCollected: false,
                              noPolicyDocuments: ["{}"]),
        // `aws opensearch describe-domain-config --domain-name D`: {"DomainConfig": {"AccessPolicies": {"Options": "<JSON string>",
        // "Status": {...}}, ...}}, `""` for a domain without an access policy
        // (https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_DescribeDomainConfig.html).
        ResourcePolicyCommand(service: "opensearch", command: "describe-domain-config", resourceType: "AWS::OpenSearchService::Domain",
                              regional: true, policyPath: ["DomainConfig", "AccessPolicies", "Options"], policyRequired: true, arnPath: nil,
                              arn: { name, region, account in "arn:aws:es:\(region):\(account):domain/\(name)" },
                              noPolicyDocuments: [""]),
        // S3 directory buckets: `aws s3api get-bucket-policy --bucket NAME` against the bucket's zonal endpoint: {"Policy":
        // "<JSON string>"}, NoSuchBucketPolicy when it has none (S3 User Guide, "Example bucket policies for directory buckets").
        ResourcePolicyCommand(service: "s3express", command: "get-bucket-policy", resourceType: "AWS::S3Express::DirectoryBucket",
                              regional: true, policyPath: ["Policy"], policyRequired: true, arnPath: nil,
                              arn: { name, region, account in "arn:aws:s3express:\(region):\(account):bucket/\(name)" }, collected: false),
        // `aws s3tables get-table-bucket-policy --table-bucket-arn ARN`: {"resourcePolicy": "<JSON string>"}
        // (https://docs.aws.amazon.com/AmazonS3/latest/API/API_s3TableBuckets_GetTableBucketPolicy.html).
        ResourcePolicyCommand(service: "s3tables", command: "get-table-bucket-policy", resourceType: "AWS::S3Tables::TableBucket",
                              regional: true, policyPath: ["resourcePolicy"], policyRequired: true, arnPath: nil,
                              arn: { name, region, account in "arn:aws:s3tables:\(region):\(account):bucket/\(name)" }, collected: false),
        // `aws s3tables get-table-policy --table-bucket-arn ARN --namespace N --name T`: {"resourcePolicy": "<JSON string>"}
        // (https://docs.aws.amazon.com/AmazonS3/latest/API/API_s3TableBuckets_GetTablePolicy.html); the file is named by the
        // table's ARN after "bucket/" (`BUCKET/table/TABLE-ID`, "Table ARN format" in the S3 User Guide's S3 Tables pages).
        ResourcePolicyCommand(service: "s3tables", command: "get-table-policy", resourceType: "AWS::S3Tables::Table",
                              regional: true, policyPath: ["resourcePolicy"], policyRequired: true, arnPath: nil,
                              arn: { name, region, account in "arn:aws:s3tables:\(region):\(account):bucket/\(name)" }, collected: false),
        // Directory buckets' access points: `aws s3control get-access-point-policy --account-id A --name NAME` (S3 User Guide,
        // "Managing access to shared datasets in directory buckets with access points"): {"Policy": "<JSON string>"};
        // ARN `arn:aws:s3express:R:A:accesspoint/NAME`.
        ResourcePolicyCommand(service: "s3express", command: "get-access-point-policy", resourceType: "AWS::S3Express::AccessPoint",
                              regional: true, policyPath: ["Policy"], policyRequired: true, arnPath: nil,
                              arn: { name, region, account in "arn:aws:s3express:\(region):\(account):accesspoint/\(name)" }, collected: false),
        // S3 on Outposts: `aws s3control get-bucket-policy --account-id A --bucket ARN` and `aws s3control
        // get-access-point-policy --account-id A --name ARN` (Amazon S3 on Outposts User Guide, "Managing access"):
        // {"Policy": "<JSON string>"}; files named by the ARN after "outpost/" (`OUTPOST/bucket/B`, `OUTPOST/accesspoint/AP`).
        ResourcePolicyCommand(service: "s3-outposts", command: "get-bucket-policy", resourceType: "AWS::S3Outposts::Bucket",
                              regional: true, policyPath: ["Policy"], policyRequired: true, arnPath: nil,
                              arn: { name, region, account in "arn:aws:s3-outposts:\(region):\(account):outpost/\(name)" }, collected: false),
        ResourcePolicyCommand(service: "s3-outposts", command: "get-access-point-policy", resourceType: "AWS::S3Outposts::AccessPoint",
                              regional: true, policyPath: ["Policy"], policyRequired: true, arnPath: nil,
                              arn: { name, region, account in "arn:aws:s3-outposts:\(region):\(account):outpost/\(name)" }, collected: false),
    ]

    /// AWS's size quota for this command's policy document.
    var sizeLimit: PolicySizeLimit {
        switch resourceType {
        case "AWS::S3::Bucket": return .s3BucketPolicy
        case "AWS::KMS::Key": return .kmsKeyPolicy
        default: return .largestQuota
        }
    }

    static func find(service: String, command: String) -> ResourcePolicyCommand? {
        all.first { $0.service == service && $0.command == command }
    }

    /// The commands whose files may sit in a service folder: the policy commands, and the
    /// settings beside them (S3 Block Public Access, ACL, Object Ownership; KMS grants).
    static func commands(of service: String) -> [String] {
        all.filter { $0.service == service }.map(\.command) + (settingsCommands[service] ?? [])
    }

    /// Commands whose output is not a policy but bears on the same resource.
    static let settingsCommands: [String: [String]] = [
        "s3": ["get-public-access-block", "get-bucket-acl", "get-bucket-ownership-controls"],
        "kms": [KMSGrantsReader.command],
    ]

    static var services: Set<String> { Set(all.map(\.service)) }

    /// What one reading of an output says: the ARN when the output carries one, and the
    /// policy document. Any error while reading it (a missing or mistyped field) leaves the
    /// policy unknown: the resource is reported, not analysed as if it had no policy.
    func read(_ output: CLIOutputFile, into resource: inout SnapshotResource, diagnostics: inout [SnapshotDiagnostic]) {
        let before = diagnostics.count
        readPolicy(output, into: &resource, diagnostics: &diagnostics)
        if diagnostics[before...].contains(where: { $0.severity == .error }) {
            resource.policyHasErrors = true
            resource.policy = nil
        }
    }

    /// The ARN the output carries, when it carries one.
    func arn(in output: CLIOutputFile) -> String? {
        guard let arnPath else { return nil }
        var current = output.root
        for key in arnPath {
            guard let next = current.members?.last(where: { $0.key == key })?.value else { return nil }
            current = next
        }
        guard let arn = current.stringValue, !arn.isEmpty else { return nil }
        return arn
    }

    private func readPolicy(_ output: CLIOutputFile, into resource: inout SnapshotResource, diagnostics: inout [SnapshotDiagnostic]) {
        let path = JSONPath(policyPath.map { .key($0) })
        guard let document = value(at: policyPath, in: output, diagnostics: &diagnostics) else {
            if policyRequired {
                diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.missingField,
                                                     "missing \(path) (the \(command) output holds the policy there)",
                                                     path: .root, at: output.root, resource: resource.arn))
            }
            return
        }
        if let text = document.stringValue, noPolicyDocuments.contains(text.trimmingCharacters(in: .whitespacesAndNewlines)) { return }
        let type: PolicyType = resourceType == "AWS::IAM::Role" ? .trust : .resource
        let embedded = EmbeddedPolicyReader.read(document, in: output, path: path, type: type, resource: resource.arn,
                                                 limit: sizeLimit, diagnostics: &diagnostics)
        embedded.apply(to: &resource)
    }

    private func value(at keys: [String], in output: CLIOutputFile, diagnostics: inout [SnapshotDiagnostic]) -> JSONValue? {
        var current = output.root
        var path = JSONPath.root
        for key in keys {
            guard let next = output.member(key, of: current, path: path, diagnostics: &diagnostics) else { return nil }
            current = next
            path = path.appending(key)
        }
        return current
    }
}
