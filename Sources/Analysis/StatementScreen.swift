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
    /// How `statement`'s `Principal` or `NotPrincipal` could name `pin`'s caller.
    static func principalReach(_ statement: Statement, caller pin: PrincipalPin) -> PrincipalReachKind {
        guard let element = statement.principal else { return .direct }
        if element.isNegated || element.namesEveryone { return .direct }
        var reach = PrincipalReachKind.none
        for entry in element.entries {
            let found = entryReach(entry, caller: pin)
            if found > reach { reach = found }
            if reach == .direct { break }
        }
        return reach
    }

    /// Whether `statement`'s `Principal` or `NotPrincipal` could name `pin`'s caller.
    static func principalCouldMatch(_ statement: Statement, caller pin: PrincipalPin) -> Bool {
        principalReach(statement, caller: pin) != .none
    }

    /// Whether one `Principal` entry could name `pin`'s caller.
    static func entryCouldName(_ entry: PrincipalEntry, caller pin: PrincipalPin) -> Bool {
        entryReach(entry, caller: pin) != .none
    }

    /// How one `Principal` entry could name `pin`'s caller: exactly its account (`.account`), or
    /// anything else that could name it (`.direct`).
    static func entryReach(_ entry: PrincipalEntry, caller pin: PrincipalPin) -> PrincipalReachKind {
        let caller = pin.principal
        guard caller.kind == .iamUser || caller.kind == .assumedRoleSession else { return .direct }
        switch entry.type {
        case .service, .federated:
            return .none
        case .canonicalUser:
            return .direct
        case .aws:
            let value = entry.value
            if value.contains("*") || value.contains("?") || value.contains("${") { return .direct }
            if let account = caller.account {
                if value == account { return .account }
                if let arn = ARN(parsing: value), arn.service == "iam", arn.resource == "root", arn.account == account { return .account }
            }
            if let id = caller.userID, value == id { return .direct }
            let lowered = value.lowercased()
            if [caller.arn, caller.roleArn].contains(where: { $0?.lowercased() == lowered }) { return .direct }
            return caller.kind == .assumedRoleSession && pin.anySessionName && lowered.contains(":assumed-role/") ? .direct : .none
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

/// How a statement's principal could name a caller, weakest first. `.account`: only through the
/// caller's account (its id or root ARN) — a delegation to the account, under which the caller's
/// own identity policies must allow too (the Authorizer's `PrincipalGrant.account`; IAM User
/// Guide, "Policy evaluation logic", resource-based policies). `.direct`: anything else that
/// could name it — everyone, its ARN, its role's, a session's, `NotPrincipal`, a doubt.
enum PrincipalReachKind: Int, Comparable {
    case none = 0, account, direct

    static func < (lhs: PrincipalReachKind, rhs: PrincipalReachKind) -> Bool { lhs.rawValue < rhs.rawValue }
}
