import Findings
import Foundation
import RampartTestSupport
import Reports
import XCTest

/// `rampart scan --config FILE`: defaults for zone, archive rules, fail-on and jobs.
final class ScanConfigurationTests: XCTestCase {
    private func write(_ text: String) throws -> URL {
        let file = try ProgramRunner.temporaryDirectory().appendingPathComponent("rampart-scan.json")
        try Data(text.utf8).write(to: file)
        return file
    }

    private func error(_ text: String) throws -> String? {
        do { _ = try ScanConfiguration.read(path: try write(text).path); return nil } catch { return "\(error)" }
    }

    func testSettingsAreReadAndRulesAreRelativeToTheFile() throws {
        let file = try write(#"{"zone": "organization", "archiveRules": "rules/archive.json", "failOn": "new", "jobs": 3}"#)
        let read = try ScanConfiguration.read(path: file.path)
        XCTAssertEqual(read.zone, .organization)
        XCTAssertEqual(read.failOn, .new)
        XCTAssertEqual(read.jobs, 3)
        XCTAssertEqual(read.archiveRules, file.deletingLastPathComponent().appendingPathComponent("rules/archive.json").path)
        XCTAssertEqual(try ScanConfiguration.read(path: try write("{}").path), ScanConfiguration())
    }

    func testMistakesAreErrorsNamingTheirPlace() throws {
        XCTAssertTrue(try error(#"{"failon": "new"}"#)?.contains("$.failon is not a scan setting") == true)
        XCTAssertTrue(try error(#"{"failOn": "sometimes"}"#)?.contains("$.failOn") == true)
        XCTAssertTrue(try error(#"{"jobs": "four"}"#)?.contains("$.jobs must be a number") == true)
        XCTAssertTrue(try error(#"{"jobs": 0}"#)?.contains("$.jobs must be at least 1") == true)
        XCTAssertTrue(try error("[]")?.contains("not a JSON object") == true)
    }
}
