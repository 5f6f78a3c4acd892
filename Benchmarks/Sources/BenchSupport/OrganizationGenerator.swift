import Analysis
import Environment
import Foundation
import Policy

/// A deterministic synthetic organization drawn from the corpus (docs/BENCHMARKS.md,
/// "Synthetic organizations"):
///
/// - `resources / resourcesPerAccount` accounts (ids `200000000001`, `200000000002`, …).
/// - Each resource's type is drawn from a fixed mix (`mix`): roles 40 %, buckets 20 %, KMS keys
///   12 %, queues 8 %, topics 6 %, Lambda functions 6 %, secrets 5 %, ECR repositories 2 %,
///   EFS file systems 1 %; 40 % of buckets have no bucket policy.
/// - Its policy is a template of that type from the real corpora (resource and trust policies as
///   they are), chosen with Zipf-like popularity (weight 1/(rank+1)^1.1 over a seeded order), so a
///   few policies repeat a lot, as in real organizations (the same Lambda trust policy on many
///   roles, the default key policy on every key).
/// - The template's placeholder account `111122223333` becomes the resource's account; when the
///   template names its resource (a bucket policy naming its bucket), the name becomes the new
///   resource's own name (a valid bucket name for buckets, as S3 requires), so such documents are distinct
///   per resource, as they are in reality.
///
/// ```swift
/// let generator = try OrganizationGenerator(corpus: corpus)
/// let plan = generator.plan(resources: 1_000)         // cheap: no parsing
/// plan.distinctAnalyses                                 // what a scan must solve
/// let snapshot = generator.snapshot(plan)               // the in-memory model `Scanner` reads
/// ```
public struct OrganizationGenerator: Sendable {
    public static let mix: [(type: ResourceType, percent: Int)] = [
        (.iamRole, 40), (.s3Bucket, 20), (.kmsKey, 12), (.sqsQueue, 8), (.snsTopic, 6), (.lambdaFunction, 6),
        (.secretsManagerSecret, 5), (.ecrRepository, 2), (.efsFileSystem, 1),
    ]
    public static let bucketsWithoutPolicyPercent = 40
    public static let defaultResourcesPerAccount = 200

    struct Template: Sendable {
        var text: String
        /// The resource name the template's ARN carries, when the text names it (then replaced per resource).
        var name: String?
        /// The ARN the template was analysed with; the prefix up to the name is kept.
        var arn: String
        /// True when every statement's Resource is absent or `*` (then the scanner caches across resources).
        var arnFree: Bool
    }

    /// One generated resource, before parsing.
    public struct PlannedResource: Sendable {
        public var type: ResourceType
        public var account: String
        public var arn: String
        /// Nil for a bucket without a policy.
        public var document: String?
        var arnFree: Bool
    }

    public struct Plan: Sendable {
        public var resources: [PlannedResource]
        public var accounts: [String]
        /// Distinct (type, account, document, ARN unless the policy is ARN-free) among resources
        /// with a policy: what the scanner's result cache leaves to solve (`AnalysisKey`).
        public var distinctAnalyses: Int
        /// Resources with a policy (the others are answered without the solver, one analysis each).
        public var withPolicy: Int
    }

    let pools: [ResourceType: [Template]]
    let seed: UInt64
    public let resourcesPerAccount: Int

    public init(corpus: Corpus, seed: UInt64 = BenchmarkSeed.default, resourcesPerAccount: Int = defaultResourcesPerAccount) {
        var pools: [ResourceType: [Template]] = [:]
        for item in corpus.cases where item.corpus == "resource-policies" || item.corpus == "trust-policies" {
            let arn = item.resource.arn
            let name = Self.resourceName(arn)
            let named = name.flatMap { $0.count >= 4 && item.documentText.contains($0) ? $0 : nil }
            let arnFree = item.resource.policy?.statements.allSatisfy { statement in
                guard let resources = statement.resources else { return true }
                return !resources.isNegated && resources.values.allSatisfy { $0 == "*" }
            } ?? true
            pools[item.resource.type, default: []].append(Template(text: item.documentText, name: named, arn: arn, arnFree: arnFree))
        }
        // A seeded popularity order per type.
        var random = SeededGenerator(seed: seed ^ 0x0123_4567)
        for type in pools.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            var pool = pools[type] ?? []
            for i in pool.indices.reversed() where i > 0 { pool.swapAt(i, random.below(i + 1)) }
            pools[type] = pool
        }
        self.pools = pools
        self.seed = seed
        self.resourcesPerAccount = resourcesPerAccount
    }

    /// The resources of an organization of `count` resources; the first `n` resources of a larger
    /// plan are not those of a smaller one (accounts are filled in order), but the draw is the
    /// same for the same count.
    public func plan(resources count: Int) -> Plan {
        var random = SeededGenerator(seed: seed ^ UInt64(count))
        let accountCount = max(1, (count + resourcesPerAccount - 1) / resourcesPerAccount)
        let accounts = (1...accountCount).map { String(format: "2%011d", $0) }
        let types = Self.mix.filter { (pools[$0.type]?.isEmpty ?? true) == false }
        let totalPercent = types.reduce(0) { $0 + $1.percent }
        var weights: [ResourceType: [Double]] = [:]
        for (type, pool) in pools {
            var cumulative: [Double] = []
            var sum = 0.0
            for rank in pool.indices {
                sum += 1 / pow(Double(rank + 1), 1.1)
                cumulative.append(sum)
            }
            weights[type] = cumulative
        }
        var planned: [PlannedResource] = []
        planned.reserveCapacity(count)
        var keys = Set<String>()
        var withPolicy = 0
        for index in 0..<count {
            let account = accounts[index / resourcesPerAccount]
            var pick = random.below(totalPercent)
            var type = types[0].type
            for entry in types {
                if pick < entry.percent { type = entry.type; break }
                pick -= entry.percent
            }
            let name = "bench-\(index)"
            if type == .s3Bucket && random.below(100) < Self.bucketsWithoutPolicyPercent {
                planned.append(PlannedResource(type: type, account: account, arn: Self.arn(type, account: account, name: name, template: nil),
                                               document: nil, arnFree: true))
                continue
            }
            let pool = pools[type] ?? []
            let cumulative = weights[type] ?? []
            let target = random.unit() * (cumulative.last ?? 1)
            var low = 0, high = cumulative.count - 1
            while low < high {
                let middle = (low + high) / 2
                if cumulative[middle] < target { low = middle + 1 } else { high = middle }
            }
            let template = pool[low]
            var text = template.text
            var resourceName = name
            if let templateName = template.name {
                // S3 bucket names are lowercase letters, digits, `.` and `-` (S3 User Guide, "Bucket
                // naming rules"); the corpus's placeholders (`DOC-EXAMPLE-BUCKET`, `<bucket-name>`) are not. The name is replaced before the
                // account, since a name may contain the placeholder account
                // (`aws-cloudtrail-logs-111122223333-61bbe496`).
                resourceName = "\(type == .s3Bucket ? Self.bucketName(templateName) : templateName)-\(index)"
                text = text.replacingOccurrences(of: templateName, with: resourceName)
            }
            text = text.replacingOccurrences(of: ResourceARN.zoneAccount, with: account)
            let arn = Self.arn(type, account: account, name: resourceName, template: template)
            withPolicy += 1
            keys.insert("\(type.rawValue)|\(account)|\(template.arnFree ? "" : arn)|\(text)")
            planned.append(PlannedResource(type: type, account: account, arn: arn, document: text, arnFree: template.arnFree))
        }
        return Plan(resources: planned, accounts: accounts, distinctAnalyses: keys.count, withPolicy: withPolicy)
    }

    /// The in-memory snapshot of a plan: what `SnapshotLoader` would read from the same files
    /// (policies parsed once per distinct text). Resources are ordered by type and ARN within
    /// each account, as the loader orders them.
    public func snapshot(_ plan: Plan) -> Snapshot {
        var parsed: [String: Policy?] = [:]
        var byAccount: [String: [SnapshotResource]] = [:]
        for item in plan.resources {
            var resource = SnapshotResource(type: item.type.rawValue, arn: item.arn, account: item.account,
                                            region: item.type == .s3Bucket || item.type == .iamRole ? nil : "us-east-1")
            if let text = item.document {
                let policy: Policy?
                if let cached = parsed[text] {
                    policy = cached
                } else {
                    let result = PolicyParser.parse(text: text, source: item.arn, type: item.type.policyType)
                    policy = result.diagnostics.contains { $0.severity == .error } ? nil : result.policy
                    parsed[text] = policy
                }
                resource.policy = policy
                resource.policyHasErrors = policy == nil
                resource.documentText = text
            }
            resource.files = ["generated/\(item.arn)"]
            byAccount[item.account, default: []].append(resource)
        }
        let accounts = plan.accounts.map { id in
            AccountSnapshot(id: id, resources: (byAccount[id] ?? []).sorted { ($0.type, $0.arn) < ($1.type, $1.arn) })
        }
        return Snapshot(name: "synthetic-\(plan.resources.count)", accounts: accounts)
    }

    /// A corpus placeholder made a valid bucket name: lowercase, other characters as `-`.
    static func bucketName(_ placeholder: String) -> String {
        let mapped = placeholder.lowercased().map { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." ? $0 : "-" }
        let trimmed = String(mapped).trimmingCharacters(in: CharacterSet(charactersIn: "-."))
        return trimmed.isEmpty ? "bucket" : trimmed
    }

    /// The resource part after the last `/` or `:` of an ARN (the name a policy would mention).
    static func resourceName(_ arn: String) -> String? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6 else { return nil }
        let resource = parts[5]
        let last = resource.split(whereSeparator: { $0 == "/" || $0 == ":" }).last.map(String.init)
        return last
    }

    static func arn(_ type: ResourceType, account: String, name: String, template: Template?) -> String {
        if let template, let templateName = template.name, let range = template.arn.range(of: templateName, options: .backwards) {
            // Keep the template's ARN shape; swap the account and the name.
            var arn = template.arn
            arn.replaceSubrange(range, with: name)
            return arn.replacingOccurrences(of: ResourceARN.zoneAccount, with: account)
        }
        switch type {
        case .s3Bucket: return "arn:aws:s3:::\(name)"
        case .iamRole: return "arn:aws:iam::\(account):role/\(name)"
        case .kmsKey: return "arn:aws:kms:us-east-1:\(account):key/\(name)"
        case .sqsQueue: return "arn:aws:sqs:us-east-1:\(account):\(name)"
        case .snsTopic: return "arn:aws:sns:us-east-1:\(account):\(name)"
        case .lambdaFunction, .lambdaLayer: return "arn:aws:lambda:us-east-1:\(account):function:\(name)"
        case .secretsManagerSecret: return "arn:aws:secretsmanager:us-east-1:\(account):secret:\(name)-AbCdEf"
        case .ecrRepository: return "arn:aws:ecr:us-east-1:\(account):repository/\(name)"
        case .efsFileSystem: return "arn:aws:elasticfilesystem:us-east-1:\(account):file-system/fs-\(name)"
        default: return "arn:aws:\(ResourceARN.serviceName(type)):us-east-1:\(account):\(name)"
        }
    }
}
