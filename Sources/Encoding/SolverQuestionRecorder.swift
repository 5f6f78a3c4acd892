import Foundation
import Z3

/// One solver call as `SolverAsker` made it, written out as a standalone SMT-LIB2 benchmark.
public struct RecordedSolverQuestion: Sendable {
    /// Position among the questions of its recorder, from 1.
    public var ordinal: Int
    /// The question's purpose (`SolverQuestion.purpose`: "next finding", "explanation",
    /// "custom check", …), which says what kind of question it is.
    public var purpose: String
    /// How it was asked: which solver, with or without the alphabets, within which budget.
    public var attempt: String
    /// What the asker was asking about (`SolverAsker.subject`).
    public var subject: String
    /// Rampart's own answer.
    public var status: Z3BenchmarkStatus
    /// Wall time of Rampart's `check`.
    public var milliseconds: Double
    /// The lemmas, the question's assertions (tracked ones as plain assertions) and the
    /// well-formedness, with `(set-info :status …)` and `(check-sat)`.
    public var smtlib: String
}

/// Collects every solver call of the askers it is given to (`SolverAskingOptions.recorder`), as
/// SMT-LIB2 benchmarks any solver can run (`rampart-bench --export-smt`, docs/BENCHMARKS.md).
/// Off unless a recorder is set; recording never changes an answer.
///
/// What is recorded: every solver call, except a first try that ran out of its resource budget
/// (the same assertions are asked again at once without a budget, and that call is recorded).
/// Ground checks are rewriting, not solver calls, and are not recorded.
///
/// ```swift
/// let recorder = SolverQuestionRecorder()
/// var options = AnalysisOptions(); options.recorder = recorder
/// _ = ExternalAccessAnalyzer.analyze(bucket, zone: zone, options: options)
/// for question in recorder.questions { print(question.ordinal, question.status, question.purpose) }
/// ```
public final class SolverQuestionRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [RecordedSolverQuestion] = []
    /// With a limit, every solver call of the askers recording here is bounded by Z3's
    /// deterministic resource count (`rlimit`) besides the timeout: given a timeout long enough
    /// never to be reached, each call's answer — and so each file's status — is the same on every
    /// run, however loaded the machine (`rampart-bench --export-rlimit`). A call that already has
    /// a smaller budget (a first try) keeps it.
    public let resourceLimit: UInt32?

    public init(resourceLimit: UInt32? = nil) {
        self.resourceLimit = resourceLimit
    }

    /// Every question recorded so far, in the order they were asked.
    public var questions: [RecordedSolverQuestion] {
        lock.lock(); defer { lock.unlock() }
        return recorded
    }

    /// Appends one question, numbering it.
    func record(purpose: String, attempt: String, subject: String, status: Z3BenchmarkStatus, milliseconds: Double,
                smtlib: String) {
        lock.lock(); defer { lock.unlock() }
        recorded.append(RecordedSolverQuestion(ordinal: recorded.count + 1, purpose: purpose, attempt: attempt, subject: subject,
                                               status: status, milliseconds: milliseconds, smtlib: smtlib))
    }
}
