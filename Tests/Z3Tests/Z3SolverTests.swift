import XCTest
@testable import Z3

final class Z3SolverTests: XCTestCase {
    func testUnsatCoreNamesTheConflictingLabels() throws {
        for kind in [Z3Solver.Kind.general, .simple] {
            try checkUnsatCore(kind)
        }
    }

    private func checkUnsatCore(_ kind: Z3Solver.Kind) throws {
        let ctx = try Z3Context()
        let x = try ctx.intVariable("x")
        let solver = try Z3Solver(context: ctx, kind: kind)
        // x > 10 and x < 5 conflict; x != 7 is irrelevant to the conflict.
        try solver.assertTracked(x.greaterThan(ctx.int(10)), label: "x above 10")
        try solver.assertTracked(x.notEquals(ctx.int(7)), label: "x not 7")
        try solver.assertTracked(x.lessThan(ctx.int(5)), label: "x below 5")
        guard case .unsat(let core) = try solver.check() else { return XCTFail("expected unsat") }
        XCTAssertEqual(Set(core), ["x above 10", "x below 5"])
    }

    func testUntrackedUnsatHasAnEmptyCore() throws {
        let ctx = try Z3Context()
        guard case .unsat(let core) = try check(ctx, [ctx.bool(false)]) else { return XCTFail("expected unsat") }
        XCTAssertEqual(core, [])
    }

    func testPushPopRestoresSatisfiability() throws {
        let ctx = try Z3Context()
        let p = try ctx.boolVariable("p")
        let solver = try Z3Solver(context: ctx)
        try solver.assert(p)
        try solver.push()
        try solver.assert(p.not())
        XCTAssertTrue(try solver.check().isUnsat)
        try solver.pop()
        XCTAssertTrue(try solver.check().isSat)
        try solver.reset()
        try solver.assert(p.not())
        XCTAssertTrue(try solver.check().isSat)
    }

    func testAssumptionsAppearInTheCoreByName() throws {
        let ctx = try Z3Context()
        let x = try ctx.intVariable("x")
        let useLow = try ctx.boolVariable("use-low"), useHigh = try ctx.boolVariable("use-high")
        let solver = try Z3Solver(context: ctx)
        try solver.assert(useLow.implies(x.lessThan(ctx.int(0))))
        try solver.assert(useHigh.implies(x.greaterThan(ctx.int(0))))
        XCTAssertTrue(try solver.check(assumptions: [useLow]).isSat)
        guard case .unsat(let core) = try solver.check(assumptions: [useLow, useHigh]) else {
            return XCTFail("expected unsat")
        }
        XCTAssertEqual(Set(core), ["use-low", "use-high"])
    }

    /// x³ + y³ = z³ with positive integers (Fermat, n = 3) has no solution, and Z3's
    /// nonlinear arithmetic cannot prove it: the only possible answer is unknown.
    private func fermatCubes(_ ctx: Z3Context) throws -> [Z3Bool] {
        let x = try ctx.intVariable("x"), y = try ctx.intVariable("y"), z = try ctx.intVariable("z")
        func cube(_ v: Z3Int) throws -> Z3Int { try v.times(v).times(v) }
        return try [x, y, z].map { try $0.greaterThan(ctx.int(0)) } + [try cube(x).plus(cube(y)).equals(cube(z))]
    }

    /// The pigeonhole principle: 12 pigeons in 11 holes, as clauses. Unsat, but every
    /// resolution (CDCL) proof is exponential: on this machine 10 pigeons in 9 holes
    /// already take ~0.8 s (general) and ~7 s (simple), 12 in 11 far longer.
    private func pigeonhole(_ ctx: Z3Context, holes: Int = 11) throws -> [Z3Bool] {
        let sits = try (0...holes).map { pigeon in
            try (0..<holes).map { hole in try ctx.boolVariable("p\(pigeon)h\(hole)") }
        }
        var clauses = try sits.map { try ctx.or($0) }
        for hole in 0..<holes {
            for first in 0...holes {
                for second in 0...holes where second > first {
                    clauses.append(try ctx.or(sits[first][hole].not(), sits[second][hole].not()))
                }
            }
        }
        return clauses
    }

    private func isGiveUp(_ reason: String) -> Bool {
        ["timeout", "canceled", "resource"].contains { reason.contains($0) }
    }

    func testTimeoutGivesUnknownNotUnsat() throws {
        for kind in [Z3Solver.Kind.general, .simple] {
            let ctx = try Z3Context()
            let start = ContinuousClock.now
            let result = try check(ctx, pigeonhole(ctx), timeoutMilliseconds: 50, kind: kind)
            let elapsed = ContinuousClock.now - start
            guard case .unknown(let reason) = result else { return XCTFail("expected unknown, got \(result)") }
            XCTAssertTrue(isGiveUp(reason), "\(kind): \(reason)")
            XCTAssertLessThan(elapsed, .seconds(5))
        }
    }

    func testOneMillisecondTimeoutOnNonlinearArithmeticIsUnknown() throws {
        let ctx = try Z3Context()
        guard case .unknown(let reason) = try check(ctx, fermatCubes(ctx), timeoutMilliseconds: 1) else {
            return XCTFail("expected unknown")
        }
        XCTAssertEqual(reason, "timeout")
        // The simple solver gives up on its own ("incomplete (theory arithmetic)").
        XCTAssertTrue(try check(ctx, fermatCubes(ctx), timeoutMilliseconds: 1, kind: .simple).isUnknown)
    }

    /// Z3 4.8.12's own `timeout` parameter deadlocks within ~100 expiring 1 ms timeouts
    /// (reproduced in C; Z3 PR #5371). The watchdog must survive many of them, and the
    /// context must answer normally afterwards.
    func testManyExpiringShortTimeoutsNeitherHangNorPoisonTheContext() throws {
        let ctx = try Z3Context()
        let hard = try fermatCubes(ctx)
        let start = ContinuousClock.now
        for round in 0..<300 {
            let result = try check(ctx, hard, timeoutMilliseconds: UInt32(round % 3 + 1))
            XCTAssertTrue(result.isUnknown, "round \(round): \(result)")
        }
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(60))
        let p = try ctx.boolVariable("p")
        XCTAssertTrue(try check(ctx, [p], timeoutMilliseconds: 1_000).isSat)
        XCTAssertTrue(try check(ctx, [p, p.not()], timeoutMilliseconds: 1_000).isUnsat)
    }

    func testResourceLimitGivesUnknownDeterministically() throws {
        let ctx = try Z3Context()
        for kind in [Z3Solver.Kind.general, .simple] {
            var reasons: [String] = []
            for _ in 0..<2 {
                let solver = try Z3Solver(context: ctx, resourceLimit: 100_000, kind: kind)
                for formula in try pigeonhole(ctx) { try solver.assert(formula) }
                guard case .unknown(let reason) = try solver.check() else { return XCTFail("expected unknown") }
                reasons.append(reason)
            }
            XCTAssertEqual(reasons[0], reasons[1])
            XCTAssertTrue(isGiveUp(reasons[0]), "\(kind): \(reasons[0])")
        }
    }

    func testSolverStillWorksAfterUnknown() throws {
        let ctx = try Z3Context()
        let solver = try Z3Solver(context: ctx, timeoutMilliseconds: 20)
        try solver.push()
        for formula in try fermatCubes(ctx) { try solver.assert(formula) }
        XCTAssertTrue(try solver.check().isUnknown)
        try solver.pop()
        solver.setTimeout(milliseconds: 10_000)
        try solver.assert(ctx.intVariable("x").equals(ctx.int(3)))
        let model = try requireModel(solver.check())
        XCTAssertEqual(try model.value(of: ctx.intVariable("x")), 3)
    }
}
