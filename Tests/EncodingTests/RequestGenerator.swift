import Authorizer
import Policy
import RampartTestSupport

/// How a policy set reads each condition key: the facts the request generator needs to stay within
/// the encoding's modelling limits (the same counting as the encoding's `KeyUniverse`).
struct PolicyKeyUsage {
    struct Use {
        var conditionCount = 0
        var withSetQualifier = false
    }

    /// By lowercased key; keys used only as policy variables have a count of 0.
    private(set) var uses: [String: Use] = [:]

    static let knownMultivalued: Set<String> = ["aws:tagkeys", "aws:principalorgpaths", "aws:resourceorgpaths", "aws:calledvia",
                                                "aws:principalservicenameslist", "aws:sourceorgpaths"]

    init(_ set: PolicySet) {
        let policies = [set.resourcePolicy, set.permissionsBoundary, set.sessionPolicy].compactMap { $0 }
            + (set.identityPolicies ?? []) + (set.serviceControlPolicies ?? []).flatMap { $0 }
            + (set.resourceControlPolicies ?? []).flatMap { $0 }
        for policy in policies {
            for statement in policy.statements {
                for condition in statement.conditions {
                    let key = condition.key.value.lowercased()
                    var use = uses[key] ?? Use()
                    use.conditionCount += 1
                    if condition.conditionOperator.qualifier != nil { use.withSetQualifier = true }
                    uses[key] = use
                    if policy.substitutesVariables { for value in condition.values { noteVariables(value.text) } }
                }
                if policy.substitutesVariables { for pattern in statement.resources?.values ?? [] { noteVariables(pattern) } }
            }
        }
    }

    private mutating func noteVariables(_ text: String) {
        for case .variable(let key, _) in PolicyVariableParser.parts(of: text) where uses[key.lowercased()] == nil {
            uses[key.lowercased()] = Use()
        }
    }

    func isMultivalued(_ key: String) -> Bool {
        let lowered = key.lowercased()
        return Self.knownMultivalued.contains(lowered) || (uses[lowered]?.withSetQualifier ?? false)
    }

    /// The most values a request may give `key` (the encoding's documented bound: conditions + 1).
    func maximumValues(_ key: String) -> Int {
        isMultivalued(key) ? (uses[key.lowercased()]?.conditionCount ?? 0) + 1 : 1
    }
}

/// Generates random requests near a policy set's literals (the same pools), with near-misses:
/// other case, extra suffixes, absent keys, unreadable values, several values for multivalued keys.
///
/// It respects the encoding's documented modelling limits: `aws` partition only; derived keys
/// (aws:PrincipalArn, aws:userid, ...) are never stated in the context; `userID` only for users,
/// roles, sessions, web-identity, SAML and service callers; org id, org paths and canonical user id
/// only for callers with an account; principal tags only for users, roles, sessions and federated
/// users; a single-valued key has one value and a multivalued key at most conditions + 1 values;
/// account ids are twelve digits.
struct RequestGenerator {
    var random: SeededGenerator

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    mutating func request(for set: PolicySet) -> Request {
        let usage = PolicyKeyUsage(set)
        let allows = AllowedLiterals(set)
        var principal = self.principal(usage: usage, named: allows.principals)
        var actions = DifferentialPools.actions
        // Mostly an action and resource some Allow statement names, so that allowed requests are common.
        if random.chance(0.7) {
            let matching = actions.filter { action in allows.actionPatterns.contains { GlobPattern($0, caseInsensitive: true).matches(action) } }
            if !matching.isEmpty { actions = matching }
        }
        var action = random.chance(0.08) ? random.pick(DifferentialPools.actionNearMisses) : random.pick(actions)
        if random.chance(0.3) { action = random.flipCase(action) }
        var resources = DifferentialPools.resources
        if random.chance(0.7) {
            let matching = resources.filter { resource in allows.resourcePatterns.contains { GlobPattern($0).matches(resource) } }
            if !matching.isEmpty { resources = matching }
        }
        let resource = random.pick(resources)
        // Often the caller's own account: S3 ARNs carry no account, so without it every S3 request is cross-account.
        let resourceAccount: String?
        switch random.int(0...9) {
        case 0...3: resourceAccount = principal.account ?? random.pick(DifferentialPools.accounts)
        case 4...6: resourceAccount = nil
        default: resourceAccount = random.pick(DifferentialPools.accounts)
        }

        var context = RequestContext()
        for spec in DifferentialPools.keys {
            let lowered = spec.name.lowercased()
            guard usage.uses[lowered] != nil || random.chance(0.03) else { continue }
            switch spec.source {
            case .derived, .principalTag:
                continue  // from the principal
            case .orgPaths:
                // Org paths belong to a principal in an organization (the encoding ties them to an org id).
                // Every entry is a path in the caller's own organization (`OrganizationIdentifiers`):
                // the encoding states it, so requests that break it are not generated.
                guard let organization = principal.orgID else { continue }
                let paths = DifferentialPools.orgPaths.filter { $0.hasPrefix(organization + "/") }
                let count = random.int(0...min(usage.maximumValues(spec.name), paths.count))
                principal.orgPaths = random.sample(paths, count: count)
            case .context:
                guard random.chance(0.7) else { continue }  // absent keys
                let spelling = random.chance(0.1) ? random.flipCase(spec.name) : spec.name
                let pool = DifferentialPools.requestValues(for: spec)
                if usage.isMultivalued(spec.name) {
                    let count = random.int(0...usage.maximumValues(spec.name))
                    context.set(spelling, values: (0..<count).map { _ in value(random.pick(pool), spec) }, multivalued: true)
                } else {
                    context[spelling] = value(random.pick(pool), spec)
                }
            }
        }
        return Request(principal: principal, action: action, resource: resource, resourceAccount: resourceAccount, context: context)
    }

    private func value(_ text: String, _ spec: ConditionKeySpec) -> ContextValue {
        switch spec.family {
        case .number: return .number(text: text)
        case .date: return .date(text)
        case .ipAddress: return .ipAddress(text)
        case .bool: return ContextValue(text: text, type: .bool)
        case .binary: return .binary(base64: text)
        case .arn: return .arn(text)
        case .text: return .string(text)
        }
    }

    mutating func principal(usage: PolicyKeyUsage, named: [Principal] = []) -> Principal {
        let pools = DifferentialPools.self
        var principal: Principal
        switch named.isEmpty || random.chance(0.5) ? random.int(0...11) : -1 {
        case -1: principal = random.pick(named)
        case 0: principal = .accountRoot(random.pick(pools.accounts))
        case 1, 2: principal = .user(arn: random.pick(pools.users))
        case 3, 4: principal = .role(arn: random.pick(pools.roles))
        case 5, 6: principal = .assumedRole(roleArn: random.pick(pools.roles), sessionName: random.pick(pools.sessionNames))
        case 7: principal = .federatedUser(arn: random.pick(pools.federatedUsers))
        case 8: principal = .service(random.pick(pools.services))
        case 9: principal = random.chance(0.5) ? .webIdentity(provider: random.pick(pools.providers))
            : .saml(provider: random.pick(pools.providers))
        default: principal = .anonymous
        }
        let kind = principal.kind
        let hasAccount = [.accountRoot, .iamUser, .iamRole, .assumedRoleSession, .federatedUser].contains(kind)
        if hasAccount && random.chance(0.5) { principal.orgID = random.pick(pools.orgIDs) }
        if hasAccount && random.chance(0.2) { principal.canonicalUserID = random.pick(pools.canonicalIDs) }
        if [.iamUser, .iamRole, .assumedRoleSession, .webIdentity, .samlFederated, .awsService].contains(kind) && random.chance(0.4) {
            principal.userID = random.pick(pools.userIDs)
        }
        if [.iamUser, .iamRole, .assumedRoleSession, .federatedUser].contains(kind) {
            for (tag, values) in pools.tags.sorted(by: { $0.key < $1.key }) where random.chance(0.5) {
                principal.tags[random.chance(0.1) ? tag.uppercased() : tag] = random.pick(values + ["x"])
            }
        }
        return principal
    }
}

/// Literals the Allow statements of a policy set name: the request generator aims at them half
/// of the time (a uniformly random request is almost always denied).
struct AllowedLiterals {
    var actionPatterns: [String] = []
    /// Resource patterns without policy variables.
    var resourcePatterns: [String] = []
    /// Principals the resource policy's Allow statements name.
    var principals: [Principal] = []

    init(_ set: PolicySet) {
        let policies = [set.resourcePolicy, set.permissionsBoundary, set.sessionPolicy].compactMap { $0 }
            + (set.identityPolicies ?? []) + (set.serviceControlPolicies ?? []).flatMap { $0 }
        for policy in policies {
            for statement in policy.statements where statement.effect == .allow {
                if let actions = statement.actions, !actions.isNegated { actionPatterns += actions.values }
                if let resources = statement.resources, !resources.isNegated {
                    resourcePatterns += resources.values.filter { !$0.contains("${") }
                }
            }
        }
        for statement in set.resourcePolicy?.statements ?? [] where statement.effect == .allow {
            for entry in statement.principal?.entries ?? [] where !(statement.principal?.isNegated ?? true) {
                switch entry.type {
                case .aws:
                    if let principal = Principal(parsing: entry.value) { principals.append(principal) }
                case .service where entry.value != "*":
                    principals.append(.service(entry.value))
                case .federated:
                    principals.append(entry.value.hasPrefix("arn:") ? .saml(provider: entry.value) : .webIdentity(provider: entry.value))
                default:
                    break
                }
            }
        }
    }
}
