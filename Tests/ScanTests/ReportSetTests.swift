import Environment
import Findings
import Foundation
import Reports
import XCTest

/// Issue 24, item 8: the four reports are replaced as one set. A write is stopped at every
/// point between its steps (`ReportFiles.Step`); at that point the folder must show the whole
/// previous set or the whole new one — what a SIGKILL there would leave — and after the stop
/// (a failure before the switch) the previous set must still be whole. The real kill of a
/// running scan is `InterruptTests.testKilledScanLeavesThePreviousReportsAndTheNextRunCleansUp`.
final class ReportSetTests: XCTestCase {
    private struct Stop: Error {}

    private func report(_ model: String) -> ScanReport {
        ScanReport(modelName: model, modelPath: "Models/x", toolVersion: "0.1.0", zoneMode: .account, generatedAt: "2025-01-31T02:00:00Z",
                   hasPrevious: false, findings: [], outcomes: [], diagnostics: [], organizationID: nil, accounts: ["111122223333"],
                   analyses: 0, seconds: 0)
    }

    /// The four files as a reader sees them; nil for a missing one.
    private func visible(_ folder: URL) -> [String: String?] {
        Dictionary(uniqueKeysWithValues: ReportFiles.names.map { name in
            (name, try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        })
    }

    private func expected(_ report: ScanReport) -> [String: String?] {
        ["findings.json": FindingsJSONReport.render(report), "findings.sarif": SARIFReport.render(report),
         "report.md": MarkdownReport.render(report), "report.html": HTMLReport.render(report)]
    }

    /// Every step a write of the new set passes, found by a write that stops nowhere.
    private func steps(from start: (URL) throws -> Void) throws -> [ReportFiles.Step] {
        let folder = try ScanRunner.temporaryDirectory()
        try start(folder)
        var seen: [ReportFiles.Step] = []
        try ReportFiles.write(report("new"), to: folder.path) { seen.append($0) }
        return seen
    }

    private func assertWholeSetAtEveryStep(start: (URL) throws -> Void, old: [String: String?], file: StaticString = #filePath, line: UInt = #line) throws {
        let new = expected(report("new"))
        let all = try steps(from: start)
        XCTAssertTrue(all.contains(.switched), file: file, line: line)
        for step in all {
            let folder = try ScanRunner.temporaryDirectory()
            try start(folder)
            var atStop: [String: String?] = [:]
            do {
                try ReportFiles.write(report("new"), to: folder.path) { current in
                    if current == step {
                        atStop = self.visible(folder)
                        throw Stop()
                    }
                }
                XCTFail("the write did not stop at \(step)", file: file, line: line)
            } catch is Stop {}
            XCTAssertTrue(atStop == old || atStop == new, "at \(step) the folder mixes two sets: \(atStop.mapValues { $0?.prefix(40) })",
                          file: file, line: line)
            let after = visible(folder)
            if step == .switched {
                XCTAssertEqual(after, new, "stopped after the switch: the new set", file: file, line: line)
            } else {
                XCTAssertEqual(after, old, "a failure before the switch leaves the old set whole (\(step))", file: file, line: line)
            }
            // The next write recovers and leaves no leftovers.
            try ReportFiles.write(report("next"), to: folder.path)
            XCTAssertEqual(visible(folder), expected(report("next")), file: file, line: line)
            let store = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(".rampart").path)
            XCTAssertEqual(store.count, 2, "current and one run: \(store)", file: file, line: line)
            XCTAssertTrue(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.hasSuffix(".tmp") }, file: file, line: line)
        }
    }

    func testStopAtEveryStepOverAnEarlierRunShowsOneWholeSet() throws {
        let old = expected(report("old"))
        try assertWholeSetAtEveryStep(start: { try ReportFiles.write(self.report("old"), to: $0.path) }, old: old)
    }

    func testStopAtEveryStepOverPlainFilesOfAnEarlierVersionShowsOneWholeSet() throws {
        // Before the links, the reports were four plain files in the folder.
        let old = expected(report("old"))
        try assertWholeSetAtEveryStep(start: { folder in
            for (name, text) in old { try Data((text ?? "").utf8).write(to: folder.appendingPathComponent(name)) }
        }, old: old)
        let all = try steps { folder in for (name, text) in old { try Data((text ?? "").utf8).write(to: folder.appendingPathComponent(name)) } }
        XCTAssertTrue(all.contains(.earlierSetLinked), "the plain files were adopted")
    }

    func testStopAtEveryStepOfAFirstRunShowsNothingOrTheWholeSet() throws {
        let none = Dictionary(uniqueKeysWithValues: ReportFiles.names.map { ($0, String?.none) })
        try assertWholeSetAtEveryStep(start: { _ in }, old: none)
    }
}
