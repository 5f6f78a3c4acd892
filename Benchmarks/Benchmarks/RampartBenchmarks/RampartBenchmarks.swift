// The ordo-one/benchmark suite (docs/BENCHMARKS.md, "The ordo-one suite"): the same workload as
// `rampart-bench`, measured by the package-benchmark harness so that its baselines and
// threshold checks apply:
//
//   swift package --package-path Benchmarks benchmark
//   swift package --package-path Benchmarks benchmark baseline update faithful-4.8.12
//   swift package --package-path Benchmarks benchmark baseline check faithful-4.8.12
//
// Each iteration of a latency benchmark analyses the next case of a fixed seeded sample, so its
// percentiles are percentiles over corpus resources. Solver timeout 1 s per call (as --quick).
import Analysis
import Benchmark
import BenchSupport
import Findings

let solverCalls = BenchmarkMetric.custom("solverCalls", polarity: .prefersSmaller, useScalingFactor: false)
let analyses = BenchmarkMetric.custom("distinctAnalyses", polarity: .prefersSmaller, useScalingFactor: false)

/// The next case of a latency benchmark's sample.
final class Cursor: @unchecked Sendable {
    private var value = 0
    func advance() -> Int {
        defer { value += 1 }
        return value
    }
}

let benchmarks: @Sendable () -> Void = {
    guard let root = Corpus.defaultRoot(), let corpus = try? Corpus.load(root: root) else {
        print("RampartBenchmarks: corpus not found; set RAMPART_CORPUS to the shared/corpus folder")
        return
    }
    let options = AnalysisOptions(timeoutMilliseconds: 1_000)
    // Wall clock may be 50 % worse (shared 2-core machines are noisy); solver calls must not grow.
    let thresholds: [BenchmarkMetric: BenchmarkThresholds] = [
        .wallClock: .init(relative: [.p50: 50, .p90: 75]),
        solverCalls: .init(relative: [.p50: 0, .p90: 10]),
        .peakMemoryResident: .init(relative: [.p90: 25]),
    ]
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .peakMemoryResident, solverCalls], timeUnits: .milliseconds,
                                           warmupIterations: 0, maxDuration: .seconds(30), thresholds: thresholds)

    let sampled = sample(corpus.cases, perCorpus: 12)
    for name in ["resource-policies", "trust-policies", "identity-as-resource", "managed-as-resource"] {
        let cases = sampled.filter { $0.corpus == name }
        guard !cases.isEmpty else { continue }
        // The harness calls the closure once per iteration: the cursor walks the sample across calls.
        let cursor = Cursor()
        Benchmark("latency/\(name)", configuration: .init(maxIterations: cases.count)) { benchmark in
            for _ in benchmark.scaledIterations {
                let item = cases[cursor.advance() % cases.count]
                let result = ExternalAccessAnalyzer.analyze(item.resource, zone: item.zone, options: options)
                benchmark.measurement(solverCalls, result.solverCalls)
                blackHole(result)
            }
        }
    }

    let generator = OrganizationGenerator(corpus: corpus)
    let plan = generator.plan(resources: 100)
    let snapshot = generator.snapshot(plan)
    Benchmark("scan/synthetic-100",
              configuration: .init(metrics: [.wallClock, .peakMemoryResident, .throughput, analyses], maxDuration: .seconds(120),
                                   maxIterations: 1)) { benchmark in
        for _ in benchmark.scaledIterations {
            let result = try Scanner.scan(snapshot, options: ScanOptions(zoneMode: .account, jobs: 2, analysis: options))
            benchmark.measurement(analyses, result.analyses)
            blackHole(result)
        }
    }
}
