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

    /// `workers`: the threads that take the callers' contents (each its own share of them).
    public init(_ callers: [String: CallerIdentity], workers: Int = 1) {
        let all = Array(callers.values)
        let shares = max(1, min(workers, all.count))
        let keyed = ParallelWorkers.run(count: shares, workers: shares) { share in
            var fingerprints = Fingerprints()
            return stride(from: share, to: all.count, by: shares).map { (all[$0].arn, Self.key(all[$0], fingerprints: &fingerprints)) }
        }
        let contents = Dictionary(keyed.flatMap { $0 }, uniquingKeysWith: { first, _ in first })
        let positions = Dictionary(uniqueKeysWithValues: Set(contents.values).sorted().enumerated().map { ($0.element, $0.offset) })
        keys = contents.mapValues { "class-\(positions[$0] ?? -1)" }
    }

    public subscript(arn: String) -> String? { keys[arn] }

    /// How many classes the callers fall in.
    public var count: Int { Set(keys.values).count }

    static func key(_ caller: CallerIdentity, fingerprints: inout Fingerprints) -> String {
        let pin = caller.pin
        let principal = pin.principal
        let identity = caller.identityPolicies.map { "known:" + $0.map { fingerprints.of($0) }.sorted().joined(separator: "\u{1F}") } ?? "unknown"
        let boundary = caller.permissionsBoundary.map { fingerprints.of($0) } ?? "none"
        let scps = caller.serviceControlPolicies.map { levels in
            "levels:" + levels.map { $0.map { fingerprints.of($0) }.sorted().joined(separator: "\u{1F}") }.joined(separator: "\u{1D}")
        } ?? "none"
        let organization = [pin.anyOrganization ? "any" : (principal.orgID ?? "-"),
                            pin.anyOrganizationPaths ? "any" : principal.orgPaths.sorted().joined(separator: ",")]
        let parts = [principal.kind.rawValue, caller.account, pin.anySessionName ? "any-session" : "named",
                     caller.unknown.isEmpty ? "known" : "partly-unknown"] + organization + [identity, boundary, scps]
        return parts.joined(separator: "\u{1E}")
    }

    /// Each policy's `FieldFingerprint`, taken once per document: a managed policy attached to
    /// thousands of callers, or an account's SCPs, would otherwise be walked once per caller.
    /// Looked up by the policy's source and confirmed by equality (`Policy ==`, which is quick
    /// for copies of one document), so two documents that share a source name are never confused.
    struct Fingerprints {
        private var known: [String: [(policy: Policy, fingerprint: String)]] = [:]

        mutating func of(_ policy: Policy) -> String {
            if let found = known[policy.source]?.first(where: { $0.policy == policy }) { return found.fingerprint }
            let fingerprint = FieldFingerprint.of(policy)
            known[policy.source, default: []].append((policy, fingerprint))
            return fingerprint
        }
    }
}
