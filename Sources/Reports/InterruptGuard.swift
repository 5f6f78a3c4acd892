#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C (SIGINT) and SIGTERM during a scan stop it at once — every worker with it — with the
/// conventional status 128 + signal (130, 143), unless the report files are being renamed into
/// place: that short commit finishes first, so the output folder always holds one complete set
/// of reports, the previous one or the new one, never a mix.
public enum InterruptGuard {
    // Read and written by the signal handler; a plain word, as C's `volatile sig_atomic_t`.
    nonisolated(unsafe) private static var committing: Int32 = 0
    nonisolated(unsafe) private static var pendingSignal: Int32 = 0

    /// Installs the handlers for SIGINT and SIGTERM.
    public static func install() {
        let handler: @convention(c) (Int32) -> Void = { signal in
            if InterruptGuard.committing != 0 {
                InterruptGuard.pendingSignal = signal
            } else {
                _exit(128 + signal)
            }
        }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
        // A process inherits its parent's signal mask: started by a runner that blocks SIGINT
        // (as `swift test --parallel` workers do), a handler alone would never run. Unblock both
        // in this thread; the worker threads started later inherit its mask.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }

    /// Runs `commit` with interrupts held back; an interrupt that arrived meanwhile ends the
    /// process right after it.
    static func uninterrupted(_ commit: () throws -> Void) rethrows {
        committing = 1
        defer {
            committing = 0
            if pendingSignal != 0 { _exit(128 + pendingSignal) }
        }
        try commit()
    }
}
