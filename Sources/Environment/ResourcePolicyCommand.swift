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
    /// Other policy documents the output prints beside the one at `policyPath` (CloudTrail's
    /// `DelegatedAdminResourcePolicy`, a multi-Region access point's proposed policy). Each one
    /// present is judged as another reading of the resource's policy
    /// (`SnapshotResource.alternativePolicies`): the resource is external when any one of them
    /// lets a caller in, so neither hides the other's access. A required policy may be at any of
    /// these paths; an output with none of them is MISSING_FIELD.
    var otherPolicyPaths: [[String]] = []
    /// The forms a file's name may take (the ARN's part after the account: `eventdatastore/ID`,
    /// `dashboard/NAME`), nil for any: another name is not one this command's files have
    /// (`UNKNOWN_FILE`).
    var namePrefixes: [String]? = nil
    /// Whether the policy string may be escaped once more than JSON needs (`{\"Version\":…}`),
    /// as API Gateway's answers print it (`EmbeddedPolicyReader`'s `escapedOnce`).
    var documentMayBeEscapedOnce: Bool = false

    /// The resource type of the file named `name`.
    func resourceType(of name: String) -> String {
        if let otherType, name.contains(otherType.infix) { return otherType.type }
        return resourceType
    }

    /// Whether a file of this command may have this name (`namePrefixes`).
    func accepts(name: String) -> Bool {
        namePrefixes.map { prefixes in prefixes.contains { name.hasPrefix($0) && name.count > $0.count } } ?? true
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
        // Issue 22's types whose policy one read-only command prints (docs/SNAPSHOT.md; the
        // collector runs them all but those marked `collected: false`). `aws glacier get-vault-access-policy --account-id - --vault-name V`:
        // {"policy": {"Policy": "<JSON string>"}}, 404 when the vault has none
        // (https://docs.aws.amazon.com/cli/latest/reference/glacier/get-vault-access-policy.html).
        ResourcePolicyCommand(service: "glacier", command: "get-vault-access-policy", resourceType: "AWS::S3::Glacier", regional: true,
                              policyPath: ["policy", "Policy"], policyRequired: true, arnPath: nil,
                              arn: { name, region, account in "arn:aws:glacier:\(region):\(account):vaults/\(name)" }),
        // `aws backup get-backup-vault-access-policy --backup-vault-name V`:
        // {"BackupVaultArn": ..., "BackupVaultName": ..., "Policy": "<JSON string>"}
        // (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_GetBackupVaultAccessPolicy.html).
        ResourcePolicyCommand(service: "backup", command: "get-backup-vault-access-policy", resourceType: "AWS::Backup::BackupVault",
                              regional: true, policyPath: ["Policy"], policyRequired: true, arnPath: ["BackupVaultArn"],
                              arn: { name, region, account in "arn:aws:backup:\(region):\(account):backup-vault:\(name)" }),
        // `aws codeartifact get-domain-permissions-policy --domain D`:
        // {"policy": {"resourceArn": ..., "revision": ..., "document": "<JSON string>"}}
        // (https://docs.aws.amazon.com/codeartifact/latest/APIReference/API_GetDomainPermissionsPolicy.html).
        ResourcePolicyCommand(service: "codeartifact", command: "get-domain-permissions-policy", resourceType: "AWS::CodeArtifact::Domain",
                              regional: true, policyPath: ["policy", "document"], policyRequired: true, arnPath: ["policy", "resourceArn"],
                              arn: { name, region, account in "arn:aws:codeartifact:\(region):\(account):domain/\(name)" }),
        // `aws kinesis get-resource-policy --resource-arn ARN`: {"Policy": "<JSON string>"}, `"{}"` for a stream without one
        // (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetResourcePolicy.html). The file's name is the ARN's
        // part after `stream/`: `S` for a stream, `S/consumer/C:TIMESTAMP` (percent-encoded) for a stream consumer.
        ResourcePolicyCommand(service: "kinesis", command: "get-resource-policy", resourceType: "AWS::Kinesis::Stream", regional: true,
                              policyPath: ["Policy"], policyRequired: true, arnPath: nil,
                              arn: { name, region, account in "arn:aws:kinesis:\(region):\(account):stream/\(name)" },
                              otherType: (infix: "/consumer/", type: "AWS::Kinesis::StreamConsumer"),
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
                              arn: { name, region, account in "arn:aws:s3express:\(region):\(account):bucket/\(name)" }),
        // `aws s3tables get-table-bucket-policy --table-bucket-arn ARN`: {"resourcePolicy": "<JSON string>"}
        // (https://docs.aws.amazon.com/AmazonS3/latest/API/API_s3TableBuckets_GetTableBucketPolicy.html).
        ResourcePolicyCommand(service: "s3tables", command: "get-table-bucket-policy", resourceType: "AWS::S3Tables::TableBucket",
                              regional: true, policyPath: ["resourcePolicy"], policyRequired: true, arnPath: nil,
                              arn: { name, region, account in "arn:aws:s3tables:\(region):\(account):bucket/\(name)" }),
        // `aws s3tables get-table-policy --table-bucket-arn ARN --namespace N --name T`: {"resourcePolicy": "<JSON string>"}
        // (https://docs.aws.amazon.com/AmazonS3/latest/API/API_s3TableBuckets_GetTablePolicy.html); the file is named by the
        // table's ARN after "bucket/" (`BUCKET/table/TABLE-ID`, "Table ARN format" in the S3 User Guide's S3 Tables pages).
        ResourcePolicyCommand(service: "s3tables", command: "get-table-policy", resourceType: "AWS::S3Tables::Table",
                              regional: true, policyPath: ["resourcePolicy"], policyRequired: true, arnPath: nil,
                              arn: { name, region, account in "arn:aws:s3tables:\(region):\(account):bucket/\(name)" }),
        // Directory buckets' access points: `aws s3control get-access-point-policy --account-id A --name NAME` (S3 User Guide,
        // "Managing access to shared datasets in directory buckets with access points"): {"Policy": "<JSON string>"};
        // ARN `arn:aws:s3express:R:A:accesspoint/NAME`.
        ResourcePolicyCommand(service: "s3express", command: "get-access-point-policy", resourceType: "AWS::S3Express::AccessPoint",
                              regional: true, policyPath: ["Policy"], policyRequired: true, arnPath: nil,
                              arn: { name, region, account in "arn:aws:s3express:\(region):\(account):accesspoint/\(name)" }),
        // S3 on Outposts: `aws s3control get-bucket-policy --account-id A --bucket ARN` and `aws s3control
        // get-access-point-policy --account-id A --name ARN` (Amazon S3 on Outposts User Guide, "Managing access"):
        // {"Policy": "<JSON string>"}; files named by the ARN after "outpost/" (`OUTPOST/bucket/B`, `OUTPOST/accesspoint/AP`).
        ResourcePolicyCommand(service: "s3-outposts", command: "get-bucket-policy", resourceType: "AWS::S3Outposts::Bucket",
                              regional: true, policyPath: ["Policy"], policyRequired: true, arnPath: nil,
                              arn: { name, region, account in "arn:aws:s3-outposts:\(region):\(account):outpost/\(name)" }),
        ResourcePolicyCommand(service: "s3-outposts", command: "get-access-point-policy", resourceType: "AWS::S3Outposts::AccessPoint",
                              regional: true, policyPath: ["Policy"], policyRequired: true, arnPath: nil,
                              arn: { name, region, account in "arn:aws:s3-outposts:\(region):\(account):outpost/\(name)" }),
        // CloudTrail Lake event data stores and dashboards: `aws cloudtrail get-resource-policy --resource-arn ARN`:
        // {"ResourceArn": ..., "ResourcePolicy": "<JSON string>", "DelegatedAdminResourcePolicy": "<JSON string>"}
        // (AWS CloudTrail API Reference, GetResourcePolicy,
        // https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetResourcePolicy.html). The delegated
        // administrator's policy is "automatically generated for the delegated administrator of an Organizations
        // organization" and "will be evaluated in tandem with any policy you submit for the resource" (same page).
        // "In tandem" is not defined there: both documents are read, each judged as a reading of its own, which
        // finds whatever either one grants — at least what AWS allows whether "in tandem" means one evaluation of
        // both policies together (IAM User Guide, "Policy evaluation logic": an Allow in any applicable policy, no
        // explicit Deny) or that both must allow. The file's name is the ARN's part after the account
        // (`eventdatastore/ID` or `dashboard/NAME`, percent-encoded); channels, which have resource policies too,
        // are not a type Access Analyzer covers and have no file.
        ResourcePolicyCommand(service: "cloudtrail", command: "get-resource-policy", resourceType: "AWS::CloudTrail::EventDataStore",
                              regional: true, policyPath: ["ResourcePolicy"], policyRequired: true, arnPath: nil,
                              arn: { name, region, account in "arn:aws:cloudtrail:\(region):\(account):\(name)" },
                              otherType: (infix: "dashboard/", type: "AWS::CloudTrail::Dashboard"),
                              otherPolicyPaths: [["DelegatedAdminResourcePolicy"]],
                              namePrefixes: ["eventdatastore/", "dashboard/"]),
        // API Gateway REST APIs: `aws apigateway get-rest-api --rest-api-id ID`: {"id": ..., "name": ..., "policy":
        // "<JSON string>"} (API Gateway REST API Reference, RestApi: "policy: A stringified JSON policy document that
        // applies to this RestApi", https://docs.aws.amazon.com/apigateway/latest/api/API_RestApi.html); no `policy`
        // for an API without one. AWS prints the document escaped once more than JSON needs (`"{\\\"Version\\\":…`:
        // localstack/localstack#3325, and hashicorp/terraform-provider-aws#4606, whose fix unescapes the forward
        // slashes "which the AWS API escapes in its JSON responses"); emulators and hand-made files print it plainly.
        // ARN: the API's, `arn:aws:execute-api:R:A:ID` (requests name `ID/STAGE/METHOD/PATH` under it).
        ResourcePolicyCommand(service: "apigateway", command: "get-rest-api", resourceType: "AWS::ApiGateway::RestApi",
                              regional: true, policyPath: ["policy"], policyRequired: false, arnPath: nil,
                              arn: { name, region, account in "arn:aws:execute-api:\(region):\(account):\(name)" },
                              noPolicyDocuments: [""], documentMayBeEscapedOnce: true),
        // Multi-Region access points: `aws s3control get-multi-region-access-point-policy --account-id A --name NAME`:
        // {"Policy": {"Established": {"Policy": "<JSON string>"}, "Proposed": {"Policy": "<JSON string>"}}} (S3 Control
        // API Reference, GetMultiRegionAccessPointPolicy and MultiRegionAccessPointPolicyDocument: "When you update the
        // policy, the update is first listed as the proposed policy. After the update is finished and all Regions have
        // been updated, the proposed policy is listed as the established policy",
        // https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_MultiRegionAccessPointPolicyDocument.html).
        // While an update propagates, some Regions may hold the proposed policy already: both are read, each a
        // reading of its own. The file sits in `s3control/` (the API is global) and is named by the access point's
        // alias, which its ARN holds (`arn:aws:s3::A:accesspoint/ALIAS`).
        ResourcePolicyCommand(service: "s3control", command: "get-multi-region-access-point-policy", resourceType: "AWS::S3::MultiRegionAccessPoint",
                              regional: false, policyPath: ["Policy", "Established", "Policy"], policyRequired: true, arnPath: nil,
                              arn: { name, _, account in "arn:aws:s3::\(account):accesspoint/\(name)" },
                              otherPolicyPaths: [["Policy", "Proposed", "Policy"]]),
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
        var documents: [(path: JSONPath, value: JSONValue)] = []
        for keys in [policyPath] + otherPolicyPaths {
            guard let document = value(at: keys, in: output, diagnostics: &diagnostics) else { continue }
            documents.append((JSONPath(keys.map { .key($0) }), document))
        }
        guard !documents.isEmpty else {
            if policyRequired {
                let paths = ([policyPath] + otherPolicyPaths).map { JSONPath($0.map { .key($0) }).description }.joined(separator: " or ")
                diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.missingField,
                                                     "missing \(paths) (the \(command) output holds the policy there)",
                                                     path: .root, at: output.root, resource: resource.arn))
            }
            return
        }
        let type: PolicyType = resourceType == "AWS::IAM::Role" ? .trust : .resource
        var first = true
        for (path, document) in documents {
            // (Trimmed only for the commands that print such documents: the bridged trim of every policy cost a scan seconds.)
            if !noPolicyDocuments.isEmpty, let text = document.stringValue,
               noPolicyDocuments.contains(text.trimmingCharacters(in: .whitespacesAndNewlines)) { continue }
            let embedded = EmbeddedPolicyReader.read(document, in: output, path: path, type: type, resource: resource.arn,
                                                     limit: sizeLimit, escapedOnce: documentMayBeEscapedOnce, diagnostics: &diagnostics)
            if first {
                embedded.apply(to: &resource)
                first = false
            } else {
                // Another document of the same output: another reading, judged beside the first.
                var other = SnapshotResource(type: resource.type, arn: resource.arn, account: resource.account, region: resource.region)
                embedded.apply(to: &other)
                resource.mergePolicy(of: other)
            }
        }
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
