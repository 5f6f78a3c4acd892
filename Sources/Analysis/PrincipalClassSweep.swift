import Authorizer
import Encoding
import Policy
import Z3

/// The finding enumeration's first pass over the named principal classes (`PrincipalClasses`):
/// for each outside account, service or provider the policies name, its access found from the
/// policy's own candidate witnesses, without a free search (issue 17 item 3: a policy granting
/// many distinct outside principals took one free search per principal, and two classifying
/// questions and a closing proof per finding).
///
/// Per class: a candidate of the class is confirmed by a pinned solver question (the same
/// "next finding" question, restricted to the class, with the request fixed), then the same
/// caller's other action classes are taken on the Authorizer's word where the action shortcut
/// holds (`ActionClassExplorer`: a request that differs from a confirmed witness only in its
/// action), and a few more shapes (the scope's other resource, the class's other candidates)
/// are pinned. What the pass does not find is left to the enumeration's free questions, which
/// follow it with every block asserted and end, as before, on an UNSAT over all outside callers;
/// a later witness of a swept class is merged into its finding.
///
/// Why the labels stay those of `PrincipalClassifier`: the pass runs after everyone and any
/// account have been explored to the end (their action classes blocked for every outside caller
/// and every account's caller), so an action class a named class reaches beyond the blocks is
/// one no anonymous caller and no account the policies do not name reaches — exactly when the
/// classifier keeps the named class.
struct PrincipalClassSweep {
    let search: FindingEnumerator
    let explorer: ActionClassExplorer
    /// Pinned questions per class at most.
    var pinLimit = 6

    /// Use the pass when the policies name at least this many outside accounts, services and
    /// providers: below it the enumeration runs as before (one free search per finding).
    static let minimumNamedClasses = 3

    private var query: ExternalAccessQuery { search.query }
    private var actions: ActionMembership { search.actions }
    /// The catalog's actions of the resource's services with their action class.
    private var catalogActions: [(action: String, vector: [Bool])] { search.catalogActions }

    /// The finding of `principalClass` from concrete requests and its block; nil when no
    /// candidate of the class is confirmed (the free questions will look).
    func sweep(_ principalClass: PrincipalClass, blocks: [Z3Bool]) throws -> (ClassFinding, Z3Bool)? {
        let context = search.context
        let own = search.candidates.requests.filter { principalClass.contains($0) && !search.isCovered($0) }
        guard !own.isEmpty else { return nil }
        // Built for the first pin only: most classes need none.
        var question: SolverQuestion?
        let shortcutHolds = explorer.actionReadOnlyByPatterns
        var pins = 0
        // Callers a pin refused (a candidate's guess the encoding does not share, such as a
        // root user with principal tags): not pinned again.
        var refused: [Principal] = []
        var witnesses: [(Request, Decision)] = []
        var classes: [[Bool]] = []
        let coverage = search.coverage(overlapping: principalClass)
        func isNew(_ request: Request, vector: [Bool]? = nil) -> Bool {
            let vector = vector ?? actions.vector(of: request.action)
            return !classes.contains(vector) && !coverage.contains { $0.0.contains(request) && $0.1.contains(vector) }
        }
        // A pinned check of `request`; true when the solver confirms it (its witness recorded).
        func pin(_ request: Request) throws -> Bool {
            guard pins < pinLimit, !refused.contains(request.principal), isNew(request), search.allowed(request) else { return false }
            pins += 1
            // Satisfies the question's formulas for certain (`ConcreteAdmission`): the Authorizer's
            // allow is the witness, as the pin's model would be.
            if let admitted = search.admittedWithoutSolver(request, in: principalClass) {
                guard isNew(admitted.0) else { return false }
                witnesses.append(admitted)
                classes.append(actions.vector(of: admitted.0.action))
                return true
            }
            let asked = try question ?? SolverQuestion([query.base, query.external, principalClass.predicate, try context.or(blocks).not()],
                                                       purpose: "principal class \(principalClass.label)")
            question = asked
            var found: (Request, Decision)?
            guard try search.pinnedCheck(asked, candidates: [request], limit: 1, onModel: { found = try search.witness(from: $0) }) else {
                refused.append(request.principal)
                return false
            }
            guard let found, principalClass.contains(found.0), isNew(found.0) else { return false }
            witnesses.append(found)
            classes.append(actions.vector(of: found.0.action))
            return true
        }
        // Callers and contexts widened from so far.
        var shapes: [(Principal, RequestContext)] = []
        // A candidate whose action class is already found but whose caller or context is new
        // (another statement naming another role of the account, under its own conditions): taken
        // as a shape to widen from when it satisfies the question's formulas for certain
        // (`ConcreteAdmission`) and the Authorizer allows it — it may reach action classes the
        // first shape does not. Without that certainty it is left to the free questions.
        func known(_ request: Request) -> Request? {
            guard shortcutHolds, pins < pinLimit, !isNew(request),
                  let (admitted, _) = search.admittedWithoutSolver(request, in: principalClass),
                  !shapes.contains(where: { $0.0 == admitted.principal && $0.1 == admitted.context }) else { return nil }
            pins += 1
            return admitted
        }
        // The same confirmed caller, resource and context with each other action class of the
        // resource's services that the Authorizer allows (the action shortcut's conditions): one
        // decision per action class, on the first of its actions that applies to the resource
        // (a class fixes every `Action` match, `FindingBuilder`).
        func widen(_ confirmed: Request) {
            guard shortcutHolds else { return }
            shapes.append((confirmed.principal, confirmed.context))
            var tried = Set<[Bool]>()
            for (action, vector) in catalogActions where !tried.contains(vector) {
                var request = confirmed
                request.action = action
                guard isNew(request, vector: vector), explorer.inScope(action), query.admits(request) else { continue }
                tried.insert(vector)
                let decision = search.decision(request)
                guard decision.outcome == .allow else { continue }
                witnesses.append((request, decision))
                classes.append(vector)
            }
        }
        // Each confirmed shape widened by the shortcut, then tried on the scope's other
        // resources (an object action needs an object, a bucket action the bucket): the class's
        // candidates in policy order, as long as pins are left.
        func confirm(_ request: Request) throws {
            let confirmed: Request
            if try pin(request), let last = witnesses.last?.0 {
                confirmed = last
            } else if let shape = known(request) {
                confirmed = shape
            } else {
                return
            }
            widen(confirmed)
            for resource in query.scopeResources(like: confirmed) where resource != confirmed.resource {
                var moved = confirmed
                moved.resource = resource
                var tried = Set<[Bool]>()
                for (action, vector) in catalogActions where !tried.contains(vector) {
                    moved.action = action
                    guard isNew(moved, vector: vector), query.admits(moved) else { continue }
                    tried.insert(vector)
                    if search.allowed(moved) {
                        if try pin(moved), let there = witnesses.last?.0 { widen(there) }
                        break
                    }
                }
            }
        }
        for candidate in own where pins < pinLimit { try confirm(candidate) }
        guard !witnesses.isEmpty else { return nil }
        let terms = try classes.indices.map { try actions.term(sameClassAs: witnesses[$0].0.action, in: query.authorization) }
        let block = try context.and([principalClass.predicate, context.or(terms)])
        return (ClassFinding(principalClass: principalClass, classes: classes, witnesses: witnesses), block)
    }
}
