/// The time one question may take as a whole — building its formulas, its classes, the solver
/// calls and the enumeration between them — from `--timeout-ms` at the question's start.
///
/// Loops that can run long check it (`check(in:)`) and solver calls get what is left
/// (`remainingMilliseconds`); past the deadline the question is UNPROVEN with the phase that
/// ran out (`QuestionBoundReached`), never safe.
///
/// ```swift
/// let budget = QuestionBudget(milliseconds: 10_000)
/// for pattern in patterns {
///     try budget.check(in: "building action classes")   // throws past the deadline
/// }
/// let limit = budget.remainingMilliseconds(capped: 10_000) // for the next solver call
/// ```
public struct QuestionBudget: Sendable {
    /// When the question's time is up; nil: no bound.
    public let deadline: ContinuousClock.Instant?

    /// A budget of `milliseconds` from `start`; nil: unbounded.
    public init(milliseconds: UInt32?, from start: ContinuousClock.Instant = .now) {
        deadline = milliseconds.map { start + .milliseconds(Int64($0)) }
    }

    /// No bound (the callers that bound each solver call only).
    public static let unbounded = QuestionBudget(milliseconds: nil)

    /// True once the deadline has passed.
    public var isExhausted: Bool {
        guard let deadline else { return false }
        return ContinuousClock.now >= deadline
    }

    /// The milliseconds left, at most `cap` (0 once the deadline has passed; `cap` when unbounded).
    public func remainingMilliseconds(capped cap: UInt32) -> UInt32 {
        guard let deadline else { return cap }
        let left = deadline - ContinuousClock.now
        guard left > .zero else { return 0 }
        let milliseconds = left.components.seconds * 1_000 + left.components.attoseconds / 1_000_000_000_000_000
        return UInt32(clamping: min(Int64(cap), max(milliseconds, 1)))
    }

    /// Throws `QuestionBoundReached` naming `phase` once the deadline has passed.
    public func check(in phase: @autoclosure () -> String) throws {
        if isExhausted { throw QuestionBoundReached(phase: phase()) }
    }
}

/// A question ran past its time bound (`QuestionBudget`) in `phase`: its answer is UNPROVEN.
public struct QuestionBoundReached: Error, CustomStringConvertible, Sendable {
    public let phase: String

    public init(phase: String) { self.phase = phase }

    public var description: String { "\(QuestionBoundReached.prefix) \(phase)" }

    /// How every such reason begins (an `unknown` answer's reason says it too).
    public static let prefix = "time bound reached in"
}
