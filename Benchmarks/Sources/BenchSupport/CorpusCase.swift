import Analysis
import Foundation
import Policy

/// One policy of the corpora, ready to analyse: the resource it is attached to and the zone.
public struct CorpusCase: Sendable {
    /// `resource-policies`, `trust-policies`, `identity-as-resource`, `managed-as-resource`.
    public var corpus: String
    /// The policy's kind as the corpus labels it (`bucket-policy`, …) or, for converted ones,
    /// the kind it was converted to (`identity→bucket`).
    public var kind: String
    /// Where it comes from: the corpus record (`source_path`, or the managed policy's name).
    public var id: String
    public var resource: AnalyzedResource
    public var zone: ZoneOfTrust
    /// The document as analysed (for converted policies: after the conversion), compact JSON.
    public var documentText: String
}

/// What loading the corpora skipped, by reason.
public struct CorpusSkips: Codable, Sendable, Equatable {
    /// Documents whose parse has an ERROR diagnostic (as `rampart scan` skips them).
    public var errorDocuments: [String: Int] = [:]
    /// Kinds with no resource type here (`scp`, `other/vpc-endpoint-policy`, …).
    public var unsupportedKinds: [String: Int] = [:]
    /// Identity and managed policies none of whose actions belong to a service with resource
    /// policies (e.g. only `ec2:` actions).
    public var noResourcePolicyService: [String: Int] = [:]
}

/// Reads `../shared/corpus` (SOURCES.md) into analysable cases.
///
/// - Resource policies (`bucket-policy`, `key-policy`, `queue-policy`, `topic-policy`,
///   `lambda-policy`, `secret-policy`, `other`/`ecr`, `other`/`elasticfilesystem`) and trust
///   policies are analysed as they are, as the resource type of their kind.
/// - Identity policies (`policy-examples`, kind `identity-policy`) and AWS managed policies are
///   turned into resource policies (`IdentityConversion`).
///
/// ```swift
/// let corpus = try Corpus.load(root: "../shared/corpus")
/// corpus.cases.count        // every analysable case, in file order
/// corpus.skips.errorDocuments
/// ```
public struct Corpus: Sendable {
    public var cases: [CorpusCase]
    public var skips: CorpusSkips

    public static func load(root: String, seed: UInt64 = BenchmarkSeed.default) throws -> Corpus {
        var cases: [CorpusCase] = []
        var skips = CorpusSkips()
        var random = SeededGenerator(seed: seed)
        for record in try jsonLines(root + "/policy-examples/policy-examples.jsonl") {
            guard let kind = record["kind"] as? String, let document = record["document"] as? [String: Any] else { continue }
            let subkind = record["subkind"] as? String
            let id = record["source_path"] as? String ?? "?"
            if kind == "identity-policy" {
                let external = random.below(2) == 0
                convert(document, corpus: "identity-as-resource", id: id, external: external, into: &cases, skips: &skips)
                continue
            }
            let label = subkind.map { "\(kind)/\($0)" } ?? kind
            guard let type = resourceType(kind: kind, subkind: subkind) else {
                skips.unsupportedKinds[label, default: 0] += 1
                continue
            }
            let corpus = type == .iamRole ? "trust-policies" : "resource-policies"
            if let analysable = make(document, type: type, corpus: corpus, kind: label, id: id) {
                cases.append(analysable)
            } else {
                skips.errorDocuments[label, default: 0] += 1
            }
        }
        for record in try jsonLines(root + "/managed-policies/aws-managed-policies.jsonl") {
            guard let document = record["document"] as? [String: Any] else { continue }
            let external = random.below(2) == 0
            convert(document, corpus: "managed-as-resource", id: record["name"] as? String ?? "?", external: external,
                    into: &cases, skips: &skips)
        }
        return Corpus(cases: numberingRepeatedIDs(cases), skips: skips)
    }

    /// One source file often holds several policies (`tests/unit/test_patterns.py` has dozens):
    /// the second and later cases of the same kind and id get ` #2`, ` #3`, … so that `--only`,
    /// the slow-case lists and `--dump-slow`'s files name one case each.
    static func numberingRepeatedIDs(_ cases: [CorpusCase]) -> [CorpusCase] {
        var seen: [String: Int] = [:]
        return cases.map { item in
            var item = item
            let key = item.kind + "\u{0}" + item.id
            let count = seen[key, default: 0] + 1
            seen[key] = count
            if count > 1 { item.id += " #\(count)" }
            return item
        }
    }

    /// The corpus's resource-policy kinds and the type each is analysed as.
    static func resourceType(kind: String, subkind: String?) -> ResourceType? {
        switch (kind, subkind) {
        case ("bucket-policy", _): return .s3Bucket
        case ("key-policy", _): return .kmsKey
        case ("queue-policy", _): return .sqsQueue
        case ("topic-policy", _): return .snsTopic
        case ("lambda-policy", _): return .lambdaFunction
        case ("secret-policy", _): return .secretsManagerSecret
        case ("trust-policy", _): return .iamRole
        case ("other", "ecr"?), ("other", "ecr-resource-policy"?): return .ecrRepository
        case ("other", "elasticfilesystem"?), ("other", "elasticfilesystem-resource-policy"?): return .efsFileSystem
        default: return nil
        }
    }

    private static func convert(_ document: [String: Any], corpus: String, id: String, external: Bool,
                                into cases: inout [CorpusCase], skips: inout CorpusSkips) {
        guard let (converted, type) = IdentityConversion.convert(document, external: external) else {
            skips.noResourcePolicyService[corpus, default: 0] += 1
            return
        }
        let kind = "\(corpus == "managed-as-resource" ? "managed" : "identity")→\(IdentityConversion.shortName(type))"
        if let analysable = make(converted, type: type, corpus: corpus, kind: kind, id: id) {
            cases.append(analysable)
        } else {
            skips.errorDocuments[kind, default: 0] += 1
        }
    }

    /// Parses the document as the type's policy; nil when it has an ERROR diagnostic.
    static func make(_ document: [String: Any], type: ResourceType, corpus: String, kind: String, id: String) -> CorpusCase? {
        guard let data = try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]),
              let text = String(data: data, encoding: .utf8) else { return nil }
        let parsed = PolicyParser.parse(bytes: Array(data), source: id, type: type.policyType)
        guard let policy = parsed.policy, !parsed.diagnostics.contains(where: { $0.severity == .error }) else { return nil }
        let resources = policy.statements.flatMap { statement -> [String] in
            guard let element = statement.resources, !element.isNegated else { return [] }
            return element.values
        }
        let arn = ResourceARN.infer(type: type, resources: resources)
        // A Lambda policy on a layer version is a layer's (its actions are the layer's).
        let type = type == .lambdaFunction && arn.contains(":layer:") ? ResourceType.lambdaLayer : type
        let resource = AnalyzedResource(arn: arn, type: type, account: type == .s3Bucket ? ResourceARN.zoneAccount : nil, policy: policy)
        let account = resource.account ?? ResourceARN.zoneAccount
        return CorpusCase(corpus: corpus, kind: kind, id: id, resource: resource, zone: .account(account), documentText: text)
    }

    static func jsonLines(_ path: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
    }
}

extension Corpus {
    /// The shared corpus folder: `RAMPART_CORPUS`, else `../shared/corpus` from the repository
    /// root or `../../shared/corpus` from `Benchmarks/` (the benchmark plugin runs there).
    public static func defaultRoot() -> String? {
        if let environment = ProcessInfo.processInfo.environment["RAMPART_CORPUS"] { return environment }
        let cwd = FileManager.default.currentDirectoryPath
        for candidate in [cwd + "/../shared/corpus", cwd + "/../../shared/corpus", cwd + "/../../../shared/corpus"]
        where FileManager.default.fileExists(atPath: candidate + "/policy-examples/policy-examples.jsonl") {
            return candidate
        }
        return nil
    }
}
