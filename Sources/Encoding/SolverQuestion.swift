import Authorizer
import Z3

/// One question for the solver about a compiled authorization's request: is there a request
/// that meets `assertions` (and the `tracked` ones)? The request's well-formedness is not part
/// of the question: the asker (`SolverAsker`) adds it, after the question's assertions are
/// built, so it covers every principal field they read.
///
/// ```swift
/// let question = SolverQuestion([authorization.allowed, external], purpose: "next finding")
/// let answer = try asker.ask(question) { model in request = try authorization.decode(model) }
/// ```
public struct SolverQuestion {
    /// Why it is asked: traces and SMT dump names say it.
    public var purpose: String
    public var assertions: [Z3Bool]
    /// Assertions named for an unsat core: an UNSAT answer lists the labels it needed
    /// (`Z3CheckResult.unsat(core:)`).
    public var tracked: [(label: String, formula: Z3Bool)]
    /// The concrete request the question is fixed to, if any: the asker pins it
    /// (`SymbolicAuthorization.pin`), decides it by rewriting where it can (`Z3GroundCheck`), and
    /// forgets the principal fields the pin read, so later questions keep their small
    /// well-formedness constraints.
    public var pinnedRequest: Request?

    public init(_ assertions: [Z3Bool], tracked: [(label: String, formula: Z3Bool)] = [], purpose: String) {
        self.purpose = purpose
        self.assertions = assertions
        self.tracked = tracked
    }

    /// The question with the request fixed to `request`.
    public func pinned(to request: Request) -> SolverQuestion {
        var question = self
        question.pinnedRequest = request
        question.purpose += ", pinned"
        return question
    }
}
