import Authorizer
import Encoding
import Policy

/// The hops `PrincipalReach` need not put to the solver (issue 18's scale): a request is allowed
/// only with an Allow statement that matches it — on the caller's side (identity policies) or on
/// the resource's (its policy) as AWS's evaluation logic combines them (IAM User Guide, "Policy
/// evaluation logic"; "Cross-account policy evaluation logic": across accounts both sides must
/// allow; a role's trust and a KMS key's policy must allow even within one account). A side
/// "could allow" when it has an Allow statement whose actions could match an action asked about,
/// whose resources could match the resource (`StatementScreen.resourceCouldMatch`) and, on the
/// resource's side, whose principal could name the caller (`StatementScreen.principalReach`).
/// A resource policy that names the caller only through its account delegates to the caller's
/// identity policies, which must then allow too, even within one account (the Authorizer's
/// `PrincipalGrant.account`). When the side that must allow could not, the hop is closed
/// without a question. Everything
/// else — conditions, boundaries, SCPs, RCPs, Deny statements — is ignored: it could only close
/// more, so the screen closes nothing the solver would open.
///
/// With S3 access points in the question (`PolicySet.accessPointPolicies`) a request may name an
/// access point rather than the resource, so resources are not screened there.
enum ReachScreen {
    /// True when no request of `question` can be allowed, by the argument above. With `catalog`,
    /// a second look when the first leaves the question open: the actions a request on the
    /// resource can carry are only those `ActionApplicability` admits (the solver's own domain,
    /// built from the same catalog and the policies' literal actions), so an Allow whose actions
    /// match none of them (`s3:ListAllMyBuckets`, which applies to no bucket) allows nothing here.
    static func closed(_ question: ReachQuestion, catalog: ActionCatalog? = nil) -> Bool {
        let scope = actionGlobs(actionScope(question.actions, resourceType: question.resourceType))
        if closed(question, actionCouldMatch: { glob in scope.contains { GlobIntersection.commonMatch(glob, $0) != nil } }) { return true }
        let scopes = question.resourceType.requestResources(for: question.resourceARN)
        guard let catalog, question.caller.principal.kind.carriesTags,
              let applicability = ActionApplicability(resourceType: question.resourceType, scopes: scopes,
                                                      actionPatterns: ActionClasses.actionValues(of: [question.policies]), catalog: catalog)
        else { return false }
        let requestable = applicability.domain.filter { action in scope.contains { $0.matches(action, subjectIsLowercased: true) } }
        return closed(question, actionCouldMatch: { glob in requestable.contains { glob.matches($0, subjectIsLowercased: true) } })
    }

    /// The action patterns a question asks about: its own, or any action of the type's services.
    static func actionScope(_ actions: [String]?, resourceType: ResourceType) -> [String] {
        actions ?? resourceType.servicePrefixes.map { "\($0):*" }
    }

    /// `patterns` as the screen compares them: lowercase globs, ignoring case.
    static func actionGlobs(_ patterns: [String]) -> [GlobPattern] {
        patterns.map { GlobPattern($0.lowercased(), caseInsensitive: true) }
    }

    /// Whether `statement`'s actions could match an action of `scope` (`actionGlobs`): an absent
    /// `Action` or a `NotAction` could.
    static func actionsCouldMatch(_ statement: Statement, scope: [GlobPattern]) -> Bool {
        actionsCouldMatch(statement) { glob in scope.contains { GlobIntersection.commonMatch(glob, $0) != nil } }
    }

    private static func actionsCouldMatch(_ statement: Statement, _ actionCouldMatch: (GlobPattern) -> Bool) -> Bool {
        guard let actions = statement.actions, !actions.isNegated else { return true }
        return actions.values.contains { actionCouldMatch(GlobPattern($0.lowercased(), caseInsensitive: true)) }
    }

    /// The screen, with `actionCouldMatch` saying whether an Allow's action glob (lowercase,
    /// ignoring case) could match an action of the question.
    private static func closed(_ question: ReachQuestion, actionCouldMatch: (GlobPattern) -> Bool) -> Bool {
        let caller = question.caller.principal
        guard caller.kind.carriesTags else { return false }  // users, roles and sessions: the IAM identities
        let policies = question.policies
        let screenResources = policies.accessPointPolicies?.isEmpty ?? true
        let resourceScopes = StatementScreen.scopeGlobs(question.resourceType.requestResources(for: question.resourceARN))
        /// Whether some Allow statement of `policy` could match the question's actions and
        /// resources; on the resource's side, how its principal could name the caller.
        func grant(_ policy: Policy, naming: Bool) -> PrincipalReachKind {
            var best = PrincipalReachKind.none
            for statement in policy.statements where statement.effect == .allow {
                let reach = naming ? StatementScreen.principalReach(statement, caller: question.caller) : .direct
                guard reach > best else { continue }
                if screenResources && !StatementScreen.resourceCouldMatch(statement, scopes: resourceScopes) { continue }
                guard actionsCouldMatch(statement, actionCouldMatch) else { continue }
                best = reach
                if best == .direct { break }
            }
            return best
        }
        let identityGrants = policies.identityPolicies.map { $0.contains { grant($0, naming: false) != .none } } ?? true
        let resourceGrant = policies.resourcePolicy.map { grant($0, naming: true) } ?? .none
        let kind = policies.resourcePolicyKind ?? ResourcePolicyKind.infer(policy: policies.resourcePolicy, resource: question.resourceARN)
        // An unknown owner may be the caller's own account.
        let acrossAccounts = question.resourceAccount.map { $0 != caller.account } ?? false
        if acrossAccounts && !(identityGrants && resourceGrant != .none) { return true }
        // Within one account a grant to the account alone delegates to the identity policies.
        if !identityGrants && resourceGrant != .direct { return true }
        return kind.mustAllowExplicitly && resourceGrant == .none
    }
}
