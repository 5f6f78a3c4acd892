import Foundation
import XCTest

/// Ctrl-C and kills during a scan: workers stop at once and the output folder keeps the
/// previous, complete reports (issue: "Interrupts"; docs/CLI.md, "rampart scan").
final class InterruptTests: XCTestCase {
    private func reports(in folder: URL) throws -> [String: Data] {
        var contents: [String: Data] = [:]
        for name in ["findings.json", "findings.sarif", "report.md", "report.html"] {
            contents[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return contents
    }

    private func temporaries(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
    }

    /// Starts a scan of the organization model (many seconds in a debug build) into `folder`.
    private func startSlowScan(into folder: URL) throws -> Process {
        let process = Process()
        process.executableURL = ScanRunner.productsDirectory.appendingPathComponent("rampart")
        process.arguments = ["scan", ScanRunner.model("organization"), "--zone", "organization", "--out", folder.path,
                             "--jobs", "1", "--timeout-ms", "120000", "--engine", "solver"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    private func firstRun(into folder: URL) throws -> [String: Data] {
        let first = try ScanRunner.rampart(["scan", ScanRunner.model("startup"), "--zone", "account", "--out", folder.path,
                                            "--timeout-ms", "120000"])
        XCTAssertEqual(first.status, 0, first.stderr)
        return try reports(in: folder)
    }

    func testControlCStopsPromptlyAndKeepsThePreviousReports() throws {
        let folder = try ScanRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let previous = try firstRun(into: folder)
        let scan = try startSlowScan(into: folder)
        Thread.sleep(forTimeInterval: 1.5)
        XCTAssertTrue(scan.isRunning, "the organization scan with the solver alone takes longer than 1.5 s")
        let interrupted = Date()
        scan.interrupt()  // SIGINT, as Ctrl-C sends
        scan.waitUntilExit()
        XCTAssertLessThan(Date().timeIntervalSince(interrupted), 2, "workers stop at once")
        XCTAssertEqual(scan.terminationReason, .exit)
        XCTAssertEqual(scan.terminationStatus, 130, "128 + SIGINT")
        XCTAssertEqual(try reports(in: folder), previous, "the previous reports are intact")
        XCTAssertEqual(try temporaries(in: folder), [])
    }

    func testKilledScanLeavesThePreviousReportsAndTheNextRunCleansUp() throws {
        let folder = try ScanRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let previous = try firstRun(into: folder)
        let scan = try startSlowScan(into: folder)
        Thread.sleep(forTimeInterval: 1.5)
        kill(scan.processIdentifier, SIGKILL)
        scan.waitUntilExit()
        XCTAssertEqual(scan.terminationReason, .uncaughtSignal)
        XCTAssertEqual(try reports(in: folder), previous, "a kill never leaves a truncated or mixed report")
        // A leftover temporary from a kill inside a write is swept by the next run.
        try Data("partial".utf8).write(to: folder.appendingPathComponent(".report.html.99999.tmp"))
        _ = try firstRun(into: folder)
        XCTAssertEqual(try temporaries(in: folder), [])
    }
}
