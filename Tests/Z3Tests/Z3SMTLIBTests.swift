import XCTest
import Z3

/// SMT-LIB2 benchmarks out of and back into the bridge (`Z3SMTLIB.swift`).
final class Z3SMTLIBTests: XCTestCase {
    /// A string in a regular language and an enumeration value, read back in a new context.
    func testBenchmarkRoundTripsThroughANewContext() throws {
        let ctx = try Z3Context()
        let action = try ctx.stringVariable("action")
        let kind = try ctx.enumSort(named: "Kind", cases: ["user", "role"])
        let k = try ctx.enumVariable("k", sort: kind)
        let glob = try ctx.regexConcat([ctx.regex("s3:Get"), ctx.regexFull()])
        let sat = [try action.matches(glob), try k.equals(XCTUnwrap(kind.value(named: "role")))]
        // "s3:Put…" cannot start with "s3:Get": unsat by hand.
        let unsat = sat + [try action.hasPrefix(ctx.string("s3:Put"))]
        let satText = try ctx.smtlibBenchmark(sat, status: .sat)
        let unsatText = try ctx.smtlibBenchmark(unsat, status: .unsat)
        XCTAssertTrue(satText.contains("(set-info :status sat)"))
        XCTAssertTrue(unsatText.contains("(set-info :status unsat)"))
        XCTAssertFalse(satText.contains("(set-logic"))
        for (text, expected) in [(satText, true), (unsatText, false)] {
            let solver = try Z3Solver(context: try Z3Context(), timeoutMilliseconds: 60_000)
            try solver.assert(smtlib: text)
            let result = try solver.check()
            XCTAssertEqual(result.isSat, expected, text)
            XCTAssertEqual(result.isUnsat, !expected, text)
        }
        XCTAssertTrue(try ctx.smtlibBenchmark(sat, status: .sat, logic: "ALL").contains("(set-logic ALL)"))
    }

    func testUnparsableTextThrows() throws {
        let solver = try Z3Solver(context: try Z3Context())
        XCTAssertThrowsError(try solver.assert(smtlib: "(assert (= x 1))")) { error in
            guard case Z3Error.api = error else { return XCTFail("\(error)") }
        }
    }
}
