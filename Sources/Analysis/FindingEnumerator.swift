import Authorizer
import Encoding
import Foundation
import Policy
import Z3

/// Enumerates the distinct external accesses to one resource. Each round asks the solver for
/// an allowed request from outside the zone that no earlier finding covers, replays it through
/// the Authorizer, generalises it to a principal class (everyone, one account, one service,
/// one identity provider) and the action classes that class reaches, then blocks them and asks
/// again. Principal classes and action classes are finite (drawn from the policy's literals and
/// action patterns), so the loop ends; it ends when the solver proves nothing is left (UNSAT),
/// so the findings cover all external access.
final class FindingEnumerator {
    struct Outcome {
        var findings: [ExternalAccessFinding]
        var unknownReason: String?
        var truncated: Bool
    }

    /// A set of callers a finding names.
    struct PrincipalClass {
        var label: String
        var kind: PrincipalClassKind
        var predicate: Z3Bool
        /// The same class, on a concrete request (to skip candidates an earlier finding covers).
        var contains: (Request) -> Bool
        /// The callers whose actions the finding lists: for `*`, an anonymous caller or an account
        /// no policy names (what everyone gets), so that a grant to one named account is not
        /// listed under everyone; otherwise the class itself.
        var explore: Z3Bool
    }

    /// A finding before its actions are listed: the class, its action classes and a replayed
    /// witness of each (aligned).
    struct ClassFinding {
        var principalClass: PrincipalClass
        var classes: [[Bool]]
        var witnesses: [(Request, Decision)]
    }

    /// `RAMPART_TRACE_SOLVER=1` prints every solver call's answer and time on standard error.
    static let traceSolver = ProcessInfo.processInfo.environment["RAMPART_TRACE_SOLVER"] == "1"
    /// `RAMPART_DUMP_SMT=DIR` writes every solver call's formulas to `DIR/call-N-purpose.smt2`.
    static let smtDumpFolder = ProcessInfo.processInfo.environment["RAMPART_DUMP_SMT"]

    /// Caller kinds that belong to an account.
    static let accountKinds: Set<Principal.Kind> = [.accountRoot, .iamUser, .iamRole, .assumedRoleSession, .federatedUser]

    let query: ExternalAccessQuery
    let options: AnalysisOptions
    let solver: Z3Solver
    private(set) var solverCalls = 0
    /// When the enumerator was made (the trace prints each call's start relative to it).
    private let createdAt = ContinuousClock.now
    private var context: Z3Context { query.context }
    private let literalAccounts: [String]
    private let literalServices: [String]
    private let literalProviders: [String]
    /// Every action pattern of the policy (lowercased): actions matching the same patterns are
    /// indistinguishable to the policy.
    private let actionPatterns: [String]
    /// `actionPatterns` compiled once (membership is computed for every catalog action of a finding).
    private let actionGlobs: [GlobPattern]
    /// Concrete witnesses to try, pinned, before a free search (`WitnessCandidates`).
    private let candidates: WitnessCandidates
    /// Indices of the resource policy's statements that are public after its Deny statements
    /// (`PublicPolicyRule`), computed once for every finding.
    private let publicStatementIndices: Set<Int>
    /// Facts true of every request, asserted in every solver (`GlobCombinations`).
    private var lemmas: [Z3Bool] = []
    /// Set once a ground check took longer than a solver's pinned check usually does.
    private var groundChecksAreSlow = false
    /// Findings so far as (principal class, action classes), for concrete requests.
    private var covered: [(PrincipalClass, [[Bool]])] = []

    init(query: ExternalAccessQuery, options: AnalysisOptions) throws {
        self.query = query
        self.options = options
        solver = try Z3Solver(context: query.context, timeoutMilliseconds: options.timeoutMilliseconds)
        // The resource policy and the RCPs: their literals and action patterns are what the
        // decision can depend on.
        let statements = (query.scopedPolicies.resourcePolicy?.statements ?? [])
            + (query.scopedPolicies.resourceControlPolicies ?? []).flatMap { $0.flatMap(\.statements) }
        var accounts = Set(query.zone.accounts), services = Set<String>(), providers = Set<String>(), patterns = Set<String>()
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
            for pattern in statement.actions?.values ?? [] { patterns.insert(pattern.lowercased()) }
        }
        literalAccounts = accounts.sorted()
        literalServices = services.sorted()
        literalProviders = providers.sorted()
        actionPatterns = patterns.sorted()
        actionGlobs = actionPatterns.map { GlobPattern($0, caseInsensitive: true) }
        if options.actionCombinations, let vectors = GlobCombinations.realizable(actionGlobs), !actionPatterns.isEmpty {
            // True of every action string, so no model is lost; Z3 then rules out action classes
            // by propositional reasoning instead of regex intersections.
            let terms = try actionPatterns.map { try query.authorization.actionMatches($0) }
            let context = query.context
            lemmas.append(try context.or(vectors.map { vector in
                try context.and(zip(vector, terms).map { member, term in member ? term : try term.not() })
            }))
        }
        for lemma in lemmas { try solver.assert(lemma) }
        publicStatementIndices = Set(query.resource.policy.map(PublicPolicyRule.publicStatements)?.map(\.index) ?? [])
        candidates = WitnessCandidates(resource: query.resource, zone: query.zone, policies: query.scopedPolicies,
                                       catalog: options.catalog, literalAccounts: accounts,
                                       limit: options.witnessCandidates ? 48 : 0)
    }

    /// Tries `candidates` one by one as pinned checks of `assertions` (at most `limit`): true
    /// when one is confirmed SAT, its model handed to `onModel`. The principal fields a pin reads
    /// are forgotten afterwards, so the free searches keep their small well-formedness constraints.
    private func pinnedCheck(_ assertions: [Z3Bool], candidates: [Request], limit: Int = 2,
                             onModel: (Z3Model) throws -> Void) throws -> Bool {
        guard options.witnessCandidates else { return false }
        let principal = query.authorization.request.principal
        for candidate in candidates.prefix(limit) {
            if FindingEnumerator.traceSolver {
                FileHandle.standardError.write(Data("pinning \(RequestFile.encode(candidate))\n".utf8))
            }
            let confirmed = try principal.restoringUsedFields { () throws -> Bool in
                guard let pin = try? query.authorization.pin(candidate) else { return false }
                return try check(assertions + [pin], purpose: "pinned", pinned: true, onModel: onModel).isSat
            }
            if confirmed { return true }
        }
        return false
    }

    /// Allowed by the resource's policies (the Authorizer), so worth a pinned check. The policies
    /// as encoded (`ActionScope`) decide every request of the resource's services as the policies
    /// as written do, with far fewer patterns to match; witnesses are still replayed against the
    /// policies as written (`witness(from:)`).
    private func allowed(_ request: Request) -> Bool {
        query.admits(request) && Authorizer.evaluate(request, policies: query.scopedPolicies).outcome == .allow
    }

    private func isCovered(_ request: Request) -> Bool {
        let vector = membership(of: request.action)
        return covered.contains { principalClass, classes in principalClass.contains(request) && classes.contains(vector) }
    }

    /// One question to the solver under extra assertions; `onModel` reads a model before the
    /// scope is popped.
    ///
    /// A free question is first asked without the alphabet constraints of the principal's names
    /// and the action (`wellFormedness(alphabets: false)`), whose regular expressions make Z3
    /// several times slower: an UNSAT answer then holds with them too (fewer constraints only
    /// add models), and a model counts when `alphabetsHold` finds it meets them anyway.
    /// Otherwise (a model with, say, an empty role name, or no answer) a well-formed repair of
    /// the model is pinned and checked in full, and failing that the full question is asked.
    /// Pinned questions are asked the same way (their fields are fixed, so the alphabets hold
    /// unless the candidate itself breaks them).
    private func check(_ assertions: [Z3Bool], purpose: String, pinned: Bool = false,
                       onModel: (Z3Model) throws -> Void = { _ in }) throws -> Z3CheckResult {
        if pinned, let decided = try groundCheck(assertions, purpose: purpose, onModel: onModel) { return decided }
        if options.relaxedAlphabets {
            // A free question first goes to a cheap new solver (`options.firstSolver`: the general
            // solver's own preprocessing as a tactic pipeline, without its set-up) within a budget
            // of Z3's deterministic resource count: a small question is answered there in well
            // under a millisecond, where a general solver costs ~2-6 ms to set up; running out of
            // the budget is no answer, and a general solver is asked.
            let budget = options.firstTryBudget
            let solvers: [(Solver, UInt32?)] = pinned || !options.freshSearches ? [(.shared, nil)]
                : budget > 0 ? [(.fresh(options.firstSolver), budget), (.fresh(.general), nil)] : [(.fresh(.general), nil)]
            for (solver, budget) in solvers {
                let answer = try relaxedCheck(assertions, purpose: purpose, pinned: pinned, solver: solver,
                                              budget: budget, onModel: onModel)
                switch answer {
                case .answered(let result): return result
                // Out of time without the alphabets: with them the question is no easier, and
                // asking would only double the wait for the same UNPROVEN.
                case .timedOut(let result) where budget == nil: return result
                case .timedOut, .unsettled: continue
                }
            }
        }
        return try ask(assertions, purpose: purpose, solver: options.freshSearches && !pinned ? .fresh(.general) : .shared,
                       alphabets: true, onModel: onModel)
    }

    /// A pinned question decided by rewriting alone (`Z3GroundCheck`): the same formulas reduced
    /// to `true` or `false` once the pinned literals are substituted; nil when something is left
    /// undecided or the model breaks an alphabet (then a solver is asked). Without the alphabets
    /// UNSAT holds with them too.
    private func groundCheck(_ assertions: [Z3Bool], purpose: String, onModel: (Z3Model) throws -> Void) throws -> Z3CheckResult? {
        // Rewriting a long ARN through a pattern with several wildcards can cost more than a
        // solver's pinned check (measured 16 ms against 4 ms on one bucket policy): after one
        // slow ground check, this enumerator's pins go to the solver. Both answers are exact.
        guard !groundChecksAreSlow else { return nil }
        // The alphabets are checked on the model instead (`alphabetsHold`): rewriting a long
        // name through their regular expressions costs more than the rest.
        let formulas = lemmas + assertions + [try query.authorization.wellFormedness(alphabets: false)]
        let started = ContinuousClock.now
        let outcome = try Z3GroundCheck.decide(formulas, in: query.context)
        if ContinuousClock.now - started > .milliseconds(5) { groundChecksAreSlow = true }
        if FindingEnumerator.traceSolver {
            let answer: String
            switch outcome {
            case .sat: answer = "sat"
            case .unsat: answer = "unsat"
            case .undecided: answer = "undecided"
            }
            FileHandle.standardError.write(Data("ground check (\(purpose)) at +\(started - createdAt): \(answer) in \(ContinuousClock.now - started)\n".utf8))
        }
        switch outcome {
        case .sat(let model):
            guard try query.authorization.alphabetsHold(in: model) else { return nil }
            try onModel(model)
            return .sat(model)
        case .unsat: return .unsat(core: [])
        case .undecided: return nil
        }
    }

    /// What asking without the alphabets settled.
    private enum RelaxedAnswer {
        /// UNSAT, or a model that meets the alphabets (found or repaired and confirmed).
        case answered(Z3CheckResult)
        /// Out of time: asking again with the alphabets would not be easier.
        case timedOut(Z3CheckResult)
        /// Out of budget, or a model outside the alphabets that no repair confirmed.
        case unsettled
    }

    /// The question without the alphabets: its UNSAT, or a model that meets them anyway, or one
    /// repaired to meet them and confirmed pinned.
    private func relaxedCheck(_ assertions: [Z3Bool], purpose: String, pinned: Bool, solver: Solver, budget: UInt32?,
                              onModel: (Z3Model) throws -> Void) throws -> RelaxedAnswer {
        var accepted = false
        var repaired: Request?
        let relaxed = try ask(assertions, purpose: purpose, solver: solver, budget: budget, alphabets: false) { model in
            guard try query.authorization.alphabetsHold(in: model) else {
                if !pinned { repaired = try? query.authorization.decodeRepairing(model, fallbackAccount: candidates.freshAccount) }
                return
            }
            accepted = true
            try onModel(model)
        }
        if relaxed.isUnsat || (relaxed.isSat && accepted) { return .answered(relaxed) }
        if case .unknown(let reason) = relaxed, reason == "timeout" { return .timedOut(relaxed) }
        // A model with, say, an empty role name: the same request with well-formed names
        // usually is one too, which a pinned check of the full question confirms.
        guard let repaired else { return .unsettled }
        if FindingEnumerator.traceSolver {
            FileHandle.standardError.write(Data("  repaired: \(RequestFile.encode(repaired))\n".utf8))
        }
        let principal = query.authorization.request.principal
        let confirmed = try principal.restoringUsedFields { () throws -> Z3CheckResult? in
            guard let pin = try? query.authorization.pin(repaired) else { return nil }
            if let decided = try groundCheck(assertions + [pin], purpose: purpose + " repaired", onModel: onModel) { return decided }
            return try ask(assertions + [pin], purpose: purpose + " repaired", solver: .shared, alphabets: true, onModel: onModel)
        }
        if let confirmed, confirmed.isSat { return .answered(confirmed) }
        return .unsettled
    }

    /// One solver call. Pinned checks share the enumerator's solver (a ground question:
    /// milliseconds, and creating a solver costs more). A free search gets a new solver of its
    /// own when `options.freshSearches`: Z3 then preprocesses the formula as a whole with its
    /// tactics before searching, instead of the incremental core it switches to after a first
    /// `push` — measured several times faster on the enumeration's hard calls. `budget` limits
    /// Z3's resource count for this call.
    private func ask(_ assertions: [Z3Bool], purpose: String, solver choice: Solver, budget: UInt32? = nil,
                     alphabets: Bool, onModel: (Z3Model) throws -> Void) throws -> Z3CheckResult {
        let solver: Z3Solver
        var fresh = true
        switch choice {
        case .shared: solver = self.solver; fresh = false
        case .fresh(let kind): solver = try Z3Solver(context: query.context, timeoutMilliseconds: options.timeoutMilliseconds, kind: kind)
        }
        if fresh {
            for lemma in lemmas { try solver.assert(lemma) }
        } else {
            try solver.push()
        }
        defer { if !fresh { try? solver.pop() } }
        for assertion in assertions { try solver.assert(assertion) }
        // Built after the assertions, so it covers every principal field they read.
        try solver.assert(query.authorization.wellFormedness(alphabets: alphabets))
        solverCalls += 1
        let label = (alphabets ? purpose : purpose + " without alphabets") + ", \(choice)" + (budget.map { ", budget \($0)" } ?? "")
        if let folder = FindingEnumerator.smtDumpFolder {
            let text = solver.description + "\n(check-sat)\n"
            try? text.write(toFile: "\(folder)/call-\(solverCalls)-\(label.filter(\.isLetter)).smt2", atomically: true, encoding: .utf8)
        }
        if let budget { try solver.setResourceLimit(budget) }
        defer { if budget != nil && !fresh { try? solver.setResourceLimit(0) } }
        let started = ContinuousClock.now
        let result = try solver.check()
        if FindingEnumerator.traceSolver {
            let elapsed = ContinuousClock.now - started, offset = started - createdAt
            let answer = result.isSat ? "sat" : result.isUnsat ? "unsat" : "unknown"
            FileHandle.standardError.write(Data("solver call \(solverCalls) (\(label)) at +\(offset): \(answer) in \(elapsed) (\(query.resource.arn))\n".utf8))
        }
        if case .sat(let model) = result { try onModel(model) }
        return result
    }

    /// A request the solver found, decoded and replayed; throws when the Authorizer disagrees.
    private func witness(from model: Z3Model) throws -> (Request, Decision) {
        var request = try query.authorization.decode(model)
        request.action = query.applicability?.policySpelling(of: request.action) ?? options.catalog.spelling(of: request.action)
        let decision = Authorizer.evaluate(request, policies: query.policies)
        guard decision.outcome == .allow, RequestRealism.problems(request).isEmpty, query.admits(request) else {
            throw AnalysisError.witnessRejected(RequestFile.encode(request))
        }
        return (request, decision)
    }

    func enumerate() throws -> Outcome {
        var classFindings: [ClassFinding] = []
        var blocks: [Z3Bool] = []
        var unknownReason: String?
        var truncated = false
        search: while true {
            if classFindings.count >= options.maximumFindings { truncated = true; break search }
            var found: (Request, Decision)?
            let assertions = [query.base, query.external, try context.or(blocks).not()]
            let open = candidates.requests.filter { !isCovered($0) }
            if try !pinnedCheck(assertions, candidates: open, onModel: { found = try witness(from: $0) }) {
                let result = try check(assertions, purpose: "next finding") { found = try witness(from: $0) }
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
                (principalClass, representative) = try classify(request, decision: decision)
            } catch let unknown as SolverUnknown {
                unknownReason = unknown.reason
                break search
            }
            let (classFinding, actionBlock, unknown) = try describe(principalClass, firstWitness: representative, blocks: blocks)
            covered.append((principalClass, classFinding.classes))
            classFindings.append(classFinding)
            blocks.append(try context.and([principalClass.predicate, actionBlock]))
            if let unknown { unknownReason = unknown; break search }
        }
        return Outcome(findings: FindingEnumerator.withoutEveryonesActions(classFindings).map(makeFinding),
                       unknownReason: unknownReason, truncated: truncated)
    }

    /// Each caller's finding lists what it gets beyond what everyone gets: an action class that a
    /// `*` finding covering the caller also has is reported there, once (a finding found before the
    /// `*` one may hold such classes). A finding left with none is covered whole by `*`.
    static func withoutEveryonesActions(_ found: [ClassFinding]) -> [ClassFinding] {
        let everyone = found.filter { $0.principalClass.kind == .everyone }
        return found.compactMap { finding in
            guard finding.principalClass.kind != .everyone else { return finding }
            var kept = finding
            kept.classes = []
            kept.witnesses = []
            for (vector, witness) in zip(finding.classes, finding.witnesses) {
                let coveredByEveryone = everyone.contains { $0.principalClass.contains(witness.0) && $0.classes.contains(vector) }
                if !coveredByEveryone {
                    kept.classes.append(vector)
                    kept.witnesses.append(witness)
                }
            }
            return kept.classes.isEmpty ? nil : kept
        }
    }

    /// The class of callers a witness stands for. When anonymous callers get the same action
    /// class, the access is open to everyone and one finding covers every outside caller;
    /// otherwise an account no policy names stands for any account, and a named account,
    /// service or provider for itself.
    ///
    /// Returns the class and the witness its finding starts from: for `*`, a request of an
    /// anonymous caller or of an account no policy names with the same action class.
    private func classify(_ request: Request, decision: Decision) throws -> (PrincipalClass, (Request, Decision)) {
        let p = query.authorization.request.principal
        let principal = request.principal
        let zone = query.zone, type = query.resource.type
        let isAnonymous = try p.isKind(.anonymous)
        let everyone = PrincipalClass(label: "*", kind: .everyone, predicate: query.external,
                                      contains: { WitnessCandidates.isOutside($0, type: type, zone: zone) },
                                      explore: isAnonymous)
        if principal.kind == .anonymous { return (everyone, (request, decision)) }
        let actionTerm = try actionClass(of: request.action)
        let anonymousAssertions = [query.base, query.external, isAnonymous, actionTerm]
        var asAnonymous = request
        asAnonymous.principal = .anonymous
        var representative: (Request, Decision)?
        if try pinnedCheck(anonymousAssertions, candidates: [asAnonymous].filter(allowed),
                           onModel: { representative = try witness(from: $0) }), let representative {
            return (everyone, representative)
        }
        let anonymous = try check(anonymousAssertions, purpose: "anonymous too?") { representative = try witness(from: $0) }
        if case .unknown(let reason) = anonymous { throw SolverUnknown(reason: reason) }
        if anonymous.isSat, let representative { return (everyone, representative) }
        let own = (request, decision)
        switch principal.kind {
        case .anonymous:
            return (everyone, own)
        case .accountRoot, .iamUser, .iamRole, .assumedRoleSession, .federatedUser:
            let account = principal.account ?? ""
            // Does an account no policy names get the same access? Then it is open to any account.
            let fresh = try context.and([query.accountKinds] + literalAccounts.map { try p.account.notEquals(context.string($0)) })
            let anyAccountAssertions = [query.base, query.external, fresh, actionTerm]
            var moved = request
            let candidates = WitnessCandidates.moved(principal, to: self.candidates.freshAccount).map { principal -> [Request] in
                moved.principal = principal
                return [moved].filter(allowed)
            } ?? []
            let anyAccountClass = PrincipalClass(label: "*", kind: .everyone, predicate: query.accountKinds,
                                                 contains: { FindingEnumerator.accountKinds.contains($0.principal.kind) },
                                                 explore: fresh)
            if try pinnedCheck(anyAccountAssertions, candidates: candidates, onModel: { representative = try witness(from: $0) }),
               let representative {
                return (anyAccountClass, representative)
            }
            let anyAccount = try check(anyAccountAssertions, purpose: "any account?") { representative = try witness(from: $0) }
            if case .unknown(let reason) = anyAccount { throw SolverUnknown(reason: reason) }
            if anyAccount.isSat, let representative { return (anyAccountClass, representative) }
            let predicate = try context.and([query.accountKinds, p.account.equals(context.string(account))])
            return (PrincipalClass(label: account, kind: .account, predicate: predicate,
                                   contains: { FindingEnumerator.accountKinds.contains($0.principal.kind) && $0.principal.account == account },
                                   explore: predicate), own)
        case .awsService:
            let name = principal.serviceName ?? ""
            if literalServices.contains(name) {
                let predicate = try context.and([p.isKind(.awsService), p.serviceName.equals(context.string(name))])
                return (PrincipalClass(label: name, kind: .service, predicate: predicate,
                                       contains: { $0.principal.kind == .awsService && $0.principal.serviceName == name },
                                       explore: predicate), own)
            }
            let services = literalServices
            let predicate = try context.and([p.isKind(.awsService)] + literalServices.map { try p.serviceName.notEquals(context.string($0)) })
            return (PrincipalClass(label: "*", kind: .service, predicate: predicate,
                                   contains: { $0.principal.kind == .awsService && !services.contains($0.principal.serviceName ?? "") },
                                   explore: predicate), own)
        case .webIdentity, .samlFederated:
            let provider = principal.provider ?? ""
            let kinds = try p.isOneOf([.webIdentity, .samlFederated])
            let federated: (Principal) -> Bool = { [.webIdentity, .samlFederated].contains($0.kind) }
            if literalProviders.contains(provider) {
                let predicate = try context.and([kinds, p.provider.equals(context.string(provider))])
                return (PrincipalClass(label: provider, kind: .federated, predicate: predicate,
                                       contains: { federated($0.principal) && $0.principal.provider == provider },
                                       explore: predicate), own)
            }
            let providers = literalProviders
            let predicate = try context.and([kinds] + literalProviders.map { try p.provider.notEquals(context.string($0)) })
            return (PrincipalClass(label: "*", kind: .federated, predicate: predicate,
                                   contains: { federated($0.principal) && !providers.contains($0.principal.provider ?? "") },
                                   explore: predicate), own)
        }
    }

    /// The membership of `action` in each action pattern of the policy, as a formula over the request's action.
    private func actionClass(of action: String) throws -> Z3Bool {
        let lowered = action.lowercased()
        return try context.and(zip(actionPatterns, actionGlobs).map { pattern, glob in
            let matches = glob.matches(lowered, subjectIsLowercased: true)
            let term = try query.authorization.actionMatches(pattern)
            return matches ? term : try term.not()
        })
    }

    private func membership(of action: String) -> [Bool] {
        let lowered = action.lowercased()
        return actionGlobs.map { $0.matches(lowered, subjectIsLowercased: true) }
    }

    /// Every action class the principal class reaches, with witnesses; the finding; the block.
    ///
    /// Action classes are those `principalClass.explore` reaches and no earlier finding
    /// (`blocks`) covers.
    private func describe(_ principalClass: PrincipalClass, firstWitness found: (Request, Decision), blocks: [Z3Bool]) throws
        -> (ClassFinding, Z3Bool, String?) {
        // The first witness's caller is in the class, so its action class is one the class
        // reaches: recorded at once, not searched for again.
        let firstWitness = found.0
        var classes: [[Bool]] = [membership(of: firstWitness.action)]
        var classTerms: [Z3Bool] = [try actionClass(of: firstWitness.action)]
        var witnesses: [(Request, Decision)] = [found]
        var unknown: String?
        // Other actions for the first witness's caller: one candidate per action class not yet seen.
        var untried: [(request: Request, vector: [Bool])] = []
        if options.witnessCandidates {
            // The policy's own candidates in this class first (their resources and contexts fit
            // their statements), then the first witness's caller with theirs.
            var requests = candidates.requests.filter { principalClass.contains($0) }
            for candidate in candidates.requests {
                var request = candidate
                request.principal = firstWitness.principal
                requests.append(request)
            }
            // Then one action of each class the catalog has for the resource's services, on the
            // first witness's resource and context and on each candidate's (an object action
            // needs an object, a bucket action the bucket).
            var shapes: [Request] = [firstWitness]
            for candidate in candidates.requests where !shapes.contains(where: { $0.resource == candidate.resource && $0.context == candidate.context }) {
                var shape = candidate
                shape.principal = firstWitness.principal
                shapes.append(shape)
            }
            // And the first witness on a resource of each part of the scope (the bucket and an
            // object): actions apply to one resource type each (`ActionApplicability`).
            for resource in scopeResources(like: firstWitness) where !shapes.contains(where: { $0.resource == resource && $0.context == firstWitness.context }) {
                var shape = firstWitness
                shape.resource = resource
                shapes.append(shape)
            }
            var vectors = Set<[Bool]>()
            for prefix in query.resource.type.servicePrefixes {
                for action in options.catalog.actions(ofService: prefix) where vectors.insert(membership(of: action)).inserted {
                    for shape in shapes {
                        var request = shape
                        request.action = action
                        requests.append(request)
                    }
                }
            }
            untried = requests.map { ($0, membership(of: $0.action)) }
        }
        while true {
            var found: (Request, Decision)?
            let assertions = [query.base, query.external, principalClass.explore, try context.or(blocks).not(),
                              try context.or(classTerms).not()]
            // The first untried request of a new class that the Authorizer allows; the others of
            // its class are dropped (one pinned check per class), and so are those not allowed.
            var next: Request?
            var index = 0
            while index < untried.count {
                let (request, vector) = untried[index]
                index += 1
                if classes.contains(vector) || !allowed(request) { continue }
                next = request
                break
            }
            untried.removeFirst(index)
            if let next {
                let tried = membership(of: next.action)
                untried.removeAll { $0.vector == tried }
            }
            // A request that differs from a witness the solver confirmed only in its action is a
            // model too when the Authorizer allows it and the action applies to its resource:
            // nothing in the question but the policies' `Action` patterns, the service scope and
            // the actions' resource types (`ActionApplicability`, checked here by its concrete
            // side) reads the action, and the two semantics agree on the policies (differential
            // tests). No pin needed.
            if let next, witnesses.contains(where: { FindingEnumerator.sameShape($0.0, next) }), query.admits(next) {
                let decision = Authorizer.evaluate(next, policies: query.policies)
                if decision.outcome == .allow {
                    witnesses.append((next, decision))
                    classes.append(membership(of: next.action))
                    classTerms.append(try actionClass(of: next.action))
                    continue
                }
            }
            if try pinnedCheck(assertions, candidates: next.map { [$0] } ?? [], onModel: { found = try witness(from: $0) }),
               let found {
                witnesses.append(found)
                classes.append(membership(of: found.0.action))
                classTerms.append(try actionClass(of: found.0.action))
                continue
            }
            let result = try check(assertions, purpose: "next action class") {
                found = try witness(from: $0)
            }
            if case .unknown(let reason) = result { unknown = reason; break }
            guard result.isSat, let found else { break }
            witnesses.append(found)
            classes.append(membership(of: found.0.action))
            classTerms.append(try actionClass(of: found.0.action))
        }
        return (ClassFinding(principalClass: principalClass, classes: classes, witnesses: witnesses), try context.or(classTerms), unknown)
    }

    /// The same caller, resource and context: two requests that can differ only in their action.
    static func sameShape(_ a: Request, _ b: Request) -> Bool {
        a.principal == b.principal && a.resource == b.resource && a.resourceAccount == b.resourceAccount && a.context == b.context
    }

    /// The finding of a class: every catalog action of its action classes, each replayed through
    /// the Authorizer as its class's witness with that action (an action the catalog does not
    /// have, such as a solver's string, is listed only when no catalog action is).
    private func makeFinding(_ found: ClassFinding) -> ExternalAccessFinding {
        let principalClass = found.principalClass, classes = found.classes, witnesses = found.witnesses
        var actions = Set<String>()
        // A replayed catalog request per action class: the finding's witness is the first
        // class's, a real action on a resource it applies to.
        var replays: [Int: (Request, Decision)] = [:]
        // Actions of one class on one resource get one decision: the request differs only in its
        // action, which nothing but the `Action` patterns reads, and the class fixes their
        // matches (the two semantics agree on this, differential tests). So each (class,
        // resource) is evaluated once and its decision stands for the class's other actions.
        var decided: [String: Decision?] = [:]
        for prefix in query.resource.type.servicePrefixes {
            for action in options.catalog.actions(ofService: prefix) {
                guard let index = classes.firstIndex(of: membership(of: action)),
                      let replayed = replay(action, like: witnesses[index].0, class: index, decided: &decided) else { continue }
                actions.insert(action)
                if replays[index] == nil { replays[index] = replayed }
            }
        }
        if actions.isEmpty { actions = Set(witnesses.map(\.0.action)) }
        let realWitness = replays[0] ?? replays.min(by: { $0.key < $1.key })?.value
        let statements = query.resource.policy?.statements ?? []
        var references = Set<StatementReference>()
        var grantingStatements: [Statement] = []
        for (_, decision) in witnesses {
            for matched in decision.matchedStatements where matched.effect == .allow && matched.role == .resource {
                references.insert(StatementReference(policy: matched.policy, index: matched.statementIndex, sid: matched.sid))
                if let statement = statements.first(where: { $0.index == matched.statementIndex }),
                   !grantingStatements.contains(statement) {
                    grantingStatements.append(statement)
                }
            }
        }
        let conditions = Array(Set(grantingStatements.flatMap { $0.conditions.map(ConditionText.describe) })).sorted()
        // Public as S3 means it, on the whole policy after its Deny statements (`PublicPolicyRule`):
        // everyone, or a web-identity provider's users, through a statement no Deny confines.
        let isPublic = [.everyone, .federated].contains(principalClass.kind)
            && grantingStatements.contains { publicStatementIndices.contains($0.index) }
        return ExternalAccessFinding(principal: principalClass.label, principalKind: principalClass.kind,
                                     actions: actions.sorted(), conditions: conditions, isPublic: isPublic,
                                     witness: (realWitness ?? witnesses[0]).0, statements: references.sorted(), source: .policy)
    }

    /// A readable resource of each part of the question's scope: the resource itself, an object
    /// `example.txt` (a question about any resource of the type, `*`, still names one).
    private func scopeResources(like witness: Request) -> [String] {
        let arn = query.resource.arn == "*"
            ? ResourceARNForm.placeholder(for: query.resource.type, account: query.resource.account ?? witness.resourceAccount ?? "")
            : query.resource.arn
        return query.resource.type.requestResources(for: arn).map { $0.anySuffix ? $0.prefix + "example.txt" : $0.prefix }
    }

    /// `witness` with `action`, on a resource of the question's scope that the action applies to
    /// (the resource itself or a readable object `example.txt` first, then the witness's own),
    /// allowed by the Authorizer; nil when none is.
    private func replay(_ action: String, like witness: Request, class index: Int,
                        decided: inout [String: Decision?]) -> (Request, Decision)? {
        var resources = scopeResources(like: witness)
        if !witness.resource.isEmpty, !resources.contains(witness.resource) { resources.append(witness.resource) }
        for resource in resources where query.applicability?.admits(action: action, resource: resource)
            ?? (options.catalog.applies(action, to: resource) != false) {
            var request = witness
            request.action = action
            request.resource = resource
            let key = "\(index) \(resource)"
            let allowed: Decision?
            if let known = decided[key] {
                allowed = known
            } else {
                let decision = Authorizer.evaluate(request, policies: query.policies)
                allowed = decision.outcome == .allow ? decision : nil
                decided[key] = allowed
            }
            if let allowed { return (request, allowed) }
        }
        return nil
    }
}

/// Where a question is asked: the enumerator's own solver (in a scope), or a new one.
private enum Solver: CustomStringConvertible {
    case shared
    case fresh(Z3Solver.Kind)

    var description: String {
        switch self {
        case .shared: return "shared"
        case .fresh(.general): return "fresh"
        case .fresh(.simple): return "fresh simple"
        case .fresh(.preprocessed): return "fresh preprocessed"
        }
    }
}

/// The solver gave up while classifying a witness.
struct SolverUnknown: Error { let reason: String }

/// Conditions as people read them: `StringEquals aws:PrincipalOrgID: o-a1b2c3d4e5`.
enum ConditionText {
    static func describe(_ condition: Condition) -> String {
        "\(condition.conditionOperator) \(condition.key.value): \(condition.values.map(\.text).joined(separator: ", "))"
    }
}
