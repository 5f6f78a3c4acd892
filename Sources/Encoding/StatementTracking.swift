import Policy
import Z3

/// Tracking literals for the statements of some layers of a `PolicySet` (usually one), so that a closed question
/// can name what closes it (issue 18, "no path" explained): compiled with a tracking,
/// `EvaluationCompiler` gives each Deny statement of those layers a literal that must hold for the
/// statement to apply, and each condition (one `operator: {key: …}` entry) of their Allow
/// statements a literal that must hold for the condition to be enforced; with a literal false the
/// Deny is dropped, the condition relaxed to true. With every literal assumed true the formula is
/// exactly the untracked one, so an unsat core over the literals (`Z3Solver.check(assumptions:)`)
/// names statements and conditions the proof needs — from the same encoding the answer used.
///
/// ```swift
/// let tracking = StatementTracking(layer: .resourcePolicy, context: context)
/// let authorization = try EvaluationCompiler.compile(policies, resourceAccount: "111122223333",
///                                                    tracking: tracking, in: context)
/// // … assert the question, then check(assumptions: tracking.tracked.map(\.literal))
/// ```
public final class StatementTracking {
    /// The layers of a `PolicySet` whose statements can be tracked.
    public enum Layer: String, Sendable, Hashable, CaseIterable {
        case resourcePolicy, identityPolicies, permissionsBoundary, serviceControlPolicies, resourceControlPolicies
    }

    /// One tracked element: a Deny statement (`condition` nil), or one condition of an Allow statement.
    public struct Tracked {
        public let literal: Z3Bool
        /// The literal's name (`Z3Solver`'s core names an assumption by it).
        public let name: String
        public let policy: Policy
        public let statement: Statement
        public let condition: Condition?
    }

    /// The layers whose statements are tracked.
    public let layers: Set<Layer>
    let context: Z3Context
    public private(set) var tracked: [Tracked] = []

    public init(layers: Set<Layer>, context: Z3Context) {
        self.layers = layers
        self.context = context
    }

    public convenience init(layer: Layer, context: Z3Context) {
        self.init(layers: [layer], context: context)
    }

    /// A new literal for `statement` of `policy` (or one of its conditions).
    func literal(policy: Policy, statement: Statement, condition: Condition?) throws -> Z3Bool {
        let name = "rampart_track_\(tracked.count)"
        let literal = try context.boolVariable(name)
        tracked.append(Tracked(literal: literal, name: name, policy: policy, statement: statement, condition: condition))
        return literal
    }
}
