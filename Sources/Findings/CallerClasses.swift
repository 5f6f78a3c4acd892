import Analysis
import Authorizer
import Policy

/// The snapshot's users and roles grouped by the content of their side of a request (issue 18's
/// scale): two callers share a class when they are of one kind (users, or roles' sessions), in one
/// account and organization position, with the same identity policies (by content, in any order:
/// AWS grants what any of them allows — IAM User Guide, "Policy evaluation logic"), the same
/// permissions boundary and the same SCPs, and with their sides known or unknown alike. Users in
/// the same groups with no policy of their own are one class.
///
/// Members then differ only in their ARN, name, unique id and tags, which `ReachAnswers` checks
/// each question's policies for before it shares an answer (`MemberDistinction`).
public struct CallerClasses: Sendable {
    /// Caller ARN → its class's key: `class-N`, N the position of the class's content (the
    /// content above, as one string, `key`) among the classes' contents sorted. Two callers
    /// have one key exactly when their contents are equal; the short key keeps `ReachAnswers`
    /// from hashing policy contents on every question (issue 18's scale).
    public let keys: [String: String]

    /// `workers`: the threads that fingerprint the callers' policies (each its own share of them).
    public init(_ callers: [String: CallerIdentity], workers: Int = 1) {
        let all = Array(callers.values)
        let shares = max(1, min(workers, all.count))
        // Each policy fingerprinted once per share, each caller's content as fingerprint numbers
        // of its share; then every fingerprint numbered by its rank among all of them, so that a
        // content is a short string of numbers, equal exactly when the fingerprints are.
        let read = ParallelWorkers.run(count: shares, workers: shares) { share -> (contents: [(String, Content)], texts: [String]) in
            var fingerprints = Fingerprints()
            let contents = stride(from: share, to: all.count, by: shares).map { (all[$0].arn, Self.content(all[$0], fingerprints: &fingerprints)) }
            return (contents, fingerprints.texts)
        }
        let ranks = Dictionary(uniqueKeysWithValues: Set(read.flatMap(\.texts)).sorted().enumerated().map { ($0.element, $0.offset) })
        var contents: [String: String] = [:]
        for (contentsOfShare, texts) in read {
            let rank = texts.map { ranks[$0] ?? -1 }
            for (arn, content) in contentsOfShare where contents[arn] == nil { contents[arn] = content.key(rank) }
        }
        let positions = Dictionary(uniqueKeysWithValues: Set(contents.values).sorted().enumerated().map { ($0.element, $0.offset) })
        keys = contents.mapValues { "class-\(positions[$0] ?? -1)" }
    }

    public subscript(arn: String) -> String? { keys[arn] }

    /// How many classes the callers fall in.
    public var count: Int { Set(keys.values).count }

    /// A caller's content with its policies as fingerprint numbers (`Fingerprints`).
    struct Content {
        /// Kind, account, session naming, known or not, organization position.
        var head: String
        var identity: [Int]?
        var boundary: Int?
        var serviceControlPolicies: [[Int]]?

        /// The content as one string, each fingerprint number read through `rank` (the
        /// fingerprint's rank among every fingerprint): equal exactly when the contents are.
        func key(_ rank: [Int]) -> String {
            func numbers(_ ids: [Int]) -> String { ids.map { rank[$0] }.sorted().map(String.init).joined(separator: ",") }
            let identity = self.identity.map { "known:" + numbers($0) } ?? "unknown"
            let boundary = self.boundary.map { String(rank[$0]) } ?? "none"
            let scps = serviceControlPolicies.map { "levels:" + $0.map(numbers).joined(separator: "/") } ?? "none"
            return [head, identity, boundary, scps].joined(separator: "\u{1E}")
        }
    }

    static func content(_ caller: CallerIdentity, fingerprints: inout Fingerprints) -> Content {
        let pin = caller.pin
        let principal = pin.principal
        let organization = [pin.anyOrganization ? "any" : (principal.orgID ?? "-"),
                            pin.anyOrganizationPaths ? "any" : principal.orgPaths.sorted().joined(separator: ",")]
        let head = ([principal.kind.rawValue, caller.account, pin.anySessionName ? "any-session" : "named",
                     caller.unknown.isEmpty ? "known" : "partly-unknown"] + organization).joined(separator: "\u{1E}")
        return Content(head: head, identity: caller.identityPolicies.map { $0.map { fingerprints.id(of: $0) } },
                       boundary: caller.permissionsBoundary.map { fingerprints.id(of: $0) },
                       serviceControlPolicies: caller.serviceControlPolicies.map { $0.map { $0.map { fingerprints.id(of: $0) } } })
    }

    /// Each policy's `FieldFingerprint`, taken once per document and numbered in the order taken:
    /// a managed policy attached to thousands of callers, or an account's SCPs, would otherwise be
    /// walked once per caller. Looked up by the policy's source and confirmed by equality
    /// (`Policy ==`, which is quick for copies of one document), so two documents that share a
    /// source name are never confused; two documents with one fingerprint may have two numbers
    /// (`init` reads numbers through the fingerprints' ranks).
    struct Fingerprints {
        private var known: [String: [(policy: Policy, id: Int)]] = [:]
        /// The fingerprints by number.
        private(set) var texts: [String] = []

        mutating func id(of policy: Policy) -> Int {
            if let found = known[policy.source]?.first(where: { $0.policy == policy }) { return found.id }
            let id = texts.count
            texts.append(FieldFingerprint.of(policy))
            known[policy.source, default: []].append((policy, id))
            return id
        }
    }
}
