import Foundation

/// Runs `count` jobs on `workers` threads, each job once, and returns their results in job
/// order. Each job runs entirely on one thread, so a job may create and use values that must
/// not cross threads (a Z3 context) as long as they do not escape it.
///
/// Each result is written straight into the array returned, at its job's place: a scan's
/// 100,000 results are never held twice (a list of optional slots copied into the answer at the
/// end was the scan's peak).
///
/// ```swift
/// ParallelWorkers.run(count: 4, workers: 2) { $0 * $0 }   // [0, 1, 4, 9]
/// ```
public enum ParallelWorkers {
    public static func run<Result: Sendable>(count: Int, workers: Int, progress: (@Sendable (Int) -> Void)? = nil,
                                      _ job: @escaping @Sendable (Int) -> Result) -> [Result] {
        guard count > 0 else { return [] }
        return Array(unsafeUninitializedCapacity: count) { buffer, initializedCount in
            guard let base = buffer.baseAddress else { return }
            let slots = Slots(base: base)
            let state = SharedState(count: count)
            let group = DispatchGroup()
            for _ in 0..<max(1, min(workers, count)) {
                group.enter()
                let thread = Thread {
                    while let index = state.next() {
                        slots.initialize(index, to: job(index))
                        progress?(state.finished())
                    }
                    group.leave()
                }
                thread.stackSize = 8 << 20
                thread.start()
            }
            group.wait()
            // Every index below `count` was handed out once and its job's result written.
            initializedCount = count
        }
    }

    /// The answer's storage, written by the workers at distinct places (each index is handed
    /// out once); read only after every worker has left the group.
    private struct Slots<Result>: @unchecked Sendable {
        let base: UnsafeMutablePointer<Result>

        func initialize(_ index: Int, to result: Result) {
            (base + index).initialize(to: result)
        }
    }

    /// Hands out job indices once each, and counts the jobs done.
    private final class SharedState: @unchecked Sendable {
        private let lock = NSLock()
        private var nextIndex = 0
        private var done = 0
        private let count: Int

        init(count: Int) {
            self.count = count
        }

        func next() -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard nextIndex < count else { return nil }
            nextIndex += 1
            return nextIndex - 1
        }

        /// One more job done; returns how many are.
        func finished() -> Int {
            lock.lock(); defer { lock.unlock() }
            done += 1
            return done
        }
    }
}
