import XCTest
import CZ3
@testable import Z3

/// Z3 errors become thrown Swift errors; the process does not abort and the context
/// stays usable.
final class Z3ErrorTests: XCTestCase {
    func testLowLevelSortMismatchInMkEqIsThrown() throws {
        let ctx = try Z3Context()
        let boolean = try ctx.bool(true), text = try ctx.string("a")
        // Bypass the typed API: (= true "a") is ill-sorted.
        XCTAssertThrowsError(try ctx.term(Z3_mk_eq(ctx.raw, boolean.term.ast, text.term.ast), "Z3_mk_eq")) { error in
            guard case Z3Error.api(let code, let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(code == .sortError || code == .exception, "\(code)")
            XCTAssertFalse(message.isEmpty)
        }
        XCTAssertTrue(try check(ctx, [boolean]).isSat, "context still usable")
    }

    func testMismatchedBitVectorWidthsAreThrown() throws {
        let ctx = try Z3Context()
        XCTAssertThrowsError(try ctx.bitVector(1, width: 8).equals(ctx.bitVector(1, width: 16))) { error in
            guard case Z3Error.api = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try ctx.bitVector(1, width: 8).ult(ctx.bitVector(1, width: 9)))
        XCTAssertThrowsError(try ctx.bitVector(1, width: 8).extract(high: 8, low: 0))
    }

    func testDifferentEnumerationSortsDoNotCompare() throws {
        let ctx = try Z3Context()
        let colors = try ctx.enumSort(named: "Color", cases: ["red", "green"])
        let sizes = try ctx.enumSort(named: "Size", cases: ["small", "large"])
        XCTAssertThrowsError(try colors.cases[0].equals(sizes.cases[0]))
    }

    func testTermsFromAnotherContextAreRejectedBeforeReachingZ3() throws {
        let first = try Z3Context(), second = try Z3Context()
        let p = try first.boolVariable("p"), q = try second.boolVariable("q")
        XCTAssertThrowsError(try p.and(q)) { error in XCTAssertEqual(error as? Z3Error, .contextMismatch) }
        let solver = try Z3Solver(context: first)
        XCTAssertThrowsError(try solver.assert(q)) { error in XCTAssertEqual(error as? Z3Error, .contextMismatch) }
    }

    func testOutOfBoundsArgumentIsThrownAndNonValuesAreRejected() throws {
        let ctx = try Z3Context()
        // Bypass the typed API: argument 5 of a two-argument application is out of bounds.
        let conjunction = try ctx.boolVariable("p").and(ctx.boolVariable("q"))
        let app = try ctx.checked(Z3_to_app(ctx.raw, conjunction.term.ast), "Z3_to_app")
        XCTAssertThrowsError(try ctx.term(Z3_get_app_arg(ctx.raw, app, 5), "Z3_get_app_arg")) { error in
            guard case Z3Error.api(let code, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(code, .indexOutOfBounds)
        }
        // Reading a non-literal as a value.
        let s = try ctx.stringVariable("s")
        let model = try requireModel(check(ctx, [ctx.bool(true)]))
        XCTAssertThrowsError(try model.value(of: s, completion: false))
    }
}
