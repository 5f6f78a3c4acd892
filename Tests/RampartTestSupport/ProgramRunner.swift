import Foundation

/// What a program run printed and how it ended.
public struct ProgramResult: Sendable {
    public var status: Int32
    public var terminatedBySignal: Bool
    public var stdout: String
    public var stderr: String
}

/// Runs built programs the way a user would, for the end-to-end test targets
/// (`RampartCLITests`, `ScanTests`).
public enum ProgramRunner {
    /// The folder holding the built products (the test bundle sits beside `rampart`).
    public static var productsDirectory: URL {
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL
    }

    /// The package root.
    public static var packageRoot: URL { PackageFiles.root }

    /// Runs the built `rampart` with `arguments`.
    @discardableResult
    public static func rampart(_ arguments: [String]) throws -> ProgramResult {
        try run(productsDirectory.appendingPathComponent("rampart").path, arguments)
    }

    /// Runs `executable` with `standardInput` (none when nil; at most a pipe's buffer, 64 KiB) in
    /// `currentDirectory`, when given. Standard
    /// error is read on another thread while standard output is read here, so neither pipe can
    /// fill up and block the child.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           currentDirectory: URL? = nil, standardInput: Data? = nil) throws -> ProgramResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = standardInput.map { _ in Pipe() }
        process.standardInput = input ?? FileHandle.nullDevice
        try process.run()
        if let input, let standardInput {
            input.fileHandleForWriting.write(standardInput)
            try input.fileHandleForWriting.close()
        }
        let errors = DataBox()
        let reader = Thread { errors.data = err.fileHandleForReading.readDataToEndOfFile(); errors.done.signal() }
        reader.start()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        errors.done.wait()
        process.waitUntilExit()
        return ProgramResult(status: process.terminationStatus, terminatedBySignal: process.terminationReason == .uncaughtSignal,
                             stdout: String(decoding: output, as: UTF8.self), stderr: String(decoding: errors.data, as: UTF8.self))
    }

    /// A fresh temporary directory for one test.
    public static func temporaryDirectory(prefix: String = "rampart-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private final class DataBox: @unchecked Sendable {
        var data = Data()
        let done = DispatchSemaphore(value: 0)
    }
}
