// rampart-bench --z3-creation N: what creating Z3 contexts and solvers costs in the linked libz3
// (docs/BENCHMARKS.md, "Context creation per Z3 version"), on one thread and on `--jobs` threads.
import BenchSupport
import Foundation
import Z3

/// A small string question of the kind the analyses ask: an action in a glob's language.
func smallQuestion(_ context: Z3Context) throws -> Bool {
    let action = try context.stringVariable("action")
    let glob = try context.regexConcat([context.regex("s3:Get"), context.regexFull()])
    let solver = try Z3Solver(context: context, timeoutMilliseconds: 10_000)
    try solver.assert(action.matches(glob))
    try solver.assert(action.hasSuffix(context.string("Object")))
    return try solver.check().isSat
}

/// Times `body` `count` times on each of `jobs` threads at once; every call's microseconds.
func timed(_ count: Int, jobs: Int, _ body: @escaping @Sendable () throws -> Void) -> (micros: [Double], wallSeconds: Double) {
    final class Times: @unchecked Sendable {
        let lock = NSLock()
        var micros: [Double] = []
        func add(_ values: [Double]) { lock.lock(); micros += values; lock.unlock() }
    }
    let times = Times()
    let group = DispatchGroup()
    let start = Date()
    for _ in 0..<jobs {
        group.enter()
        let thread = Thread {
            var mine: [Double] = []
            for _ in 0..<count {
                let begin = DispatchTime.now().uptimeNanoseconds
                try? body()
                mine.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e3)
            }
            times.add(mine)
            group.leave()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }
    group.wait()
    return (times.micros, Date().timeIntervalSince(start))
}

func measureCreation(count: Int, jobs: Int) {
    print("z3-creation: Z3 \(Z3Version.current), \(count) repetitions per thread, threads 1 and \(jobs)")
    // Under load a thread is often descheduled mid-call: min is the undisturbed cost, p50 and mean are not.
    print("operation                                          threads      n    min_us   mean_us    p50_us    p99_us   wall_s")
    let operations: [(String, @Sendable () throws -> Void)] = [
        ("context (Z3_mk_context_rc + Z3_del_context)", { _ = try Z3Context() }),
        ("context + general solver", { _ = try Z3Solver(context: try Z3Context()) }),
        ("context + simple solver", { _ = try Z3Solver(context: try Z3Context(), kind: .simple) }),
        ("context + preprocessed solver", { _ = try Z3Solver(context: try Z3Context(), kind: .preprocessed) }),
        ("context + small string question", { _ = try smallQuestion(try Z3Context()) }),
    ]
    for threads in Array(Set([1, jobs])).sorted() {
        for (name, body) in operations {
            let (micros, wall) = timed(count, jobs: threads, body)
            let summary = LatencySummary(milliseconds: micros)
            print(name.padding(toLength: 50, withPad: " ", startingAt: 0) + "\(threads)".leftPadded(8) + "\(micros.count)".leftPadded(7)
                  + String(format: "%.1f", micros.min() ?? 0).leftPadded(10) + String(format: "%.1f", summary.mean).leftPadded(10) + String(format: "%.1f", summary.p50).leftPadded(10)
                  + String(format: "%.1f", summary.p99).leftPadded(10) + String(format: "%.2f", wall).leftPadded(9))
        }
        // The same question on one context per thread, reused: what a per-worker context saves.
        let (micros, wall) = timed(count, jobs: threads, {
            let holder = reusedContext()
            _ = try smallQuestion(holder)
        })
        let summary = LatencySummary(milliseconds: micros)
        print("reused context + small string question".padding(toLength: 50, withPad: " ", startingAt: 0) + "\(threads)".leftPadded(8)
              + "\(micros.count)".leftPadded(7) + String(format: "%.1f", micros.min() ?? 0).leftPadded(10) + String(format: "%.1f", summary.mean).leftPadded(10)
              + String(format: "%.1f", summary.p50).leftPadded(10) + String(format: "%.1f", summary.p99).leftPadded(10)
              + String(format: "%.2f", wall).leftPadded(9))
    }
}

/// One context per thread, kept in thread-local storage (never crosses threads).
func reusedContext() -> Z3Context {
    let key = "rampart-bench.z3-creation.context"
    if let context = Thread.current.threadDictionary[key] as? Z3Context { return context }
    // A context that cannot be made fails the whole measurement.
    guard let context = try? Z3Context() else { fail("cannot create a Z3 context") }
    Thread.current.threadDictionary[key] = context
    return context
}
