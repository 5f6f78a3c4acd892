import XCTest
@testable import Z3

/// Checks `formulas` in a fresh solver.
func check(
    _ context: Z3Context, _ formulas: [Z3Bool], timeoutMilliseconds: UInt32 = 10_000, kind: Z3Solver.Kind = .general
) throws -> Z3CheckResult {
    let solver = try Z3Solver(context: context, timeoutMilliseconds: timeoutMilliseconds, kind: kind)
    for formula in formulas { try solver.assert(formula) }
    return try solver.check()
}

/// The model of a result that must be sat.
func requireModel(_ result: Z3CheckResult, file: StaticString = #filePath, line: UInt = #line) throws -> Z3Model {
    guard case .sat(let model) = result else {
        XCTFail("expected sat, got \(result)", file: file, line: line)
        throw Z3Error.notAValue("no model")
    }
    return model
}
