import CZ3

/// Decides formulas whose variables are all fixed by equalities to literals (a "pinned"
/// question) without a solver: Z3's `propagate-values`, `solve-eqs` and `simplify` tactics
/// substitute the literals and rewrite every ground term (string concatenation, regular
/// membership of a literal, arithmetic) to `true` or `false`. A goal left empty is satisfiable,
/// and its model is the solved equalities (`Z3_goal_convert_model`); a goal holding `false` is
/// not; anything else is left to a solver (``Outcome/undecided``).
///
/// The formulas are the solver's own, so a `sat` here is a model of them as much as a solver's;
/// it costs a fraction of a millisecond where creating and running a solver costs several.
///
/// ```swift
/// switch try Z3GroundCheck.decide([formula, x.equals(ctx.string("a"))], in: ctx) {
/// case .sat(let model): print(try model.value(of: x))   // "a"
/// case .unsat, .undecided: break
/// }
/// ```
public enum Z3GroundCheck {
    public enum Outcome {
        case sat(Z3Model)
        case unsat
        case undecided
    }

    public static func decide(_ formulas: [Z3Bool], in context: Z3Context) throws -> Outcome {
        let ctx = context.raw
        let goal = try context.checked(Z3_mk_goal(ctx, true, false, false), "Z3_mk_goal")
        Z3_goal_inc_ref(ctx, goal)
        defer { Z3_goal_dec_ref(ctx, goal) }
        for formula in formulas {
            Z3_goal_assert(ctx, goal, try context.ast(of: formula.term))
            try context.checkError()
        }
        let tactic = try pipeline(context)
        defer { Z3_tactic_dec_ref(ctx, tactic) }
        let result = try context.checked(Z3_tactic_apply(ctx, tactic, goal), "Z3_tactic_apply")
        Z3_apply_result_inc_ref(ctx, result)
        defer { Z3_apply_result_dec_ref(ctx, result) }
        guard Z3_apply_result_get_num_subgoals(ctx, result) == 1 else { return .undecided }
        let subgoal = try context.checked(Z3_apply_result_get_subgoal(ctx, result, 0), "Z3_apply_result_get_subgoal")
        Z3_goal_inc_ref(ctx, subgoal)
        defer { Z3_goal_dec_ref(ctx, subgoal) }
        if Z3_goal_is_decided_unsat(ctx, subgoal) { return .unsat }
        guard Z3_goal_is_decided_sat(ctx, subgoal) else { return .undecided }
        let empty = try context.checked(Z3_mk_model(ctx), "Z3_mk_model")
        Z3_model_inc_ref(ctx, empty)
        defer { Z3_model_dec_ref(ctx, empty) }
        let model = try context.checked(Z3_goal_convert_model(ctx, subgoal, empty), "Z3_goal_convert_model")
        return .sat(Z3Model(context: context, model: model))
    }

    /// `propagate-values`, then `solve-eqs`, then `simplify`, with a reference held.
    private static func pipeline(_ context: Z3Context) throws -> Z3_tactic {
        let ctx = context.raw
        var tactics: [Z3_tactic] = []
        defer { for tactic in tactics { Z3_tactic_dec_ref(ctx, tactic) } }
        for name in ["propagate-values", "solve-eqs", "simplify"] {
            let tactic = try context.checked(Z3_mk_tactic(ctx, name), "Z3_mk_tactic(\(name))")
            Z3_tactic_inc_ref(ctx, tactic)
            tactics.append(tactic)
        }
        let tail = try context.checked(Z3_tactic_and_then(ctx, tactics[1], tactics[2]), "Z3_tactic_and_then")
        Z3_tactic_inc_ref(ctx, tail)
        defer { Z3_tactic_dec_ref(ctx, tail) }
        let whole = try context.checked(Z3_tactic_and_then(ctx, tactics[0], tail), "Z3_tactic_and_then")
        Z3_tactic_inc_ref(ctx, whole)
        return whole
    }
}
