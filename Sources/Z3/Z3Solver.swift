import CZ3

/// A Z3 solver (`Z3_mk_solver`) owning its reference, with a per-query timeout,
/// an optional deterministic resource limit, tracked assertions for unsat cores,
/// and scopes.
///
/// ```swift
/// let solver = try Z3Solver(context: ctx, timeoutMilliseconds: 2_000)
/// try solver.assertTracked(allows, label: "statement 1 allows")
/// try solver.assertTracked(external, label: "principal is external")
/// if case .unsat(let core) = try solver.check() { print(core) }
/// ```
public final class Z3Solver {
    /// Which Z3 solver object to create.
    public enum Kind: Sendable {
        /// `Z3_mk_solver`: Z3's default solver, which picks a tactic pipeline for the
        /// formula on its first check. Best for one hard query; costly to create
        /// (measured ~6-10 ms per fresh solver on Z3 4.8.12 even for a trivial formula).
        case general
        /// `Z3_mk_simple_solver`: the SMT core without tactic preprocessing; creating and
        /// checking one costs ~0.25 ms. Best for many small queries. Both kinds honour
        /// timeouts, resource limits, scopes and unsat cores.
        case simple
        /// `Z3_mk_solver_from_tactic` over the preprocessing Z3's general solver runs on string
        /// formulas (`simplify`, `propagate-values`, `ctx-simplify`, `solve-eqs`, `elim-uncnstr`)
        /// and `smt`: every check preprocesses the assertions as a whole, as a general solver's
        /// first check does, without the general solver's set-up cost. Measured ~0.1 ms on a
        /// small question where a general solver takes ~2-6 ms; non-incremental (each check
        /// starts over).
        case preprocessed
    }

    /// The context the solver belongs to.
    public let context: Z3Context
    let raw: Z3_solver

    /// Tracker constants of ``assertTracked(_:label:)`` by AST id, with their labels.
    private var trackers: [UInt32: (label: String, tracker: Z3Bool)] = [:]

    /// The wall-clock limit per check, enforced by a ``Z3Watchdog`` (not Z3's own
    /// `timeout` parameter, which can deadlock in libz3 4.8.12).
    public private(set) var timeoutMilliseconds: UInt32?

    /// Creates a solver.
    ///
    /// - Parameters:
    ///   - timeoutMilliseconds: wall-clock limit per `check`; on expiry `check` returns
    ///     `.unknown(reason: "timeout")`. Enforced with `Z3_interrupt` from a watchdog
    ///     thread (see ``Z3Watchdog``).
    ///   - resourceLimit: Z3's deterministic `rlimit` per `check`: the same formula gives
    ///     the same answer on every machine.
    ///   - kind: ``Kind/general`` (default) or ``Kind/simple``.
    public init(
        context: Z3Context, timeoutMilliseconds: UInt32? = nil, resourceLimit: UInt32? = nil, kind: Kind = .general
    ) throws {
        self.context = context
        switch kind {
        case .general: self.raw = try context.checked(Z3_mk_solver(context.raw), "Z3_mk_solver")
        case .simple: self.raw = try context.checked(Z3_mk_simple_solver(context.raw), "Z3_mk_simple_solver")
        case .preprocessed: self.raw = try Z3Solver.preprocessingSolver(context)
        }
        Z3_solver_inc_ref(context.raw, raw)
        self.timeoutMilliseconds = timeoutMilliseconds
        try disableControlC()
        if let resourceLimit { try setResourceLimit(resourceLimit) }
    }

    /// Z3 installs its own SIGINT handler for the duration of every `check` (the `ctrl_c`
    /// option, on by default), which turns Ctrl-C into "cancel this query" — an UNPROVEN answer
    /// — and the program carries on. Rampart handles interrupts itself (a scan stops at once), so
    /// the option is off on every solver.
    private func disableControlC() throws {
        let ctx = context.raw
        let params = try context.checked(Z3_mk_params(ctx), "Z3_mk_params")
        Z3_params_inc_ref(ctx, params)
        defer { Z3_params_dec_ref(ctx, params) }
        Z3_params_set_bool(ctx, params, try context.symbol("ctrl_c"), false)
        try context.checkError()
        Z3_solver_set_params(ctx, raw, params)
        try context.checkError()
    }

    deinit {
        Z3_solver_dec_ref(context.raw, raw)
    }

    /// The solver of ``Kind/preprocessed``.
    private static func preprocessingSolver(_ context: Z3Context) throws -> Z3_solver {
        let ctx = context.raw
        var tactics: [Z3_tactic] = []
        defer { for tactic in tactics { Z3_tactic_dec_ref(ctx, tactic) } }
        func held(_ tactic: Z3_tactic?, _ operation: String) throws -> Z3_tactic {
            let tactic = try context.checked(tactic, operation)
            Z3_tactic_inc_ref(ctx, tactic)
            tactics.append(tactic)
            return tactic
        }
        // The steps Z3 4.8.12's general solver runs on these string formulas (`z3 -v:10`).
        var pipeline = try held(Z3_mk_tactic(ctx, "smt"), "Z3_mk_tactic(smt)")
        for name in ["simplify", "propagate-values", "ctx-simplify", "simplify", "solve-eqs", "elim-uncnstr", "simplify"].reversed() {
            let step = try held(Z3_mk_tactic(ctx, name), "Z3_mk_tactic(\(name))")
            pipeline = try held(Z3_tactic_and_then(ctx, step, pipeline), "Z3_tactic_and_then")
        }
        return try context.checked(Z3_mk_solver_from_tactic(ctx, pipeline), "Z3_mk_solver_from_tactic")
    }

    /// Sets the wall-clock limit per `check`, in milliseconds; `nil` removes it.
    public func setTimeout(milliseconds: UInt32?) {
        timeoutMilliseconds = milliseconds
    }

    /// Sets Z3's deterministic resource limit (`rlimit`) per `check`; 0 means unlimited.
    public func setResourceLimit(_ limit: UInt32) throws {
        try setParameters(["rlimit": limit])
    }

    /// Sets unsigned solver parameters by name (`Z3_params_set_uint` + `Z3_solver_set_params`).
    ///
    /// Do not set `"timeout"` here: use ``setTimeout(milliseconds:)``, which avoids a
    /// deadlock in libz3 4.8.12's timer.
    public func setParameters(_ values: [String: UInt32]) throws {
        let ctx = context.raw
        let params = try context.checked(Z3_mk_params(ctx), "Z3_mk_params")
        Z3_params_inc_ref(ctx, params)
        defer { Z3_params_dec_ref(ctx, params) }
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            Z3_params_set_uint(ctx, params, try context.symbol(name), value)
            try context.checkError()
        }
        Z3_solver_set_params(ctx, raw, params)
        try context.checkError()
    }

    /// Asserts `formula`.
    public func assert(_ formula: Z3Bool) throws {
        Z3_solver_assert(context.raw, raw, try context.ast(of: formula.term))
        try context.checkError()
    }

    /// Asserts `formula` under `label`: if the solver answers unsat, the label appears in
    /// the core when this assertion was needed (`Z3_solver_assert_and_track` with a
    /// fresh Boolean constant per call).
    public func assertTracked(_ formula: Z3Bool, label: String) throws {
        let tracker = try context.freshBoolVariable(prefix: "track")
        Z3_solver_assert_and_track(context.raw, raw, try context.ast(of: formula.term), tracker.term.ast)
        try context.checkError()
        trackers[try astID(tracker.term.ast)] = (label, tracker)
    }

    /// Opens a scope; ``pop(_:)`` removes the assertions made since.
    public func push() throws {
        Z3_solver_push(context.raw, raw)
        try context.checkError()
    }

    /// Closes `count` scopes.
    public func pop(_ count: UInt32 = 1) throws {
        Z3_solver_pop(context.raw, raw, count)
        try context.checkError()
    }

    /// Removes every assertion and scope.
    public func reset() throws {
        Z3_solver_reset(context.raw, raw)
        try context.checkError()
        trackers.removeAll()
    }

    /// Checks whether the assertions are satisfiable.
    public func check() throws -> Z3CheckResult {
        let (answer, timedOut) = underWatchdog { Z3_solver_check(context.raw, raw) }
        try context.checkError()
        return try result(of: answer, usedAssumptions: false, timedOut: timedOut)
    }

    /// Checks whether the assertions plus `assumptions` are satisfiable. On unsat, the
    /// core names the assumptions needed (a Boolean variable by its name, other formulas
    /// in SMT-LIB) together with the labels of tracked assertions.
    public func check(assumptions: [Z3Bool]) throws -> Z3CheckResult {
        let args = try context.asts(of: assumptions)
        let (answer, timedOut) = underWatchdog {
            Z3_solver_check_assumptions(context.raw, raw, UInt32(args.count), args)
        }
        try context.checkError()
        return try result(of: answer, usedAssumptions: !assumptions.isEmpty, timedOut: timedOut)
    }

    /// Runs one check with the watchdog armed if a timeout is set.
    private func underWatchdog(_ check: () -> Z3_lbool) -> (Z3_lbool, timedOut: Bool) {
        guard let milliseconds = timeoutMilliseconds else { return (check(), false) }
        let watchdog = Z3Watchdog(context: context.raw, milliseconds: milliseconds)
        let answer = check()
        return (answer, watchdog.disarm())
    }

    /// The assertions in SMT-LIB.
    public var description: String {
        (try? context.string(Z3_solver_to_string(context.raw, raw), "Z3_solver_to_string")) ?? "<solver>"
    }

    private func result(of answer: Z3_lbool, usedAssumptions: Bool, timedOut: Bool) throws -> Z3CheckResult {
        switch answer {
        case Z3_L_TRUE:
            let model = try context.checked(Z3_solver_get_model(context.raw, raw), "Z3_solver_get_model")
            return .sat(Z3Model(context: context, model: model))
        case Z3_L_FALSE:
            guard usedAssumptions || !trackers.isEmpty else { return .unsat(core: []) }
            return .unsat(core: try unsatCore())
        default:
            if timedOut { return .unknown(reason: "timeout") }
            let reason = try context.string(
                Z3_solver_get_reason_unknown(context.raw, raw), "Z3_solver_get_reason_unknown")
            return .unknown(reason: reason)
        }
    }

    private func unsatCore() throws -> [String] {
        let ctx = context.raw
        let core = try context.checked(Z3_solver_get_unsat_core(ctx, raw), "Z3_solver_get_unsat_core")
        Z3_ast_vector_inc_ref(ctx, core)
        defer { Z3_ast_vector_dec_ref(ctx, core) }
        let size = Z3_ast_vector_size(ctx, core)
        try context.checkError()
        var labels: [String] = []
        var seen: Set<String> = []
        for index in 0..<size {
            let element = try context.term(Z3_ast_vector_get(ctx, core, index), "Z3_ast_vector_get")
            let label = try trackers[astID(element.ast)]?.label ?? element.description
            if seen.insert(label).inserted { labels.append(label) }
        }
        return labels
    }

    private func astID(_ ast: Z3_ast) throws -> UInt32 {
        let id = Z3_get_ast_id(context.raw, ast)
        try context.checkError()
        return id
    }
}

@available(*, unavailable, message: "Z3 solvers belong to one context and must not cross threads.")
extension Z3Solver: Sendable {}
