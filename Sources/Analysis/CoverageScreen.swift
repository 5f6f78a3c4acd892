import Authorizer
import Policy

/// A proof, read off the policy text and the findings so far, that a free "next finding" (or
/// "next action class") question is UNSAT: no caller outside the zone is allowed a request that
/// no finding's block covers. What `SolverFreeFindings` replays instead of the question, and what
/// `FindingEnumerator` asks before the closing free question once the principal class sweep has
/// found each named account's action classes (issue 17 item 3: that proof over every outside
/// caller, in the general solver, was the whole floor of a 10-statement policy).
///
/// The argument, for a resource whose owner is in the zone (`ZoneScreen.outsidersNeedAnAllow`:
/// outside the zone, access always needs an Allow statement of the resource policy that applies
/// to the caller; Deny statements, RCPs and S3 Block Public Access only take access away): every
/// Allow statement of the policy as encoded (`ActionScope`)
/// - admits no caller outside the zone (`ZoneScreen.reason`: only zone principals, a condition
///   that admits only callers of the zone, or it cannot apply to the resource), or nobody
///   (`admitsNoNamedIdentity`: the IAM users and roles it names all fail its condition on
///   `aws:PrincipalArn`), or
/// - names in its `Principal` only named callers (`NamedCaller`: literal accounts, services and
///   identity providers; no `*`, no `NotPrincipal`) — so the callers it can admit are of those
///   classes (`PrincipalMatcher`: an `AWS` account or ARN entry names callers of that account
///   only, a `Service` entry that service, a `Federated` entry that provider's callers) — and for
///   each outside one among them, on every action of the applicability's domain the statement
///   matches, on each part of the scope both the action and the statement's `Resource` can name,
///   that action's class is covered for the caller's class (a finding of the class blocks it, or,
///   for an account's callers, a finding of every caller or of any account), or a Deny without
///   conditions removes the action for all of the class's callers on that part.
/// An Allow statement counts whatever its conditions: they only restrict. An allowed request from
/// outside then matches some such statement, so its caller is of a named class and its action's
/// class is blocked for that class, or the request is denied: the question is UNSAT.
///
/// The action classes are the membership vectors the blocks are built from (`ActionMembership`:
/// `term(sameClassAs:)` holds exactly for the actions of the same vector), and the domain is the
/// actions `ActionApplicability.constraint` admits, each on the parts of the scope it applies to.
struct CoverageScreen {
    /// The callers of one account (its root, users, roles, sessions), of one service principal,
    /// or of one identity provider: the named classes `PrincipalClasses` blocks.
    struct NamedCaller: Hashable {
        var kind: PrincipalClassKind
        var name: String

        static func account(_ account: String) -> NamedCaller { NamedCaller(kind: .account, name: account) }

        /// The class of callers a principal entry names; nil for `*`, an account pattern, a
        /// canonical user.
        init?(_ entry: PrincipalEntry) {
            switch entry.type {
            case .aws:
                guard let account = CoverageScreen.literalAccount(of: entry) else { return nil }
                self = .account(account)
            case .service:
                guard entry.value != "*" else { return nil }
                self.init(kind: .service, name: entry.value)
            case .federated:
                self.init(kind: .federated, name: entry.value)
            case .canonicalUser:
                return nil
            }
        }

        init(kind: PrincipalClassKind, name: String) {
            self.kind = kind
            self.name = name
        }
    }

    private let resource: AnalyzedResource
    private let zone: ZoneOfTrust
    /// The Allow and Deny statements of the resource policy as encoded.
    private let statements: [Statement]
    /// The scope's parts.
    private let parts: [RequestResourceScope]
    /// Each action of the applicability's domain with its class and the parts of the scope it
    /// applies to.
    private let domainClasses: [(action: String, vector: [Bool], parts: [Bool])]
    /// The index of each of the membership's action patterns (lowercased) in its vectors.
    private let patternIndex: [String: Int]

    /// - Parameter statements: the resource policy's statements as the question encodes them.
    /// - Parameter vector: the class of an action of the domain, as the blocks name it.
    init(resource: AnalyzedResource, zone: ZoneOfTrust, statements: [Statement], applicability: ActionApplicability,
         membership: ActionMembership, vector: (String) -> [Bool]) {
        self.resource = resource
        self.zone = zone
        self.statements = statements
        parts = applicability.scopes
        let samples = applicability.scopes.map { $0.anySuffix ? $0.prefix + "x" : $0.prefix }
        domainClasses = applicability.domain.map { action in
            (action: action, vector: vector(action), parts: samples.map { applicability.admits(action: action, resource: $0) })
        }
        patternIndex = Dictionary(membership.patterns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Whether no caller outside the zone (of the classes `only` lists, when given) is allowed an
    /// action class beyond those `covered` lists for its class and, for an account's callers,
    /// `everyAccount` lists (see the type's documentation).
    func closes(covered: [NamedCaller: Set<[Bool]>], everyAccount: Set<[Bool]> = [], only: Set<NamedCaller>? = nil) -> Bool {
        opening(covered: covered, everyAccount: everyAccount, only: only) == nil
    }

    /// What keeps the question open (the first statement the proof fails on, and why), or nil
    /// when `closes`.
    func opening(covered: [NamedCaller: Set<[Bool]>], everyAccount: Set<[Bool]> = [], only: Set<NamedCaller>? = nil) -> String? {
        guard ZoneScreen.outsidersNeedAnAllow(resource, zone: zone) else { return "the owner is outside the zone" }
        let denies = statements.filter { $0.effect == .deny }
        for statement in statements where statement.effect == .allow {
            if ZoneScreen.reason(statement, resource: resource, zone: zone) != nil
                || CoverageScreen.admitsNoNamedIdentity(statement) { continue }
            func label() -> String { Explanation.label(statement) }
            guard let principal = statement.principal, !principal.isNegated, !principal.isBareWildcard,
                  !principal.entries.isEmpty else { return "\(label()): a principal of no named class" }
            var named = Set<NamedCaller>()
            for entry in principal.entries {
                guard let caller = NamedCaller(entry) else { return "\(label()): \(entry.value) is of no named class" }
                if caller.kind == .account, zone.contains(account: caller.name) { continue }
                if only?.contains(caller) ?? true { named.insert(caller) }
            }
            guard !named.isEmpty, let element = statement.actions else { continue }
            let statementParts = parts.indices.filter { CoverageScreen.canName(statement, part: parts[$0]) }
            // Its `Action` patterns among the membership vector's (every pattern of the policy is).
            let indices = element.values.compactMap { patternIndex[$0.lowercased()] }
            guard indices.count == element.values.count else { return "\(label()): an action pattern outside the classes" }
            for entry in domainClasses where indices.contains(where: { entry.vector[$0] }) != element.isNegated {
                let actionParts = statementParts.filter { entry.parts[$0] }
                guard !actionParts.isEmpty else { continue }
                for caller in named where !(covered[caller]?.contains(entry.vector) ?? false) {
                    if caller.kind == .account, everyAccount.contains(entry.vector) { continue }
                    let removed = actionParts.allSatisfy { part in
                        denies.contains { CoverageScreen.removes($0, action: entry.action, caller: caller, part: parts[part]) }
                    }
                    if !removed { return "\(label()): \(entry.action) not found for \(caller.name)" }
                }
            }
        }
        return nil
    }

    /// Whether no caller the statement's `Principal` names meets one of its conditions on
    /// `aws:PrincipalArn`: every entry is an IAM user or role ARN (no wildcard, no variable), whose
    /// callers — the user, or the role and its sessions (`PrincipalMatcher`: an entry naming an
    /// IAM ARN matches the caller of that ARN, and a session through its role's) — all carry
    /// exactly that ARN as `aws:PrincipalArn` (`DerivedContextKeys`: the user's or role's ARN, the
    /// role's for a session); and a condition on that key (no set qualifier, no variable) is false
    /// for each entry's ARN. Such a statement admits nobody: a user granted only when it is a role.
    static func admitsNoNamedIdentity(_ statement: Statement) -> Bool {
        guard let principal = statement.principal, !principal.isNegated, !principal.isBareWildcard,
              !principal.entries.isEmpty else { return false }
        let arns = principal.entries.map { entry -> String? in
            guard entry.type == .aws, !entry.value.contains("*"), !entry.value.contains("?"), !entry.value.contains("$"),
                  let arn = ARN(parsing: entry.value), arn.service == "iam", AccountID.isValid(arn.account),
                  arn.resource.hasPrefix("user/") || arn.resource.hasPrefix("role/") else { return nil }
            return entry.value
        }
        guard arns.allSatisfy({ $0 != nil }) else { return false }
        return statement.conditions.contains { condition in
            guard condition.key.value.lowercased() == "aws:principalarn", condition.conditionOperator.qualifier == nil,
                  !condition.values.contains(where: { $0.text.contains("${") }) else { return false }
            return arns.compactMap { $0 }.allSatisfy { arn in
                var context = RequestContext()
                context["aws:PrincipalArn"] = .arn(arn)
                return !ConditionEvaluator.evaluate(condition, context: context, substituteVariables: false)
            }
        }
    }

    /// The account an `AWS` principal entry names as a literal (an account id, or an ARN with an
    /// account and no wildcard); nil for anything else.
    static func literalAccount(of entry: PrincipalEntry) -> String? {
        guard entry.type == .aws, !entry.value.contains("*"), !entry.value.contains("?") else { return nil }
        if AccountID.isValid(entry.value) { return entry.value }
        if let arn = ARN(parsing: entry.value), AccountID.isValid(arn.account) { return arn.account }
        return nil
    }

    /// Whether the statement's `Action`/`NotAction` matches `action` (any case).
    static func matches(_ statement: Statement, action: String) -> Bool {
        guard let element = statement.actions else { return false }
        let lowered = action.lowercased()
        let any = element.values.contains { GlobPattern($0, caseInsensitive: true).matches(lowered, subjectIsLowercased: true) }
        return element.isNegated ? !any : any
    }

    /// Whether the statement's `Resource` can name a resource of `part` (`ZoneScreen.canApply`'s
    /// test, per part); true without a `Resource` or with `NotResource` (more access, never less).
    static func canName(_ statement: Statement, part: RequestResourceScope) -> Bool {
        guard let element = statement.resources, !element.isNegated else { return true }
        return element.values.contains { pattern in
            let glob = GlobPattern.widenedOverVariables(pattern)
            return part.anySuffix ? glob.matchesSomeExtension(of: part.prefix) : glob.matches(part.prefix)
        }
    }

    /// Whether a Deny without conditions removes `action` for every caller of `caller` on every
    /// resource of `part`: it names everyone, or the account or its root (the service, the
    /// provider); it matches the action; its `Resource` is absent or has a pattern that matches
    /// every resource of the part (the resource itself, or a prefix of it followed by `*`).
    static func removes(_ deny: Statement, action: String, caller: NamedCaller, part: RequestResourceScope) -> Bool {
        guard deny.effect == .deny, deny.conditions.isEmpty, let principal = deny.principal, !principal.isNegated,
              matches(deny, action: action) else { return false }
        let namesCaller = principal.namesEveryone || principal.entries.contains { entry in
            switch caller.kind {
            case .account:
                return entry.type == .aws && (entry.value == caller.name || entry.value == "arn:aws:iam::\(caller.name):root")
            case .service: return entry.type == .service && entry.value == caller.name
            case .federated: return entry.type == .federated && entry.value == caller.name
            case .everyone, .canonicalUser: return false
            }
        }
        guard namesCaller else { return false }
        guard let element = deny.resources else { return true }
        guard !element.isNegated else { return false }
        return element.values.contains { pattern in
            if !part.anySuffix, pattern == part.prefix { return true }
            guard pattern.hasSuffix("*") else { return false }
            let stem = pattern.dropLast()
            return !stem.contains("*") && !stem.contains("?") && !stem.contains("$") && part.prefix.hasPrefix(stem)
        }
    }
}
