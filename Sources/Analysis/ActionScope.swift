import Authorizer
import Policy

/// The resource's policies as the external-access question reads them: every request it asks
/// about names an action of the resource's services (`ExternalAccessQuery`'s frame), so an
/// `Action` pattern that matches no such action (`logs:Get*` in a policy on a bucket) is false
/// on every request asked about. Leaving it out of the `Action` list (and a statement whose list
/// empties, which then applies to nothing) changes no answer, and spares the solver hundreds of
/// regex atoms when a policy grants many services (managed policies turned into resource
/// policies have ~450). `NotAction` is kept as written. Witnesses are still replayed through
/// the Authorizer against the policies as written.
enum ActionScope {
    /// Whether `pattern` can match an action of one of `services` (`s3` for `s3:GetObject`).
    static func canName(_ pattern: String, services: [String]) -> Bool {
        // Most patterns of a many-service policy fail on their literal start (`logs:Get*`
        // against `s3:`): decided without compiling them.
        let candidates = services.filter { literalStartAllows(pattern, "\($0):") }
        guard !candidates.isEmpty else { return false }
        let glob = GlobPattern(pattern, caseInsensitive: true)
        return candidates.contains { glob.matchesSomeExtension(of: $0) }
    }

    /// False when the pattern's characters before its first wildcard already differ (ignoring
    /// ASCII case) from `prefix`: then no string it matches starts with `prefix`.
    private static func literalStartAllows(_ pattern: String, _ prefix: String) -> Bool {
        for (p, c) in zip(pattern.utf8, prefix.utf8) {
            if p == UInt8(ascii: "*") || p == UInt8(ascii: "?") { return true }
            let lowered = p >= UInt8(ascii: "A") && p <= UInt8(ascii: "Z") ? p + 32 : p
            if lowered != c { return false }
        }
        return true
    }

    static func scoped(_ policies: PolicySet, services: [String]) -> PolicySet {
        var result = policies
        result.resourcePolicy = policies.resourcePolicy.map { scoped($0, services: services) }
        result.resourceControlPolicies = policies.resourceControlPolicies?.map { level in level.map { scoped($0, services: services) } }
        result.accessPointPolicies = policies.accessPointPolicies?.map { scoped($0, services: services) }
        return result
    }

    static func scoped(_ policy: Policy, services: [String]) -> Policy {
        var result = policy
        result.statements = policy.statements.compactMap { statement in
            guard var actions = statement.actions, !actions.isNegated else { return statement }
            actions.patterns = actions.patterns.filter { canName($0.value, services: services) }
            guard !actions.patterns.isEmpty else { return nil }
            var kept = statement
            kept.actions = actions
            return kept
        }
        return result
    }
}
