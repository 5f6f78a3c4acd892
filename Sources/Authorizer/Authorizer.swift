import Policy

/// AWS's evaluation logic for one request: Rampart's reference semantics.
///
/// Follows the IAM User Guide pages "Policy evaluation logic" (the flowchart) and "Cross-account
/// policy evaluation logic":
/// 1. An explicit `Deny` in any policy that applies wins (`ExplicitDeny`).
/// 2. RCPs (resource side), then SCPs (principal side): every level must allow, else `ImplicitDeny`.
///    SCPs do not restrict service principals, anonymous or federation callers, or service-linked
///    roles; RCPs do not restrict service-linked roles.
/// 3. The caller's side: an IAM principal needs its identity policies to allow (assumed when unknown),
///    its permissions boundary (if any) and its session policy (if any) to allow.
/// 4. Same account (caller's account = resource account): the identity side OR the resource policy
///    suffices. A resource policy naming the caller's account only delegates to the identity side; one
///    naming the caller's role (for a session) is still capped by the boundary and session policy; one
///    naming the caller itself (or everyone) is not capped. Role trust policies and KMS key policies
///    must allow in any case.
/// 5. Cross account (or resource account unknown): both the resource policy and the caller's side must
///    allow. The account root's own side always allows; services, anonymous and federation callers have no
///    identity side, so the resource policy alone decides.
///
/// Pure and deterministic: the same request and policies always give the same decision.
///
/// ```swift
/// let decision = Authorizer.evaluate(request, policies: PolicySet(resourcePolicy: bucketPolicy))
/// ```
public enum Authorizer {
    public static func evaluate(_ request: Request, policies: PolicySet) -> Decision {
        let prepared = PreparedRequest(request)
        let principal = request.principal
        let isIAM = principal.hasIdentityPolicies
        let boundaryAttached = isIAM && policies.permissionsBoundary != nil

        var denies: [MatchedStatement] = []
        var allows: [MatchedStatement] = []

        /// Evaluates one policy: records its matching statements, returns whether an Allow matched and the
        /// strongest principal grant among them.
        func run(_ policy: Policy, _ role: PolicyRole) -> PrincipalGrant? {
            var best: PrincipalGrant?
            for statement in policy.statements {
                guard let grant = StatementMatcher.applies(statement, of: policy, to: prepared,
                                                           boundaryAttached: boundaryAttached) else { continue }
                let matched = MatchedStatement(policy: policy.source, role: role, statementIndex: statement.index,
                                               sid: statement.sid?.value, effect: statement.effect)
                if statement.effect == .deny {
                    denies.append(matched)
                } else {
                    allows.append(matched)
                    if best.map({ grant > $0 }) ?? true { best = grant }
                }
            }
            return best
        }

        // Resource policy.
        let resourceGrant = policies.resourcePolicy.flatMap { run($0, .resource) }

        // Identity side (only IAM principals have one).
        var identityAllows = false
        if isIAM {
            if let identityPolicies = policies.identityPolicies {
                for policy in identityPolicies where run(policy, .identity) != nil { identityAllows = true }
            } else {
                identityAllows = true  // unknown: assumed to allow
            }
        } else if principal.kind == .accountRoot {
            identityAllows = true  // the root user has every permission in its own account
        }
        let boundaryAllows = !isIAM || policies.permissionsBoundary.map { run($0, .boundary) != nil } ?? true
        let sessionAllows = !isIAM || policies.sessionPolicy.map { run($0, .session) != nil } ?? true

        // Organization layers.
        // (Whether the caller is a service-linked role is read only where an SCP or RCP is there.)
        let scpAllows = policies.serviceControlPolicies.map { levels in
            let scpsApply = principal.kind != .awsService && principal.kind != .anonymous && principal.kind != .webIdentity
                && principal.kind != .samlFederated && !principal.isServiceLinkedRole
            return !scpsApply || allLevelsAllow(levels, .scp, run)
        } ?? true
        let rcpAllows = policies.resourceControlPolicies.map { principal.isServiceLinkedRole || allLevelsAllow($0, .rcp, run) } ?? true

        // The access point's policy, as a resource policy of the resource's account: its grant,
        // or the caller's own identity side in that account.
        let accessPointSameAccount = principal.account != nil && principal.account == prepared.resourceAccount
        let accessPointCallerSide = (isIAM || principal.kind == .accountRoot) && identityAllows && boundaryAllows && sessionAllows
        var accessPointAllows = true
        for policy in policies.accessPointPolicies ?? [] where run(policy, .accessPoint) == nil {
            if !(accessPointSameAccount && accessPointCallerSide) { accessPointAllows = false }
        }

        if !denies.isEmpty { return Decision(outcome: .explicitDeny, matchedStatements: denies) }
        if !rcpAllows { return Decision(outcome: .implicitDeny, reason: .resourceControlPolicies) }
        if !scpAllows { return Decision(outcome: .implicitDeny, reason: .serviceControlPolicies) }
        if !accessPointAllows { return Decision(outcome: .implicitDeny, reason: .accessPointPolicy) }

        let kind = policies.resourcePolicyKind
            ?? ResourcePolicyKind.infer(policy: policies.resourcePolicy, resource: request.resource, action: request.action)
        if kind.mustAllowExplicitly && resourceGrant == nil {
            return Decision(outcome: .implicitDeny, reason: .resourcePolicyMustAllow)
        }
        let callerSide = identityAllows && boundaryAllows && sessionAllows
        let sameAccount = principal.account != nil && principal.account == prepared.resourceAccount
        let hasCallerSide = isIAM || principal.kind == .accountRoot

        let allowed: Bool
        if !hasCallerSide {
            allowed = resourceGrant != nil
        } else if sameAccount {
            switch resourceGrant {
            case .principal?: allowed = true
            case .role?: allowed = boundaryAllows && sessionAllows
            case .account?, nil: allowed = callerSide
            }
        } else {
            allowed = resourceGrant != nil && callerSide
        }
        if allowed { return Decision(outcome: .allow, matchedStatements: allows) }

        let reason: ImplicitDenyReason
        if !hasCallerSide || (!sameAccount && resourceGrant == nil) {
            reason = .resourcePolicy
        } else if sameAccount && resourceGrant == .role {
            reason = boundaryAllows ? .sessionPolicy : .permissionsBoundary  // the grant to the role was capped
        } else if !identityAllows {
            reason = .identityPolicies
        } else if !boundaryAllows {
            reason = .permissionsBoundary
        } else {
            reason = .sessionPolicy
        }
        return Decision(outcome: .implicitDeny, reason: reason)
    }

    /// Whether every level of an organization path has an allowing policy. All levels are run so that
    /// their Deny statements are recorded.
    private static func allLevelsAllow(_ levels: [[Policy]], _ role: PolicyRole,
                                       _ run: (Policy, PolicyRole) -> PrincipalGrant?) -> Bool {
        var all = true
        for level in levels {
            var levelAllows = false
            for policy in level where run(policy, role) != nil { levelAllows = true }
            if !levelAllows { all = false }
        }
        return all
    }
}
