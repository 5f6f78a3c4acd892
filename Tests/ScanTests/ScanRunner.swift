import Foundation
import XCTest
import RampartTestSupport

/// The built `rampart` and the models as the scan tests use them (`ProgramRunner`, shared with
/// the CLI tests).
enum ScanRunner {
    static var productsDirectory: URL { ProgramRunner.productsDirectory }
    static var packageRoot: URL { ProgramRunner.packageRoot }

    static func model(_ name: String) -> String { packageRoot.appendingPathComponent("Models/\(name)").path }

    @discardableResult
    static func rampart(_ arguments: [String]) throws -> ProgramResult { try ProgramRunner.rampart(arguments) }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> ProgramResult {
        try ProgramRunner.run(executable, arguments, environment: environment)
    }

    static func temporaryDirectory() throws -> URL { try ProgramRunner.temporaryDirectory(prefix: "rampart-scan-test") }

    static func json(_ url: URL) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        return try XCTUnwrap(object as? [String: Any], "\(url.path) is not a JSON object")
    }

    /// The scan arguments the tests use: two workers, a generous solver timeout (the tests judge
    /// semantics; speed is judged in Benchmarks/), a fixed scan time.
    static func scanArguments(model: String, zone: String, out: URL, time: String = "2025-01-31T02:00:00Z") -> [String] {
        ["scan", model, "--zone", zone, "--out", out.path, "--jobs", "2", "--timeout-ms", "120000", "--scan-time", time]
    }
}
