import Authorizer
import Encoding
import Foundation
import XCTest

/// Memory stays flat over many decisions in one process: every Z3 context, term, solver and model
/// the encoding creates must be released. 10,000 decisions in CI (a new policy set and batch every
/// 1,000, one in ten through `SymbolicAuthorizer.decide`, which builds a fresh context each time);
/// 100,000 when `RAMPART_DIFFERENTIAL_CHECKS` asks for a long run (docs/TESTING.md).
final class DecideMemoryTests: XCTestCase {
    static var decisions: Int { DifferentialBudget.scale >= 10 ? 100_000 : 10_000 }
    /// Allowed growth of resident memory between 20% of the run and its end.
    static let maximumGrowthBytes = 50 * 1024 * 1024

    /// Resident set size from /proc/self/statm (pages x page size); nil where there is no /proc.
    static func residentBytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    func testResidentMemoryStaysFlatOverManyDecisions() throws {
        try XCTSkipIf(Self.residentBytes() == nil, "no /proc/self/statm on this platform")
        var policies = PolicyGenerator(seed: 0x0000_3E3E)
        var requests = RequestGenerator(seed: 0x0000_3E3F)
        let total = Self.decisions
        var batch: SymbolicAuthorizer.Batch?
        var early = 0, start = Date(), failures = 0
        for index in 0..<total {
            if index % 1_000 == 0 { batch = SymbolicAuthorizer.Batch(policies: policies.validPolicySet(small: true).1) }
            guard let current = batch else { continue }
            let request = requests.request(for: current.policies)
            let decision = index % 10 == 0
                ? try SymbolicAuthorizer.decide(request, policies: current.policies)
                : try current.decide(request)
            let expected: SymbolicDecision = Authorizer.evaluate(request, policies: current.policies).outcome == .allow ? .allowed : .denied
            if decision != expected { failures += 1 }
            if index + 1 == total / 5 {
                early = Self.residentBytes() ?? 0
                start = Date()
            }
        }
        batch = nil
        let late = Self.residentBytes() ?? 0
        let seconds = Date().timeIntervalSince(start)
        print("DecideMemoryTests: \(total) decisions; resident \(early / 1_048_576) MB at 20%, \(late / 1_048_576) MB at the end "
              + "(growth \((late - early) / 1024) KB); " + String(format: "%.2f ms per decision after 20%%", seconds * 1000 / Double(total * 4 / 5)))
        XCTAssertEqual(failures, 0, "decisions disagreeing with the Authorizer")
        XCTAssertLessThan(late - early, Self.maximumGrowthBytes)
    }
}
