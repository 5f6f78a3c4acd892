import Foundation

/// Runs `count` jobs on `workers` threads, each job once, and returns their results in job
/// order. Each job runs entirely on one thread, so a job may create and use values that must
/// not cross threads (a Z3 context) as long as they do not escape it.
public enum ParallelWorkers {
    public static func run<Result: Sendable>(count: Int, workers: Int, progress: (@Sendable (Int) -> Void)? = nil,
                                      _ job: @escaping @Sendable (Int) -> Result) -> [Result] {
        let state = SharedState<Result>(count: count)
        let group = DispatchGroup()
        for _ in 0..<max(1, min(workers, count)) {
            group.enter()
            let thread = Thread {
                while let index = state.next() {
                    let result = job(index)
                    let done = state.store(result, at: index)
                    progress?(done)
                }
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        return state.results()
    }

    private final class SharedState<Result: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var nextIndex = 0
        private var done = 0
        private var slots: [Result?]
        private let count: Int

        init(count: Int) {
            self.count = count
            slots = Array(repeating: nil, count: count)
        }

        func next() -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard nextIndex < count else { return nil }
            nextIndex += 1
            return nextIndex - 1
        }

        func store(_ result: Result, at index: Int) -> Int {
            lock.lock(); defer { lock.unlock() }
            slots[index] = result
            done += 1
            return done
        }

        func results() -> [Result] {
            lock.lock(); defer { lock.unlock() }
            return slots.compactMap { $0 }
        }
    }
}
