import Foundation
import XCTest

/// The end-to-end benchmark's snapshots (`Benchmarks/org-scale/make-organization.py`) are read by
/// `rampart scan` without a diagnostic, and the scan finds exactly the findings the generator
/// planted — derived from how it built the policies (a partner account's root, everyone, a
/// partner with an `sts:ExternalId`), written beside them as `expected-findings.json` — and
/// nothing in the templates that confine access to the organization (`aws:PrincipalOrgID`,
/// services pinned by `aws:SourceArn`/`aws:SourceAccount`/`AWS:SourceOwner` to an account of
/// it, hub accounts of it). `--timings` writes every phase. Small snapshots, not timed: speed is
/// judged in Benchmarks/ (docs/BENCHMARKS.md, "An organization scanned from disk").
final class GeneratedOrganizationScanTests: XCTestCase {
    private func generate(mix: String, resources: Int, outsideShare: Int, seed: Int = 20261207) throws -> URL {
        let folder = try ScanRunner.temporaryDirectory().appendingPathComponent("snapshot")
        let generator = ScanRunner.packageRoot.appendingPathComponent("Benchmarks/org-scale/make-organization.py").path
        let result = try ScanRunner.run("/usr/bin/env", ["python3", generator, folder.path, "--resources", "\(resources)", "--mix", mix,
                                                         "--per-account", "20", "--outside-share", "\(outsideShare)", "--seed", "\(seed)"])
        XCTAssertEqual(result.status, 0, result.stderr)
        return folder
    }

    func testEachMixHasExactlyThePlantedFindings() throws {
        for (mix, share) in [("realistic", 50), ("distinct", 150)] {
            let model = try generate(mix: mix, resources: 200, outsideShare: share)
            let out = try ScanRunner.temporaryDirectory()
            let timings = out.appendingPathComponent("timings.json")
            let result = try ScanRunner.rampart(ScanRunner.scanArguments(model: model.path, zone: "organization", out: out)
                                                + ["--timings", timings.path])
            XCTAssertEqual(result.status, 0, "\(mix)\n\(result.stderr)")
            let expected = try ExpectedFindings(model: model.path)
            XCTAssertGreaterThanOrEqual(expected.findings.count, 5, "\(mix): the generator planted findings")
            XCTAssertEqual(expected.diagnostics, [], "the snapshot is read without a diagnostic")
            let report = try ScanRunner.json(out.appendingPathComponent("findings.json"))
            expected.assertMatches(report)
            XCTAssertEqual(report["organizationId"] as? String, "o-rampartbench01")
            let resources = report["resources"] as? [[String: Any]] ?? []
            XCTAssertEqual(resources.count, 200, mix)
            XCTAssertTrue(resources.allSatisfy { $0["complete"] as? Bool == true }, "\(mix): every answer complete")
            try assertTimings(timings)
        }
    }

    /// The same arguments write the same bytes: the benchmark's snapshots are reproducible.
    func testTheGeneratorIsDeterministic() throws {
        let first = try generate(mix: "realistic", resources: 120, outsideShare: 50)
        let second = try generate(mix: "realistic", resources: 120, outsideShare: 50)
        let other = try generate(mix: "realistic", resources: 120, outsideShare: 50, seed: 7)
        XCTAssertEqual(try contents(of: first), try contents(of: second))
        XCTAssertNotEqual(try contents(of: first), try contents(of: other))
    }

    private func contents(of folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]))
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            files[String(url.path.dropFirst(folder.path.count))] = try Data(contentsOf: url)
        }
        return files
    }

    /// Every phase of `ScanRun`, in order, with non-negative times; on Linux, resident sets with
    /// a peak that never falls and is at least the resident set.
    private func assertTimings(_ url: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let document = try ScanRunner.json(url)
        let phases = try XCTUnwrap(document["phases"] as? [[String: Any]], file: file, line: line)
        XCTAssertEqual(phases.compactMap { $0["name"] as? String },
                       ["load", "previous and archive rules", "analysis", "lifecycle", "findings.json", "findings.sarif", "report.md",
                        "report.html", "reports switched"], file: file, line: line)
        let seconds = phases.compactMap { $0["seconds"] as? Double }
        XCTAssertEqual(seconds.count, phases.count, file: file, line: line)
        XCTAssertTrue(seconds.allSatisfy { $0 >= 0 }, file: file, line: line)
        let total = try XCTUnwrap(document["totalSeconds"] as? Double, file: file, line: line)
        XCTAssertEqual(total, seconds.reduce(0, +), accuracy: 0.001 * Double(phases.count) + 0.001, file: file, line: line)
        #if os(Linux)
        let peaks = phases.compactMap { $0["peakResidentMB"] as? Double }
        let resident = phases.compactMap { $0["residentMB"] as? Double }
        XCTAssertEqual(peaks.count, phases.count, file: file, line: line)
        XCTAssertEqual(peaks, peaks.sorted(), "the peak never falls", file: file, line: line)
        XCTAssertTrue(zip(peaks, resident).allSatisfy { $0 >= $1 }, file: file, line: line)
        XCTAssertEqual(document["peakResidentMB"] as? Double, peaks.last, file: file, line: line)
        #endif
    }
}
