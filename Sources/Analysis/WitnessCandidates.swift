import Authorizer
import Policy

/// Concrete requests built from the resource policy's own literals that the Authorizer allows
/// from outside the zone: candidates for the finding enumeration's witnesses.
///
/// A free solver search for a witness (a SAT answer) is the slow part of a finding on Z3's
/// string theory: seconds where a proof takes tens of milliseconds. A candidate is tried first,
/// pinned: the same solver question with the request fixed to the candidate, which Z3 answers
/// in milliseconds. The answer is still the solver's (a pinned SAT is a model of the very same
/// formulas), the witness is still replayed through the Authorizer, and only SAT answers are
/// ever replaced: the enumeration still ends on a free UNSAT, so findings still cover all
/// external access. A candidate that fails anywhere costs one pinned check and the free search
/// runs as before.
///
/// Per Allow statement: callers it names from outside the zone (for `*`, an anonymous caller and
/// the root of an account no policy names); its actions (literals, or catalog actions of the
/// resource's services matching its patterns); the resource or, where the scope allows, an
/// object of it; and a context that satisfies each condition on its own (the first value of a
/// positive operator with wildcards made concrete, nothing for negated and `...IfExists`
/// operators), with the keys AWS always sends.
struct WitnessCandidates {
    /// Allowed by the Authorizer, from outside the zone, in the resource's scope; policy order.
    private(set) var requests: [Request] = []
    /// An account no policy names and outside the zone.
    let freshAccount: String

    init(resource: AnalyzedResource, zone: ZoneOfTrust, policies: PolicySet, catalog: ActionCatalog,
         literalAccounts: Set<String>, limit: Int = 24) {
        var fresh = 999_999_999_999
        while literalAccounts.contains(String(fresh)) || zone.contains(account: String(fresh)) { fresh -= 1 }
        freshAccount = String(fresh)
        guard let policy = resource.policy, resource.arn != "*" else { return }
        for statement in policy.statements where statement.effect == .allow {
            let context = WitnessCandidates.context(satisfying: statement.conditions)
            for principal in principals(statement, type: resource.type, zone: zone).prefix(3) {
                for action in WitnessCandidates.actions(statement, services: resource.type.servicePrefixes, catalog: catalog).prefix(3) {
                    for target in WitnessCandidates.resources(statement, resource: resource).prefix(2) {
                        let request = Request(principal: principal, action: action, resource: target,
                                              resourceAccount: resource.account, context: context)
                        guard WitnessCandidates.isOutside(principal, type: resource.type, zone: zone),
                              Authorizer.evaluate(request, policies: policies).outcome == .allow else { continue }
                        requests.append(request)
                        if requests.count >= limit { return }
                    }
                }
            }
        }
    }

    /// Outside the zone as `ExternalAccessQuery.external` reads it (a service is confirmed by the
    /// pinned check, which knows the source keys).
    static func isOutside(_ principal: Principal, type: ResourceType, zone: ZoneOfTrust) -> Bool {
        switch principal.kind {
        case .anonymous, .webIdentity, .samlFederated: return true
        case .awsService: return type != .iamRole
        case .accountRoot, .iamUser, .iamRole, .assumedRoleSession, .federatedUser:
            return principal.account.map { !zone.contains(account: $0) } ?? false
        }
    }

    /// The same caller shape in `account`: the root, or the user/role ARN with its account replaced.
    static func moved(_ principal: Principal, to account: String) -> Principal? {
        guard let from = principal.account else { return nil }
        switch principal.kind {
        case .accountRoot: return .accountRoot(account)
        case .iamUser: return principal.arn.map { .user(arn: $0.replacingOccurrences(of: ":\(from):", with: ":\(account):")) }
        case .iamRole: return principal.arn.map { .role(arn: $0.replacingOccurrences(of: ":\(from):", with: ":\(account):")) }
        default: return .accountRoot(account)
        }
    }

    private func principals(_ statement: Statement, type: ResourceType, zone: ZoneOfTrust) -> [Principal] {
        guard let element = statement.principal else { return [] }
        if element.isNegated || element.namesEveryone || element.isBareWildcard {
            return [.anonymous, .accountRoot(freshAccount)]
        }
        return element.entries.compactMap { entry -> Principal? in
            switch entry.type {
            case .aws:
                if entry.value == "*" { return .accountRoot(freshAccount) }
                return Principal(parsing: entry.value)
            case .service: return .service(entry.value)
            case .federated:
                return entry.value.contains(":saml-provider/") ? .saml(provider: entry.value) : .webIdentity(provider: entry.value)
            case .canonicalUser: return nil
            }
        }
    }

    private static func actions(_ statement: Statement, services: [String], catalog: ActionCatalog) -> [String] {
        guard let element = statement.actions else { return [] }
        let known = services.flatMap { catalog.actions(ofService: $0) }
        let globs = element.values.map { GlobPattern($0, caseInsensitive: true) }
        if element.isNegated {
            return known.filter { action in !globs.contains { $0.matches(action) } }
        }
        var result: [String] = []
        for (pattern, glob) in zip(element.values, globs) {
            if !pattern.contains("*") && !pattern.contains("?") {
                if services.contains(where: { pattern.lowercased().hasPrefix("\($0):") }) { result.append(catalog.spelling(of: pattern)) }
            } else {
                result += known.filter { glob.matches($0) }.prefix(3)
            }
        }
        return result
    }

    private static func resources(_ statement: Statement, resource: AnalyzedResource) -> [String] {
        let scopes = resource.type.requestResources(for: resource.arn)
        var result: [String] = []
        for pattern in statement.resources.map({ $0.isNegated ? [] : $0.values }) ?? [] where !pattern.contains("$") {
            let concrete = pattern.replacingOccurrences(of: "*", with: "x").replacingOccurrences(of: "?", with: "x")
            if scopes.contains(where: { $0.anySuffix ? concrete.hasPrefix($0.prefix) : concrete == $0.prefix }) {
                result.append(concrete)
            }
        }
        for scope in scopes {
            result.append(scope.anySuffix ? scope.prefix + "rampart-witness" : scope.prefix)
        }
        var seen = Set<String>()
        return result.filter { seen.insert($0).inserted }
    }

    /// A context meeting each condition taken alone, plus the keys AWS always sends.
    static func context(satisfying conditions: [Condition]) -> RequestContext {
        var context = RequestContext()
        context["aws:SecureTransport"] = .bool(true)
        context["aws:CurrentTime"] = .date("2026-01-01T00:00:00Z")
        context["aws:EpochTime"] = .number(1_767_225_600)
        for condition in conditions {
            let op = condition.conditionOperator
            let key = condition.key.value
            if op.base == .null {
                if condition.values.first?.text.lowercased() == "true" { context.remove(key) } else { context[key] = .string("rampart") }
                continue
            }
            // Negated and ...IfExists operators and ForAllValues hold for an absent key.
            if op.base.isNegated || op.ifExists || op.qualifier == .forAllValues {
                if !["aws:securetransport", "aws:currenttime", "aws:epochtime"].contains(key.lowercased()) { context.remove(key) }
                continue
            }
            guard let first = condition.values.first?.text, !first.contains("${") else { continue }
            let value: ContextValue
            switch op.base.family {
            case .string, .arn:
                let text = op.base.usesWildcards
                    ? first.replacingOccurrences(of: "*", with: "x").replacingOccurrences(of: "?", with: "x") : first
                value = ContextValue(text: text, type: op.base.family == .arn ? .arn : .string)
            case .numeric:
                guard let number = Int64(first) else { continue }
                switch op.base {
                case .numericLessThan: value = .number(number - 1)
                case .numericGreaterThan: value = .number(number + 1)
                default: value = .number(number)
                }
            case .date:
                guard [.dateEquals, .dateLessThanEquals, .dateGreaterThanEquals].contains(op.base) else { continue }
                value = .date(first)
            case .bool: value = .bool(first.lowercased() == "true")
            case .ipAddress: value = .ipAddress(String(first.split(separator: "/").first ?? ""))
            case .binary: value = .binary(base64: first)
            default: continue
            }
            if op.qualifier == .forAnyValue { context.set(key, values: [value]) } else { context[key] = value }
        }
        return context
    }
}
