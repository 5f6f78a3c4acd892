import Authorizer
import Encoding
import Policy
import Z3

/// Enumerates the distinct external accesses to one resource. Each round asks the solver for
/// an allowed request from outside the zone that no earlier finding covers, replays it through
/// the Authorizer, generalises it to a principal class (`PrincipalClassifier`: everyone, one
/// account, one service, one identity provider) and the action classes that class reaches
/// (`ActionClassExplorer`), then blocks them and asks again; `FindingBuilder` lists each class's
/// actions. Principal classes and action classes are finite (drawn from the policy's literals
/// and action patterns), so the loop ends; it ends when the solver proves nothing is left
/// (UNSAT), so the findings cover all external access.
final class FindingEnumerator {
    struct Outcome {
        var findings: [ExternalAccessFinding]
        var unknownReason: String?
        var truncated: Bool
    }

    let query: ExternalAccessQuery
    let options: AnalysisOptions
    /// The time the whole question has (`--timeout-ms`): the loops below check it, and the asker
    /// gives each solver call what is left.
    let budget: QuestionBudget
    /// Every question of the enumeration goes through it.
    let asker: SolverAsker
    var solverCalls: Int { asker.calls }
    var context: Z3Context { query.context }
    let literalAccounts: [String]
    let literalServices: [String]
    let literalProviders: [String]
    /// The policy's action patterns and the classes of actions they tell apart.
    let actions: ActionMembership
    /// Concrete witnesses to try, pinned, before a free search (`WitnessCandidates`).
    let candidates: WitnessCandidates
    /// Whether the enumeration ended on `CoverageScreen`'s proof rather than the solver's UNSAT.
    private(set) var closedByScreen = false
    /// Findings so far as (principal class, action classes), for concrete requests.
    private var covered: [(PrincipalClass, [[Bool]])] = []
    /// `policies(for:)`'s narrowed policies, per caller, and the statements indexed by whom they name.
    private var callerPolicies: [CallerStatements.Caller: (scoped: PolicySet, written: PolicySet)] = [:]
    private lazy var callerStatements = (scoped: CallerStatements(query.scopedPolicies), written: CallerStatements(query.policies))
    /// The question's formulas on a concrete request (`admittedWithoutSolver`).
    private(set) lazy var admission = ConcreteAdmission(query: query)
    /// The catalog's actions of the resource's services with their action class: what the sweep
    /// widens a confirmed request to and what a finding lists, worked out once per question.
    private(set) lazy var catalogActions: [(action: String, vector: [Bool])] = query.resource.type.servicePrefixes
        .flatMap { options.catalog.actions(ofService: $0) }
        .map { ($0, actions.vector(of: $0)) }

    init(query: ExternalAccessQuery, options: AnalysisOptions, budget: QuestionBudget = .unbounded) throws {
        self.query = query
        self.options = options
        self.budget = budget
        // The resource policy and the RCPs: their literals and action patterns are what the
        // decision can depend on.
        let statements = (query.scopedPolicies.resourcePolicy?.statements ?? [])
            + (query.scopedPolicies.resourceControlPolicies ?? []).flatMap { $0.flatMap(\.statements) }
            + (query.scopedPolicies.accessPointPolicies ?? []).flatMap(\.statements)
        var (accounts, services, providers) = FindingEnumerator.literalNames(in: statements)
        // The symbolic "account no policy names" excludes the zone's accounts the question states
        // (`encodedZone`: the others are outside callers to it, `ZoneRefinement`); the concrete
        // candidates exclude the whole zone.
        literalAccounts = accounts.union(query.encodedZone.accounts).sorted()
        accounts.formUnion(query.zone.accounts)
        literalServices = services.sorted()
        literalProviders = providers.sorted()
        actions = ActionMembership(statements: statements)
        // Facts true of every request, asserted in every solver (`GlobCombinations`).
        var lemmas: [Z3Bool] = []
        if options.actionCombinations, let vectors = actions.realizableVectors, !actions.patterns.isEmpty {
            // True of every action string, so no model is lost; Z3 then rules out action classes
            // by propositional reasoning instead of regex intersections.
            let terms = try actions.patterns.map { try query.authorization.actionMatches($0) }
            let context = query.context
            lemmas.append(try context.or(vectors.map { vector in
                try context.and(zip(vector, terms).map { member, term in member ? term : try term.not() })
            }))
        }
        // With principal classes to visit (`PrincipalClassSweep`), candidates for every statement
        // (few per statement among many), so that each named class can start from one.
        let allowStatements = query.resource.policy?.statements.filter { $0.effect == .allow }.count ?? 0
        let named = accounts.filter { !query.zone.contains(account: $0) }.count + services.count + providers.count
        let sweeping = options.principalClasses && named >= PrincipalClassSweep.minimumNamedClasses
        let limit = !options.witnessCandidates ? 0 : sweeping ? max(48, 6 * allowStatements) : 48
        let perStatement = !sweeping ? WitnessCandidates.perStatement : allowStatements > 24 ? 2 : 4
        candidates = WitnessCandidates(resource: query.resource, zone: query.zone, policies: query.scopedPolicies,
                                       catalog: options.catalog, literalAccounts: accounts,
                                       limit: limit, perStatement: perStatement, ownStatementFilter: sweeping && allowStatements > 24,
                                       budget: budget,
                                       admits: { [applicability = query.applicability] action, resource in
                                           applicability?.admits(action: action, resource: resource) ?? true
                                       })
        asker = SolverAsker(authorization: query.authorization, options: options.asking, lemmas: lemmas,
                            repairAccount: candidates.freshAccount, subject: query.resource.arn)
        asker.budget = budget
        try budget.check(in: "building witness candidates")
    }

    /// Tries `candidates` one by one as pinned questions (at most `limit`): true when one is
    /// confirmed SAT, its model handed to `onModel`.
    func pinnedCheck(_ question: SolverQuestion, candidates: [Request], limit: Int = 2,
                     onModel: (Z3Model) throws -> Void) throws -> Bool {
        guard options.witnessCandidates else { return false }
        for candidate in candidates.prefix(limit) where try asker.ask(question.pinned(to: candidate), onModel: onModel).isSat {
            return true
        }
        return false
    }

    /// A free question (`SolverAsker`).
    func check(_ question: SolverQuestion, onModel: (Z3Model) throws -> Void = { _ in }) throws -> Z3CheckResult {
        try asker.ask(question, onModel: onModel)
    }

    /// Allowed by the resource's policies (the Authorizer), so worth a pinned check. The policies
    /// as encoded (`ActionScope`) decide every request of the resource's services as the policies
    /// as written do, with far fewer patterns to match; witnesses are still replayed against the
    /// policies as written (`witness(from:)`).
    func allowed(_ request: Request) -> Bool {
        query.admits(request) && Authorizer.evaluate(request, policies: policies(for: request).scoped).outcome == .allow
    }

    /// The Authorizer's decision on `request` against the policies as written (what witnesses are
    /// replayed against).
    func decision(_ request: Request) -> Decision {
        Authorizer.evaluate(request, policies: policies(for: request).written)
    }

    /// The policies as encoded and as written, without the Allow statements that cannot apply to
    /// `request`'s caller (`CallerStatements`: the same decisions for every request of that caller
    /// and context's statement of aws:PrincipalAccount, over the few statements of a policy
    /// granting hundreds of principals that can apply). Kept per caller: the sweep decides many
    /// requests of each.
    func policies(for request: Request) -> (scoped: PolicySet, written: PolicySet) {
        let caller = CallerStatements.Caller(request)
        if let kept = callerPolicies[caller] { return kept }
        let narrowed = (scoped: callerStatements.scoped.policies(for: caller), written: callerStatements.written.policies(for: caller))
        callerPolicies[caller] = narrowed
        return narrowed
    }

    /// `request` as a witness of `principalClass` without a solver question, when the Authorizer
    /// allows it and `ConcreteAdmission` finds it satisfies the question's formulas; nil leaves it
    /// to a pinned question. The request is first reduced to what the decoded model of its pin
    /// would hold (the context keys the policies read, the action in the policies' spelling), so
    /// that a finding reads the same whichever way its witness was confirmed.
    func admittedWithoutSolver(_ request: Request, in principalClass: PrincipalClass) -> (Request, Decision)? {
        guard options.concreteAdmission else { return nil }
        var witness = request
        witness.action = query.applicability?.policySpelling(of: request.action) ?? options.catalog.spelling(of: request.action)
        var context = RequestContext()
        for entry in request.context.entries where query.authorization.policiesRead(entry.key) {
            context.set(entry.key, values: entry.values, multivalued: entry.isMultivalued)
        }
        witness.context = context
        guard principalClass.contains(witness), admission.problems(witness).isEmpty else { return nil }
        let decision = decision(witness)
        guard decision.outcome == .allow else { return nil }
        return (witness, decision)
    }

    /// Whether an earlier finding covers the request's caller and action class.
    func isCovered(_ request: Request) -> Bool {
        let vector = actions.vector(of: request.action)
        return covered.contains { principalClass, classes in principalClass.contains(request) && classes.contains(vector) }
    }

    /// The earlier findings that can cover a caller of `principalClass`: everyone's and those of
    /// the same named class (named classes are disjoint, `PrincipalClasses`). `isCovered` over
    /// them alone answers the same for the class's requests, without reading every finding.
    func coverage(overlapping principalClass: PrincipalClass) -> [(PrincipalClass, [[Bool]])] {
        covered.filter { entry in
            entry.0.kind == .everyone || (entry.0.kind == principalClass.kind && entry.0.label == principalClass.label)
        }
    }

    /// A request the solver found, decoded and replayed; throws when the Authorizer disagrees, and
    /// `ZoneRefinementNeeded` when the model names a zone account the question does not state.
    func witness(from model: Z3Model) throws -> (Request, Decision) {
        let unencoded = try ZoneRefinement.unencodedAccounts(in: model, query: query)
        if !unencoded.isEmpty { throw ZoneRefinementNeeded(accounts: unencoded) }
        var request = try query.authorization.decode(model)
        request.action = query.applicability?.policySpelling(of: request.action) ?? options.catalog.spelling(of: request.action)
        let decision = Authorizer.evaluate(request, policies: query.policies)
        guard decision.outcome == .allow, RequestRealism.problems(request).isEmpty, query.admits(request) else {
            throw AnalysisError.witnessRejected(RequestFile.encode(request))
        }
        return (request, decision)
    }

    func enumerate() throws -> Outcome {
        let classifier = PrincipalClassifier(search: self)
        let explorer = ActionClassExplorer(search: self)
        var classFindings: [ClassFinding] = []
        var blocks: [Z3Bool] = []
        var unknownReason: String?
        var truncated = false
        // Many Allow statements of which only a few may admit an outsider: the free question is
        // asked statement by statement (`StatementCases`, exact).
        var statementCases = options.screen ? StatementCases(query: query) : nil
        // Many named outside principals: everyone and any account first, each explored to the
        // end, then each named class from the policy's candidates (`PrincipalClasses`,
        // `PrincipalClassSweep`); the loop below then finds what they did not and ends on the
        // same free UNSAT over every outside caller.
        let classes = try principalClasses()
        if let classes {
            do {
                try visit(classes, explorer: explorer, classFindings: &classFindings, blocks: &blocks)
            } catch let unknown as SolverUnknown {
                unknownReason = unknown.reason
            }
        }
        // After the sweep each named account's action classes are found: the closing question's
        // UNSAT is then often read off the policy text (`CoverageScreen`), without the solver.
        let screen = classes != nil && options.coverageScreen ? coverageScreen : nil
        search: while unknownReason == nil {
            if classFindings.count >= options.maximumFindings { truncated = true; break search }
            if budget.isExhausted { unknownReason = QuestionBoundReached(phase: "enumerating findings").description; break search }
            if let screen {
                let opening = screenOpening(screen)
                if SolverTrace.enabled {
                    SolverTrace.write("finding enumeration: \"next finding\" "
                                      + (opening.map { "not screened (\($0))" } ?? "screened UNSAT (CoverageScreen)") + " for \(query.resource.arn)")
                }
                if opening == nil {
                    closedByScreen = true
                    break search
                }
            }
            var found: (Request, Decision)?
            let question = SolverQuestion([query.base, query.external, try context.or(blocks).not()], purpose: "next finding")
            let open = candidates.requests.filter { !isCovered($0) }
            if try !pinnedCheck(question, candidates: open, onModel: { found = try witness(from: $0) }) {
                let result: Z3CheckResult
                if var cases = statementCases {
                    result = try cases.check(question, asker: asker) { found = try witness(from: $0) }
                    statementCases = cases
                } else {
                    result = try check(question) { found = try witness(from: $0) }
                }
                switch result {
                case .unsat: break search
                case .unknown(let reason): unknownReason = reason; break search
                case .sat: break
                }
            }
            guard let (request, decision) = found else { continue }
            let principalClass: PrincipalClass
            let representative: (Request, Decision)
            do {
                (principalClass, representative) = try classifier.classify(request, decision: decision)
            } catch let unknown as SolverUnknown {
                unknownReason = unknown.reason
                break search
            }
            let (classFinding, actionBlock, unknown) = try explorer.explore(principalClass, firstWitness: representative, blocks: blocks)
            covered.append((principalClass, classFinding.classes))
            FindingEnumerator.merge(classFinding, into: &classFindings)
            blocks.append(try context.and([principalClass.predicate, actionBlock]))
            if let unknown { unknownReason = unknown; break search }
        }
        let builder = FindingBuilder(query: query, catalog: options.catalog, actions: actions, catalogActions: catalogActions,
                                     decide: { [unowned self] in self.decision($0) })
        return Outcome(findings: FindingBuilder.withoutEveryonesActions(classFindings).map(builder.finding),
                       unknownReason: unknownReason, truncated: truncated)
    }
}

extension FindingEnumerator {
    /// The accounts (in principals, and in condition values), services and identity providers
    /// `statements` name literally: the classes the enumeration tells apart (`SolverFreeFindings`
    /// counts them alike to know when the principal class sweep would run).
    static func literalNames(in statements: [Statement]) -> (accounts: Set<String>, services: Set<String>, providers: Set<String>) {
        var accounts = Set<String>(), services = Set<String>(), providers = Set<String>()
        for statement in statements {
            for entry in statement.principal?.entries ?? [] {
                switch entry.type {
                case .aws:
                    if AccountID.isValid(entry.value) { accounts.insert(entry.value) }
                    if let arn = ARN(parsing: entry.value), AccountID.isValid(arn.account) { accounts.insert(arn.account) }
                case .service: services.insert(entry.value)
                case .federated: providers.insert(entry.value)
                case .canonicalUser: break
                }
            }
            for condition in statement.conditions {
                for value in condition.values {
                    if AccountID.isValid(value.text) { accounts.insert(value.text) }
                    if let arn = ARN(parsing: value.text), AccountID.isValid(arn.account) { accounts.insert(arn.account) }
                }
            }
        }
        return (accounts, services, providers)
    }

    /// The principal classes to visit before the free questions, when the policies name at
    /// least `PrincipalClassSweep.minimumNamedClasses` outside accounts, services and providers
    /// (and candidates and principal classes are on).
    func principalClasses() throws -> PrincipalClasses? {
        guard options.principalClasses, options.witnessCandidates else { return nil }
        let named = literalAccounts.filter { !query.zone.contains(account: $0) }.count + literalServices.count + literalProviders.count
        guard named >= PrincipalClassSweep.minimumNamedClasses else { return nil }
        return try PrincipalClasses(query: query, literalAccounts: literalAccounts, literalServices: literalServices,
                                    literalProviders: literalProviders)
    }

    /// Everyone and any account, each asked once (a candidate moved to an anonymous caller or to
    /// an account no policy names, pinned, then a free question restricted to the class) and,
    /// when it has access, explored to the end (`ActionClassExplorer`, its last question UNSAT);
    /// then each named class swept (`PrincipalClassSweep`), up to `maximumFindings` class
    /// findings (the loop then reports the enumeration truncated). Throws `SolverUnknown` when
    /// the solver gives up or the bound is reached (the caller reports UNPROVEN).
    func visit(_ classes: PrincipalClasses, explorer: ActionClassExplorer,
               classFindings: inout [ClassFinding], blocks: inout [Z3Bool]) throws {
        let fresh = candidates.freshAccount
        let everyone: [(PrincipalClass, String, (Principal) -> Principal?)] = [
            (classes.everyone, "anonymous callers", { _ in .anonymous }),
            (classes.anyAccount, "an account no policy names", { WitnessCandidates.moved($0, to: fresh) }),
        ]
        for (principalClass, purpose, move) in everyone {
            if budget.isExhausted { throw SolverUnknown(reason: QuestionBoundReached(phase: "visiting principal classes").description) }
            let question = SolverQuestion([query.base, query.external, principalClass.explore, try context.or(blocks).not()],
                                          purpose: purpose)
            var moved: [Request] = []
            // The first candidates only: moving them is a guess the pin checks, and scanning
            // hundreds (each an Authorizer decision) cost more than the free question.
            for candidate in candidates.requests.prefix(16) where moved.count < 2 {
                guard let principal = move(candidate.principal) else { continue }
                var request = candidate
                request.principal = principal
                if !isCovered(request), allowed(request) { moved.append(request) }
            }
            var found: (Request, Decision)?
            if try !pinnedCheck(question, candidates: moved, onModel: { found = try witness(from: $0) }) {
                switch try check(question, onModel: { found = try witness(from: $0) }) {
                case .unsat: continue
                case .unknown(let reason): throw SolverUnknown(reason: reason)
                case .sat: break
                }
            }
            guard let found else { continue }
            let (classFinding, actionBlock, unknown) = try explorer.explore(principalClass, firstWitness: found, blocks: blocks)
            covered.append((principalClass, classFinding.classes))
            classFindings.append(classFinding)
            blocks.append(try context.and([principalClass.predicate, actionBlock]))
            if let unknown { throw SolverUnknown(reason: unknown) }
        }
        let sweep = PrincipalClassSweep(search: self, explorer: explorer)
        for principalClass in classes.named {
            // At the cap the loop that follows reports the enumeration truncated (incomplete).
            if classFindings.count >= options.maximumFindings { return }
            if budget.isExhausted { throw SolverUnknown(reason: QuestionBoundReached(phase: "visiting principal classes").description) }
            guard let (classFinding, block) = try sweep.sweep(principalClass, blocks: blocks) else { continue }
            covered.append((principalClass, classFinding.classes))
            classFindings.append(classFinding)
            blocks.append(block)
        }
    }

    /// `CoverageScreen` over the question's resource policy as encoded, where the question closes
    /// the actions (`ActionApplicability`) and is not about an access point's route.
    var coverageScreen: CoverageScreen? {
        guard let applicability = query.applicability, query.resource.accessPoint == nil,
              query.scopedPolicies.accessPointPolicies?.isEmpty ?? true else { return nil }
        return CoverageScreen(resource: query.resource, zone: query.zone, statements: query.scopedPolicies.resourcePolicy?.statements ?? [],
                              applicability: applicability, membership: actions, vector: actions.vector(of:))
    }

    /// What keeps `screen` from proving the "next finding" question UNSAT with the blocks of
    /// `covered` (nil: it proves it): a
    /// named account's, service's or provider's classes block its callers (`PrincipalClasses`);
    /// everyone's and any account's block every account's callers (their predicates, `external`
    /// and `accountKinds`, hold for them). "Any other service" and "any other provider" (label
    /// `*`) block no caller a statement names.
    private func screenOpening(_ screen: CoverageScreen) -> String? {
        var byCaller: [CoverageScreen.NamedCaller: Set<[Bool]>] = [:], everyAccount = Set<[Bool]>()
        for (principalClass, classes) in covered {
            switch principalClass.kind {
            case .everyone: everyAccount.formUnion(classes)
            case .account, .service, .federated:
                guard principalClass.label != "*" else { continue }
                byCaller[CoverageScreen.NamedCaller(kind: principalClass.kind, name: principalClass.label), default: []].formUnion(classes)
            case .canonicalUser: break
            }
        }
        return screen.opening(covered: byCaller, everyAccount: everyAccount)
    }

    /// Adds a class finding, merged into an earlier one of the same named class (a swept class
    /// whose further action classes a free question found); `*` findings stay apart, as before.
    static func merge(_ finding: ClassFinding, into findings: inout [ClassFinding]) {
        let principalClass = finding.principalClass
        if principalClass.kind != .everyone,
           let index = findings.firstIndex(where: { $0.principalClass.kind == principalClass.kind && $0.principalClass.label == principalClass.label }) {
            findings[index].classes += finding.classes
            findings[index].witnesses += finding.witnesses
        } else {
            findings.append(finding)
        }
    }
}

/// The solver gave up while classifying a witness.
struct SolverUnknown: Error { let reason: String }

extension AnalysisOptions {
    /// How the analysis's questions are put to the solver.
    var asking: SolverAskingOptions {
        SolverAskingOptions(timeoutMilliseconds: timeoutMilliseconds, relaxedAlphabets: relaxedAlphabets,
                            freshSearches: freshSearches, firstTryBudget: firstTryBudget, firstSolver: firstSolver,
                            recorder: recorder)
    }
}
