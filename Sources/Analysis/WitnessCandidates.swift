import Authorizer
import Encoding
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
/// Per Allow statement: callers it names from outside the zone (for `*`, one caller of each
/// kind, of an account no policy names); its actions (literals, or catalog actions of the
/// resource's services matching its patterns); the resource or, where the scope allows, an
/// object of it; and a context that satisfies each condition on its own (the first value of a
/// positive operator with wildcards made concrete, nothing for negated and `...IfExists`
/// operators), with the keys AWS always sends.
struct WitnessCandidates {
    /// Allowed by the Authorizer, from outside the zone, in the resource's scope; policy order
    /// (with `ownStatementFilter`, allowed by their own statement under every Deny).
    private(set) var requests: [Request] = []
    /// An account no policy names and outside the zone.
    let freshAccount: String

    /// - Parameter admits: whether a request for an action on a resource can exist (the
    ///   question's `ActionApplicability`); candidates are drawn from those only.
    init(resource: AnalyzedResource, zone: ZoneOfTrust, policies: PolicySet, catalog: ActionCatalog,
         literalAccounts: Set<String>, limit: Int = 48, perStatement: Int = WitnessCandidates.perStatement,
         ownStatementFilter: Bool = false, budget: QuestionBudget = .unbounded, admits: (_ action: String, _ resource: String) -> Bool = { _, _ in true }) {
        var fresh = 999_999_999_999
        while literalAccounts.contains(String(fresh)) || zone.contains(account: String(fresh)) { fresh -= 1 }
        freshAccount = String(fresh)
        // Service-linked roles' requests (below) come after every other caller's: a finding's
        // first witness, and the caller its other actions are tried with, is then an ordinary
        // principal wherever one has the access.
        var serviceLinkedRequests: [Request] = []
        defer { requests += serviceLinkedRequests }
        guard let policy = resource.policy, resource.arn != "*" else { return }
        // Deny statements' negated conditions made positive: a request meeting one of them is
        // out of that deny's reach (its conditions all hold only if this one does).
        let avoidingDenies: [Condition] = policy.statements.filter { $0.effect == .deny }.flatMap(\.conditions).compactMap { condition in
            let op = condition.conditionOperator
            guard op.base.isNegated, op.qualifier != .forAnyValue else { return nil }
            var positive = condition
            // Not (every value is none of them) = some value is one of them.
            positive.conditionOperator = ConditionOperator(op.base.positive, qualifier: op.qualifier == .forAllValues ? .forAnyValue : nil)
            return positive
        }
        // A resource of each part of the scope: a pattern's first actions are taken among those
        // that apply to each (`s3:List*` begins with actions of no bucket or object, `s3:Get*`
        // with bucket actions only).
        let scopeTargets = resource.type.requestResources(for: resource.arn).map { $0.anySuffix ? $0.prefix + "x" : $0.prefix }
        for statement in policy.statements where statement.effect == .allow {
            // Past the question's time bound the enumerator stops (`QuestionBudget`).
            if budget.isExhausted { return }
            // A statement the screen proves admits no outside caller gives no outside candidate
            // (its callers are shaped into the zone); skipping it spares hundreds of evaluations
            // among many zone-bound statements. Candidates are only a filter: nothing else changes.
            if ZoneScreen.reason(statement, resource: resource, zone: zone) != nil { continue }
            // The statement's own conditions last: where they name the same key, they win.
            let conditions = avoidingDenies + statement.conditions
            let context = WitnessCandidates.context(satisfying: conditions)
            let statementActions = WitnessCandidates.actions(statement, services: resource.type.servicePrefixes, catalog: catalog,
                                                             targets: scopeTargets, admits: admits)
            let variableKeys = WitnessCandidates.variableKeys(statement)
            // Values that make one of its `Resource` patterns name a resource of the scope.
            let scopeBindings = policy.substitutesVariables ? WitnessCandidates.scopeBindings(statement, resource: resource) : [:]
            var added = 0
            // Source keys come only with a service acting for an account (the query's realism,
            // docs/ANALYSIS.md): a context stating one is a service's request.
            let statesSourceKey = ServiceSourceEvidence.sourceKeys.contains { context.contains($0) }
            // With `ownStatementFilter` (hundreds of statements, each decision reading them all):
            // the policies with this Allow statement and every Deny of the resource policy. A
            // request they allow is allowed by the whole policy (more Allow statements only allow
            // more), so little is lost; and nothing is trusted: every candidate is decided by the
            // whole policies again (`FindingEnumerator.allowed`) and pinned before it counts.
            var ownPolicies = policies
            if ownStatementFilter, var own = policies.resourcePolicy {
                own.statements = own.statements.filter { $0.index == statement.index || $0.effect == .deny }
                ownPolicies.resourcePolicy = own
            }
            // Where a layer does not restrict service-linked roles (`ServiceLinkedRole`: an RCP's
            // Deny), a session of one in each account the statement names may get what the
            // account's other callers do not; a free search finds such a caller slowly (a role
            // path to invent), a pinned one at once. Tried first, so that the statement's share
            // of candidates cannot run out before them; kept apart and listed last (above).
            let named = principals(statement, type: resource.type, zone: zone)
            let serviceLinked = ServiceLinkedRole.escapesSomeLayer(of: policies)
                ? named.compactMap { $0.kind == .accountRoot ? $0.account.map(ServiceLinkedRole.session) : nil } : []
            for principal in serviceLinked + named
            where !statesSourceKey || principal.kind == .awsService {
                // The caller shaped to the statement's conditions on its own keys, and (when
                // shaping moved it) the caller as the statement names it: `ArnLike
                // aws:PrincipalArn` on `role/app-*` shapes a named `role/app-1` into `role/app-x`,
                // which the statement's Principal no longer matches.
                let shapedCaller = shaped(principal, by: conditions, zone: zone, stated: context)
                for caller in shapedCaller == principal ? [principal] : [shapedCaller, principal] {
                    // Variables of keys AWS does not derive take a value the request states; where a
                    // condition compares a key derived from the caller with one
                    // (`aws:PrincipalOrgID: ${aws:ResourceOrgID}`), a value of that key's form, so
                    // that the caller can be shaped to it.
                    var context = context
                    // Only IAM users, roles and sessions carry aws:PrincipalTag (IAM User Guide,
                    // "AWS global condition context keys"): another caller's request states none,
                    // so a statement on tags is met by its tagged role (above), not by its root.
                    if !caller.kind.carriesTags {
                        for entry in context.entries where entry.key.lowercased().hasPrefix("aws:principaltag/") { context.remove(entry.key) }
                    }
                    for key in variableKeys where !context.contains(key) && !DerivedContextKeys.callerAndOwnerKeys.contains(key.lowercased()) {
                        context[key] = .string(scopeBindings[key.lowercased()] ?? WitnessCandidates.statedValue(for: key, in: conditions))
                    }
                    // Variables in the statement's resources take the caller's own values.
                    let owner = resource.organizationOfOwner(in: zone)
                    let derived = DerivedContextKeys.derive(for: caller, resourceAccount: resource.account, resourceOrgID: owner?.id,
                                                            resourceOrgPaths: owner?.paths ?? [])
                    var variables = derived.merging(context)
                    if policy.substitutesVariables {
                        // Condition values with variables (`s3:ResourceAccount: ${aws:PrincipalAccount}`)
                        // take the caller's values, for keys the request states.
                        for condition in conditions where !condition.conditionOperator.base.isNegated
                            && [.string, .arn].contains(condition.conditionOperator.base.family)
                            && !DerivedContextKeys.callerAndOwnerKeys.contains(condition.key.value.lowercased()) {
                            guard let first = condition.values.first?.text, first.contains("${"),
                                  let text = WitnessCandidates.concrete(first, wildcards: condition.conditionOperator.base.usesWildcards,
                                                                        variables: variables) else { continue }
                            let value = ContextValue(text: text, type: condition.conditionOperator.base.family == .arn ? .arn : .string)
                            if condition.conditionOperator.qualifier == .forAnyValue {
                                context.set(condition.key.value, values: [value])
                            } else {
                                context[condition.key.value] = value
                            }
                        }
                        variables = derived.merging(context)
                    }
                    let targets = WitnessCandidates.resources(statement, resource: resource,
                                                              variables: policy.substitutesVariables ? variables : nil)
                    // The first three actions that apply to one of the first two resources.
                    let actions = statementActions.filter { action in targets.prefix(2).contains { admits(action, $0) } }.prefix(3)
                    for action in actions {
                        for target in targets.prefix(2) where admits(action, target) {
                            let request = Request(principal: caller, action: action, resource: target,
                                                  resourceAccount: resource.account,
                                                  resourceOrgID: owner?.id, resourceOrgPaths: owner?.paths ?? [], context: context)
                            let deciding = ownStatementFilter ? ownPolicies : policies
                            guard OutsideZone.contains(request, type: resource.type, zone: zone),
                                  Authorizer.evaluate(request, policies: deciding).outcome == .allow
                            else { continue }
                            // A service-linked role's request only where its account's root is
                            // refused it: otherwise the root's candidate shows the same access.
                            let escapes = caller.isServiceLinkedRole
                            if escapes, let account = caller.account {
                                var asRoot = request
                                asRoot.principal = .accountRoot(account)
                                if Authorizer.evaluate(asRoot, policies: deciding).outcome == .allow { continue }
                            }
                            if escapes {
                                serviceLinkedRequests.append(request)
                            } else {
                                requests.append(request)
                                added += 1
                            }
                            if requests.count + serviceLinkedRequests.count >= limit { return }
                            if added >= perStatement { break }
                        }
                        if added >= perStatement { break }
                    }
                    if added >= perStatement { break }
                }
                if added >= perStatement { break }
            }
        }
    }

    /// At most this many candidates per statement, so every statement gets some (by default).
    static let perStatement = 12

    /// The same caller shape in `account`: the root, or the user/role ARN with its account
    /// replaced; its unique id, organization and tags kept.
    static func moved(_ principal: Principal, to account: String) -> Principal? {
        guard let from = principal.account else { return nil }
        var result: Principal
        switch principal.kind {
        case .accountRoot:
            // A root's unique id is its account id, and it has no tags: only its organization moves.
            result = .accountRoot(account)
            result.orgID = principal.orgID
            result.orgPaths = principal.orgPaths
            return result
        case .iamUser:
            guard let arn = principal.arn else { return nil }
            result = .user(arn: arn.replacingOccurrences(of: ":\(from):", with: ":\(account):"))
        case .iamRole:
            guard let arn = principal.arn else { return nil }
            result = .role(arn: arn.replacingOccurrences(of: ":\(from):", with: ":\(account):"))
        default: return .accountRoot(account)
        }
        result.userID = principal.userID
        result.orgID = principal.orgID
        result.orgPaths = principal.orgPaths
        result.tags = principal.tags
        return result
    }

    /// The callers a statement names, from outside the zone. For `*` (or NotPrincipal) one caller
    /// of each kind: anonymous, an account root, a role, a user, a service, a web-identity and a SAML
    /// user, so that a finding of each principal class can start from a candidate.
    private func principals(_ statement: Statement, type: ResourceType, zone: ZoneOfTrust) -> [Principal] {
        guard let element = statement.principal else { return [] }
        if element.isNegated || element.namesEveryone || element.isBareWildcard {
            // A user too: only IAM users carry aws:username (conditions like
            // `StringLike s3:prefix ${aws:username}/*` are met by no other kind).
            return [.anonymous, .accountRoot(freshAccount), .role(arn: "arn:aws:iam::\(freshAccount):role/rampart-witness"),
                    .user(arn: "arn:aws:iam::\(freshAccount):user/rampart-witness"), .service("rampart-witness.amazonaws.com"), .webIdentity(provider: "rampart-witness.example.com"),
                    .saml(provider: "arn:aws:iam::\(freshAccount):saml-provider/rampart-witness")]
        }
        // An account stands for all its principals; only IAM users carry aws:username, so a
        // statement that reads it gets a user of the account too.
        let readsUserName = WitnessCandidates.readsUserName(statement)
        let readsPrincipalTags = statement.conditions.contains { $0.key.value.lowercased().hasPrefix("aws:principaltag/") }
        return element.entries.flatMap { entry -> [Principal] in
            switch entry.type {
            case .aws:
                if entry.value == "*" { return [.accountRoot(freshAccount)] }
                guard let principal = Principal(parsing: entry.value) else { return [] }
                if readsUserName, principal.kind == .accountRoot, let account = principal.account {
                    return [principal, .user(arn: "arn:aws:iam::\(account):user/rampart-witness")]
                }
                // Only IAM identities carry principal tags (the encoding's fact): a statement
                // that reads them gets a role of a named account too.
                if readsPrincipalTags, principal.kind == .accountRoot, let account = principal.account {
                    return [principal, .role(arn: "arn:aws:iam::\(account):role/rampart-witness")]
                }
                return [principal]
            case .service: return [.service(entry.value)]
            case .federated:
                return [entry.value.contains(":saml-provider/") ? .saml(provider: entry.value) : .webIdentity(provider: entry.value)]
            case .canonicalUser: return []
            }
        }
    }

    /// The statement reads `aws:username`: as a condition key or a variable in `Resource` or a
    /// condition value.
    static func readsUserName(_ statement: Statement) -> Bool {
        let texts = (statement.resources?.values ?? []) + statement.conditions.flatMap { $0.values.map(\.text) }
        return statement.conditions.contains { $0.key.value.lowercased() == "aws:username" }
            || texts.contains { $0.range(of: "${aws:username", options: .caseInsensitive) != nil }
    }

    /// `principal` changed to meet the statement's positive string conditions on the keys AWS
    /// derives from the caller (aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalOrgID,
    /// aws:PrincipalOrgPaths, aws:userid, aws:PrincipalTag/…), each taken alone, where the
    /// caller's kind has that key. Only a guess: the Authorizer and the pinned check decide.
    private func shaped(_ principal: Principal, by conditions: [Condition], zone: ZoneOfTrust,
                        stated: RequestContext = RequestContext()) -> Principal {
        let accountKinds = Principal.Kind.withAccount
        let positive = conditions.filter { condition in
            let op = condition.conditionOperator
            return !op.base.isNegated && op.qualifier != .forAllValues && [.string, .arn].contains(op.base.family)
        }
        var caller = principal
        // The ARN first: it may replace the caller; the other keys are set on the result.
        for condition in positive where condition.key.value.lowercased() == "aws:principalarn" && accountKinds.contains(caller.kind) {
            guard let text = condition.values.first?.text else { continue }
            var segments = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard segments.count >= 6 else { continue }
            if segments[4].contains("*") || segments[4].contains("?") || segments[4] == "${aws:PrincipalAccount}" {
                segments[4] = caller.account ?? freshAccount
            }
            let variables = DerivedContextKeys.derive(for: caller).merging(stated)
            guard let arn = WitnessCandidates.concrete(segments.joined(separator: ":"), wildcards: condition.conditionOperator.base.usesWildcards,
                                                       variables: variables),
                  var parsed = Principal(parsing: arn), let account = parsed.account, !zone.contains(account: account) else { continue }
            parsed.orgID = caller.orgID
            parsed.tags = caller.tags
            caller = parsed
        }
        for condition in positive {
            guard let first = condition.values.first?.text,
                  let value = WitnessCandidates.concrete(first, wildcards: condition.conditionOperator.base.usesWildcards,
                                                         variables: DerivedContextKeys.derive(for: caller).merging(stated)) else { continue }
            let key = condition.key.value.lowercased()
            switch key {
            case "aws:principalaccount" where accountKinds.contains(caller.kind) && AccountID.isValid(value) && !zone.contains(account: value):
                if let moved = WitnessCandidates.moved(caller, to: value) { caller = moved }
            case "aws:principalorgid" where accountKinds.contains(caller.kind): caller.orgID = value
            case "aws:principalorgpaths" where accountKinds.contains(caller.kind):
                // A path AWS could send (`o-…/r-…/ou-…/`) the value matches, with its organization
                // as the caller's; else the plain fill, which the Authorizer and the pin judge.
                let pattern = condition.conditionOperator.base.usesWildcards
                    ? WitnessCandidates.concrete(first, wildcards: false, variables: DerivedContextKeys.derive(for: caller).merging(stated))
                    : nil
                let exact = condition.conditionOperator.base == .stringEqualsIgnoreCase ? value.lowercased() : value
                let path = pattern.flatMap(OrganizationPathCandidate.path(matching:))
                    ?? (OrganizationPathCandidate.isPath(exact) ? exact : nil)
                if let path, let organization = path.split(separator: "/").first {
                    caller.orgPaths = [path]
                    caller.orgID = String(organization)
                } else {
                    caller.orgPaths = [value]
                }
            case "aws:userid" where ![.anonymous, .accountRoot, .federatedUser].contains(caller.kind): caller.userID = value
            default:
                if key.hasPrefix("aws:principaltag/") && accountKinds.contains(caller.kind) && caller.kind != .accountRoot {
                    caller.tags[String(condition.key.value.dropFirst("aws:PrincipalTag/".count))] = value
                }
            }
        }
        return caller
    }

    /// `text` with its variables resolved from `variables` (or their defaults) and its
    /// wildcards made concrete; nil when a variable has no value.
    static func concrete(_ text: String, wildcards: Bool, variables: RequestContext?) -> String? {
        var result = ""
        for part in PolicyVariableParser.parts(of: text) {
            switch part {
            case .text(let plain):
                result += wildcards ? plain.replacingOccurrences(of: "*", with: "x").replacingOccurrences(of: "?", with: "x") : plain
            case .literal(let character):
                result.append(character)
            case .variable(let key, let defaultValue):
                guard let variables else { return nil }
                if let values = variables.values(for: key), values.count == 1 {
                    result += values[0].text
                } else if let defaultValue {
                    result += defaultValue
                } else {
                    return nil
                }
            }
        }
        return result
    }

    private static func actions(_ statement: Statement, services: [String], catalog: ActionCatalog,
                                targets: [String], admits: (String, String) -> Bool) -> [String] {
        guard let element = statement.actions else { return [] }
        let known = services.flatMap { catalog.actions(ofService: $0) }
        if element.isNegated {
            let globs = element.values.map { GlobPattern($0, caseInsensitive: true) }
            return known.filter { action in !globs.contains { $0.matches(action) } }
        }
        var result: [String] = []
        // Only the patterns that can name an action of the resource's services (`ActionScope`).
        for pattern in element.values where ActionScope.canName(pattern, services: services) {
            if !pattern.contains("*") && !pattern.contains("?") {
                result.append(catalog.spelling(of: pattern))
            } else {
                let glob = GlobPattern(pattern, caseInsensitive: true)
                let matching = known.filter { glob.matches($0) }
                var chosen: [String] = []
                for target in targets {
                    var taken = 0
                    for action in matching where taken < 2 && admits(action, target) {
                        taken += 1
                        if !chosen.contains(action) { chosen.append(action) }
                    }
                }
                result += chosen
            }
        }
        return result
    }

    /// The statement's resource patterns made concrete (variables from `variables`; none when
    /// the policy does not substitute them) where they lie in the resource's scope, then the
    /// resource itself and an object of it.
    private static func resources(_ statement: Statement, resource: AnalyzedResource, variables: RequestContext?) -> [String] {
        let scopes = resource.type.requestResources(for: resource.arn)
        var result: [String] = []
        for pattern in statement.resources.map({ $0.isNegated ? [] : $0.values }) ?? [] {
            guard let concrete = concrete(pattern, wildcards: true, variables: variables) else { continue }
            if scopes.contains(where: { $0.anySuffix ? concrete.hasPrefix($0.prefix) : concrete == $0.prefix }) {
                result.append(concrete)
                continue
            }
            // Filling each wildcard with "x" left the scope: a string both the pattern and the
            // scope admit, if any (`arn:aws:s3::*:logs-for-stack*` admits the object
            // `arn:aws:s3:::bucket/:logs-for-stack`).
            guard let glob = WitnessCandidates.concrete(pattern, wildcards: false, variables: variables).map({ GlobPattern($0) })
            else { continue }
            for scope in scopes {
                let tokens = scope.prefix.unicodeScalars.map(GlobToken.literal) + (scope.anySuffix ? [.anyRun] : [])
                if let common = GlobIntersection.commonMatch(glob, GlobPattern(tokens: tokens)) {
                    result.append(common)
                    break
                }
            }
        }
        for scope in scopes {
            result.append(scope.anySuffix ? scope.prefix + "rampart-witness" : scope.prefix)
        }
        var seen = Set<String>()
        return result.filter { seen.insert($0).inserted }
    }

    /// Variable values (by lowercased key) under which one of the statement's `Resource`
    /// patterns matches a resource of each part of the scope (the resource, an object), the
    /// first part's first; empty when none does.
    private static func scopeBindings(_ statement: Statement, resource: AnalyzedResource) -> [String: String] {
        let samples = resource.type.requestResources(for: resource.arn).map { $0.anySuffix ? $0.prefix + "example.txt" : $0.prefix }
        for sample in samples {
            for pattern in statement.resources.map({ $0.isNegated ? [] : $0.values }) ?? [] {
                if let bindings = ResourceVariableBindings.bindings(of: pattern, matching: sample) { return bindings }
            }
        }
        return [:]
    }

    /// The keys of the policy variables in the statement's `Resource` (without a default).
    /// The keys of the variables (without defaults) in the statement's `Resource` and in its
    /// positive string conditions' values (`s3:prefix: home/${aws:username}/*`).
    private static func variableKeys(_ statement: Statement) -> [String] {
        let conditionValues = statement.conditions.filter {
            !$0.conditionOperator.base.isNegated && [.string, .arn].contains($0.conditionOperator.base.family)
        }.flatMap { $0.values.map(\.text) }
        return ((statement.resources?.values ?? []) + conditionValues).flatMap { pattern in
            PolicyVariableParser.parts(of: pattern).compactMap { part -> String? in
                if case .variable(let key, nil) = part { return key }
                return nil
            }
        }
    }

    /// A value for `key`, a key AWS does not derive that a candidate states: of the form of the
    /// caller's key a condition compares it with (an organization id for `aws:PrincipalOrgID`),
    /// else a plain word.
    static func statedValue(for key: String, in conditions: [Condition]) -> String {
        let variable = "${" + key.lowercased()
        let comparedWith = conditions.first { condition in
            condition.values.contains { $0.text.lowercased().contains(variable) }
        }?.key.value.lowercased()
        return comparedWith == "aws:principalorgid" ? "o-rampartwitness" : "rampart-witness"
    }

    /// A context meeting each condition taken alone, plus the keys AWS always sends.
    static func context(satisfying conditions: [Condition]) -> RequestContext {
        var context = AlwaysPresentKeys.example
        // Keys a positive condition gives a value: a negated condition on the same key (an
        // `IpAddress` range with a `NotIpAddress` hole) keeps it, and the Authorizer decides.
        let valued = Set(conditions.filter { condition in
            let op = condition.conditionOperator
            return op.base != .null && !op.base.isNegated && !op.ifExists && op.qualifier != .forAllValues
        }.map { $0.key.value.lowercased() })
        for condition in conditions {
            let op = condition.conditionOperator
            let key = condition.key.value
            // Keys AWS derives from the caller are the caller's (`shaped`): a given value would
            // replace the derived one (`Request.effectiveContext`), a request AWS never sends.
            if DerivedContextKeys.callerAndOwnerKeys.contains(key.lowercased()) { continue }
            if op.base == .null {
                if condition.values.first?.text.lowercased() == "true" { context.remove(key) } else { context[key] = .string("rampart") }
                continue
            }
            // Negated and ...IfExists operators and ForAllValues hold for an absent key.
            if op.base.isNegated || op.ifExists || op.qualifier == .forAllValues {
                if !["aws:securetransport", "aws:currenttime", "aws:epochtime"].contains(key.lowercased())
                    && !valued.contains(key.lowercased()) {
                    context.remove(key)
                }
                continue
            }
            // `aws:PrincipalOrgPaths` is the caller's too: `shaped` gives it a well-formed path
            // (`OrganizationPathCandidate`), which a stated value would replace.
            if key.lowercased() == "aws:principalorgpaths" { continue }
            guard let first = condition.values.first?.text, !first.contains("${") else { continue }
            let value: ContextValue
            switch op.base.family {
            case .string, .arn:
                // No variables here (checked above), so `concrete` only fills the wildcards.
                let text = WitnessCandidates.concrete(first, wildcards: op.base.usesWildcards, variables: nil) ?? first
                value = ContextValue(text: text, type: op.base.family == .arn ? .arn : .string)
            case .numeric:
                guard let number = Double(first), abs(number) < 1e12 else { continue }
                switch op.base {
                case .numericLessThan: value = .number(Int64((number - 1).rounded(.up)))
                case .numericGreaterThan: value = .number(Int64((number + 1).rounded(.down)))
                default: value = .number(text: first)
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
