import Authorizer
import Z3

/// The one place that puts questions (`SolverQuestion`) about a compiled authorization to Z3.
///
/// It owns the sequence of tries of each question, the timeouts and resource budgets, the
/// request's well-formedness (asserted after the question's own assertions, so it covers every
/// principal field they read, and callers need no ordering rule), pins, the count of solver
/// calls and the diagnostics (`SolverTrace`). Every try changes only how an answer is found:
///
/// - A pinned question is first rewritten to `true`/`false` by `Z3GroundCheck`, without a
///   solver; a solver is asked only when something is left.
/// - With `relaxedAlphabets`, a question is first asked without the alphabet constraints of the
///   principal's names and the action (`wellFormedness(alphabets: false)`), whose regular
///   expressions make Z3 several times slower: an UNSAT answer then holds with them too (fewer
///   constraints only add models), and a model counts when `alphabetsHold` finds it meets them
///   anyway. Otherwise (a model with, say, an empty role name, or no answer) a well-formed repair
///   of the model is pinned and checked in full (`repairAccount`), and failing that the full
///   question is asked.
/// - A free question first goes to a cheap new solver (`firstSolver`: the general solver's own
///   preprocessing as a tactic pipeline, without its set-up) within a budget of Z3's
///   deterministic resource count: a small question is answered there in well under a
///   millisecond, where a general solver costs ~2-6 ms to set up; out of budget is no answer,
///   and a general solver is asked.
/// - Free questions get a new solver each (`freshSearches`): Z3 then preprocesses the formula as
///   a whole with its tactics before searching, instead of the incremental core it switches to
///   after a first `push`. Pinned questions share one solver, in a scope (a ground question:
///   milliseconds, and creating a solver costs more).
///
/// - An `unknown` from the shared solver (its incremental core) is asked once more of a new
///   preprocessing solver within what is left of the call's time (`retryUnknownInFreshSolver`):
///   a newer Z3's incremental core can give up where preprocessing answers at once.
///
/// A question with tracked assertions (for an unsat core) always gets new solvers, and its first
/// try a simple solver within a smaller budget: the preprocessing solver's tactics may eliminate
/// tracked assertions, which leaves cores empty, and the simple solver is poor at hard questions.
///
/// ```swift
/// let asker = SolverAsker(authorization: authorization, options: SolverAskingOptions(timeoutMilliseconds: 2_000))
/// switch try asker.ask(SolverQuestion([authorization.allowed], purpose: "any request")) {
/// case .sat(let model): print(try authorization.decode(model))
/// case .unsat: print("nothing is allowed")
/// case .unknown(let reason): print("UNPROVEN: \(reason)")
/// }
/// ```
public final class SolverAsker {
    public let authorization: SymbolicAuthorization
    public let options: SolverAskingOptions
    /// Solver checks made so far (ground checks are not solver calls).
    public private(set) var calls = 0
    /// The time the whole question has (`QuestionBudget`): each solver call gets at most what is
    /// left of it (and at most `options.timeoutMilliseconds`); past it, calls answer `unknown`
    /// with the reason "time bound reached in solving" without asking.
    public var budget: QuestionBudget = .unbounded
    /// Facts true of every request, asserted in every solver.
    private let lemmas: [Z3Bool]
    /// The account a repair puts in place of an account id outside its alphabet (one outside the
    /// zone, so that the repair stays an outside request); nil: models are not repaired.
    private let repairAccount: String?
    /// What the trace names after each call (the resource asked about).
    private let subject: String
    /// Prefix of SMT dump file names (two askers of one analysis write different files).
    private let dumpPrefix: String
    private var sharedSolver: Z3Solver?
    /// Set once a ground check took longer than a solver's pinned check usually does: rewriting a
    /// long ARN through a pattern with several wildcards can cost more than a solver's pinned
    /// check, so later pins go to the solver. Both answers are exact.
    private var groundChecksAreSlow = false
    /// When the asker was made (the trace prints each call's start relative to it).
    private let createdAt = ContinuousClock.now
    private var context: Z3Context { authorization.request.context }

    public init(authorization: SymbolicAuthorization, options: SolverAskingOptions, lemmas: [Z3Bool] = [],
                repairAccount: String? = nil, subject: String = "", dumpPrefix: String = "") {
        self.authorization = authorization
        self.options = options
        self.lemmas = lemmas
        self.repairAccount = repairAccount
        self.subject = subject
        self.dumpPrefix = dumpPrefix
    }

    /// The answer to `question`; `onModel` reads a model of the full question (well-formedness
    /// and alphabets included) before its solver's scope is left.
    public func ask(_ question: SolverQuestion, onModel: (Z3Model) throws -> Void = { _ in }) throws -> Z3CheckResult {
        guard let request = question.pinnedRequest else { return try settle(question, pinned: false, onModel: onModel) }
        if SolverTrace.enabled { SolverTrace.write("pinning \(RequestFile.encode(request))") }
        return try authorization.request.principal.restoringUsedFields { () throws -> Z3CheckResult in
            guard let pin = try? authorization.pin(request) else {
                return .unknown(reason: "the request cannot be pinned: \(RequestFile.encode(request))")
            }
            var pinned = question
            pinned.assertions.append(pin)
            return try settle(pinned, pinned: true, onModel: onModel)
        }
    }

    /// Where a try is asked: the asker's shared solver (in a scope), or a new one.
    private enum Solver: CustomStringConvertible {
        case shared
        case fresh(Z3Solver.Kind)

        var description: String {
            switch self {
            case .shared: return "shared"
            case .fresh(.general): return "fresh"
            case .fresh(.simple): return "fresh simple"
            case .fresh(.preprocessed): return "fresh preprocessed"
            }
        }
    }

    /// One try of a question: which solver, within which budget, with or without the alphabets.
    private struct Attempt {
        var solver: Solver
        var budget: UInt32?
        var alphabets: Bool
    }

    /// The tries of a question, in order; the last one is the full question.
    private func attempts(pinned: Bool, tracked: Bool) -> [Attempt] {
        var attempts: [Attempt] = []
        let budget = options.firstTryBudget
        if tracked {
            if options.relaxedAlphabets {
                if budget > 0 { attempts.append(Attempt(solver: .fresh(.simple), budget: min(budget, 20_000), alphabets: false)) }
                attempts.append(Attempt(solver: .fresh(.general), alphabets: false))
            }
            attempts.append(Attempt(solver: .fresh(.general), alphabets: true))
            return attempts
        }
        if options.relaxedAlphabets {
            if pinned || !options.freshSearches {
                attempts.append(Attempt(solver: .shared, alphabets: false))
            } else {
                if budget > 0 { attempts.append(Attempt(solver: .fresh(options.firstSolver), budget: budget, alphabets: false)) }
                attempts.append(Attempt(solver: .fresh(.general), alphabets: false))
            }
        }
        attempts.append(Attempt(solver: options.freshSearches && !pinned ? .fresh(.general) : .shared, alphabets: true))
        return attempts
    }

    /// The tries of `question` until one settles it.
    private func settle(_ question: SolverQuestion, pinned: Bool, onModel: (Z3Model) throws -> Void) throws -> Z3CheckResult {
        let tracked = !question.tracked.isEmpty
        if pinned, let decided = try groundCheck(question, onModel: onModel) { return decided }
        var answer: Z3CheckResult = .unknown(reason: "not asked")
        for attempt in attempts(pinned: pinned, tracked: tracked) {
            if attempt.alphabets { return try check(question, attempt, onModel: onModel) }
            var accepted = false
            var repaired: Request?
            answer = try check(question, attempt) { model in
                guard try authorization.alphabetsHold(in: model) else {
                    if !pinned, !tracked, let repairAccount {
                        repaired = try? authorization.decodeRepairing(model, fallbackAccount: repairAccount)
                    }
                    return
                }
                accepted = true
                try onModel(model)
            }
            if answer.isUnsat || (answer.isSat && accepted) { return answer }
            // Out of time without the alphabets: with them the question is no easier, and asking
            // would only double the wait for the same UNPROVEN. (A question for an unsat core is
            // asked in full all the same.)
            if case .unknown(let reason) = answer, reason == "timeout", attempt.budget == nil, !tracked { return answer }
            // A model with, say, an empty role name: the same request with well-formed names
            // usually is one too, which a pinned check of the full question confirms.
            if let repaired, let confirmed = try confirm(repaired, of: question, onModel: onModel), confirmed.isSat {
                return confirmed
            }
        }
        return answer
    }

    /// `question` pinned to a repaired model, asked in full (after a ground check).
    private func confirm(_ repaired: Request, of question: SolverQuestion,
                         onModel: (Z3Model) throws -> Void) throws -> Z3CheckResult? {
        if SolverTrace.enabled { SolverTrace.write("  repaired: \(RequestFile.encode(repaired))") }
        return try authorization.request.principal.restoringUsedFields { () throws -> Z3CheckResult? in
            guard let pin = try? authorization.pin(repaired) else { return nil }
            var pinned = question
            pinned.purpose += " repaired"
            pinned.assertions.append(pin)
            if let decided = try groundCheck(pinned, onModel: onModel) { return decided }
            return try check(pinned, Attempt(solver: .shared, alphabets: true), onModel: onModel)
        }
    }

    /// A pinned question decided by rewriting alone (`Z3GroundCheck`): the same formulas reduced
    /// to `true` or `false` once the pinned literals are substituted; nil when something is left
    /// undecided or the model breaks an alphabet (then a solver is asked). Without the alphabets
    /// UNSAT holds with them too.
    private func groundCheck(_ question: SolverQuestion, onModel: (Z3Model) throws -> Void) throws -> Z3CheckResult? {
        guard !groundChecksAreSlow, question.tracked.isEmpty else { return nil }
        // The alphabets are checked on the model instead (`alphabetsHold`): rewriting a long
        // name through their regular expressions costs more than the rest.
        let formulas = lemmas + question.assertions + [try authorization.wellFormedness(alphabets: false)]
        let started = ContinuousClock.now
        let outcome = try Z3GroundCheck.decide(formulas, in: context)
        // A wall-clock adaptation: left out while recording, so an export's questions do not
        // depend on how loaded the machine was (issue 23, deterministic exports).
        if options.recorder == nil, ContinuousClock.now - started > .milliseconds(5) { groundChecksAreSlow = true }
        if SolverTrace.enabled {
            let answer: String
            switch outcome {
            case .sat: answer = "sat"
            case .unsat: answer = "unsat"
            case .undecided: answer = "undecided"
            }
            SolverTrace.write("ground check (\(question.purpose)) at +\(started - createdAt): \(answer) in \(ContinuousClock.now - started)")
        }
        switch outcome {
        case .sat(let model):
            guard try authorization.alphabetsHold(in: model) else { return nil }
            try onModel(model)
            return .sat(model)
        case .unsat: return .unsat(core: [])
        case .undecided: return nil
        }
    }

    /// One try, and for an `unknown` of the shared solver one retry in a new preprocessing solver
    /// (`retryUnknownInFreshSolver`) within what is left of the call's time.
    private func check(_ question: SolverQuestion, _ attempt: Attempt, onModel: (Z3Model) throws -> Void) throws -> Z3CheckResult {
        let limit = budget.remainingMilliseconds(capped: options.timeoutMilliseconds)
        guard limit > 0 else { return .unknown(reason: QuestionBoundReached(phase: "solving").description) }
        guard case .shared = attempt.solver, options.retryUnknownInFreshSolver else {
            return try call(question, attempt, milliseconds: limit, onModel: onModel)
        }
        let started = ContinuousClock.now
        let first = try call(question, attempt, milliseconds: max(limit / 2, 1), onModel: onModel)
        guard case .unknown(let reason) = first else { return first }
        let spent = ContinuousClock.now - started
        let spentMilliseconds = spent.components.seconds * 1_000 + spent.components.attoseconds / 1_000_000_000_000_000
        let left = min(Int64(limit) - spentMilliseconds, Int64(budget.remainingMilliseconds(capped: limit)))
        guard left > 0 else { return first }
        if SolverTrace.enabled { SolverTrace.write("  shared solver: unknown (\(reason)); asking a fresh preprocessed solver") }
        var retry = attempt
        retry.solver = .fresh(.preprocessed)
        return try call(question, retry, milliseconds: UInt32(clamping: left), onModel: onModel)
    }

    /// One solver call within `milliseconds`: the lemmas, the question, then the well-formedness.
    private func call(_ question: SolverQuestion, _ attempt: Attempt, milliseconds: UInt32,
                      onModel: (Z3Model) throws -> Void) throws -> Z3CheckResult {
        if let simulated = options.simulatedUnknown, simulated(attempt.solver.description) {
            calls += 1
            return .unknown(reason: "simulated")
        }
        let solver: Z3Solver
        var fresh = true
        switch attempt.solver {
        case .shared:
            solver = try sharedSolver ?? makeSharedSolver()
            solver.setTimeout(milliseconds: milliseconds)
            fresh = false
        case .fresh(let kind):
            solver = try Z3Solver(context: context, timeoutMilliseconds: milliseconds, kind: kind)
        }
        if fresh {
            for lemma in lemmas { try solver.assert(lemma) }
        } else {
            try solver.push()
        }
        defer { if !fresh { try? solver.pop() } }
        for assertion in question.assertions { try solver.assert(assertion) }
        for (label, formula) in question.tracked { try solver.assertTracked(formula, label: label) }
        // Built after the assertions, so it covers every principal field they read.
        let wellFormed = try authorization.wellFormedness(alphabets: attempt.alphabets)
        try solver.assert(wellFormed)
        calls += 1
        let label = (attempt.alphabets ? question.purpose : question.purpose + " without alphabets")
            + ", \(attempt.solver)" + (attempt.budget.map { ", budget \($0)" } ?? "")
        if SolverTrace.smtDumpFolder != nil {
            SolverTrace.dump(solver.description + "\n(check-sat)\n", name: "\(dumpPrefix)call-\(calls)-\(label.filter(\.isLetter)).smt2")
        }
        let limit = attempt.budget ?? options.recorder?.resourceLimit
        if let limit { try solver.setResourceLimit(limit) }
        defer { if limit != nil && !fresh { try? solver.setResourceLimit(0) } }
        // Asserting a large question takes time too (a thousand regexes: seconds): the check gets
        // what is left of the question's time now, not when the call began.
        let left = budget.remainingMilliseconds(capped: milliseconds)
        guard left > 0 else { return .unknown(reason: QuestionBoundReached(phase: "solving").description) }
        solver.setTimeout(milliseconds: left)
        let started = ContinuousClock.now
        var result = try solver.check()
        let elapsed = ContinuousClock.now - started
        // Cut short by the question's bound rather than the call's own timeout: say so.
        if left < milliseconds, case .unknown(let reason) = result, reason == "timeout" {
            result = .unknown(reason: QuestionBoundReached(phase: "solving").description)
        }
        if let recorder = options.recorder {
            try record(question, wellFormed: wellFormed, label: label, attempt: attempt, result: result, elapsed: elapsed, in: recorder)
        }
        if SolverTrace.enabled {
            let offset = started - createdAt
            let answer = result.isSat ? "sat" : result.isUnsat ? "unsat" : "unknown"
            SolverTrace.write("solver call \(calls) (\(label)) at +\(offset): \(answer) in \(elapsed) (\(subject))")
        }
        if case .sat(let model) = result { try onModel(model) }
        return result
    }

    /// One solver call as a standalone SMT-LIB2 benchmark, with this call's answer as its status
    /// (a first try out of its budget is left out: the same assertions are asked next).
    private func record(_ question: SolverQuestion, wellFormed: Z3Bool, label: String, attempt: Attempt,
                        result: Z3CheckResult, elapsed: Duration, in recorder: SolverQuestionRecorder) throws {
        if attempt.budget != nil, case .unknown = result { return }
        let status = Z3BenchmarkStatus(result)
        let formulas = lemmas + question.assertions + question.tracked.map(\.formula) + [wellFormed]
        let text = try context.smtlibBenchmark(formulas, status: status)
        let milliseconds = Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
        recorder.record(purpose: question.purpose, attempt: label, subject: subject, status: status, milliseconds: milliseconds,
                        smtlib: text)
    }

    private func makeSharedSolver() throws -> Z3Solver {
        let solver = try Z3Solver(context: context, timeoutMilliseconds: options.timeoutMilliseconds)
        for lemma in lemmas { try solver.assert(lemma) }
        sharedSolver = solver
        return solver
    }
}
