// swift-tools-version:6.0
// Rampart: an offline external-access prover for AWS policies.
// Modules follow the pipeline in docs/ARCHITECTURE.md; arrows only point down:
//   Policy -> Authorizer -> Encoding (-> Z3 -> CZ3) -> Analysis -> ... -> rampart
import PackageDescription

let package = Package(
    name: "Rampart",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "rampart", targets: ["rampart"]),
        .library(name: "RampartPolicy", targets: ["Policy"]),
        // For the fuzz package in Fuzz/ (it depends on this package by path).
        .library(name: "RampartAuthorizer", targets: ["Authorizer"]),
        .library(name: "RampartAnalysis", targets: ["Analysis"]),
        .library(name: "RampartEnvironment", targets: ["Environment"]),
        // For the benchmark package in Benchmarks/ (docs/BENCHMARKS.md).
        .library(name: "RampartFindings", targets: ["Findings"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // CloudFormation templates in YAML (Templates).
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // The only C in the package: a module map over Debian's libz3-dev.
        .systemLibrary(
            name: "CZ3",
            pkgConfig: "z3",
            providers: [.apt(["libz3-dev"])]
        ),
        // The Z3 bridge: the only Swift module that imports CZ3.
        .target(name: "Z3", dependencies: ["CZ3"]),
        // Parse + validate the IAM policy language into a typed model.
        .target(name: "Policy"),
        // Concrete semantics: evaluate one request against policies (the reference).
        .target(name: "Authorizer", dependencies: ["Policy"]),
        // Symbolic semantics: compile policies into Z3 terms over a symbolic request.
        .target(name: "Encoding", dependencies: ["Policy", "Authorizer", "Z3"]),
        // Queries: external access, public access, custom checks, finding enumeration.
        .target(
            name: "Analysis",
            dependencies: ["Policy", "Environment", "Authorizer", "Encoding", "Z3"],
            resources: [.copy("Resources/actions.txt"), .copy("Resources/pass-role-services.txt")]
        ),
        // The account/organization snapshot: org tree, SCPs/RCPs, resources and their policies,
        // read from the AWS CLI's own outputs (docs/SNAPSHOT.md).
        .target(name: "Environment", dependencies: ["Policy"]),
        // Infrastructure as code before deploy: CloudFormation templates (JSON, YAML) and
        // Terraform plans, their intrinsic functions resolved, unknown values approximated soundly.
        .target(name: "Templates", dependencies: ["Policy", "Environment", .product(name: "Yams", package: "Yams")]),
        // Scans a snapshot (parallel, cached) into findings with stable ids, statuses across
        // runs and archive rules.
        .target(name: "Findings", dependencies: ["Environment", "Analysis", "Authorizer", "Policy"]),
        // findings.json, SARIF 2.1.0, Markdown and self-contained HTML reports.
        .target(name: "Reports", dependencies: ["Findings", "Environment", "Analysis", "Authorizer", "Policy", "Templates"]),
        .executableTarget(
            name: "rampart",
            dependencies: [
                "Policy", "Authorizer", "Encoding", "Analysis", "Z3", "Environment", "Findings", "Reports", "Templates",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "PolicyTests", dependencies: ["Policy", "RampartTestSupport"]),
        .testTarget(name: "Z3Tests", dependencies: ["Z3"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Authorizer", "Encoding", "Policy", "Z3", "RampartTestSupport"]),
        .testTarget(name: "EncodingTests", dependencies: ["Encoding", "Authorizer", "Policy", "Z3", "RampartTestSupport"]),
        .testTarget(name: "EnvironmentTests", dependencies: ["Environment", "Authorizer", "Policy", "RampartTestSupport"]),
        // The scan library: lifecycle, canonical forms and their field walk, findings.json read back.
        .testTarget(name: "FindingsTests", dependencies: ["Findings", "Analysis", "Authorizer", "Environment", "Policy", "RampartTestSupport"]),
        // The reports (report.html in headless chromium, its data encoding, the check reports'
        // JSON) and the scan use case (`ScanRun`) as a library call.
        .testTarget(name: "ReportsTests", dependencies: ["rampart", "Reports", "Findings", "Analysis", "Authorizer", "Policy", "RampartTestSupport"]),
        .testTarget(name: "TemplatesTests", dependencies: ["Templates", "Authorizer", "Environment", "Policy", "RampartTestSupport"]),
        .testTarget(name: "AuthorizerTests", dependencies: ["Authorizer", "Policy", "RampartTestSupport"]),
        // End-to-end: runs the built `rampart` binary as a user would.
        // Runs built programs for the end-to-end test targets.
        .target(name: "RampartTestSupport", dependencies: ["Policy"], path: "Tests/RampartTestSupport"),
        .testTarget(name: "RampartCLITests", dependencies: ["rampart", "RampartTestSupport"]),
        // Scans of the models in Models/, the findings lifecycle, reports, and the collector
        // against a local AWS emulator (moto_server).
        .testTarget(name: "ScanTests", dependencies: ["rampart", "RampartTestSupport", "Environment", "Findings", "Reports", "Analysis", "Authorizer", "Policy"]),
    ]
)
