import Authorizer
import Policy

/// Proofs of "no external access" read off the policy text, without the solver.
///
/// Outside the zone, access always needs an Allow statement of the resource policy that applies
/// to the caller (IAM User Guide, "Cross-account policy evaluation logic": the resource-based
/// policy must grant the outside principal; for a role, its trust policy; for a KMS key, its key
/// policy). Deny statements, RCPs, S3 Block Public Access and the explicit-allow rules of the
/// resource type only ever take access away. So when every Allow statement of the resource policy
/// provably admits no caller outside the zone, no caller outside the zone gets in.
///
/// A statement is screened out by the first of these that holds, each a sufficient reason:
/// 1. its `Principal` names only principals of the zone's accounts (and, in a role trust policy
///    that reads no source key, service principals that need `iam:PassRole` from the role's
///    account, which act for that account: `ExternalAccessQuery`, `RolePassingServices`);
/// 2. one of its conditions admits only callers of the zone: `StringEquals` (no `IfExists`, no
///    set qualifier) on `aws:PrincipalAccount` with zone accounts, on `aws:PrincipalOrgID` with
///    the zone's organization, or on `aws:SourceAccount`/`aws:SourceOwner` with zone accounts; or
///    an ARN/string operator on `aws:PrincipalArn`/`aws:SourceArn` whose values fix, before any
///    wildcard, an account segment of the zone; or `ForAnyValue:StringLike`/`StringEquals` on
///    `aws:PrincipalOrgPaths` with values that begin with the zone's organization id and `/`
///    (every path begins with the caller's own organization). Source keys only come with service requests
///    acting for the account they name, and such a service acts for the zone (`ServiceSourceEvidence`);
/// 3. it cannot apply to this resource: no `Action`, or no action pattern of the resource's
///    services, or no `Resource` pattern that can match the resource (or its objects), even with
///    its policy variables widened to `*` (`GlobPattern.widenedOverVariables`).
///
/// Anything else (`NotPrincipal`, `NotAction`, `NotResource`, policy variables elsewhere, `*`,
/// negated or `...IfExists` operators) is left to the solver. The screen is sound, not complete: when it
/// says nothing the solver decides. Tests check every screened proof on the corpora against the
/// solver (`ZoneScreenTests`).
enum ZoneScreen {
    /// The explanation of a proof (one line per Allow statement, in the words `Explanation` uses),
    /// or nil when some Allow statement needs the solver.
    static func proof(for resource: AnalyzedResource, zone: ZoneOfTrust) -> [String]? {
        guard let policy = resource.policy, outsidersNeedAnAllow(resource, zone: zone) else { return nil }
        let allows = policy.statements.filter { $0.effect == .allow }
        if allows.isEmpty { return ["The policy has no Allow statement: it grants nothing."] }
        var lines: [String] = []
        for statement in allows {
            guard let reason = reason(statement, resource: resource, zone: zone) else { return nil }
            lines.append("\(Explanation.label(statement)): \(reason)")
        }
        return lines
    }

    /// Whether a caller outside the zone reaches `resource` only through an Allow statement of
    /// its resource policy that applies — the argument of every proof of the screen, and of the
    /// last case of `StatementCases` (no Allow statement applies: UNSAT when this holds). It needs
    /// the resource's owner inside the zone: principals of the owner's account reach it through
    /// their identity policies alone (IAM User Guide, "Policy evaluation logic", same account),
    /// with no Allow of the resource policy.
    static func outsidersNeedAnAllow(_ resource: AnalyzedResource, zone: ZoneOfTrust) -> Bool {
        if let owner = resource.account, !zone.contains(account: owner) { return false }
        return true
    }

    /// Why `statement` admits no caller outside the zone, or nil when that is not evident.
    static func reason(_ statement: Statement, resource: AnalyzedResource, zone: ZoneOfTrust) -> String? {
        if namesOnlyZonePrincipals(statement, resource: resource, zone: zone) {
            let services = (statement.principal?.entries ?? []).filter { $0.type == .service }.map(\.value)
            if services.isEmpty { return "its Principal names only principals inside the zone of trust." }
            return "its Principal names only principals inside the zone of trust: \(services.joined(separator: ", ")) "
                + "assume\(services.count == 1 ? "s" : "") the role only for a caller allowed iam:PassRole in the role's account, "
                + "and no source key names anyone else (the PassRole rule)."
        }
        if let condition = statement.conditions.first(where: { admitsOnlyZone($0, zone: zone) }) {
            return "its condition [\(ConditionText.describe(condition))] admits no caller outside the zone."
        }
        if !canApply(statement, to: resource) {
            return "does not apply to this resource's actions and resources."
        }
        return nil
    }

    // MARK: 1. Principal

    private static func namesOnlyZonePrincipals(_ statement: Statement, resource: AnalyzedResource, zone: ZoneOfTrust) -> Bool {
        guard let principal = statement.principal, !principal.isNegated, !principal.isBareWildcard,
              !principal.entries.isEmpty else { return false }
        return principal.entries.allSatisfy { entry in
            switch entry.type {
            case .aws:
                if AccountID.isValid(entry.value) { return zone.contains(account: entry.value) }
                guard let arn = ARN(parsing: entry.value), AccountID.isValid(arn.account) else { return false }
                return zone.contains(account: arn.account)
            case .service:
                // In a trust policy, a service that takes on roles only when a caller of the role's
                // account passed it, while no source key can say it acts for someone else
                // (`ExternalAccessQuery`, `RolePassingServices`).
                return resource.type.isRoleTrust && RolePassingServices.needsPassRole(entry.value)
                    && !readsSourceKeys(resource.policies)
            case .federated, .canonicalUser:
                return false
            }
        }
    }

    /// Whether a condition key or a policy variable of the resource policy or an RCP names a source key.
    private static func readsSourceKeys(_ policies: PolicySet) -> Bool {
        let keys = ServiceSourceEvidence.sourceKeys.map { $0.lowercased() }
        let statements = (policies.resourcePolicy?.statements ?? [])
            + (policies.resourceControlPolicies ?? []).flatMap { $0.flatMap(\.statements) }
            + (policies.accessPointPolicies ?? []).flatMap(\.statements)
        return statements.contains { statement in
            statement.conditions.contains { condition in
                keys.contains(condition.key.value.lowercased())
                    || condition.values.contains { value in keys.contains { value.text.lowercased().contains("${" + $0) } }
            } || (statement.resources?.values ?? []).contains { value in keys.contains { value.lowercased().contains("${" + $0) } }
        }
    }

    // MARK: 2. Conditions

    private static func admitsOnlyZone(_ condition: Condition, zone: ZoneOfTrust) -> Bool {
        let op = condition.conditionOperator
        let key = condition.key.value.lowercased()
        let values = condition.values.map(\.text)
        guard !values.isEmpty, !op.ifExists else { return false }
        // ForAnyValue on aws:PrincipalOrgPaths needs a path, and every path begins with the
        // caller's own organization id (`OrganizationIdentifiers`): values fixing the zone's
        // organization as their first segment admit only its members.
        if op.qualifier == .forAnyValue, key == "aws:principalorgpaths",
           [.stringEquals, .stringLike].contains(op.base), let organization = zone.organizationID {
            return values.allSatisfy { $0.hasPrefix(organization + "/") }
        }
        guard op.qualifier == nil else { return false }
        // An organization id not of the documented form (`OrganizationIdentifiers`: a corpus
        // placeholder such as `organization-id`) is carried by no caller: nobody is admitted.
        if op.base == .stringEquals, key == "aws:principalorgid",
           values.allSatisfy({ !$0.contains("${") && !OrganizationIdentifiers.organization.matches($0) }) {
            return true
        }
        switch (op.base, key) {
        case (.stringEquals, "aws:principalaccount"), (.stringEquals, "aws:sourceaccount"), (.stringEquals, "aws:sourceowner"):
            return values.allSatisfy { zone.contains(account: $0) }
        case (.stringEquals, "aws:principalorgid"):
            guard let organization = zone.organizationID else { return false }
            return values.allSatisfy { $0 == organization }
        case (.stringEquals, "aws:principalarn"), (.stringEquals, "aws:sourcearn"),
             (.stringLike, "aws:principalarn"), (.stringLike, "aws:sourcearn"),
             (.arnEquals, "aws:principalarn"), (.arnEquals, "aws:sourcearn"),
             (.arnLike, "aws:principalarn"), (.arnLike, "aws:sourcearn"):
            // ARN operators match each of the six segments on its own (IAM User Guide, "Amazon
            // Resource Name (ARN) condition operators"), so only the account segment need be fixed;
            // a string operator's wildcard before it could also match colons.
            let segmentwise = op.base == .arnEquals || op.base == .arnLike
            return values.allSatisfy { fixesZoneAccount($0, zone: zone, segmentwise: segmentwise) }
        default:
            return false
        }
    }

    /// `arn:PARTITION:SERVICE:REGION:ACCOUNT:…` with ACCOUNT in the zone and free of wildcards and
    /// variables, and (`segmentwise` false, string operators) the segments before it too: every
    /// ARN the value matches has that account.
    private static func fixesZoneAccount(_ value: String, zone: ZoneOfTrust, segmentwise: Bool) -> Bool {
        let segments = value.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard segments.count == 6, segments[0] == "arn" else { return false }
        let fixed = segmentwise ? segments[4..<5] : segments[0..<5]
        guard fixed.allSatisfy({ !$0.contains("*") && !$0.contains("?") && !$0.contains("$") }) else { return false }
        return zone.contains(account: String(segments[4]))
    }

    // MARK: 3. Scope

    /// Whether `statement` can apply to some request about `resource` (an action of its
    /// services, a `Resource` pattern that can match it or its objects).
    static func canApply(_ statement: Statement, to resource: AnalyzedResource) -> Bool {
        guard let actions = statement.actions else { return false }
        if !actions.isNegated {
            let services = resource.type.servicePrefixes.map { "\($0):" }
            let touchesService = actions.values.contains { GlobPattern.matchesSomeExtension($0, ofAny: services, caseInsensitive: true) }
            if !touchesService { return false }
        }
        guard resource.arn != "*", let resources = statement.resources, !resources.isNegated else { return true }
        let scopes = resource.type.requestResources(for: resource.arn).map { (text: $0.prefix, anyExtension: $0.anySuffix) }
        return resources.values.contains { GlobPattern.widenedMatches($0, any: scopes) }
    }
}
