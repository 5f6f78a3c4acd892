import Policy

/// Decides whether one statement applies to one request: action, resource, principal and conditions.
///
/// - `Action`/`NotAction`: case-insensitive globs; no policy variables ("Variables and tags": variables
///   are for `Resource` and condition values).
/// - `Resource`/`NotResource`: case-sensitive globs where `*` may span `:` and `/`; policy variables
///   substituted under Version 2012-10-17. An absent `Resource` (resource and trust policies) matches
///   the resource the policy is attached to, i.e. every request evaluated against it.
/// - `Principal`/`NotPrincipal`: see `PrincipalMatcher`; absent (identity policies, SCPs, boundaries,
///   session policies) means the principal the policy is attached to.
/// - `Condition`: every condition must hold (`ConditionEvaluator`).
public enum StatementMatcher {
    /// How `statement` of `policy` applies to the prepared request: nil when it does not, otherwise the
    /// principal grant (always `.principal` for statements without a Principal element).
    static func applies(_ statement: Statement, of policy: Policy, to request: PreparedRequest,
                        boundaryAttached: Bool) -> PrincipalGrant? {
        guard let actions = statement.actions, matchesAction(actions, request.lowercasedAction) else { return nil }
        if let resources = statement.resources,
           !matchesResource(resources, request.resource, substitute: policy.substitutesVariables,
                            context: request.context) {
            return nil
        }
        var grant = PrincipalGrant.principal
        if let principal = statement.principal {
            guard let reached = PrincipalMatcher.grant(principal, principal: request.principal, effect: statement.effect,
                                                       boundaryAttached: boundaryAttached) else { return nil }
            grant = reached
        }
        let substitute = policy.substitutesVariables
        for condition in statement.conditions
        where !ConditionEvaluator.evaluate(condition, context: request.context, substituteVariables: substitute) {
            return nil
        }
        return grant
    }

    /// Whether `statement` applies to `request` (convenience for tests and tools).
    public static func matches(_ statement: Statement, of policy: Policy, request: Request) -> Bool {
        applies(statement, of: policy, to: PreparedRequest(request), boundaryAttached: false) != nil
    }

    /// `Action`/`NotAction` against a lowercased action name.
    static func matchesAction(_ element: PatternElement, _ lowercasedAction: String) -> Bool {
        let any = element.patterns.contains {
            GlobPattern.matchesASCIIIgnoringCase($0.value, lowercasedSubject: lowercasedAction)
                ?? GlobPattern($0.value, caseInsensitive: true).matches(lowercasedAction, subjectIsLowercased: true)
        }
        return any != element.isNegated
    }

    /// `Resource`/`NotResource` against a resource ARN. A pattern whose variable cannot be resolved matches nothing.
    static func matchesResource(_ element: PatternElement, _ resource: String, substitute: Bool,
                                context: RequestContext) -> Bool {
        let any = element.patterns.contains { pattern in
            guard let pieces = PolicyValueResolver.resolve(pattern.value, substitute: substitute, context: context)
            else { return false }
            return GlobPattern(tokens: PolicyValueResolver.tokens(pieces)).matches(resource)
        }
        return any != element.isNegated
    }
}

/// A request with what every statement needs computed once: the effective context and the
/// lowercased action.
struct PreparedRequest {
    let principal: Principal
    let lowercasedAction: String
    let resource: String
    let resourceAccount: String?
    let context: RequestContext

    init(_ request: Request) {
        principal = request.principal
        lowercasedAction = request.action.lowercased()
        resource = request.resource
        resourceAccount = request.effectiveResourceAccount
        context = request.effectiveContext
    }
}
