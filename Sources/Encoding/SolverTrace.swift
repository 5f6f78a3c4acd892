import Foundation

/// The solver's diagnostics, switched on by the environment: `RAMPART_TRACE_SOLVER=1` prints
/// every question's answer and time on standard error, `RAMPART_DUMP_SMT=DIR` writes every
/// solver call's formulas to `DIR/…call-N-purpose.smt2`.
public enum SolverTrace {
    public static let enabled = ProcessInfo.processInfo.environment["RAMPART_TRACE_SOLVER"] == "1"
    public static let smtDumpFolder = ProcessInfo.processInfo.environment["RAMPART_DUMP_SMT"]

    /// One line on standard error (call only when `enabled`).
    public static func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Writes `text` to `name` in the dump folder, when there is one (best effort: a diagnostic).
    static func dump(_ text: String, name: String) {
        guard let folder = smtDumpFolder else { return }
        try? text.write(toFile: "\(folder)/\(name)", atomically: true, encoding: .utf8)
    }
}
