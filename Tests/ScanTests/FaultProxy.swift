import Foundation

/// `Tests/Fixtures/collector/fault-proxy.py` in front of a `LocalAWSEmulator`: injects throttling
/// and refused AssumeRole calls, and logs each fault it injects, so tests count faults, not time.
final class FaultProxy {
    let process: Process
    let port: Int
    let log: URL

    var endpoint: String { "http://127.0.0.1:\(port)" }

    init(upstream: String, directory: URL, arguments: [String]) throws {
        guard let python = LocalAWSEmulator.which("python3") else {
            throw LocalAWSEmulator.StartError(description: "python3 is not on PATH: run the tests with scripts/test.sh (docs/TESTING.md)")
        }
        log = directory.appendingPathComponent("faults.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [ScanRunner.packageRoot.appendingPathComponent("Tests/Fixtures/collector/fault-proxy.py").path, upstream, log.path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // The first line is "listening PORT"; an empty read means the proxy exited.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw LocalAWSEmulator.StartError(description: "fault-proxy.py exited before listening") }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("listening "), let port = Int(text.dropFirst("listening ".count)) else {
            process.terminate()
            throw LocalAWSEmulator.StartError(description: "fault-proxy.py printed \(text)")
        }
        self.port = port
    }

    /// Faults injected so far, one line each (`throttle OPERATION REGION`, `deny-assume ACCOUNT`).
    func faults() throws -> [String] {
        try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit { stop() }
}
