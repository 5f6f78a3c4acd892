import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `moto_server` (PyPI `moto[server]`) on 127.0.0.1 and a free port, started and stopped by
/// a test. Starting it fails loudly (throws) when moto is not installed or does not answer:
/// the collector test must never pass by skipping.
final class LocalAWSEmulator {
    let port: Int
    let process: Process
    let log: URL

    var endpoint: String { "http://127.0.0.1:\(port)" }

    /// Dummy credentials and the region, the only environment the AWS CLI gets.
    var environment: [String: String] {
        var environment = ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "testing",
                           "AWS_DEFAULT_REGION": "us-east-1", "AWS_REGION": "us-east-1", "AWS_PAGER": "",
                           "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null"]
        for key in ["PATH", "HOME", "PYENV_ROOT", "PYENV_VERSION", "LANG"] { environment[key] = ProcessInfo.processInfo.environment[key] }
        return environment
    }

    struct StartError: Error, CustomStringConvertible {
        var description: String
    }

    init(directory: URL) throws {
        guard let server = LocalAWSEmulator.which("moto_server") else {
            throw StartError(description: "moto_server is not on PATH: run the tests with scripts/test.sh, which installs it (docs/TESTING.md)")
        }
        port = try LocalAWSEmulator.freePort()
        log = directory.appendingPathComponent("moto.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process = Process()
        process.executableURL = URL(fileURLWithPath: server)
        process.arguments = ["-H", "127.0.0.1", "-p", String(port)]
        // moto's EC2 otherwise loads its default AMIs with about 1,400 snapshots per region that
        // `describe-snapshots --owner-ids self` returns in every account.
        var serverEnvironment = ProcessInfo.processInfo.environment
        serverEnvironment["MOTO_EC2_LOAD_DEFAULT_AMIS"] = "false"
        process.environment = serverEnvironment
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while !LocalAWSEmulator.accepts(port: port) {
            guard process.isRunning else {
                let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                throw StartError(description: "moto_server exited with status \(process.terminationStatus):\n\(output)")
            }
            guard Date() < deadline else {
                stop()
                throw StartError(description: "moto_server did not accept connections on 127.0.0.1:\(port) within 60 s")
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit { stop() }

    /// Runs `aws --endpoint-url … ARGS` against the emulator; fails the test on error.
    @discardableResult
    func aws(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        guard let aws = LocalAWSEmulator.which("aws") else {
            throw StartError(description: "the AWS CLI is not on PATH: run the tests with scripts/test.sh, which installs it (docs/TESTING.md)")
        }
        let result = try ScanRunner.run(aws, ["--endpoint-url", endpoint, "--output", "json"] + arguments, environment: environment)
        XCTAssertEqual(result.status, 0, "aws \(arguments.joined(separator: " ")): \(result.stderr)", file: file, line: line)
        return result.stdout
    }

    static func which(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// A port the kernel says is free (bound to port 0, read back, released).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw StartError(description: "socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw StartError(description: "cannot bind a port on 127.0.0.1") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
