import Encoding
import Policy
import Z3

/// The free "next finding" question split by the Allow statement of the resource policy that
/// grants: a needle among many zone-bound statements (issue 17 item 4) is found by a small
/// question about its own statement, where the question over the whole policy runs out of time.
///
/// The split is exact, a case analysis on which Allow statement applies. For the question Q (an
/// allowed external request no finding covers) and the Allow statements S₁…Sₙ of the resource
/// policy,
///
///     Q  ≡  (Q ∧ S₁) ∨ … ∨ (Q ∧ Sₙ) ∨ (Q ∧ ¬S₁ ∧ … ∧ ¬Sₙ)
///
/// whatever the evaluation logic (`Sᵢ` is the statement's `applies`; Q keeps the whole policy
/// — every Allow and Deny, RCPs, the resource type's explicit-allow rules). So a model of any case is
/// a model of Q (a real finding, replayed like every witness), and Q is UNSAT when every case is.
/// Cases of statements `ZoneScreen` proves admit no outside caller on their own (`Sᵢ` ∧ external
/// ∧ the scope is UNSAT by the screen's argument) are not asked; the last case (no Allow statement
/// of the resource policy applies: access by identity policies alone) is not asked either when
/// the resource's owner is in the zone (`ZoneScreen.outsidersNeedAnAllow`: an outside caller
/// needs an Allow of the resource policy), else it is asked last. A case
/// proved UNSAT stays UNSAT for the rest of the enumeration (later questions only add blocks).
/// Any `unknown` leaves the whole question `unknown` (UNPROVEN), never UNSAT.
///
/// ```swift
/// var cases = StatementCases(query: query)      // nil unless a few statements need the solver
/// let answer = try cases?.check(question, asker: asker) { model in ... }
/// ```
struct StatementCases {
    /// One Allow statement left to the solver: its index in the policy and its `applies`.
    struct Case {
        var statementIndex: Int
        var applies: Z3Bool
    }

    /// The statements the screen could not judge, in policy order.
    let cases: [Case]
    /// No Allow statement of the resource policy applies.
    let noneApplies: Z3Bool
    /// Cases (positions in `cases`, and `cases.count` for `noneApplies`) proved UNSAT so far.
    private var proved = Set<Int>()

    /// At least one Allow statement screened, and at most a quarter of them (at least
    /// `smallPolicyCases`, at most `maximumCases`) left to the solver: otherwise the whole
    /// question is asked. Small policies are split too: a partner's grant beside a service
    /// statement pinned to the zone by `aws:SourceArn` makes the whole question a string-theory
    /// search of a second (docs/BENCHMARKS.md, "An organization scanned from disk"), its cases
    /// milliseconds each.
    static let smallPolicyCases = 2
    static let maximumCases = 32

    init?(query: ExternalAccessQuery) {
        guard let policy = query.resource.policy else { return nil }
        // The Allow statements of the resource policy as encoded (RCPs have their own sources;
        // statements the action scope left out apply to no request asked about). Every formula the
        // last case negates is either a case or screened, each judged on its own statement.
        let compiled = query.authorization.statements.filter { $0.policy.source == policy.source && $0.statement.effect == .allow }
        let unscreened = compiled.filter { ZoneScreen.reason($0.statement, resource: query.resource, zone: query.zone) == nil }
        guard unscreened.count < compiled.count,
              unscreened.count <= min(StatementCases.maximumCases, max(StatementCases.smallPolicyCases, compiled.count / 4)) else { return nil }
        cases = unscreened.map { Case(statementIndex: $0.statement.index, applies: $0.applies) }
        guard let none = try? query.context.and(compiled.map { try $0.applies.not() }) else { return nil }
        noneApplies = none
        // The last case is the question about the policy without its Allow statements (none
        // applies, so none changes the decision), which the screen proves when outsiders need an
        // Allow of the resource policy: the argument of `ZoneScreen.proof`, on that policy.
        if ZoneScreen.outsidersNeedAnAllow(query.resource, zone: query.zone) { proved.insert(cases.count) }
    }

    /// `question` asked case by case: the first SAT case's answer, UNSAT when every case is
    /// UNSAT, else `unknown` with the first reason.
    mutating func check(_ question: SolverQuestion, asker: SolverAsker,
                        onModel: (Z3Model) throws -> Void) throws -> Z3CheckResult {
        var unknown: String?
        let all = cases.map { ($0.applies, "statement \($0.statementIndex)") } + [(noneApplies, "no Allow statement")]
        for (position, (formula, label)) in all.enumerated() where !proved.contains(position) {
            var restricted = question
            restricted.assertions.append(formula)
            restricted.purpose += ", \(label)"
            let answer = try asker.ask(restricted, onModel: onModel)
            switch answer {
            case .sat: return answer
            case .unsat: proved.insert(position)
            case .unknown(let reason): if unknown == nil { unknown = reason }
            }
        }
        if let unknown { return .unknown(reason: unknown) }
        return .unsat(core: [])
    }
}
