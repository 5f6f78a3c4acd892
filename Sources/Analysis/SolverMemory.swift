import Foundation
import Z3

/// The solver's memory as the layers above Analysis manage it (scans, commands), so they need
/// not know which solver Analysis uses: a cap on what it may allocate, and handing freed heap
/// back to the system.
public enum SolverMemory {
    /// Caps what the solver allocates in this process, in megabytes; nil removes the cap. Over
    /// it a question answers unknown (UNPROVEN), never "safe" (`Z3Global.setMemoryLimit`).
    public static func setLimit(megabytes: UInt32?) { Z3Global.setMemoryLimit(megabytes: megabytes) }

    /// Returns freed heap to the system now (`Z3Global.returnFreedMemory`).
    public static func returnFreed() { Z3Global.returnFreedMemory() }

    /// Returns freed heap to the system at most once a second, from any thread: often enough
    /// that a scan's resident size follows what it holds, rarely enough to cost nothing
    /// measurable (trimming after every analysis cost ~10 s of a 40 s scan).
    public final class Trimmer: @unchecked Sendable {
        private let lock = NSLock()
        private var last = Date.distantPast

        public init() {}

        /// Called after each use of the solver.
        public func afterSolverUse() {
            lock.lock()
            let now = Date()
            let due = now.timeIntervalSince(last) >= 1
            if due { last = now }
            lock.unlock()
            if due { SolverMemory.returnFreed() }
        }
    }
}
