import Authorizer
import Policy

/// S3's "The meaning of public" judged on a whole policy: "a policy is non-public only if it
/// grants access only to fixed values" — its effective access after its Deny statements, not
/// statement by statement (S3 User Guide, "Blocking public access to your Amazon S3 storage",
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html).
///
/// An Allow statement public on its own (`PublicStatementRule`) stops being public when a Deny
/// statement confines it: a Deny that covers all of its actions and resources, applies to
/// everyone, and whose conditions are all negated tests of restricting keys with fixed values
/// (`Deny s3:* when StringNotEquals aws:PrincipalOrgID o-…` leaves only that organization).
///
/// Two uses read the answer from opposite sides, so it has three values:
/// - `public`: some public statement is unconfined and no Deny can narrow it to fixed values
///   (every Deny names fixed principals, or has a condition on a key that does not restrict
///   who calls, which some request of any caller fails). S3's `RestrictPublicBuckets` applies
///   only then: narrowing access on a guess would hide it.
/// - `uncertain`: a Deny this rule cannot read might make it non-public. Findings and
///   `check-no-public-access` still call the unconfined statements public (not hiding access),
///   and `RestrictPublicBuckets` is not applied (not hiding access either).
/// - `notPublic`: every public statement is confined.
public enum PublicPolicyRule {
    public enum Judgement: String, Sendable {
        case `public`, uncertain, notPublic
    }

    /// The Allow statements public on their own and not confined by a Deny statement.
    public static func publicStatements(_ policy: Policy) -> [Statement] {
        let denies = policy.statements.filter { $0.effect == .deny }
        return policy.statements.filter { statement in
            PublicStatementRule.isPublic(statement) && !denies.contains { confines($0, statement) }
        }
    }

    public static func judge(_ policy: Policy) -> Judgement {
        let open = publicStatements(policy)
        if open.isEmpty { return .notPublic }
        let denies = policy.statements.filter { $0.effect == .deny }
        return denies.allSatisfy(cannotNarrowToFixed) ? .public : .uncertain
    }

    // MARK: Confinement

    /// Whether `deny` leaves of `allow` only requests from fixed principals or fixed values.
    static func confines(_ deny: Statement, _ allow: Statement) -> Bool {
        guard deny.effect == .deny, let principal = deny.principal else { return false }
        if principal.isNegated {
            // "Deny everyone but these": what is left are the named principals, if they are fixed.
            guard deny.conditions.isEmpty, principal.entries.allSatisfy(isFixed) else { return false }
        } else {
            guard principal.namesEveryone else { return false }
        }
        guard covers(deny.actions, allow.actions, caseInsensitive: true),
              covers(deny.resources, allow.resources, caseInsensitive: false) else { return false }
        let providers = (allow.principal?.entries ?? []).filter(PublicSubjectRule.isWebIdentity).map(\.value)
        // Conditions AND together: the Deny applies when all hold, so what is left fails one of
        // them — a fixed value of a restricting key, for each.
        return deny.conditions.allSatisfy { condition in
            guard condition.conditionOperator.base.isNegated, condition.conditionOperator.qualifier == nil else { return false }
            var positive = condition
            positive.conditionOperator.base = condition.conditionOperator.base.positive
            positive.conditionOperator.ifExists = false
            return PublicStatementRule.restricts(positive)
                || providers.contains { PublicSubjectRule.pinsSubject(positive, provider: $0) }
        }
    }

    /// A principal entry that names one fixed principal: an account, a user or role ARN, a service.
    private static func isFixed(_ entry: PrincipalEntry) -> Bool {
        switch entry.type {
        case .aws: return entry.value != "*" && !entry.value.contains("*") && !entry.value.contains("?")
        case .service, .canonicalUser: return !entry.value.contains("*")
        case .federated: return !PublicSubjectRule.isWebIdentity(entry)
        }
    }

    /// Every pattern of `inner` is contained in some pattern of `outer` (an absent element covers
    /// everything; a negated one is not judged).
    private static func covers(_ outer: PatternElement?, _ inner: PatternElement?, caseInsensitive: Bool) -> Bool {
        guard let outer else { return true }
        guard !outer.isNegated else { return false }
        guard let inner, !inner.isNegated else { return outer.values.contains("*") }
        return inner.values.allSatisfy { pattern in
            outer.values.contains { contains($0, pattern, caseInsensitive: caseInsensitive) }
        }
    }

    /// Whether every string `inner` matches, `outer` matches too. Sufficient test: `outer` has
    /// no `?` and no variable, and matches `inner`'s text with `inner`'s wildcards read as
    /// characters — each of them then falls inside a `*` of `outer`, which matches whatever
    /// replaces it.
    static func contains(_ outer: String, _ inner: String, caseInsensitive: Bool) -> Bool {
        guard !outer.contains("?"), !outer.contains("${"), !inner.contains("${") else {
            return outer == inner
        }
        return GlobPattern(outer, caseInsensitive: caseInsensitive)
            .matches(caseInsensitive ? inner.lowercased() : inner, subjectIsLowercased: caseInsensitive)
    }

    // MARK: Denies that cannot make a policy non-public

    /// A Deny that leaves every public grant open to arbitrary callers: it names fixed principals
    /// only, or one of its conditions tests a key that says nothing of who calls (every caller
    /// can send a request that fails it, and that request is still allowed).
    static func cannotNarrowToFixed(_ deny: Statement) -> Bool {
        if let principal = deny.principal, !principal.isNegated, !principal.namesEveryone,
           principal.entries.allSatisfy(isFixed) {
            return true
        }
        return deny.conditions.contains { condition in
            let key = condition.key.value.lowercased()
            return condition.conditionOperator.base != .null
                && !PublicStatementRule.restrictingKeys.contains(key)
                && !key.hasPrefix("aws:principal") && key != "aws:userid" && key != "aws:username"
                && !key.hasSuffix(":sub") && !key.hasSuffix(":aud") && !key.hasSuffix(":id") && !key.hasSuffix(":user_id")
        }
    }
}
