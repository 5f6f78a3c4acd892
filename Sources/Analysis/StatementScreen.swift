import Authorizer
import Encoding
import Policy

/// Whether one policy statement could apply to a request of one known caller on one resource,
/// read from its `Principal` and `Resource` elements alone: an over-approximation for
/// `ReachScreen` (issue 18's scale). "No" must mean that no request of the question can match
/// the statement; every doubt answers "could".
///
/// `Principal` (IAM User Guide, "AWS JSON policy elements: Principal"; the Authorizer's
/// `PrincipalMatcher`): an IAM user or a role's session is named only by `"*"` / `{"AWS": "*"}`,
/// its account (the 12-digit id or `arn:aws:iam::ACCOUNT:root`), its own ARN, its role's ARN, or
/// (a session) its session's ARN, whose session name the assumer chooses. `Service` and
/// `Federated` entries name services and identity providers, never an IAM identity. Beyond the
/// Authorizer's exact comparison this reads ARNs ignoring case, takes any entry with a wildcard
/// or a policy variable, any `CanonicalUser` entry, any entry equal to the caller's unique id,
/// and `NotPrincipal` as "could".
///
/// `Resource` (IAM User Guide, "IAM JSON policy elements: Resource"): a statement applies to a
/// request only when one of its patterns matches the request's resource, which the question
/// limits to the resource's scopes (`ResourceType.requestResources`). Patterns are compared as
/// whole-string globs ignoring case, policy variables widened to `*` — a superset of the
/// Authorizer's segment-wise ARN matching. `NotResource` and an absent `Resource` read "could".
enum StatementScreen {
    /// Whether `statement`'s `Principal` or `NotPrincipal` could name `pin`'s caller.
    static func principalCouldMatch(_ statement: Statement, caller pin: PrincipalPin) -> Bool {
        guard let element = statement.principal else { return true }
        if element.isNegated || element.namesEveryone { return true }
        return element.entries.contains { entryCouldName($0, caller: pin) }
    }

    /// Whether one `Principal` entry could name `pin`'s caller.
    static func entryCouldName(_ entry: PrincipalEntry, caller pin: PrincipalPin) -> Bool {
        let caller = pin.principal
        guard caller.kind == .iamUser || caller.kind == .assumedRoleSession else { return true }
        switch entry.type {
        case .service, .federated:
            return false
        case .canonicalUser:
            return true
        case .aws:
            let value = entry.value
            if value.contains("*") || value.contains("?") || value.contains("${") { return true }
            if let account = caller.account {
                if value == account { return true }
                if let arn = ARN(parsing: value), arn.service == "iam", arn.resource == "root", arn.account == account { return true }
            }
            if let id = caller.userID, value == id { return true }
            let lowered = value.lowercased()
            if [caller.arn, caller.roleArn].contains(where: { $0?.lowercased() == lowered }) { return true }
            return caller.kind == .assumedRoleSession && pin.anySessionName && lowered.contains(":assumed-role/")
        }
    }

    /// Whether `statement`'s `Resource` could match a request resource within `scopes`.
    static func resourceCouldMatch(_ statement: Statement, scopes: [GlobPattern]) -> Bool {
        guard let resources = statement.resources, !resources.isNegated else { return true }
        return resources.values.contains { pattern in
            let glob = GlobPattern.widenedOverVariables(pattern.lowercased())
            return scopes.contains { GlobIntersection.commonMatch(glob, $0) != nil }
        }
    }

    /// The request resources of `scopes` as lowercase globs: each prefix literal, then `*` when
    /// anything may follow it.
    static func scopeGlobs(_ scopes: [RequestResourceScope]) -> [GlobPattern] {
        scopes.map { scope in
            GlobPattern(tokens: scope.prefix.lowercased().unicodeScalars.map(GlobToken.literal) + (scope.anySuffix ? [.anyRun] : []))
        }
    }
}
