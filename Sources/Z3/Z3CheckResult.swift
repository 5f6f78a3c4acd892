/// The answer of ``Z3Solver/check()``. `unknown` is a first-class answer: Rampart
/// reports it as UNPROVEN, never as "no access".
///
/// ```swift
/// switch try solver.check() {
/// case .sat(let model): print("witness:", try model.value(of: action))
/// case .unsat(let core): print("proved; used", core)
/// case .unknown(let reason): print("unproven:", reason)   // e.g. "timeout"
/// }
/// ```
public enum Z3CheckResult {
    /// Satisfiable, with a model of the assertions.
    case sat(Z3Model)
    /// Unsatisfiable. `core` lists the labels of tracked assertions
    /// (``Z3Solver/assertTracked(_:label:)``) and the names of assumptions that
    /// suffice for unsatisfiability; empty when nothing was tracked.
    case unsat(core: [String])
    /// Z3 gave up (`Z3_L_UNDEF`). `reason` is `"timeout"` when the solver's wall-clock
    /// limit expired, else `Z3_solver_get_reason_unknown`, e.g. `"canceled"` or
    /// `"max. resource limit exceeded"` (resource limit) or
    /// `"(incomplete (theory arithmetic))"`.
    case unknown(reason: String)

    /// True for `.sat`.
    public var isSat: Bool { if case .sat = self { return true } else { return false } }
    /// True for `.unsat`.
    public var isUnsat: Bool { if case .unsat = self { return true } else { return false } }
    /// True for `.unknown`.
    public var isUnknown: Bool { if case .unknown = self { return true } else { return false } }

    /// The model of a `.sat` answer.
    public var model: Z3Model? { if case .sat(let model) = self { return model } else { return nil } }
}

@available(*, unavailable, message: "Z3 results belong to one context and must not cross threads.")
extension Z3CheckResult: Sendable {}
