// rampart-bench --solve-smt FILE...: SMT-LIB2 files checked by the linked libz3 through the C API,
// as the product checks its questions (a new context and a general solver per file, the
// watchdog's timeout). One JSON line per file on standard output, for scripts/solver-shootout.py.
import Foundation
import Z3

struct SolvedFile: Encodable {
    var file: String
    var status: String
    var milliseconds: Double
    var error: String?
}

func solveSMT(_ files: [String], timeoutMilliseconds: UInt32) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    for file in files {
        var solved = SolvedFile(file: file, status: "unknown", milliseconds: 0)
        do {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let context = try Z3Context()
            let solver = try Z3Solver(context: context, timeoutMilliseconds: timeoutMilliseconds)
            do {
                try solver.assert(smtlib: text)
            } catch {
                solved.status = "unsupported"
                throw error
            }
            let started = DispatchTime.now().uptimeNanoseconds
            let result = try solver.check()
            solved.milliseconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
            switch result {
            case .sat: solved.status = "sat"
            case .unsat: solved.status = "unsat"
            case .unknown(let reason): solved.status = reason == "timeout" ? "timeout" : "unknown"
            }
        } catch {
            if solved.status != "unsupported" { solved.status = "error" }
            solved.error = "\(error)"
        }
        // Written at once (not buffered), so the runner sees each answer as it comes.
        if let line = try? encoder.encode(solved) { FileHandle.standardOutput.write(line + Data("\n".utf8)) }
    }
}
