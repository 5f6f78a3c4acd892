import Authorizer
import Encoding
import Policy

/// The findings of a resource policy decided without Z3 (issue 17 item 6: making a context and
/// building the question already cost ≥ 2.5 ms, so a finding that touches the solver cannot take
/// ≤ 1 ms), for the fragment where that can be done **exactly**: the same findings — principals,
/// actions, statements, conditions, witnesses — as `FindingEnumerator` gives, or nil and the
/// solver path runs unchanged.
///
/// The fragment (`init` returns nil outside it): a resource policy alone (no RCP, no access
/// point, no RestrictPublicBuckets, no question about any resource `*`), without policy
/// variables; every Allow statement names only literal accounts (`Principal: {"AWS": [...]}`,
/// twelve-digit ids or ARNs with an account and no wildcard), no `NotPrincipal`; conditions, in
/// Allow and Deny statements alike, only on keys the question reads as one free text value
/// (`isPlainCondition`: no set qualifier, string/ARN/Bool/Null operators, no key AWS derives from
/// the caller or the resource, no source or access point key, no multivalued key; of the keys AWS
/// always sends only `aws:SecureTransport`); and fewer than
/// `PrincipalClassSweep.minimumNamedClasses` named classes — outside accounts, and services and
/// providers any statement names — (the sweep's order is not
/// replayed). Only the accounts named can then be granted anything, and a pinned model's context
/// is the candidate's values of the keys read.
///
/// How: the enumeration's own steps replayed on concrete requests, each solver call replaced by
/// what it must answer:
/// - a **pinned** question (a candidate fixed): UNSAT when the Authorizer denies the request (the
///   two semantics agree, differential tests) or a concrete side of its other conjuncts fails
///   (the class, the blocks, the classes already found); SAT, with the model's decoded request,
///   when the Authorizer allows and the request surely satisfies the question's formulas (what
///   `ConcreteAdmission` and `PinnableRequest` check, for the fragment's keys); otherwise not sure.
/// - a **free** question is SAT only through a model this side cannot predict, so only its UNSAT
///   is replayed, proven by a screen (`CoverageScreen`, shared with the solver path): every Allow
///   statement's outside accounts have, among their findings, every action class the statement
///   can grant on a part of the scope it can name (whatever its conditions: they only restrict),
///   or a Deny without conditions removes that class for the whole account. "Anonymous too?" and "any account?" are UNSAT in the
///   fragment: no Allow statement names `*` or an account outside the policy's literals.
/// Anything else (a pin the concrete side is not sure of, a free question the screen does not
/// close, a witness the Authorizer refuses) returns nil: the solver path decides.
///
/// Checked against the solver path (`SolverFreeFindingsTests`: hand-worked policies, and the
/// corpora — `RAMPART_SOLVERFREE_CHECKS`, a sample in CI, `all` for every policy; every analysis
/// test decided here is also run through the solver path, `AnalysisTestSupport`).
struct SolverFreeFindings {
    let resource: AnalyzedResource
    let zone: ZoneOfTrust
    let options: AnalysisOptions
    private let policy: Policy
    private let applicability: ActionApplicability
    private let actions: ActionMembership
    private let candidates: WitnessCandidates
    private let scopedPolicies: PolicySet
    private let catalogActions: [(action: String, vector: [Bool])]
    /// `catalogActions`' vectors by lowercase action, read instead of matching the patterns again
    /// (`vector(of:)`; the same vectors, as `ActionMembership.vector` lowercases the action).
    private let catalogVectors: [String: [Bool]]
    private let owner: OwnerOrganization?
    /// The scope's parts, each with a resource of it (an object `x` where any suffix is).
    private let parts: [(scope: RequestResourceScope, sample: String)]
    private let scopeGlobs: [GlobPattern]
    /// The condition keys the policies read (lowercased), each with its first spelling: the
    /// question's free keys, as the decoded model names them (`KeyUniverse`, `WitnessDecoder`).
    private let keysRead: [String: String]
    /// The free questions' UNSAT, proven from the findings so far (`closes`).
    private let coverage: CoverageScreen

    init?(resource: AnalyzedResource, zone: ZoneOfTrust, options: AnalysisOptions) {
        guard options.witnessCandidates, let policy = resource.policy, SolverFreeFindings.inFragment(resource) else { return nil }
        let started = ContinuousClock.now
        let services = resource.type.servicePrefixes
        let scoped = ActionScope.scoped(resource.policies, services: services)
        let scopes = resource.type.requestResources(for: resource.arn)
        guard let applicability = ActionApplicability(resourceType: resource.type, scopes: scopes,
                                                      actionPatterns: ActionClasses.actionValues(of: [scoped]), catalog: options.catalog)
        else { return nil }
        SolverFreeFindings.trace("applicability", since: started)
        // The literal accounts as `FindingEnumerator` gathers them: its principals' and its
        // conditions' values (they decide the account no policy names and whether it sweeps).
        var (accounts, namedServices, namedProviders) = FindingEnumerator.literalNames(in: scoped.resourcePolicy?.statements ?? [])
        let named = accounts.filter { !zone.contains(account: $0) }.count + namedServices.count + namedProviders.count
        // The sweep's order of visits is not replayed here.
        guard !options.principalClasses || named < PrincipalClassSweep.minimumNamedClasses else { return nil }
        accounts.formUnion(zone.accounts)
        self.resource = resource
        self.zone = zone
        self.options = options
        self.policy = policy
        self.applicability = applicability
        scopedPolicies = scoped
        actions = ActionMembership(statements: scoped.resourcePolicy?.statements ?? [])
        candidates = WitnessCandidates(resource: resource, zone: zone, policies: scoped, catalog: options.catalog,
                                       literalAccounts: accounts, limit: 48, perStatement: WitnessCandidates.perStatement,
                                       ownStatementFilter: false, admits: applicability.admits)
        SolverFreeFindings.trace("candidates", since: started)
        let membership = actions
        catalogActions = services.flatMap { options.catalog.actions(ofService: $0) }.map { ($0, membership.vector(of: $0)) }
        owner = resource.organizationOfOwner(in: zone)
        var keysRead: [String: String] = [:]
        for statement in scoped.resourcePolicy?.statements ?? [] {
            for condition in statement.conditions where keysRead[condition.key.value.lowercased()] == nil {
                keysRead[condition.key.value.lowercased()] = condition.key.value
            }
        }
        self.keysRead = keysRead
        var known: [String: [Bool]] = [:]
        for (action, vector) in catalogActions { known[action.lowercased()] = vector }
        catalogVectors = known
        let scopeParts = scopes.map { (scope: $0, sample: $0.anySuffix ? $0.prefix + "x" : $0.prefix) }
        coverage = CoverageScreen(resource: resource, zone: zone, statements: scoped.resourcePolicy?.statements ?? [],
                                  applicability: applicability, membership: membership,
                                  vector: { known[$0.lowercased()] ?? membership.vector(of: $0) })
        parts = scopeParts
        scopeGlobs = ExternalAccessQuery.scopePatterns(services).map { GlobPattern($0, caseInsensitive: true) }
        SolverFreeFindings.trace("catalog vectors", since: started)
    }

    /// With `RAMPART_TRACE_SOLVER=1`, the time since `start` at a phase's end, on standard error.
    static func trace(_ phase: String, since start: ContinuousClock.Instant) {
        guard SolverTrace.enabled else { return }
        SolverTrace.write("solver-free findings: \(phase) at +\(ContinuousClock.now - start)")
    }

    /// Whether the resource is of the fragment (see the type's documentation).
    static func inFragment(_ resource: AnalyzedResource) -> Bool {
        guard let policy = resource.policy, resource.arn != "*", resource.accessPoint == nil,
              resource.restrictPublicBucketsOwners == nil, resource.resourceControlPolicies?.isEmpty ?? true else { return false }
        return policy.statements.allSatisfy { statement in
            guard statement.conditions.allSatisfy(isPlainCondition), statement.actions != nil,
                  !(statement.resources?.values ?? []).contains(where: { $0.contains("${") }) else { return false }
            if statement.effect == .deny { return true }
            guard let principal = statement.principal, !principal.isNegated, !principal.isBareWildcard,
                  !principal.entries.isEmpty else { return false }
            return principal.entries.allSatisfy { CoverageScreen.literalAccount(of: $0) != nil }
        }
    }

    /// A condition whose key the question reads as one free text value, as a candidate states it:
    /// no set qualifier, a string, ARN, Bool or Null operator, on a key AWS does not derive from
    /// the caller or the resource (those follow the caller in the encoding), no source key (a
    /// service's), no access point key, no multivalued key, and of the keys AWS always sends only
    /// `aws:SecureTransport`.
    static func isPlainCondition(_ condition: Condition) -> Bool {
        let key = condition.key.value.lowercased()
        let excluded = ["aws:principal", "aws:resource", "aws:userid", "aws:username", "kms:calleraccount", "aws:source",
                        "aws:currenttime", "aws:epochtime", "aws:tagkeys", "aws:calledvia", "aws:federatedprovider"]
        return condition.conditionOperator.qualifier == nil
            && [.string, .arn, .bool, .null].contains(condition.conditionOperator.base.family)
            && !excluded.contains(where: { key.hasPrefix($0) })
            && !AccessPointRequestKeys.names.contains(where: { $0.lowercased() == key })
            && !condition.values.contains(where: { $0.text.contains("${") })
    }

    /// A finding class so far: an outside account, its action classes and their witnesses.
    private struct Found {
        var account: String
        var classes: [[Bool]]
        var witnesses: [(Request, Decision)]
    }

    /// What a pinned question answers.
    private enum Pinned {
        case sat(Request, Decision)
        case unsat
        case unsure
    }

    /// The findings, in the enumeration's order; nil when this side is not sure of every step.
    func findings() -> [ExternalAccessFinding]? {
        var found: [Found] = []
        while true {
            guard found.count < options.maximumFindings else { return fallBack("the findings' limit") }
            // "next finding": the first two open candidates, pinned, then the free question.
            var first: (Request, Decision)?
            for candidate in candidates.requests.filter({ !isCovered($0, by: found) }).prefix(2) {
                switch pin(candidate, others: true) {
                case .sat(let request, let decision): first = (request, decision)
                case .unsat: continue
                case .unsure: return fallBack("a candidate not surely admitted: \(problems(candidate))")
                }
                break
            }
            guard let (request, decision) = first else {
                return closes(found, accounts: nil) ? build(found) : fallBack("the last \"next finding\" not screened UNSAT")
            }
            // `PrincipalClassifier`: an account's caller (the pin admits no other kind); no
            // anonymous caller and no account outside the literals is granted anything here.
            guard request.principal.kind.hasAccount, let account = request.principal.account,
                  !allowed(moved(request, to: .anonymous)),
                  WitnessCandidates.moved(request.principal, to: candidates.freshAccount).map({ !allowed(moved(request, to: $0)) }) ?? true
            else { return fallBack("a witness not of an account alone") }
            guard !found.contains(where: { $0.account == account }) else { return fallBack("a second finding of \(account)") }
            guard let explored = explore(account, first: (request, decision), found: found) else { return nil }
            found.append(explored)
        }
    }

    /// `ActionClassExplorer.explore` for the callers of `account`, from its first witness.
    private func explore(_ account: String, first: (Request, Decision), found: [Found]) -> Found? {
        let firstWitness = first.0
        var explored = Found(account: account, classes: [vector(of: firstWitness.action)], witnesses: [first])
        func inClass(_ request: Request) -> Bool { request.principal.kind.hasAccount && request.principal.account == account }
        var requests = candidates.requests.filter(inClass)
        for candidate in candidates.requests {
            var request = candidate
            request.principal = firstWitness.principal
            requests.append(request)
        }
        var shapes: [Request] = [firstWitness]
        for candidate in candidates.requests where !shapes.contains(where: { $0.resource == candidate.resource && $0.context == candidate.context }) {
            var shape = candidate
            shape.principal = firstWitness.principal
            shapes.append(shape)
        }
        for scopeResource in ExternalAccessQuery.scopeResources(of: resource, like: firstWitness)
        where !shapes.contains(where: { $0.resource == scopeResource && $0.context == firstWitness.context }) {
            var shape = firstWitness
            shape.resource = scopeResource
            shapes.append(shape)
        }
        var vectors = Set<[Bool]>()
        // `catalogActions` is the services' catalog actions in the services' order.
        for (action, vector) in catalogActions where vectors.insert(vector).inserted {
            for shape in shapes {
                var request = shape
                request.action = action
                requests.append(request)
            }
        }
        var untried = requests.map { ($0, vector(of: $0.action)) }
        while true {
            var next: Request?
            var index = 0
            while index < untried.count {
                let (request, vector) = untried[index]
                index += 1
                if explored.classes.contains(vector) || !allowed(request) { continue }
                next = request
                break
            }
            untried.removeFirst(index)
            if let next {
                let tried = vector(of: next.action)
                untried.removeAll { $0.1 == tried }
            }
            // The action shortcut, as `ActionClassExplorer` takes it: nothing but action patterns
            // reads the action here (no condition key of the fragment exists on some actions
            // only; `kms:CallerAccount`, the one the encoding derives from the action, is excluded).
            if let next, inScope(next.action), admits(next),
               explored.witnesses.contains(where: { ActionClassExplorer.sameShape($0.0, next) }) {
                let decision = decide(next)
                if decision.outcome == .allow {
                    explored.witnesses.append((next, decision))
                    explored.classes.append(vector(of: next.action))
                    continue
                }
            }
            if let next {
                let others = inClass(next) && !isCovered(next, by: found) && !explored.classes.contains(vector(of: next.action))
                switch pin(next, others: others) {
                case .sat(let request, let decision):
                    explored.witnesses.append((request, decision))
                    explored.classes.append(vector(of: request.action))
                    continue
                case .unsat: break
                case .unsure: return fallBack("an action class's request not surely admitted: \(problems(next))")
                }
            }
            // "next action class", free: replayed only as UNSAT.
            return closes(found + [explored], accounts: [account]) ? explored : fallBack("a \"next action class\" not screened UNSAT")
        }
    }

    /// The action class of `action`: its catalog vector when it is a catalog action, else the
    /// membership's patterns matched against it.
    private func vector(of action: String) -> [Bool] {
        catalogVectors[action.lowercased()] ?? actions.vector(of: action)
    }

    /// With `RAMPART_TRACE_SOLVER=1`, why the solver path decides after all; nil.
    private func fallBack<T>(_ reason: String) -> T? {
        if SolverTrace.enabled { SolverTrace.write("solver-free findings: left to the solver (\(reason)) for \(resource.arn)") }
        return nil
    }

    /// The findings of `found`, listed as `FindingBuilder` lists the enumeration's.
    private func build(_ found: [Found]) -> [ExternalAccessFinding]? {
        guard !found.isEmpty else { return fallBack("no finding: the proof's explanation is the solver's") }
        let builder = FindingBuilder(resource: resource, applicability: applicability, catalog: options.catalog, actions: actions,
                                     catalogActions: catalogActions, decide: decide)
        return found.map { builder.finding(label: $0.account, kind: .account, classes: $0.classes, witnesses: $0.witnesses) }
    }

    // MARK: The concrete side of the question

    /// The pinned question on `request` whose conjuncts other than the question's base and
    /// `external` (the class, the blocks, the classes found) hold on it when `others`.
    private func pin(_ request: Request, others: Bool) -> Pinned {
        guard others, allowed(request) else { return .unsat }
        guard problems(request).isEmpty else { return .unsure }
        // The decoded model of the pin: the action in the policies' spelling, and the context
        // keys the policies read, each named as they first spell it, one value each; replayed
        // against the policies as written (`FindingEnumerator.witness`).
        var witness = request
        witness.action = applicability.policySpelling(of: request.action) ?? options.catalog.spelling(of: request.action)
        var context = RequestContext()
        for entry in request.context.entries {
            guard let spelling = keysRead[entry.key.lowercased()], let value = entry.values.first else { continue }
            context[spelling] = value
        }
        witness.context = context
        let decision = Authorizer.evaluate(witness, policies: resource.policies)
        guard decision.outcome == .allow, RequestRealism.problems(witness).isEmpty, admits(witness) else { return .unsure }
        return .sat(witness, decision)
    }

    /// `FindingEnumerator.allowed`: can exist on the resource, and the policies as encoded allow it.
    private func allowed(_ request: Request) -> Bool {
        admits(request) && Authorizer.evaluate(request, policies: scopedPolicies).outcome == .allow
    }

    /// `FindingEnumerator.decision`: the policies as written.
    private func decide(_ request: Request) -> Decision {
        Authorizer.evaluate(request, policies: resource.policies)
    }

    private func admits(_ request: Request) -> Bool {
        applicability.admits(action: request.action, resource: request.resource)
    }

    private func inScope(_ action: String) -> Bool {
        let lowered = action.lowercased()
        return scopeGlobs.contains { $0.matches(lowered, subjectIsLowercased: true) }
    }

    private func moved(_ request: Request, to principal: Principal) -> Request {
        var moved = request
        moved.principal = principal
        return moved
    }

    private func isCovered(_ request: Request, by found: [Found]) -> Bool {
        let actionClass = vector(of: request.action)
        return found.contains { entry in
            request.principal.kind.hasAccount && request.principal.account == entry.account && entry.classes.contains(actionClass)
        }
    }

    /// Why `request` might not satisfy the question's formulas when pinned: `ConcreteAdmission`
    /// and `PinnableRequest` for a question whose policies read only the fragment's keys (one
    /// text value each; `aws:SecureTransport` present, `true` or `false`),
    /// with the question's resource account and owner's organization, and every action of the
    /// domain and resource of the scope in a class. Empty when it surely does.
    private func problems(_ request: Request) -> [String] {
        var problems = PinnableRequest.principalProblems(request.principal)
        if request.resourceAccount != resource.account { problems.append("the resource's account differs from the question's") }
        if request.resourceOrgID != owner?.id || request.resourceOrgPaths != (owner?.paths ?? []) {
            problems.append("the owner's organization differs from the question's")
        }
        let derived = DerivedContextKeys.derive(for: request.principal, resourceAccount: request.effectiveResourceAccount,
                                                action: request.action, resourceOrgID: request.resourceOrgID,
                                                resourceOrgPaths: request.resourceOrgPaths)
        for entry in request.context.entries where derived.contains(entry.key) && derived.values(for: entry.key) != entry.values {
            problems.append("\(entry.key) stated against the caller's")
        }
        let action = request.action.lowercased()
        if !resource.type.servicePrefixes.contains(where: { action.hasPrefix($0.lowercased() + ":") }) {
            problems.append("an action outside the resource's services")
        }
        if !parts.contains(where: { $0.scope.anySuffix ? request.resource.hasPrefix($0.scope.prefix) : request.resource == $0.scope.prefix }) {
            problems.append("a resource outside the scope")
        }
        if !admits(request) { problems.append("an action that does not apply to the resource") }
        for entry in request.context.entries where keysRead[entry.key.lowercased()] != nil && entry.values.count != 1 {
            problems.append("\(entry.key) with \(entry.values.count) values; the model holds one")
        }
        if keysRead["aws:securetransport"] != nil {
            let values = request.effectiveContext.values(for: "aws:SecureTransport") ?? []
            if values.count != 1 || !["true", "false"].contains(values[0].text) {
                problems.append("aws:SecureTransport absent or neither true nor false (AWS always sends it)")
            }
        }
        if let organization = zone.organizationID, request.principal.orgID == organization {
            problems.append("a caller outside the zone carrying its organization's id")
        }
        problems += RequestRealism.problems(request)
        if !OutsideZone.contains(request, type: resource.type, zone: zone) { problems.append("a caller in the zone") }
        return problems
    }

    // MARK: The free question's UNSAT

    /// Whether no caller outside the zone (of `accounts` only, when given) is allowed an action
    /// class beyond those `found` lists for its account (`CoverageScreen`).
    private func closes(_ found: [Found], accounts: Set<String>?) -> Bool {
        var byAccount: [CoverageScreen.NamedCaller: Set<[Bool]>] = [:]
        for entry in found { byAccount[.account(entry.account), default: []].formUnion(entry.classes) }
        return coverage.closes(covered: byAccount, only: accounts.map { Set($0.map(CoverageScreen.NamedCaller.account)) })
    }
}
