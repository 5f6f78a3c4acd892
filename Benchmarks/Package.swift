// swift-tools-version:6.1
// Rampart's solver-performance regression suite (docs/BENCHMARKS.md). A separate package so
// that `swift build` / `swift test` of the main package never build it:
//
//   swift run --package-path Benchmarks -c release rampart-bench --quick     # < 1 min, one summary line
//   scripts/bench-check.sh                                                   # fails on a regression
//   swift package --package-path Benchmarks benchmark                        # ordo-one suite
import PackageDescription

let package = Package(
    name: "RampartBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Rampart", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Workload: corpus cases, the seeded organization generator, statistics, resident memory.
        .target(
            name: "BenchSupport",
            dependencies: [
                .product(name: "RampartPolicy", package: "Rampart"),
                .product(name: "RampartAnalysis", package: "Rampart"),
                .product(name: "RampartEnvironment", package: "Rampart"),
                .product(name: "RampartFindings", package: "Rampart"),
            ]
        ),
        // The quick mode and the full report (latency per corpus, scans, Z3 calls, cache hits).
        .executableTarget(name: "rampart-bench", dependencies: ["BenchSupport"]),
        // ordo-one/benchmark suite: Benchmarks/Benchmarks/RampartBenchmarks (the plugin's layout).
        .executableTarget(
            name: "RampartBenchmarks",
            dependencies: [
                "BenchSupport",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/RampartBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
