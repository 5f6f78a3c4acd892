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
/// What it is for: many questions about a few callers over a policy of hundreds of statements,
/// each granting other principals (the finding enumeration's principal classes). The statements
/// are indexed once by the account, service or provider their entries name, so narrowing to a
/// caller reads only the statements that could name it (and those the index cannot place:
/// `NotPrincipal`, `*`, canonical users, unreadable ARNs), each then checked by `PrincipalMatcher`.
///
/// A statement whose condition block holds `StringEquals` on `aws:PrincipalAccount` (no set
/// qualifier, no `IfExists`, literal values) applies only to callers whose `aws:PrincipalAccount`
/// is one of its values ("AWS global condition context keys": the caller's account, absent for
/// anonymous callers and services; a missing key makes `StringEquals` false): it is indexed by
/// those accounts too, so that a policy's statements bound to its own zone (`Principal: "*"` with
/// that condition) are not read for an outside caller. That reads the request's context, which may
/// state the key itself (`Request.effectiveContext`): such a request keeps them all (`Caller`).
///
/// ```swift
/// let index = CallerStatements(policies)
/// let narrowed = index.policies(for: CallerStatements.Caller(request))
/// Authorizer.evaluate(request, policies: narrowed) == Authorizer.evaluate(request, policies: policies)
/// // and for every other request of the same caller and the same statement of aws:PrincipalAccount
/// ```
public struct CallerStatements: Sendable {
    /// One policy of the set, its statements indexed.
    private struct Indexed: Sendable {
        var policy: Policy
        /// Positions in `policy.statements` of the statements kept for every caller.
        var always: [Int] = []
        /// Positions of the Allow statements whose entries name this key (`key(...)`).
        var named: [String: [Int]] = [:]
        /// Positions of the statements bound to the accounts of their `StringEquals
        /// aws:PrincipalAccount` condition, by account.
        var accountBound: [String: [Int]] = [:]
        var allAccountBound: [Int] = []

        init(_ policy: Policy) {
            self.policy = policy
            for (position, statement) in policy.statements.enumerated() {
                if statement.effect == .allow, let accounts = CallerStatements.boundAccounts(statement) {
                    for account in Set(accounts) { accountBound[account, default: []].append(position) }
                    allAccountBound.append(position)
                    continue
                }
                guard statement.effect == .allow, let element = statement.principal, !element.isNegated, !element.namesEveryone,
                      let keys = CallerStatements.keys(of: element) else {
                    always.append(position)
                    continue
                }
                for key in Set(keys) { named[key, default: []].append(position) }
            }
        }

        func narrowed(to caller: Caller, keys: [String]) -> Policy {
            let principal = caller.principal
            var positions = Set(always)
            for key in keys { positions.formUnion(named[key] ?? []) }
            if caller.statesAccount {
                positions.formUnion(allAccountBound)
            } else if let account = CallerStatements.derivedAccount(of: principal) {
                positions.formUnion(accountBound[account] ?? [])
            }
            var kept = policy
            kept.statements = positions.sorted().map { policy.statements[$0] }.filter { statement in
                guard statement.effect == .allow, let element = statement.principal else { return true }
                return PrincipalMatcher.grant(element, principal: principal, effect: .allow) != nil
            }
            return kept
        }
    }

    private let policies: PolicySet
    private let resourcePolicy: Indexed?
    private let resourceControlPolicies: [[Indexed]]?
    private let accessPointPolicies: [Indexed]?

    public init(_ policies: PolicySet) {
        self.policies = policies
        resourcePolicy = policies.resourcePolicy.map(Indexed.init)
        resourceControlPolicies = policies.resourceControlPolicies.map { $0.map { $0.map(Indexed.init) } }
        accessPointPolicies = policies.accessPointPolicies.map { $0.map(Indexed.init) }
    }

    /// What narrowing reads of a request: its caller, and whether its context states
    /// `aws:PrincipalAccount` itself (then the statements bound to accounts are all kept).
    public struct Caller: Sendable, Hashable {
        public var principal: Principal
        public var statesAccount: Bool

        public init(principal: Principal, statesAccount: Bool) {
            self.principal = principal
            self.statesAccount = statesAccount
        }

        public init(_ request: Request) {
            self.init(principal: request.principal, statesAccount: request.context.contains("aws:PrincipalAccount"))
        }
    }

    /// The policies without the Allow statements that cannot apply to a request of `caller`.
    public func policies(for caller: Caller) -> PolicySet {
        let keys = CallerStatements.keys(of: caller.principal)
        var narrowed = policies
        narrowed.resourcePolicy = resourcePolicy?.narrowed(to: caller, keys: keys)
        narrowed.resourceControlPolicies = resourceControlPolicies?.map { $0.map { $0.narrowed(to: caller, keys: keys) } }
        narrowed.accessPointPolicies = accessPointPolicies?.map { $0.narrowed(to: caller, keys: keys) }
        // The resource policy's kind is inferred from its type and the request, which narrowing keeps.
        return narrowed
    }

    /// `policies` without the Allow statements that cannot apply to `principal`'s requests,
    /// whatever their context (one caller: no index kept).
    public static func narrowed(_ policies: PolicySet, to principal: Principal) -> PolicySet {
        CallerStatements(policies).policies(for: Caller(principal: principal, statesAccount: true))
    }

    /// The accounts of a `StringEquals aws:PrincipalAccount` condition of `statement` (the first
    /// such, all literal values); nil when it has none.
    private static func boundAccounts(_ statement: Statement) -> [String]? {
        for condition in statement.conditions {
            let op = condition.conditionOperator
            guard op.base == .stringEquals, op.qualifier == nil, !op.ifExists,
                  condition.key.value.lowercased() == "aws:principalaccount",
                  !condition.values.isEmpty, !condition.values.contains(where: { $0.text.contains("$") }) else { continue }
            return condition.values.map(\.text)
        }
        return nil
    }

    /// `aws:PrincipalAccount` as AWS derives it (`DerivedContextKeys`): the caller's account,
    /// absent for anonymous callers and services.
    private static func derivedAccount(of principal: Principal) -> String? {
        DerivedContextKeys.derive(for: principal).values(for: "aws:PrincipalAccount")?.first?.text
    }

    /// The index keys an element's entries can name a caller by; nil when some entry is not
    /// placed (it is then checked for every caller). An account id or an ARN (root, user, role,
    /// session) names only callers of that account: an ARN entry names the caller's own ARN or its
    /// role's (`PrincipalMatcher.names`), whose account segment is the entry's.
    private static func keys(of element: PrincipalElement) -> [String]? {
        var keys: [String] = []
        for entry in element.entries {
            switch entry.type {
            case .aws:
                if AccountID.isValid(entry.value) {
                    keys.append("account:" + entry.value)
                } else if let arn = ARN(parsing: entry.value), !arn.account.isEmpty {
                    keys.append("account:" + arn.account)
                } else {
                    return nil
                }
            case .service:
                guard entry.value != "*" else { return nil }
                keys.append("service:" + entry.value)
            case .federated:
                keys.append("federated:" + entry.value)
            case .canonicalUser:
                return nil
            }
        }
        return keys
    }

    /// The keys a caller can be named by: its account (and those of its ARN and its role's ARN,
    /// which agree for every caller AWS builds), its service, its provider.
    private static func keys(of principal: Principal) -> [String] {
        var keys: [String] = []
        for account in [principal.account, principal.arn.flatMap { ARN(parsing: $0)?.account },
                        principal.roleArn.flatMap { ARN(parsing: $0)?.account }].compactMap({ $0 }) {
            keys.append("account:" + account)
        }
        if let service = principal.serviceName { keys.append("service:" + service) }
        if let provider = principal.provider { keys.append("federated:" + provider) }
        return keys
    }
}
