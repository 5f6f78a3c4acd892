import Analysis

/// The resource a corpus policy is analysed as: the ARN its own statements name when they name
/// one of the type's service, made concrete (wildcards → `x`, policy variables → `x`, a wildcard
/// region → `us-east-1`, a missing or placeholder account → the zone's account), else a fixed
/// ARN of the type. A policy analysed against an ARN it never names would be a vacuous proof, so
/// the ARN is taken from the policy whenever it can be.
enum ResourceARN {
    /// The account every corpus case is owned by and trusts (the corpus's own placeholder).
    static let zoneAccount = "111122223333"

    static func infer(type: ResourceType, resources: [String]) -> String {
        let service = serviceName(type)
        for value in resources where !service.isEmpty {
            let parts = value.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 6, parts[0] == "arn", parts[2] == service else { continue }
            if let arn = concrete(type: type, parts: parts) { return arn }
        }
        return fallback(type)
    }

    static func serviceName(_ type: ResourceType) -> String {
        switch type {
        case .s3Bucket: return "s3"
        case .iamRole: return "iam"
        case .kmsKey: return "kms"
        case .sqsQueue: return "sqs"
        case .snsTopic: return "sns"
        case .lambdaFunction, .lambdaLayer: return "lambda"
        case .secretsManagerSecret: return "secretsmanager"
        case .ecrRepository: return "ecr"
        case .efsFileSystem: return "elasticfilesystem"
        case .dynamoDBTable, .dynamoDBStream: return "dynamodb"
        case .ebsSnapshot: return "ec2"
        case .rdsSnapshot, .rdsClusterSnapshot: return "rds"
        // The corpora's kinds map to the types above only; the others keep their placeholder.
        default: return ""
        }
    }

    private static func concrete(type: ResourceType, parts: [String]) -> String? {
        var resource = fill(parts[5])
        if type == .s3Bucket {
            // A bucket: the part before the first "/" (objects are requests to the bucket).
            resource = String(resource.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)[0])
            guard !resource.isEmpty else { return nil }
            return "arn:aws:s3:::" + resource
        }
        guard !resource.isEmpty, resource != "x" else { return nil }
        let region = parts[3].isEmpty || parts[3].contains("*") || parts[3].contains("$") ? "us-east-1" : fill(parts[3])
        let account = parts[4].count == 12 && parts[4].allSatisfy(\.isNumber) ? parts[4] : zoneAccount
        return ["arn", "aws", parts[2], region, account, resource].joined(separator: ":")
    }

    /// Wildcards and `${…}` variables replaced by `x`.
    private static func fill(_ text: String) -> String {
        var out = ""
        var inVariable = false
        var previous: Character = " "
        for character in text {
            if inVariable {
                if character == "}" { inVariable = false; out.append("x") }
            } else if character == "{" && previous == "$" {
                out.removeLast()
                inVariable = true
            } else if character == "*" || character == "?" {
                out.append("x")
            } else {
                out.append(character)
            }
            previous = character
        }
        return out
    }

    private static func fallback(_ type: ResourceType) -> String {
        let a = zoneAccount
        switch type {
        case .s3Bucket: return "arn:aws:s3:::rampart-bench-bucket"
        case .iamRole: return "arn:aws:iam::\(a):role/rampart-bench-role"
        case .kmsKey: return "arn:aws:kms:us-east-1:\(a):key/1234abcd-12ab-34cd-56ef-1234567890ab"
        case .sqsQueue: return "arn:aws:sqs:us-east-1:\(a):rampart-bench-queue"
        case .snsTopic: return "arn:aws:sns:us-east-1:\(a):rampart-bench-topic"
        case .lambdaFunction, .lambdaLayer: return "arn:aws:lambda:us-east-1:\(a):function:rampart-bench-function"
        case .secretsManagerSecret: return "arn:aws:secretsmanager:us-east-1:\(a):secret:rampart-bench-secret-AbCdEf"
        case .ecrRepository: return "arn:aws:ecr:us-east-1:\(a):repository/rampart-bench-repository"
        case .efsFileSystem: return "arn:aws:elasticfilesystem:us-east-1:\(a):file-system/fs-12345678"
        case .dynamoDBTable: return "arn:aws:dynamodb:us-east-1:\(a):table/rampart-bench-table"
        case .dynamoDBStream: return "arn:aws:dynamodb:us-east-1:\(a):table/rampart-bench-table/stream/2024-01-01T00:00:00.000"
        case .ebsSnapshot: return "arn:aws:ec2:us-east-1:\(a):snapshot/snap-12345678"
        case .rdsSnapshot: return "arn:aws:rds:us-east-1:\(a):snapshot:rampart-bench"
        case .rdsClusterSnapshot: return "arn:aws:rds:us-east-1:\(a):cluster-snapshot:rampart-bench"
        default: return ResourceARNForm.placeholder(for: type, account: a)
        }
    }
}
