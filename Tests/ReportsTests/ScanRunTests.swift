import Analysis
import Findings
import Foundation
import RampartTestSupport
import Reports
import XCTest

/// The scan use case as a library call (`ScanRun`): what `rampart scan` runs, without the CLI.
final class ScanRunTests: XCTestCase {
    private var model: String { ProgramRunner.packageRoot.appendingPathComponent("Models/startup").path }
    private let time = Date(timeIntervalSince1970: 1_738_288_800)          // 2025-01-31T02:00:00Z

    private func run(out: URL, previous: URL? = nil) throws -> ScanRun.Outcome {
        let options = ScanOptions(zoneMode: .account, jobs: 2, analysis: AnalysisOptions(timeoutMilliseconds: 120_000))
        return try ScanRun(snapshotFolder: model, zoneMode: .account, outputFolder: out.path, previousFolder: previous?.path,
                           options: options, now: time).run()
    }

    /// The model's own expectations (Models/startup/expected-findings.json, worked out by hand
    /// from its policies) are what the library call finds, and the files it writes say the same.
    func testALibraryRunFindsTheModelsExpectedFindingsAndWritesThem() throws {
        let out = try ProgramRunner.temporaryDirectory()
        let outcome = try run(out: out)
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: model + "/expected-findings.json")))
        let expectedFindings = try XCTUnwrap((expected as? [String: Any])?["findings"] as? [[String: Any]])
        let found = Set(outcome.report.findings.map { "\($0.resource) \($0.principal) \($0.actions.sorted())" })
        let wanted = Set(expectedFindings.compactMap { entry -> String? in
            guard let resource = entry["resource"] as? String, let principal = entry["principal"] as? String,
                  let actions = entry["actions"] as? [String] else { return nil }
            return "\(resource) \(principal) \(actions.sorted())"
        })
        XCTAssertEqual(found, wanted)
        for name in ReportFiles.names {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), name)
        }
        let written = try FindingsDocument.readFindings(Data(contentsOf: out.appendingPathComponent("findings.json")), source: "findings.json")
        XCTAssertEqual(written.map(\.id).sorted(), outcome.report.findings.map(\.id).sorted())
        XCTAssertEqual(outcome.matches(.public), outcome.report.findings.contains { $0.status == .active && $0.isPublic })
        XCTAssertFalse(outcome.matches(.never))
        XCTAssertTrue(outcome.summaryText(jobs: 2, outputFolder: out.path).contains("\(outcome.report.summary.active) active findings"))
    }

    /// `--previous` naming a folder that does not exist yet: a first run, with a note (issue 20).
    func testAPreviousFolderThatDoesNotExistYetIsAFirstRun() throws {
        let out = try ProgramRunner.temporaryDirectory()
        let outcome = try run(out: out, previous: out.appendingPathComponent("never-written"))
        XCTAssertFalse(outcome.report.hasPrevious)
        XCTAssertTrue(outcome.report.findings.allSatisfy(\.isNew))
        XCTAssertEqual(outcome.notes.count, 1)
        XCTAssertTrue(outcome.summaryText(jobs: 2, outputFolder: out.path).hasPrefix("note: --previous"))
    }

    /// A folder that exists but holds no findings.json is a wrong folder, not a first run.
    func testAnExistingFolderWithoutFindingsIsAnError() throws {
        let out = try ProgramRunner.temporaryDirectory()
        let empty = try ProgramRunner.temporaryDirectory()
        XCTAssertThrowsError(try run(out: out, previous: empty)) { error in
            XCTAssertTrue("\(error)".contains("findings.json"), "\(error)")
        }
    }

    /// A large organization's findings.json is far beyond a policy's 1 MiB: it must still be
    /// read back (it was refused at 1 MiB before `ScanRun`).
    func testAPreviousFindingsFileLargerThanAPolicyIsRead() throws {
        let first = try ProgramRunner.temporaryDirectory()
        let firstRun = try run(out: first)
        let finding = try XCTUnwrap(firstRun.report.findings.first)
        // Resolved findings of other resources, enough to pass 1 MiB.
        var records: [FindingRecord] = []
        for index in 0..<4_000 {
            var record = FindingRecord(finding)
            record.id = String(format: "rf-%024d", index)
            record.resource = "arn:aws:s3:::gone-\(index)"
            record.status = .resolved
            record.resolvedAt = "2025-01-30T02:00:00Z"
            records.append(record)
        }
        struct Root: Encodable { var findings: [FindingRecord] }
        let previous = try ProgramRunner.temporaryDirectory()
        let data = try JSONEncoder().encode(Root(findings: records))
        XCTAssertGreaterThan(data.count, 1 << 20)
        try data.write(to: previous.appendingPathComponent("findings.json"))
        let outcome = try run(out: try ProgramRunner.temporaryDirectory(), previous: previous)
        XCTAssertTrue(outcome.report.hasPrevious)
        XCTAssertTrue(outcome.report.findings.contains { $0.resource == "arn:aws:s3:::gone-17" && $0.status == .resolved })
    }
}
