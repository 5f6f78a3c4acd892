import Authorizer
import Policy
import Z3

/// A statement compiled over a symbolic request: when it applies, and how its principal
/// element reached the caller.
public struct CompiledStatement {
    public let statement: Statement
    public let policy: Policy
    /// The statement applies (action, resource, principal, every condition).
    public let applies: Z3Bool
    /// `applies` split by grant class (for statements without a principal element, `principal`).
    public let grant: SymbolicGrant
    /// The parts of `applies`, for explanations: action and resource, the principal test, and each condition.
    public let targetTest: Z3Bool
    public let principalTest: Z3Bool
    public let conditionTests: [Z3Bool]
}

/// Compiles statements with the Authorizer's `StatementMatcher` rules: actions are
/// case-insensitive globs; resources case-sensitive globs with policy variables; an absent
/// `Resource` matches (the policy's own resource); an absent `Principal` means the principal
/// the policy is attached to; every condition must hold.
struct StatementCompiler {
    let request: SymbolicRequest
    let conditions: ConditionCompiler
    let principals: PrincipalCompiler
    /// Action regexes by lowercased pattern, shared by all statements.
    private var actionCache: [String: Z3Regex] = [:]
    /// The question's time bound, checked per action pattern (a statement can have a thousand).
    var budget: QuestionBudget = .unbounded

    init(request: SymbolicRequest) throws {
        self.request = request
        self.conditions = try ConditionCompiler(request: request)
        self.principals = PrincipalCompiler(principal: request.principal)
    }

    var context: Z3Context { request.context }

    /// - Parameter conditionGuards: empty, or one literal per condition of `statement`: a
    ///   condition is enforced only when its literal holds (`StatementTracking`).
    func compile(_ statement: Statement, of policy: Policy, boundaryAttached: Z3Bool,
                 conditionGuards: [Z3Bool] = []) throws -> CompiledStatement {
        let yes = try context.bool(true)
        guard let actions = statement.actions else {
            throw EncodingError.invalidPolicy(policy.source)
        }
        var parts: [Z3Bool] = [try matchesAction(actions)]
        if let resources = statement.resources {
            parts.append(try matchesResource(resources, substitute: policy.substitutesVariables))
        }
        var grant = SymbolicGrant(principal: yes, role: try context.bool(false), account: try context.bool(false))
        var principalTest = yes
        if let element = statement.principal {
            grant = try principals.compile(element, effect: statement.effect, boundaryAttached: boundaryAttached)
            principalTest = try context.or([grant.principal, grant.role, grant.account])
        }
        var conditionTests = try statement.conditions.map {
            try conditions.compile($0, substituteVariables: policy.substitutesVariables)
        }
        if conditionGuards.count == conditionTests.count {
            conditionTests = try zip(conditionGuards, conditionTests).map { guarded, test in try context.or([guarded.not(), test]) }
        }
        let rest = try context.and(parts + conditionTests)
        let applies = try context.and([rest, principalTest])
        let scoped = SymbolicGrant(principal: try context.and([rest, grant.principal]),
                                   role: try context.and([rest, grant.role]),
                                   account: try context.and([rest, grant.account]))
        return CompiledStatement(statement: statement, policy: policy, applies: applies, grant: scoped,
                                 targetTest: try context.and(parts), principalTest: principalTest, conditionTests: conditionTests)
    }

    private func matchesAction(_ element: PatternElement) throws -> Z3Bool {
        let any = try context.or(element.patterns.map { pattern in
            try budget.check(in: "compiling the policies")
            let lowered = pattern.value.lowercased()
            return try request.actionMatches(lowered, readBy: .statementPattern(lowered)) { try conditions.globs.regex(lowered) }
        })
        return element.isNegated ? try any.not() : any
    }

    private func matchesResource(_ element: PatternElement, substitute: Bool) throws -> Z3Bool {
        let any = try context.or(element.patterns.map { pattern in
            try request.resourceMatches(pattern.value, substitute: substitute) {
                let (pieces, resolvable) = try conditions.resolve(pattern.value, substitute: substitute)
                return try context.and([resolvable, request.resource.matches(conditions.globs.regex(pieces))])
            }
        })
        return element.isNegated ? try any.not() : any
    }
}
