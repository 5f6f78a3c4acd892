import CZ3

/// SMT-LIB2 text in and out of the bridge: a question written as a standalone benchmark that any
/// SMT solver can read (`Z3_benchmark_to_smtlib_string`), and such a benchmark read back into a
/// solver (`Z3_solver_from_string`), as the product would check it.
///
/// ```swift
/// let text = try ctx.smtlibBenchmark([x.greaterThan(ctx.int(41))], status: .sat)
/// let solver = try Z3Solver(context: try Z3Context(), timeoutMilliseconds: 5_000)
/// try solver.assert(smtlib: text)
/// try solver.check()   // .sat
/// ```
public enum Z3BenchmarkStatus: String, Sendable, Codable, CaseIterable {
    case sat, unsat, unknown

    /// The status of a check's answer.
    public init(_ result: Z3CheckResult) {
        self = result.isSat ? .sat : result.isUnsat ? .unsat : .unknown
    }
}

extension Z3Context {
    /// `formulas` (asserted one by one) as a standalone SMT-LIB2 benchmark: the declarations of
    /// every constant and sort they use, `(set-info :status …)`, one `assert` each and
    /// `(check-sat)`.
    ///
    /// - Parameters:
    ///   - status: what the benchmark's answer is known to be (`unknown` when it is not).
    ///   - logic: a `set-logic` line; `nil` leaves it out (Z3 then takes every theory).
    ///   - name: a comment on the first line.
    public func smtlibBenchmark(_ formulas: [Z3Bool], status: Z3BenchmarkStatus, logic: String? = nil,
                                name: String = "") throws -> String {
        let assumptions = try asts(of: formulas)
        let truth = try bool(true)
        return try string(
            Z3_benchmark_to_smtlib_string(raw, name, logic ?? "", status.rawValue, "", UInt32(assumptions.count), assumptions,
                                          ast(of: truth.term)),
            "Z3_benchmark_to_smtlib_string")
    }
}

extension Z3Solver {
    /// Asserts every `assert` of an SMT-LIB2 text (`Z3_solver_from_string`); declarations and
    /// `set-info` lines are read, `check-sat` is not run. A parse error throws
    /// ``Z3Error/api(code:message:)`` (code ``Z3ErrorCode/parserError`` or `.exception`).
    public func assert(smtlib text: String) throws {
        Z3_solver_from_string(context.raw, raw, text)
        try context.checkError()
    }
}
