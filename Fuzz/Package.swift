// swift-tools-version:6.0
// libFuzzer targets for Rampart. A separate package so that `swift build` / `swift test`
// of the main package never build them. Build and run with scripts/fuzz.sh (docs/TESTING.md,
// "Fuzzing"); the flags that turn these executables into fuzzers are passed there:
//   swift build --package-path Fuzz -c release -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library
import PackageDescription

let package = Package(
    name: "RampartFuzz",
    dependencies: [
        .package(name: "Rampart", path: ".."),
    ],
    targets: [
        // Declares libFuzzer's LLVMFuzzerRunDriver (see the header for why).
        .target(name: "CFuzzerDriver"),
        // Policy parser + validator over every policy type.
        .executableTarget(
            name: "FuzzPolicy",
            dependencies: ["CFuzzerDriver", .product(name: "RampartPolicy", package: "Rampart")]
        ),
        // The JSON readers for snapshot and AWS CLI output files, and the snapshot folder loader.
        .executableTarget(
            name: "FuzzSnapshot",
            dependencies: [
                "CFuzzerDriver",
                .product(name: "RampartPolicy", package: "Rampart"),
                .product(name: "RampartAuthorizer", package: "Rampart"),
                .product(name: "RampartAnalysis", package: "Rampart"),
                .product(name: "RampartEnvironment", package: "Rampart"),
            ]
        ),
    ]
)
