import XCTest
import Z3

/// Pinned questions decided by rewriting (`Z3GroundCheck`), worked by hand: with `x` fixed to
/// "arn:aws:iam::123456789012:root", `x ∈ arn:aws:iam::*` holds and `x ∈ arn:aws:sts::*` does
/// not; with `x` free nothing can be decided by rewriting. Each answer is checked against a solver.
final class Z3GroundCheckTests: XCTestCase {
    func testPinnedQuestionsAreDecidedByRewriting() throws {
        let context = try Z3Context()
        let x = try context.stringVariable("x")
        let root = "arn:aws:iam::123456789012:root"
        func prefix(_ text: String) throws -> Z3Bool { try x.matches(context.regex(text).concat(context.regexAllChar().star())) }
        let pin = try x.equals(context.string(root))

        guard case .sat(let model) = try Z3GroundCheck.decide([pin, prefix("arn:aws:iam::")], in: context) else {
            return XCTFail("a pinned ARN in its own prefix is satisfiable")
        }
        XCTAssertEqual(try model.value(of: x), root)
        guard case .unsat = try Z3GroundCheck.decide([pin, prefix("arn:aws:sts::")], in: context) else {
            return XCTFail("an iam ARN is not in the sts prefix")
        }
        guard case .undecided = try Z3GroundCheck.decide([prefix("arn:aws:iam::"), x.notEquals(context.string(root))], in: context) else {
            return XCTFail("a free variable under a regular constraint is left to a solver")
        }
        // The solver agrees on the two decided questions.
        for (formulas, satisfiable) in [([pin, try prefix("arn:aws:iam::")], true), ([pin, try prefix("arn:aws:sts::")], false)] {
            let solver = try Z3Solver(context: context)
            for formula in formulas { try solver.assert(formula) }
            XCTAssertEqual(try solver.check().isSat, satisfiable)
        }
    }
}
