import Authorizer
import Encoding
import Policy
import Z3

/// A finding before its actions are listed: the class, its action classes and a replayed
/// witness of each (aligned).
struct ClassFinding {
    var principalClass: PrincipalClass
    var classes: [[Bool]]
    var witnesses: [(Request, Decision)]
}

/// Finds every action class a principal class reaches, each with a replayed witness.
struct ActionClassExplorer {
    let search: FindingEnumerator
    private var query: ExternalAccessQuery { search.query }
    private var context: Z3Context { search.context }
    private var actions: ActionMembership { search.actions }

    /// The question's scope: any action of one of the resource's services.
    private var scope: [GlobPattern] {
        ExternalAccessQuery.scopePatterns(query.resource.type.servicePrefixes).map { GlobPattern($0, caseInsensitive: true) }
    }

    func inScope(_ action: String) -> Bool {
        let lowered = action.lowercased()
        return scope.contains { $0.matches(lowered, subjectIsLowercased: true) }
    }

    /// Whether nothing in the compiled question reads the action but glob patterns the
    /// Authorizer and the class vectors account for: the policies' `Action`/`NotAction` values
    /// (the Authorizer judges them), the service scope (checked on the request, `inScope`) and
    /// the policy's action patterns the enumeration blocks and lists classes by (the vectors).
    /// A condition on `kms:CallerAccount`, for one, makes the encoding test `kms:*` as well
    /// (the key exists only on KMS requests), and then the action shortcut is not taken. The
    /// question's action groups (`ActionApplicability`: which actions apply to which part of
    /// the scope) are checked on the request by their concrete side (`query.admits`).
    var actionReadOnlyByPatterns: Bool {
        let known = Set(ExternalAccessQuery.scopePatterns(query.resource.type.servicePrefixes).map { $0.lowercased() } + actions.patterns)
        let groups = Set(query.applicability?.groups.map(\.key) ?? [])
        return query.authorization.actionReads.allSatisfy { read in
            switch read {
            case .statementPattern: return true
            case .questionPattern(let pattern): return known.contains(pattern)
            case .group(let key): return groups.contains(key)
            case .string, .derivedKey: return false
            }
        }
    }

    /// Every action class the principal class reaches, with witnesses; the finding; the block.
    ///
    /// Action classes are those `principalClass.explore` reaches and no earlier finding
    /// (`blocks`) covers.
    func explore(_ principalClass: PrincipalClass, firstWitness found: (Request, Decision), blocks: [Z3Bool]) throws
        -> (ClassFinding, Z3Bool, String?) {
        // The first witness's caller is in the class, so its action class is one the class
        // reaches: recorded at once, not searched for again.
        let firstWitness = found.0
        var classes: [[Bool]] = [actions.vector(of: firstWitness.action)]
        var classTerms: [Z3Bool] = [try actions.term(sameClassAs: firstWitness.action, in: query.authorization)]
        var witnesses: [(Request, Decision)] = [found]
        var unknown: String?
        // Other actions for the first witness's caller: one candidate per action class not yet seen.
        var untried: [(request: Request, vector: [Bool])] = []
        if search.options.witnessCandidates {
            // The policy's own candidates in this class first (their resources and contexts fit
            // their statements), then the first witness's caller with theirs.
            var requests = search.candidates.requests.filter { principalClass.contains($0) }
            for candidate in search.candidates.requests {
                var request = candidate
                request.principal = firstWitness.principal
                requests.append(request)
            }
            // Then one action of each class the catalog has for the resource's services, on the
            // first witness's resource and context and on each candidate's (an object action
            // needs an object, a bucket action the bucket).
            var shapes: [Request] = [firstWitness]
            for candidate in search.candidates.requests where !shapes.contains(where: { $0.resource == candidate.resource && $0.context == candidate.context }) {
                var shape = candidate
                shape.principal = firstWitness.principal
                shapes.append(shape)
            }
            // And the first witness on a resource of each part of the scope (the bucket and an
            // object): actions apply to one resource type each (`ActionApplicability`).
            for resource in query.scopeResources(like: firstWitness)
            where !shapes.contains(where: { $0.resource == resource && $0.context == firstWitness.context }) {
                var shape = firstWitness
                shape.resource = resource
                shapes.append(shape)
            }
            var vectors = Set<[Bool]>()
            for prefix in query.resource.type.servicePrefixes {
                for action in search.options.catalog.actions(ofService: prefix) where vectors.insert(actions.vector(of: action)).inserted {
                    for shape in shapes {
                        var request = shape
                        request.action = action
                        requests.append(request)
                    }
                }
            }
            untried = requests.map { ($0, actions.vector(of: $0.action)) }
        }
        let shortcutHolds = actionReadOnlyByPatterns
        while true {
            if search.budget.isExhausted { unknown = QuestionBoundReached(phase: "exploring action classes").description; break }
            var found: (Request, Decision)?
            let question = SolverQuestion([query.base, query.external, principalClass.explore, try context.or(blocks).not(),
                                           try context.or(classTerms).not()], purpose: "next action class")
            // The first untried request of a new class that the Authorizer allows; the others of
            // its class are dropped (one pinned check per class), and so are those not allowed.
            var next: Request?
            var index = 0
            while index < untried.count {
                let (request, vector) = untried[index]
                index += 1
                if classes.contains(vector) || !search.allowed(request) { continue }
                next = request
                break
            }
            untried.removeFirst(index)
            if let next {
                let tried = actions.vector(of: next.action)
                untried.removeAll { $0.vector == tried }
            }
            // A request that differs from a witness the solver confirmed only in its action is a
            // model too when the Authorizer allows it, as long as nothing in the question but
            // action patterns reads the action (`actionReadOnlyByPatterns`) and the request is in
            // the question's scope: the two semantics agree on the policies (differential tests),
            // and its class is a new one. No pin needed.
            if let next, shortcutHolds, inScope(next.action), query.admits(next),
               witnesses.contains(where: { ActionClassExplorer.sameShape($0.0, next) }) {
                let decision = search.decision(next)
                if decision.outcome == .allow {
                    witnesses.append((next, decision))
                    classes.append(actions.vector(of: next.action))
                    classTerms.append(try actions.term(sameClassAs: next.action, in: query.authorization))
                    continue
                }
            }
            if try search.pinnedCheck(question, candidates: next.map { [$0] } ?? [], onModel: { found = try search.witness(from: $0) }),
               let found {
                witnesses.append(found)
                classes.append(actions.vector(of: found.0.action))
                classTerms.append(try actions.term(sameClassAs: found.0.action, in: query.authorization))
                continue
            }
            let result = try search.check(question) {
                found = try search.witness(from: $0)
            }
            if case .unknown(let reason) = result { unknown = reason; break }
            guard result.isSat, let found else { break }
            witnesses.append(found)
            classes.append(actions.vector(of: found.0.action))
            classTerms.append(try actions.term(sameClassAs: found.0.action, in: query.authorization))
        }
        return (ClassFinding(principalClass: principalClass, classes: classes, witnesses: witnesses), try context.or(classTerms), unknown)
    }

    /// The same caller, resource and context: two requests that can differ only in their action.
    static func sameShape(_ a: Request, _ b: Request) -> Bool {
        a.principal == b.principal && a.resource == b.resource && a.resourceAccount == b.resourceAccount && a.context == b.context
    }
}
