import Foundation

/// Compares a run with a stored baseline (`rampart-bench --check BASELINE.json`): a metric
/// regresses when it is worse than the baseline by more than its threshold. Times are noisy on a
/// shared 2-core machine, so they get a relative threshold plus an absolute slack; solver calls
/// and answers are deterministic for one libz3 and get tight ones.
///
/// ```swift
/// let problems = RegressionCheck.compare(current: report, baseline: stored, thresholds: .standard)
/// problems.isEmpty   // true when nothing regressed
/// ```
public enum RegressionCheck {
    public struct Thresholds: Sendable {
        /// Latency percentiles and scan time: relative, e.g. 0.5 = 50 % slower.
        public var time: Double
        /// Never flag a latency that grew by less than this many milliseconds.
        public var timeSlackMilliseconds: Double
        /// Solver calls per resource.
        public var solverCalls: Double
        /// Peak resident memory.
        public var memory: Double
        /// More UNPROVEN answers than the baseline (absolute count).
        public var unproven: Int

        public static let standard = Thresholds(time: 1.0, timeSlackMilliseconds: 25, solverCalls: 0.10, memory: 0.25, unproven: 1)
    }

    public struct Line: Sendable {
        public var metric: String
        public var baseline: Double
        public var current: Double
        public var regressed: Bool
        public var text: String { String(format: "%@ %@: baseline %.3f, now %.3f (%+.1f%%)", regressed ? "REGRESSED" : "ok       ", metric, baseline, current, baseline == 0 ? 0 : (current / baseline - 1) * 100) }
    }

    public static func compare(current: BenchReport, baseline: BenchReport, thresholds: Thresholds = .standard) -> [Line] {
        var lines: [Line] = []
        func time(_ metric: String, _ old: Double, _ new: Double) {
            lines.append(Line(metric: metric, baseline: old, current: new,
                              regressed: new > old * (1 + thresholds.time) && new - old > thresholds.timeSlackMilliseconds))
        }
        for name in baseline.corpora.keys.sorted() {
            guard let old = baseline.corpora[name], let new = current.corpora[name] else { continue }
            time("\(name).p50_ms", old.latency.p50, new.latency.p50)
            time("\(name).p99_ms", old.latency.p99, new.latency.p99)
            lines.append(Line(metric: "\(name).solver_calls_per_resource", baseline: old.solverCallsPerResource, current: new.solverCallsPerResource,
                              regressed: new.solverCallsPerResource > old.solverCallsPerResource * (1 + thresholds.solverCalls) + 0.01))
            let oldUnproven = old.statuses["UNPROVEN"] ?? 0, newUnproven = new.statuses["UNPROVEN"] ?? 0
            lines.append(Line(metric: "\(name).unproven", baseline: Double(oldUnproven), current: Double(newUnproven),
                              regressed: newUnproven > oldUnproven + thresholds.unproven))
        }
        for old in baseline.scans {
            guard let new = current.scans.first(where: { $0.resources == old.resources }) else { continue }
            // Scan time in ms per resource, so the slack reads the same as for latencies.
            time("scan_\(old.resources).ms_per_resource", old.scanSeconds * 1000 / Double(old.resources),
                 new.scanSeconds * 1000 / Double(new.resources))
            lines.append(Line(metric: "scan_\(old.resources).peak_rss_mb", baseline: old.peakResidentMB, current: new.peakResidentMB,
                              regressed: new.peakResidentMB > old.peakResidentMB * (1 + thresholds.memory) + 16))
            lines.append(Line(metric: "scan_\(old.resources).analyses", baseline: Double(old.analyses), current: Double(new.analyses),
                              regressed: new.analyses > old.analyses))
        }
        return lines
    }

    /// Side by side: each figure of `b` over the same figure of `a` (ratio > 1: b is slower).
    public static func ratios(_ a: BenchReport, _ b: BenchReport) -> [(metric: String, a: Double, b: Double)] {
        var rows: [(String, Double, Double)] = []
        for name in a.corpora.keys.sorted() {
            guard let x = a.corpora[name], let y = b.corpora[name] else { continue }
            rows.append(("\(name).p50_ms", x.latency.p50, y.latency.p50))
            rows.append(("\(name).p99_ms", x.latency.p99, y.latency.p99))
            rows.append(("\(name).max_ms", x.latency.max, y.latency.max))
            rows.append(("\(name).total_ms", x.latency.total, y.latency.total))
            rows.append(("\(name).proof_p50_ms", x.proofLatency.p50, y.proofLatency.p50))
            rows.append(("\(name).finding_p50_ms", x.findingLatency.p50, y.findingLatency.p50))
            rows.append(("\(name).solver_calls_per_resource", x.solverCallsPerResource, y.solverCallsPerResource))
            rows.append(("\(name).unproven", Double(x.statuses["UNPROVEN"] ?? 0), Double(y.statuses["UNPROVEN"] ?? 0)))
        }
        for x in a.scans {
            guard let y = b.scans.first(where: { $0.resources == x.resources }) else { continue }
            rows.append(("scan_\(x.resources).seconds", x.scanSeconds, y.scanSeconds))
            rows.append(("scan_\(x.resources).peak_rss_mb", x.peakResidentMB, y.peakResidentMB))
        }
        if let x = a.estimate, let y = b.estimate { rows.append(("scan_100k_s (estimate)", x.seconds, y.seconds)) }
        return rows
    }
}
