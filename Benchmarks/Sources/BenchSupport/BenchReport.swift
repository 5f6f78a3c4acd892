import Foundation

/// Everything one `rampart-bench` run measured; written with `--json` and read back by
/// `--check` and `compare` (docs/BENCHMARKS.md). Times in milliseconds unless named `seconds`.
public struct BenchReport: Codable, Sendable {
    public var schema = 1
    /// The engine measured: `screen+solver` (the product's default: `ZoneScreen`'s solver-free
    /// proofs, then the faithful encoding) or `solver` (the faithful encoding alone; older reports
    /// say `faithful`). `compare` puts two reports side by side; `--engines` does it in one run.
    public var engine: String
    /// The libz3 the binary is linked against (`Z3Version.current`).
    public var z3: String
    /// `quick` or `full`.
    public var mode: String
    public var seed: UInt64
    public var timeoutMilliseconds: UInt32
    public var latencyJobs: Int
    public var scanJobs: Int
    public var corpora: [String: CorpusFigures]
    public var skips: CorpusSkips
    public var scans: [ScanFigures]
    public var estimate: ScanEstimate?

    public init(engine: String, z3: String, mode: String, seed: UInt64, timeoutMilliseconds: UInt32, latencyJobs: Int, scanJobs: Int,
                corpora: [String: CorpusFigures], skips: CorpusSkips, scans: [ScanFigures], estimate: ScanEstimate?) {
        self.engine = engine
        self.z3 = z3
        self.mode = mode
        self.seed = seed
        self.timeoutMilliseconds = timeoutMilliseconds
        self.latencyJobs = latencyJobs
        self.scanJobs = scanJobs
        self.corpora = corpora
        self.skips = skips
        self.scans = scans
        self.estimate = estimate
    }
}

/// Per-resource latency and solver work on one corpus (or `all`).
public struct CorpusFigures: Codable, Sendable {
    /// Cases available in the corpus, and how many were measured (the quick mode samples).
    public var available: Int
    public var latency: LatencySummary
    /// Answers: `EXTERNAL_ACCESS`, `NO_EXTERNAL_ACCESS`, `UNPROVEN`, `ERROR` → count.
    public var statuses: [String: Int]
    public var findings: Int
    /// Z3 `check` calls (`ExternalAccessResult.solverCalls`; explanations' calls are not counted there).
    public var solverCalls: Int
    public var solverCallsPerResource: Double
    /// Cases `ZoneScreen` proved without the solver (absent in reports older than the screen).
    public var screened: Int?
    /// Latency split by answer: proofs and findings behave very differently.
    public var proofLatency: LatencySummary
    public var findingLatency: LatencySummary
    /// The five slowest cases (id, kind, ms), to know where to look.
    public var slowest: [SlowCase]

    public init(available: Int, measurements: [CaseMeasurement]) {
        self.available = available
        latency = LatencySummary(milliseconds: measurements.map(\.milliseconds))
        statuses = Dictionary(grouping: measurements, by: { $0.status.rawValue }).mapValues(\.count)
        findings = measurements.reduce(0) { $0 + $1.findings }
        solverCalls = measurements.reduce(0) { $0 + $1.solverCalls }
        solverCallsPerResource = measurements.isEmpty ? 0 : Double(solverCalls) / Double(measurements.count)
        screened = measurements.filter(\.screened).count
        proofLatency = LatencySummary(milliseconds: measurements.filter { $0.status == .noExternalAccess }.map(\.milliseconds))
        findingLatency = LatencySummary(milliseconds: measurements.filter { $0.status == .externalAccess }.map(\.milliseconds))
        slowest = measurements.sorted { $0.milliseconds > $1.milliseconds }.prefix(5)
            .map { SlowCase(id: $0.id, kind: $0.kind, milliseconds: $0.milliseconds, status: $0.status.rawValue) }
    }
}

public struct SlowCase: Codable, Sendable {
    public var id: String
    public var kind: String
    public var milliseconds: Double
    public var status: String
}

/// One whole scan of a synthetic organization (`Scanner.scan`, the `rampart scan` engine).
public struct ScanFigures: Codable, Sendable {
    public var resources: Int
    public var accounts: Int
    /// Resources with a policy (the others need no solver).
    public var withPolicy: Int
    /// Distinct analyses the scanner ran (`ScanResult.analyses`).
    public var analyses: Int
    /// 1 − (analyses of resources with a policy) / (resources with a policy): answers reused from
    /// identical resources. Resources without a policy are one solver-free analysis each.
    public var cacheHitRate: Double
    /// Time to build the in-memory snapshot (parsing each distinct document once).
    public var generateSeconds: Double
    public var scanSeconds: Double
    public var resourcesPerSecond: Double
    /// Peak resident set during generation and scan (VmHWM after a reset), MiB.
    public var peakResidentMB: Double
    public var statuses: [String: Int]

    public init(resources: Int, accounts: Int, withPolicy: Int, analyses: Int, cacheHitRate: Double, generateSeconds: Double,
                scanSeconds: Double, resourcesPerSecond: Double, peakResidentMB: Double, statuses: [String: Int]) {
        self.resources = resources
        self.accounts = accounts
        self.withPolicy = withPolicy
        self.analyses = analyses
        self.cacheHitRate = cacheHitRate
        self.generateSeconds = generateSeconds
        self.scanSeconds = scanSeconds
        self.resourcesPerSecond = resourcesPerSecond
        self.peakResidentMB = peakResidentMB
        self.statuses = statuses
    }
}

/// The 100,000-resource figure when it was not measured: the largest measured scan's time per
/// distinct analysis times the distinct analyses of the generated 100,000-resource plan.
public struct ScanEstimate: Codable, Sendable {
    public var resources: Int
    public var fromScanOf: Int
    public var distinctAnalyses: Int
    public var seconds: Double
    /// True when `seconds` was measured, not extrapolated.
    public var measured: Bool

    public init(resources: Int, fromScanOf: Int, distinctAnalyses: Int, seconds: Double, measured: Bool) {
        self.resources = resources
        self.fromScanOf = fromScanOf
        self.distinctAnalyses = distinctAnalyses
        self.seconds = seconds
        self.measured = measured
    }
}
