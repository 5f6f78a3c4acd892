import Foundation
import XCTest

/// Runs the built `rampart` executable (and other programs) the way a user would.
struct ProgramResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum ScanRunner {
    static var productsDirectory: URL {
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func model(_ name: String) -> String { packageRoot.appendingPathComponent("Models/\(name)").path }

    /// Runs `rampart` with `arguments`.
    @discardableResult
    static func rampart(_ arguments: [String]) throws -> ProgramResult {
        try run(productsDirectory.appendingPathComponent("rampart").path, arguments)
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> ProgramResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read stderr on another thread so neither pipe can fill and block the child.
        let errBox = DataBox()
        let reader = Thread { errBox.data = err.fileHandleForReading.readDataToEndOfFile(); errBox.done.signal() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        errBox.done.wait()
        process.waitUntilExit()
        return ProgramResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errBox.data, as: UTF8.self))
    }

    final class DataBox: @unchecked Sendable {
        var data = Data()
        let done = DispatchSemaphore(value: 0)
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rampart-scan-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

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
