import Analysis
import ArgumentParser

/// The solver's bounds, the same options with the same defaults on every command that asks it
/// (`check`, the custom checks, `scan`).
struct SolverOptions: ParsableArguments {
    /// One default for every command: a question past it is UNPROVEN, never safe.
    static let defaultTimeoutMilliseconds: UInt32 = 30_000

    @Option(name: .customLong("timeout-ms"),
            help: "Time bound per question, in milliseconds: all of a resource's analysis (building, solving, enumerating), not only solver calls (default \(SolverOptions.defaultTimeoutMilliseconds) on every command). Past it the answer is UNPROVEN, never safe.")
    var timeoutMilliseconds: UInt32 = SolverOptions.defaultTimeoutMilliseconds

    @Option(name: .customLong("memory-mb"),
            help: "Memory limit for the solver, in megabytes (Z3's memory_max_size; default: none). Over it the answer is UNPROVEN.")
    var memoryMegabytes: UInt32?

    func validate() throws {
        if timeoutMilliseconds == 0 { throw ValidationError("--timeout-ms must be at least 1") }
        if memoryMegabytes == 0 { throw ValidationError("--memory-mb must be at least 1") }
    }

    /// The analysis's options with these bounds, for `engine`, enumerating up to `findings`.
    func analysisOptions(engine: AnalysisEngine = .fast, findings: FindingLimitOptions) -> AnalysisOptions {
        var options = engine.options(timeoutMilliseconds: timeoutMilliseconds)
        options.maximumFindings = findings.maximumFindings
        return options
    }

    /// Sets the process-wide memory limit (before any question is asked).
    func apply() {
        if let memoryMegabytes { SolverMemory.setLimit(megabytes: memoryMegabytes) }
    }
}
