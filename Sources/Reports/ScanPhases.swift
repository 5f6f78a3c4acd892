import Foundation

/// Where a scan's time and memory went: the wall time of each phase of `ScanRun` (loading the
/// snapshot, reading the previous run and the archive rules, the analyses, the lifecycle, each
/// report written) with the process's resident set at its end and the peak resident set so far.
/// `rampart scan --timings FILE` writes it (docs/CLI.md, "Phase timings"); the end-to-end
/// benchmark reads it (docs/BENCHMARKS.md, "An organization scanned from disk").
///
/// ```swift
/// var phases = ScanPhases()
/// let snapshot = try SnapshotLoader.load(folder: "Models/startup")
/// phases.end("load")        // seconds since the previous end (or since `init`), RSS now, peak so far
/// ```
///
/// The peak is the kernel's high-water mark of the whole process (`VmHWM`), never reset, so it
/// is the figure `/usr/bin/time` reports at the end; a phase that raised it shows it rising. It
/// never falls from one phase to the next (the largest reading so far).
/// Without `/proc` (macOS) the memory figures are nil.
public struct ScanPhases: Sendable {
    public struct Phase: Sendable, Codable, Hashable {
        public var name: String
        public var seconds: Double
        /// Resident set at the end of the phase, in MiB.
        public var residentMB: Double?
        /// Peak resident set of the process up to the end of the phase, in MiB.
        public var peakResidentMB: Double?
    }

    public private(set) var phases: [Phase] = []
    private let start: Date
    private var last: Date

    public init(start: Date = Date()) {
        self.start = start
        self.last = start
    }

    /// Closes the phase that began at the previous `end` (or at `init`).
    public mutating func end(_ name: String) {
        let now = Date()
        let memory = ScanPhases.residentSet()
        // The kernel's counters are approximate (per-CPU batches), so `VmHWM` read after memory
        // was handed back can be a little below a peak read earlier: the peak so far is the
        // largest of every reading.
        let readings = [memory.peak, memory.current, phases.last?.peakResidentMB].compactMap { $0 }
        let peak = memory.peak == nil ? nil : readings.max()
        phases.append(Phase(name: name, seconds: ScanPhases.rounded(now.timeIntervalSince(last), 1000),
                            residentMB: memory.current.map { ScanPhases.rounded($0, 10) }, peakResidentMB: peak.map { ScanPhases.rounded($0, 10) }))
        last = now
    }

    /// Seconds from `init` to the last `end`.
    public var totalSeconds: Double { ScanPhases.rounded(last.timeIntervalSince(start), 1000) }

    private static func rounded(_ value: Double, _ scale: Double) -> Double { (value * scale).rounded() / scale }

    /// What `--timings FILE` holds: the phases in order, the total, the last peak.
    public var json: String {
        struct Document: Encodable {
            var phases: [Phase]
            var totalSeconds: Double
            var peakResidentMB: Double?
        }
        return ReportJSON.encode(Document(phases: phases, totalSeconds: totalSeconds, peakResidentMB: phases.last?.peakResidentMB))
    }

    /// `VmRSS` and `VmHWM` of `/proc/self/status` in MiB (the kernel prints kB).
    static func residentSet() -> (current: Double?, peak: Double?) {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (nil, nil) }
        var current: Double?
        var peak: Double?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("VmRSS:") { current = kilobytes(line).map { $0 / 1024 } }
            if line.hasPrefix("VmHWM:") { peak = kilobytes(line).map { $0 / 1024 } }
        }
        return (current, peak)
    }

    private static func kilobytes(_ line: Substring) -> Double? {
        Double(String(line.drop(while: { !$0.isNumber }).prefix(while: \.isNumber)))
    }
}
