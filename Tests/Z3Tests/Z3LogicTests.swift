import XCTest
@testable import Z3

/// Small formulas whose answers are worked out by hand in the comments.
final class Z3LogicTests: XCTestCase {
    func testBooleanContradictionIsUnsatAndTautologyNegationIsUnsat() throws {
        let ctx = try Z3Context()
        let p = try ctx.boolVariable("p"), q = try ctx.boolVariable("q")
        // p ∧ ¬p has no model.
        XCTAssertTrue(try check(ctx, [p, p.not()]).isUnsat)
        // ((p → q) ∧ p) → q is valid, so its negation is unsat (modus ponens).
        let modusPonens = try ctx.and(p.implies(q), p).implies(q)
        XCTAssertTrue(try check(ctx, [modusPonens.not()]).isUnsat)
        // p ↔ ¬q with p: forces q = false.
        let model = try requireModel(check(ctx, [p.iff(q.not()), p]))
        XCTAssertEqual(try model.value(of: p), true)
        XCTAssertEqual(try model.value(of: q), false)
    }

    func testEmptyConjunctionIsTrueAndEmptyDisjunctionIsFalse() throws {
        let ctx = try Z3Context()
        XCTAssertTrue(try check(ctx, [ctx.and([])]).isSat)
        XCTAssertTrue(try check(ctx, [ctx.or([])]).isUnsat)
        XCTAssertTrue(try check(ctx, [ctx.bool(true).xor(ctx.bool(true))]).isUnsat)
    }

    func testIntegerBoundsPinTheValue() throws {
        let ctx = try Z3Context()
        let x = try ctx.intVariable("x"), y = try ctx.intVariable("y")
        // x > 41, x < 43 → x = 42; y = x - 50 → y = -8.
        let model = try requireModel(check(ctx, [
            x.greaterThan(ctx.int(41)), x.lessThan(ctx.int(43)), y.equals(x.minus(ctx.int(50))),
        ]))
        XCTAssertEqual(try model.value(of: x), 42)
        XCTAssertEqual(try model.value(of: y), -8)
        XCTAssertEqual(try model.value(of: x.plus(y)), 34)
        // x >= 5 ∧ x <= 4 is empty.
        XCTAssertTrue(try check(ctx, [x.greaterThanOrEqual(ctx.int(5)), x.lessThanOrEqual(ctx.int(4))]).isUnsat)
    }

    func testIteAndDistinct() throws {
        let ctx = try Z3Context()
        let a = try ctx.intVariable("a"), b = try ctx.intVariable("b"), c = try ctx.intVariable("c")
        // max(a, b) with a = 3, b = 7 is 7.
        let maximum = try ctx.ite(a.greaterThan(b), then: a, else: b)
        let model = try requireModel(check(ctx, [a.equals(ctx.int(3)), b.equals(ctx.int(7))]))
        XCTAssertEqual(try model.value(of: maximum), 7)
        // Three distinct integers in [0, 1] do not exist (pigeonhole).
        let inRange = try [a, b, c].flatMap { [try $0.greaterThanOrEqual(ctx.int(0)), try $0.lessThanOrEqual(ctx.int(1))] }
        XCTAssertTrue(try check(ctx, inRange + [ctx.distinct([a, b, c])]).isUnsat)
        XCTAssertTrue(try check(ctx, inRange + [ctx.distinct([a, b])]).isSat)
    }

    func testBitVectorsAreUnsignedAndExtractTakesTheLowBits() throws {
        let ctx = try Z3Context()
        let v = try ctx.bitVectorVariable("v", width: 8)
        // Unsigned: 0xF0 > 0x0F (it would be negative as a signed byte).
        XCTAssertTrue(try check(ctx, [ctx.bitVector(0xF0, width: 8).ugt(ctx.bitVector(0x0F, width: 8))]).isSat)
        XCTAssertTrue(try check(ctx, [ctx.bitVector(0xF0, width: 8).ult(ctx.bitVector(0x0F, width: 8))]).isUnsat)
        // v & 0x0F = 0x05, v | 0x0F = 0xAF  →  v = 0xA5; its low nibble is 5.
        let model = try requireModel(check(ctx, [
            v.bitwiseAnd(ctx.bitVector(0x0F, width: 8)).equals(ctx.bitVector(0x05, width: 8)),
            v.bitwiseOr(ctx.bitVector(0x0F, width: 8)).equals(ctx.bitVector(0xAF, width: 8)),
        ]))
        XCTAssertEqual(try model.value(of: v), 0xA5)
        let low = try v.extract(high: 3, low: 0)
        XCTAssertEqual(low.width, 4)
        XCTAssertEqual(try model.value(of: low), 5)
        XCTAssertEqual(try model.value(of: v.bitwiseNot()), 0x5A)
        // ule/uge bound v to exactly 0x10.
        let pinned = try requireModel(check(ctx, [
            v.uge(ctx.bitVector(0x10, width: 8)), v.ule(ctx.bitVector(0x10, width: 8)),
        ]))
        XCTAssertEqual(try pinned.value(of: v), 0x10)
        // 64-bit values read back whole.
        let wide = try ctx.bitVectorVariable("wide", width: 64)
        let wideModel = try requireModel(check(ctx, [wide.equals(ctx.bitVector(UInt64.max, width: 64))]))
        XCTAssertEqual(try wideModel.value(of: wide), UInt64.max)
    }

    func testTypedViewsCheckTheSort() throws {
        let ctx = try Z3Context()
        let s = try ctx.stringVariable("s")
        XCTAssertNoThrow(try Z3String(s.term))
        XCTAssertThrowsError(try Z3Bool(s.term)) { error in
            guard case Z3Error.sortMismatch = error else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try s.term.sort.kind, .string)
        XCTAssertEqual(try ctx.bitVector(1, width: 12).term.sort.kind, .bitVector(width: 12))
        XCTAssertEqual(try ctx.regexFull().term.sort.kind, .regex)
        // Hash-consing: the same structure is the same term.
        XCTAssertEqual(try ctx.string("a").concat(s), try ctx.string("a").concat(s))
    }
}
