import Analysis

/// Turns an identity policy (no `Principal`) into a resource policy, so the identity and managed
/// corpora exercise the solver too (docs/BENCHMARKS.md, "Corpora"):
///
/// 1. The resource type is the one of the majority service among the actions' prefixes that have
///    resource policies (`s3` → bucket, `kms` → key, `sqs`, `sns`, `lambda`, `secretsmanager`,
///    `ecr`, `elasticfilesystem`, `dynamodb` → table, `sts` → role trust policy); `"*"` and
///    `NotAction` count for `s3`. Ties go to the first in that order. A policy with none of these
///    services is skipped (counted).
/// 2. Every statement without `Principal`/`NotPrincipal` gets
///    `"Principal": {"AWS": "arn:aws:iam::444455556666:root"}` (another account: external) or
///    `{"AWS": "arn:aws:iam::111122223333:root"}` (the zone's own account), one coin per document
///    from the seeded generator, so about half the cases are findings and half are proofs.
/// 3. Everything else (actions, resources, conditions) is left as it is; the resource ARN is
///    inferred from the statements as for real resource policies (`ResourceARN`).
enum IdentityConversion {
    static let externalAccount = "444455556666"

    static let services: [(prefix: String, type: ResourceType)] = [
        ("s3", .s3Bucket), ("kms", .kmsKey), ("sqs", .sqsQueue), ("sns", .snsTopic), ("lambda", .lambdaFunction),
        ("secretsmanager", .secretsManagerSecret), ("ecr", .ecrRepository), ("elasticfilesystem", .efsFileSystem),
        ("dynamodb", .dynamoDBTable), ("sts", .iamRole),
    ]

    static func convert(_ document: [String: Any], external: Bool) -> ([String: Any], ResourceType)? {
        let statements: [[String: Any]]
        if let list = document["Statement"] as? [[String: Any]] {
            statements = list
        } else if let one = document["Statement"] as? [String: Any] {
            statements = [one]
        } else {
            return nil
        }
        var votes: [String: Int] = [:]
        for statement in statements {
            let actions: [String]
            if statement["NotAction"] != nil {
                actions = ["*"]
            } else if let one = statement["Action"] as? String {
                actions = [one]
            } else {
                actions = statement["Action"] as? [String] ?? []
            }
            for action in actions {
                let prefix = action == "*" ? "s3" : String(action.split(separator: ":").first ?? "").lowercased()
                votes[prefix, default: 0] += 1
            }
        }
        var best: (prefix: String, type: ResourceType, votes: Int)?
        for service in services {
            let count = votes[service.prefix] ?? 0
            if count > 0 && count > (best?.votes ?? 0) { best = (service.prefix, service.type, count) }
        }
        guard let chosen = best else { return nil }
        let account = external ? externalAccount : ResourceARN.zoneAccount
        let principal: [String: Any] = ["AWS": "arn:aws:iam::\(account):root"]
        var converted = document
        converted["Statement"] = statements.map { statement -> [String: Any] in
            guard statement["Principal"] == nil && statement["NotPrincipal"] == nil else { return statement }
            var withPrincipal = statement
            withPrincipal["Principal"] = principal
            return withPrincipal
        }
        return (converted, chosen.type)
    }

    static func shortName(_ type: ResourceType) -> String {
        switch type {
        case .s3Bucket: return "bucket"
        case .iamRole: return "trust"
        case .kmsKey: return "key"
        case .sqsQueue: return "queue"
        case .snsTopic: return "topic"
        case .lambdaFunction, .lambdaLayer: return "lambda"
        case .secretsManagerSecret: return "secret"
        case .ecrRepository: return "ecr"
        case .efsFileSystem: return "efs"
        default: return type.rawValue
        }
    }
}
