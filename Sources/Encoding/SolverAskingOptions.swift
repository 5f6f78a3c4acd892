import Z3

/// How `SolverAsker` puts questions to Z3: the timeout of every call and which of the cheaper
/// ways to an answer it tries first (each changes only how an answer is found, never which).
public struct SolverAskingOptions: Sendable {
    /// Per solver call; a timeout is an `unknown` answer, never a proof.
    public var timeoutMilliseconds: UInt32
    /// Ask first without the alphabet constraints of names and actions
    /// (`SymbolicAuthorization.wellFormedness(alphabets:)`), in full only when that does not settle it.
    public var relaxedAlphabets: Bool
    /// Give each free question a new solver, which Z3 preprocesses as a whole, instead of a scope
    /// of the asker's shared solver (its incremental core).
    public var freshSearches: Bool
    /// With `relaxedAlphabets` and `freshSearches`: a free question first goes to a new solver of
    /// kind `firstSolver` within this much of Z3's deterministic resource count (`rlimit`); 0 skips it.
    public var firstTryBudget: UInt32
    /// The kind of solver of that first try.
    public var firstSolver: Z3Solver.Kind
    /// Where every solver call is recorded as an SMT-LIB2 benchmark (`SolverQuestionRecorder`);
    /// nil (the default): nothing is recorded.
    public var recorder: SolverQuestionRecorder?
    /// An `unknown` from the shared (incremental) solver is asked again, once, of a new
    /// `Z3Solver.Kind.preprocessed` solver within what is left of the call's time: Z3 4.15.4's
    /// incremental core gives up on pinned checks a preprocessing solver answers in milliseconds
    /// (issue 17 item 5). The shared try then gets half of the call's time. On by default.
    public var retryUnknownInFreshSolver: Bool
    /// Tests only: tries of the solvers this names (`"shared"`, `"fresh preprocessed"`, ...)
    /// answer `unknown` without asking Z3, to force the retry paths.
    var simulatedUnknown: (@Sendable (String) -> Bool)?

    public init(timeoutMilliseconds: UInt32 = 10_000, relaxedAlphabets: Bool = false, freshSearches: Bool = true,
                firstTryBudget: UInt32 = 0, firstSolver: Z3Solver.Kind = .preprocessed, recorder: SolverQuestionRecorder? = nil,
                retryUnknownInFreshSolver: Bool = true) {
        self.retryUnknownInFreshSolver = retryUnknownInFreshSolver
        self.timeoutMilliseconds = timeoutMilliseconds
        self.relaxedAlphabets = relaxedAlphabets
        self.freshSearches = freshSearches
        self.firstTryBudget = firstTryBudget
        self.firstSolver = firstSolver
        self.recorder = recorder
    }
}
