import Policy

/// The statements of a policy set that can apply to one caller: every statement but the `Allow`
/// statements whose `Principal` (or `NotPrincipal`) element does not reach that caller.
///
/// Such a statement applies to no request of the caller, whatever its action, resource and
/// context (`StatementMatcher.applies` requires the principal element to reach the caller, and
/// for `Allow` whether it does depends on the caller alone: `PrincipalMatcher.grant`), so the
/// Authorizer decides every request of the caller against the narrowed set exactly as against
/// the whole one — the same outcome and the same matched statements (statements keep their
/// `index`). `Deny` statements are all kept (their `NotPrincipal` reading depends on a permissions
/// boundary), and so are statements without a principal element (identity policies, SCPs).
///
/// What it is for: many questions about one caller over a policy of hundreds of statements,
/// each granting other principals (the finding enumeration's principal classes). Narrow once per
/// caller, then decide each request against the few statements left.
///
/// ```swift
/// let narrowed = CallerStatements.narrowed(policies, to: .accountRoot("444455556666"))
/// Authorizer.evaluate(request, policies: narrowed) == Authorizer.evaluate(request, policies: policies)
/// // for every request whose principal is that account's root
/// ```
public enum CallerStatements {
    /// `policies` without the `Allow` statements that cannot reach `principal`.
    public static func narrowed(_ policies: PolicySet, to principal: Principal) -> PolicySet {
        func keep(_ policy: Policy) -> Policy {
            var kept = policy
            kept.statements = policy.statements.filter { statement in
                guard statement.effect == .allow, let element = statement.principal else { return true }
                return PrincipalMatcher.grant(element, principal: principal, effect: .allow) != nil
            }
            return kept
        }
        var narrowed = policies
        narrowed.resourcePolicy = policies.resourcePolicy.map(keep)
        narrowed.resourceControlPolicies = policies.resourceControlPolicies.map { $0.map { $0.map(keep) } }
        narrowed.accessPointPolicies = policies.accessPointPolicies.map { $0.map(keep) }
        // The resource policy's kind is inferred from its type and the request, which narrowing keeps.
        return narrowed
    }
}
