import XCTest
@testable import Z3

/// Every Z3 object is released when its Swift owner goes away: resident memory stays
/// flat over many iterations.
final class Z3MemoryTests: XCTestCase {
    /// Resident set size in bytes, from /proc/self/statm (Linux only).
    private func residentBytes() -> Int? {
        #if os(Linux)
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * 4096
        #else
        return nil
        #endif
    }

    func testTermsSolversAndModelsDoNotLeak() throws {
        let ctx = try Z3Context()
        let regex = try ctx.regexConcat([ctx.regex("s3:Get"), ctx.regexFull()])
        let kinds = try ctx.enumSort(named: "Kind", cases: ["AWS", "Service", "Other"])
        var checkpoint: Int?
        let iterations = 100_000
        let start = ContinuousClock.now
        for i in 0..<iterations {
            // Names repeat (Z3 interns every name for the context's lifetime, ~50 bytes
            // each, so fresh names would grow memory by design), but every iteration
            // builds new terms from unique literals: a leaked reference would show.
            let s = try ctx.stringVariable("s\(i % 1_000)")
            let n = try ctx.intVariable("n\(i % 1_000)")
            let k = try ctx.enumVariable("k\(i % 1_000)", sort: kinds)
            let v = try ctx.bitVectorVariable("v\(i % 1_000)", width: 32)
            let formula = try ctx.and(
                s.matches(regex), s.notEquals(ctx.string("s3:Get-\(i)")), s.length().equals(n),
                n.lessThan(ctx.int(i + 8)), k.notEquals(kinds.cases[i % 3]),
                v.ugt(ctx.bitVector(UInt64(i), width: 32)))
            if i % 10 == 0 {
                // 10k cheap queries (with model reads) on the propositional/arithmetic part.
                let solver = try Z3Solver(context: ctx, timeoutMilliseconds: 5_000, kind: .simple)
                try solver.assert(ctx.and(n.lessThan(ctx.int(i + 8)), k.notEquals(kinds.cases[i % 3]),
                                          v.ugt(ctx.bitVector(UInt64(i), width: 32))))
                guard case .sat(let model) = try solver.check() else { return XCTFail("expected sat at \(i)") }
                XCTAssertGreaterThan(try model.value(of: v), UInt64(i))
                XCTAssertNotEqual(try model.value(of: k).index, i % 3)
            }
            if i % 1_000 == 0 {
                // 100 string queries through the general solver, reading a string back.
                let solver = try Z3Solver(context: ctx, timeoutMilliseconds: 5_000)
                try solver.assertTracked(formula, label: "formula")
                guard case .sat(let model) = try solver.check() else { return XCTFail("expected sat at \(i)") }
                XCTAssertTrue(try model.value(of: s).hasPrefix("s3:Get"))
            }
            if i == iterations / 10 { checkpoint = residentBytes() }
        }
        let elapsed = ContinuousClock.now - start
        guard let before = checkpoint, let after = residentBytes() else { throw XCTSkip("no /proc/self/statm") }
        let growth = after - before
        print("Z3MemoryTests: resident \(before / 1_048_576) MB at 10k, \(after / 1_048_576) MB at 100k; \(elapsed)")
        XCTAssertLessThan(growth, 50 * 1_048_576, "resident memory grew by \(growth / 1_048_576) MB")
    }
}
