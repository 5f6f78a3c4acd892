import XCTest

/// Differential testing of the encoding against the Authorizer (docs/TESTING.md; DESIGN.md §4.2):
/// for every generated (policy set, request) pair, `Authorizer.evaluate(...).outcome == .allow`
/// exactly when `SymbolicAuthorizer.decide(...) == .allowed`. A solver `unknown` or an
/// `EncodingError` on a generated input is a failure too.
///
/// Eight methods with fixed distinct seeds, so that `swift test --parallel` spreads them over the
/// cores; each does `DifferentialBudget.checksPerMethod` checks (2,560 by default, 20,480 in all).
final class DifferentialTests: XCTestCase {
    private func check(seed: UInt64, classes: Bool = false) {
        var runner = DifferentialRunner()
        runner.classes = classes
        let report = runner.run(seed: seed, checks: DifferentialBudget.checksPerMethod)
        print("DifferentialTests seed \(seed): \(report.summary)")
        for failure in report.failures { XCTFail(failure) }
        XCTAssertGreaterThan(report.allowed, report.checks / 50, "too few allowed requests: the generator lost its collisions")
        XCTAssertGreaterThan(report.checks - report.allowed, report.checks / 50, "too few denied requests")
    }

    func testSeed1() { check(seed: 0x0001_D1FF) }
    func testSeed2() { check(seed: 0x0002_D1FF) }
    func testSeed3() { check(seed: 0x0003_D1FF) }
    func testSeed4() { check(seed: 0x0004_D1FF) }
    func testSeed5() { check(seed: 0x0005_D1FF) }
    func testSeed6() { check(seed: 0x0006_D1FF) }
    func testSeed7() { check(seed: 0x0007_D1FF) }
    func testSeed8() { check(seed: 0x0008_D1FF) }

    // The same with the action and the resource encoded as classes of the policies' patterns
    // (`ActionClasses`, `ResourceClasses` over every resource, where no `Resource` value has a
    // variable): every membership the formulas test comes from the classes' vectors.
    func testClassesSeed1() { check(seed: 0x0001_AC1A, classes: true) }
    func testClassesSeed2() { check(seed: 0x0002_AC1A, classes: true) }
}
