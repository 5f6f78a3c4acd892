import Authorizer
import Encoding
import Policy
import Z3

/// Within one layer that closes an access-path hop (`PrincipalReach.blockingLayers`), the
/// statements and conditions the proof of "closed" needs (issue 18, item 5): an unsat core over
/// tracking literals (`StatementTracking`) of the reach question itself — the same formulas the
/// answer was proved with — minimised by dropping one element at a time and asking again.
///
/// An element is a Deny statement of the layer (it applies to every request the rest allows), or
/// one condition of an Allow statement (enforced, it excludes every such request). An empty list
/// means the layer closes the hop with none of them: no Allow statement of it matches such a
/// request at all (its actions, resources or principals).
///
/// ```swift
/// let why = PrincipalReach.closingStatements(question, layer: .resourcePolicy)
/// // why.elements: [{policy: "chains-logs bucket policy", index: 1, sid: "NoDataRole", effect: "Deny"}]
/// ```
public struct ClosingStatements: Sendable {
    /// One statement, or one condition of a statement, of the layer.
    public struct Element: Sendable, Hashable {
        /// The policy's source (its file, or its name in the snapshot).
        public var policy: String
        /// The statement's position in the policy, from 1.
        public var index: Int
        public var sid: String?
        public var effect: String
        /// The condition: its operator and key (`StringEquals sts:ExternalId`); nil for a whole statement.
        public var condition: String?
    }

    /// The layer, named for people ("the caller's permissions boundary").
    public var layer: String
    /// The layer's policies (their sources, each once, in the layer's order).
    public var policies: [String]
    /// Nil: not determined (the solver did not decide the tracked question, or did not find it
    /// closed: `undetermined` says why); else the elements, possibly none.
    public var elements: [Element]?
    public var undetermined: String?
}

extension PrincipalReach {
    /// Past this many elements in Z3's first core, it is reported as Z3 gave it, not minimised
    /// (a core is a proof either way; minimal only names less).
    static let coreMinimisationLimit = 12

    /// What of `layer` closes `question` (a question proved closed — by `ask`, which this does
    /// not repeat when the layer has nothing to track): see `ClosingStatements`.
    public static func closingStatements(_ question: ReachQuestion, layer: StatementTracking.Layer,
                                         catalog: ActionCatalog? = .shipped, timeoutMilliseconds: UInt32 = 10_000) -> ClosingStatements {
        closingStatements(question, layers: [layer], title: layer.title, catalog: catalog, timeoutMilliseconds: timeoutMilliseconds)
    }

    /// What of `layers` together closes `question`: for a hop no single layer closes, every layer
    /// at once (a minimal core then names a set of statements that closes it, from any layers).
    public static func closingStatements(_ question: ReachQuestion, layers: [StatementTracking.Layer], title: String,
                                         catalog: ActionCatalog? = .shipped, timeoutMilliseconds: UInt32 = 10_000) -> ClosingStatements {
        var seen: Set<String> = []
        let layered = layers.flatMap { layerPolicies(question.policies, $0) }
        let policies = layered.map(\.source).filter { seen.insert($0).inserted }
        var result = ClosingStatements(layer: title, policies: policies, elements: nil, undetermined: nil)
        // Nothing in the layer to track (no policy, or neither a Deny statement nor a condition of
        // an Allow statement): the tracked question is the question itself, which was proved
        // closed, so its core is empty without asking again.
        let trackable = layered.flatMap(\.statements).contains {
            $0.effect == .deny || !$0.conditions.isEmpty
        }
        guard trackable else {
            result.elements = []
            return result
        }
        do {
            var tracking: StatementTracking?
            let budget = QuestionBudget(milliseconds: timeoutMilliseconds)
            guard let compiled = try compile(question, catalog: catalog, budget: budget, tracking: { context in
                let made = StatementTracking(layers: Set(layers), context: context)
                tracking = made
                return made
            }), let tracked = tracking?.tracked else {
                result.undetermined = "the question could not be compiled"
                return result
            }
            let solver = try Z3Solver(context: compiled.context, timeoutMilliseconds: timeoutMilliseconds)
            for part in compiled.parts { try solver.assert(part) }
            // After the question, so it covers every field the question reads (as `SolverAsker` does).
            try solver.assert(compiled.authorization.wellFormedness(alphabets: true))
            func core(of indices: [Int]) throws -> [Int]? {
                switch try solver.check(assumptions: indices.map { tracked[$0].literal }) {
                case .unsat(let names):
                    return indices.filter { names.contains(tracked[$0].name) }
                case .sat:
                    result.undetermined = "with its statements tracked the question is not closed"
                    return nil
                case .unknown(let why):
                    result.undetermined = "the solver could not decide (\(why))"
                    return nil
                }
            }
            guard var current = try core(of: Array(tracked.indices)) else { return result }
            if current.count <= coreMinimisationLimit {
                for candidate in current {
                    // Minimising shares the question's time: past it, the core found so far stands.
                    let left = budget.remainingMilliseconds(capped: timeoutMilliseconds)
                    guard left > 0 else { break }
                    solver.setTimeout(milliseconds: left)
                    let trial = current.filter { $0 != candidate }
                    switch try solver.check(assumptions: trial.map { tracked[$0].literal }) {
                    case .unsat(let names): current = trial.filter { names.contains(tracked[$0].name) }
                    case .sat, .unknown: continue
                    }
                }
            }
            result.elements = current.map { index in
                let element = tracked[index]
                return ClosingStatements.Element(policy: element.policy.source, index: element.statement.index + 1,
                                                 sid: element.statement.sid?.value, effect: element.statement.effect.rawValue,
                                                 condition: element.condition.map { "\($0.conditionOperator.description) \($0.key.value)" })
            }
        } catch {
            result.undetermined = "\(error)"
        }
        return result
    }

    /// The policies of `layer` in `policies`.
    static func layerPolicies(_ policies: PolicySet, _ layer: StatementTracking.Layer) -> [Policy] {
        switch layer {
        case .resourcePolicy: return policies.resourcePolicy.map { [$0] } ?? []
        case .identityPolicies: return policies.identityPolicies ?? []
        case .permissionsBoundary: return policies.permissionsBoundary.map { [$0] } ?? []
        case .serviceControlPolicies: return (policies.serviceControlPolicies ?? []).flatMap { $0 }
        case .resourceControlPolicies: return (policies.resourceControlPolicies ?? []).flatMap { $0 }
        }
    }
}

extension StatementTracking.Layer {
    /// The layer named for people.
    public var title: String {
        switch self {
        case .resourcePolicy: return "the resource's policy"
        case .identityPolicies: return "the caller's identity policies"
        case .permissionsBoundary: return "the caller's permissions boundary"
        case .serviceControlPolicies: return "the SCPs on the caller's account's path"
        case .resourceControlPolicies: return "the RCPs on the resource's account's path"
        }
    }
}
