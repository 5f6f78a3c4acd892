import XCTest
@testable import Z3

/// `Z3Global.setMemoryLimit`: Z3's process-wide `memory_max_size`. Over it Z3 gives up
/// (unknown or a memory-out error) instead of answering, and never ends the process.
final class Z3GlobalTests: XCTestCase {
    override func tearDown() {
        // The limit is process-wide: never leave it behind for the next test.
        Z3Global.setMemoryLimit(megabytes: nil)
    }

    func testLimitRoundTrips() {
        XCTAssertNil(Z3Global.memoryLimitMegabytes)
        Z3Global.setMemoryLimit(megabytes: 512)
        XCTAssertEqual(Z3Global.memoryLimitMegabytes, 512)
        Z3Global.setMemoryLimit(megabytes: nil)
        XCTAssertNil(Z3Global.memoryLimitMegabytes)
    }

    func testContextOverTheLimitThrowsMemoryOut() throws {
        Z3Global.setMemoryLimit(megabytes: 1)  // a context needs ~17 MB
        XCTAssertThrowsError(try Z3Context()) { error in
            XCTAssertTrue((error as? Z3Error)?.isMemoryOut ?? false, "\(error)")
            XCTAssertTrue("\(error)".contains("1 MB"), "\(error)")
        }
        Z3Global.setMemoryLimit(megabytes: nil)
        XCTAssertNoThrow(try Z3Context())
    }

    /// A string query that needs far more than a few megabytes (unbounded it runs into
    /// its timeout): with the cap a few megabytes above what is allocated, Z3 gives up.
    func testCheckOverTheLimitIsUnknownNeverAnAnswer() throws {
        let ctx = try Z3Context()
        let s = try ctx.stringVariable("s")
        let t = try ctx.stringVariable("t")
        let solver = try Z3Solver(context: ctx, timeoutMilliseconds: 60_000)
        var parts: [Z3Bool] = []
        for i in 0..<40 {
            parts.append(try s.matches(ctx.regexConcat([ctx.regexFull(), ctx.regex("a\(i)b"), ctx.regexFull()])))
        }
        try solver.assert(ctx.and(parts))
        try solver.assert(s.length().lessThan(t.length()))
        try solver.assert(t.matches(ctx.regexConcat([ctx.regex("x"), ctx.regexFull()])))
        Z3Global.setMemoryLimit(megabytes: UInt32(Z3Global.allocatedBytes >> 20) + 4)
        do {
            let result = try solver.check()
            guard case .unknown(let reason) = result else { return XCTFail("expected unknown, got \(result)") }
            XCTAssertEqual(reason, "out of memory")
        } catch let error as Z3Error {
            XCTAssertTrue(error.isMemoryOut, "\(error)")
        }
        // Under no limit the same context still works.
        Z3Global.setMemoryLimit(megabytes: nil)
        let small = try Z3Solver(context: ctx, timeoutMilliseconds: 10_000)
        try small.assert(s.equals(ctx.string("ok")))
        XCTAssertTrue(try small.check().isSat)
    }
}
