import CZ3
import Foundation

/// Interrupts one running `check` on a context once a deadline has passed, by calling
/// `Z3_interrupt` (which Z3 documents as callable from another thread) from a helper
/// thread.
///
/// Why not Z3's own `timeout` parameter: in libz3 4.8.12 (Debian's) an *expiring*
/// `timeout` can deadlock the next check in Z3's thread-pool `scoped_timer` (Z3 PR
/// #5371, issue #5990). Reproduced here in plain C: a 1-20 ms `timeout` on a hard
/// query hangs forever within the first 100 checks. The watchdog never uses Z3's timer.
///
/// Safety: `Z3_interrupt` is only called while the watchdog is armed and holds its
/// lock, and ``disarm()`` clears `armed` under the same lock, so once `disarm()`
/// returns the raw context is never touched again. `Z3_interrupt` outside a check is
/// a no-op, so the watchdog repeats it every 10 ms after the deadline until disarmed
/// (an interrupt that lands before the check starts is not lost).
final class Z3Watchdog: @unchecked Sendable {
    private let condition = NSCondition()
    private let context: Z3_context
    private var armed = true
    private var didFire = false

    /// Starts the helper thread; the deadline is `milliseconds` from now.
    init(context: Z3_context, milliseconds: UInt32) {
        self.context = context
        let deadline = Date(timeIntervalSinceNow: Double(milliseconds) / 1_000)
        let thread = Thread { [self] in watch(until: deadline) }
        thread.stackSize = 64 * 1024
        thread.start()
    }

    /// Stops the watchdog. Returns whether it interrupted Z3.
    func disarm() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        armed = false
        condition.signal()
        return didFire
    }

    private func watch(until firstDeadline: Date) {
        condition.lock()
        defer { condition.unlock() }
        var deadline = firstDeadline
        while armed {
            if !condition.wait(until: deadline), armed {
                Z3_interrupt(context)
                didFire = true
                deadline = Date(timeIntervalSinceNow: 0.010)
            }
        }
    }
}
