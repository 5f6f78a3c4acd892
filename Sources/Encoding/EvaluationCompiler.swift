import Authorizer
import Policy
import Z3

/// The policies of a `PolicySet` compiled over one symbolic request: `allowed` holds exactly
/// for the requests the Authorizer allows (checked by differential tests).
public final class SymbolicAuthorization {
    public let request: SymbolicRequest
    /// The request is allowed.
    public let allowed: Z3Bool
    /// Some applicable Deny statement matches.
    public let explicitDeny: Z3Bool
    /// Every compiled statement, for explanations.
    public let statements: [CompiledStatement]

    init(request: SymbolicRequest, allowed: Z3Bool, explicitDeny: Z3Bool, statements: [CompiledStatement]) {
        self.request = request
        self.allowed = allowed
        self.explicitDeny = explicitDeny
        self.statements = statements
    }

    /// Constraints every request satisfies (principal shape, key slots) for the fields read so
    /// far: asserted in every check after the check's other assertions (`SolverAsker` does).
    public func wellFormedness(alphabets: Bool = true) throws -> Z3Bool { try request.wellFormedness(alphabets: alphabets) }

    /// Whether `model` (found under `wellFormedness(alphabets: false)`) meets the alphabets too,
    /// and so the whole well-formedness: then it is a model of the full question.
    public func alphabetsHold(in model: Z3Model) throws -> Bool { try request.alphabetsHold(in: model) }

    /// The concrete request a model of this authorization's request stands for.
    public func decode(_ model: Z3Model) throws -> Request {
        try WitnessDecoder(request: request).decode(model)
    }

    /// A well-formed guess near a model found without the alphabet constraints (names, paths and
    /// accounts outside their alphabets replaced, the action lowercased): to pin and check again.
    /// An account id outside the alphabet is replaced by `fallbackAccount` (the caller's choice:
    /// an account outside the zone, so that the repair stays an outside request).
    public func decodeRepairing(_ model: Z3Model, fallbackAccount: String) throws -> Request {
        try WitnessDecoder(request: request).decode(model, repairing: true, fallbackAccount: fallbackAccount)
    }

    /// How many action classes the action is one of (`ActionClasses`); nil when it is a string.
    public var actionClassCount: Int? { request.actionClass?.partition.vectors.count }
    /// How many resource classes the resource is one of (`ResourceClasses`); nil when it is a string.
    public var resourceClassCount: Int? { request.resourceClass?.partition.vectors.count }

    /// The resource is `prefix`, or (with `anySuffix`) starts with it: a query's scope.
    public func resourceIs(_ prefix: String, anySuffix: Bool) throws -> Z3Bool {
        if let resourceClass = request.resourceClass {
            return try resourceClass.matches(ResourceClasses.scopePattern(prefix: prefix, anySuffix: anySuffix))
        }
        let context = request.context
        var regex = try context.regex(prefix)
        if anySuffix { regex = try regex.concat(context.regexAllChar().star()) }
        return try request.resource.matches(regex)
    }

    /// The request's action matches an `Action` glob (case-insensitively, as AWS matches actions).
    public func actionMatches(_ pattern: String) throws -> Z3Bool {
        let lowered = pattern.lowercased()
        return try request.actionMatches(lowered, readBy: .questionPattern(lowered)) {
            try GlobRegex(context: request.context).regex(lowered)
        }
    }

    /// The request's action is one of `group`'s (`ActionGroup`).
    public func actionIsIn(_ group: ActionGroup) throws -> Z3Bool { try request.actionIsIn(group) }

    /// Every way the formulas built so far over the request read its action.
    public var actionReads: Set<ActionRead> { request.actionReads }

    /// Whether some policy reads `key` (in a condition or a policy variable).
    public func policiesRead(_ key: String) -> Bool { request.keys.use(of: key) != nil }

    /// Constraints fixing the symbolic request to `concrete`.
    public func pin(_ concrete: Request) throws -> Z3Bool {
        try RequestPinning(request: request).pin(concrete)
    }
}

/// Compiles the Authorizer's evaluation logic (see `Authorizer.evaluate`, which cites the IAM
/// User Guide's "Policy evaluation logic" and "Cross-account policy evaluation logic"):
/// explicit deny wins; RCPs and SCPs cap; identity policies, boundary and session policy make
/// the caller's side; same-account and cross-account rules combine it with the resource policy.
public enum EvaluationCompiler {
    /// - Parameters:
    ///   - resourcePolicyKind: how to read the resource policy; nil infers it from the policy type
    ///     (a trust policy is a role trust) or, failing that, treats it as `.standard`.
    ///   - resourceAccount: the resource's account, when known.
    ///   - resourceOrgID: the organization of the resource's owner (`aws:ResourceOrgID`), when
    ///     known; otherwise the key is unknown and may take any value.
    ///   - resourceOrgPaths: the owner's organization paths (`aws:ResourceOrgPaths`), when known;
    ///     nil leaves the key unknown, any values.
    ///   - actionClasses: states the action as a class (`ActionClasses`) instead of a string;
    ///     they must cover every action pattern of `policies` and every one the caller tests.
    ///   - resourceClasses: states the resource as a class (`ResourceClasses`) instead of a
    ///     string; the caller must assert the scope the classes were computed for.
    public static func compile(_ policies: PolicySet, resourceAccount: String?, resourceOrgID: String? = nil,
                               resourceOrgPaths: [String]? = nil, actionClasses: ActionClasses? = nil,
                               resourceClasses: ResourceClasses? = nil, budget: QuestionBudget = .unbounded,
                               tracking: StatementTracking? = nil, in context: Z3Context) throws -> SymbolicAuthorization {
        let request = try SymbolicRequest(context: context, keys: KeyUniverse(policies: Self.policies(of: policies)),
                                          resourceAccount: resourceAccount, resourceOrgID: resourceOrgID,
                                          resourceOrgPaths: resourceOrgPaths, actionClasses: actionClasses,
                                          resourceClasses: resourceClasses)
        let compiled = try compile(policies, over: request, budget: budget, tracking: tracking)
        return SymbolicAuthorization(request: request, allowed: compiled.allowed, explicitDeny: compiled.explicitDeny,
                                     statements: compiled.statements)
    }

    /// Compiles several policy sets over ONE symbolic request, so queries can compare them
    /// ("does NEW allow a request OLD denies?"). Past `budget` (checked per statement and per
    /// action pattern) it throws `QuestionBoundReached`.
    public static func compile(_ sets: [PolicySet], resourceAccount: String?, resourceOrgID: String? = nil,
                               resourceOrgPaths: [String]? = nil, actionClasses: ActionClasses? = nil,
                               resourceClasses: ResourceClasses? = nil, budget: QuestionBudget = .unbounded,
                               in context: Z3Context) throws -> [SymbolicAuthorization] {
        let all = sets.flatMap(Self.policies(of:))
        let request = try SymbolicRequest(context: context, keys: KeyUniverse(policies: all), resourceAccount: resourceAccount,
                                          resourceOrgID: resourceOrgID, resourceOrgPaths: resourceOrgPaths,
                                          actionClasses: actionClasses, resourceClasses: resourceClasses)
        let compiled = try sets.map { try compile($0, over: request, budget: budget) }
        return compiled.map {
            SymbolicAuthorization(request: request, allowed: $0.allowed, explicitDeny: $0.explicitDeny, statements: $0.statements)
        }
    }

    static func policies(of set: PolicySet) -> [Policy] {
        [set.resourcePolicy, set.permissionsBoundary, set.sessionPolicy].compactMap { $0 }
            + (set.identityPolicies ?? []) + (set.serviceControlPolicies ?? []).flatMap { $0 }
            + (set.resourceControlPolicies ?? []).flatMap { $0 } + (set.accessPointPolicies ?? [])
    }

    /// - Parameter tracking: tracking literals for one layer's statements (`StatementTracking`).
    private static func compile(_ policies: PolicySet, over request: SymbolicRequest, budget: QuestionBudget,
                                tracking: StatementTracking? = nil) throws
        -> (allowed: Z3Bool, explicitDeny: Z3Bool, statements: [CompiledStatement]) {
        let context = request.context
        var compiler = try StatementCompiler(request: request)
        compiler.budget = budget
        let p = request.principal
        let isIAM = try p.isOneOf(Principal.Kind.allCases.filter(\.isIAMIdentity))
        let boundaryAttached = policies.permissionsBoundary == nil ? try context.bool(false) : isIAM
        var compiled: [CompiledStatement] = []
        var denies: [Z3Bool] = []

        /// Compiles a policy whose statements count only when `applies` holds; returns its Allow grants.
        /// `layer`: which layer the policy belongs to, for `tracking`.
        func run(_ policy: Policy, when applies: Z3Bool, layer: StatementTracking.Layer? = nil) throws -> SymbolicGrant {
            var grantPrincipal: [Z3Bool] = [], grantRole: [Z3Bool] = [], grantAccount: [Z3Bool] = []
            let tracked = tracking.flatMap { tracking in layer.flatMap { tracking.layers.contains($0) ? tracking : nil } }
            for statement in policy.statements {
                try budget.check(in: "compiling the policies")
                var guards: [Z3Bool] = []
                if let tracked, statement.effect == .allow {
                    guards = try statement.conditions.map { try tracked.literal(policy: policy, statement: statement, condition: $0) }
                }
                let result = try compiler.compile(statement, of: policy, boundaryAttached: boundaryAttached, conditionGuards: guards)
                compiled.append(result)
                if statement.effect == .deny {
                    let kept = try tracked.map { try [$0.literal(policy: policy, statement: statement, condition: nil)] } ?? []
                    denies.append(try context.and([applies, result.applies] + kept))
                } else {
                    grantPrincipal.append(result.grant.principal)
                    grantRole.append(result.grant.role)
                    grantAccount.append(result.grant.account)
                }
            }
            return SymbolicGrant(principal: try context.or(grantPrincipal), role: try context.or(grantRole),
                                 account: try context.or(grantAccount))
        }
        func anyAllow(_ grant: SymbolicGrant) throws -> Z3Bool { try context.or([grant.principal, grant.role, grant.account]) }
        func allLevelsAllow(_ levels: [[Policy]], when applies: Z3Bool, layer: StatementTracking.Layer) throws -> Z3Bool {
            try context.and(levels.map { level in try context.or(level.map { try anyAllow(run($0, when: applies, layer: layer)) }) })
        }

        let yes = try context.bool(true)
        let resourceGrant = try policies.resourcePolicy.map { try run($0, when: yes, layer: .resourcePolicy) }
            ?? SymbolicGrant(principal: try context.bool(false), role: try context.bool(false), account: try context.bool(false))
        let anyResourceGrant = try anyAllow(resourceGrant)

        let identitySide: Z3Bool
        if let identityPolicies = policies.identityPolicies {
            identitySide = try context.or(identityPolicies.map { try anyAllow(run($0, when: isIAM, layer: .identityPolicies)) })
        } else {
            identitySide = yes  // unknown: assumed to allow
        }
        let identityAllows = try context.or([context.and([isIAM, identitySide]), p.isKind(.accountRoot)])
        let boundaryAllows = try policies.permissionsBoundary.map { try context.or([isIAM.not(), anyAllow(run($0, when: isIAM, layer: .permissionsBoundary))]) } ?? yes
        let sessionAllows = try policies.sessionPolicy.map { try context.or([isIAM.not(), anyAllow(run($0, when: isIAM))]) } ?? yes

        let serviceLinked = try p.isServiceLinkedRole
        let scpsApply = try context.and([serviceLinked.not(), p.isOneOf([.awsService, .anonymous, .webIdentity, .samlFederated]).not()])
        let scpAllows = try policies.serviceControlPolicies.map { try context.or([scpsApply.not(), allLevelsAllow($0, when: scpsApply, layer: .serviceControlPolicies)]) } ?? yes
        let rcpAllows = try policies.resourceControlPolicies.map { try context.or([serviceLinked, allLevelsAllow($0, when: serviceLinked.not(), layer: .resourceControlPolicies)]) } ?? yes

        let kind = policies.resourcePolicyKind ?? (policies.resourcePolicy?.type == .trust ? .roleTrust : .standard)
        let explicitAllowRule = kind.mustAllowExplicitly ? anyResourceGrant : yes
        let callerSide = try context.and([identityAllows, boundaryAllows, sessionAllows])
        let sameAccount: Z3Bool
        if let resourceAccount = request.resourceAccount {
            sameAccount = try context.and([p.isOneOf(Principal.Kind.allCases.filter(\.hasAccount)), p.account.equals(context.string(resourceAccount))])
        } else {
            sameAccount = try context.bool(false)
        }
        let hasCallerSide = try context.or([isIAM, p.isKind(.accountRoot)])
        let sameAccountAllows = try context.or([resourceGrant.principal, context.and([resourceGrant.role, boundaryAllows, sessionAllows]), callerSide])
        let crossAccountAllows = try context.and([anyResourceGrant, callerSide])
        let sidesAllow = try context.ite(hasCallerSide,
                                         then: context.ite(sameAccount, then: sameAccountAllows, else: crossAccountAllows),
                                         else: anyResourceGrant)
        // The access point's policies (`PolicySet.accessPointPolicies`, `Authorizer.evaluate`): each
        // grants, or the caller of the resource's account has its own identity side.
        let ownSide = try context.and([sameAccount, hasCallerSide, callerSide])
        let accessPointAllows = try context.and((policies.accessPointPolicies ?? []).map { policy in
            try context.or([anyAllow(run(policy, when: yes)), ownSide])
        })
        let explicitDeny = try context.or(denies)
        let allowed = try context.and([explicitDeny.not(), rcpAllows, scpAllows, accessPointAllows, explicitAllowRule, sidesAllow])
        return (allowed, explicitDeny, compiled)
    }
}
