import Foundation
import XCTest

/// Issue 24, item 9: `rampart scan --memory-mb` below what Z3 needs to create a context
/// (docs/CLI.md: over the memory limit the answer is UNPROVEN with the reason): resources the
/// solver must answer are UNPROVEN, never ERROR, never NO_EXTERNAL_ACCESS.
final class ScanMemoryLimitTests: XCTestCase {
    func testTinyMemoryLimitMakesSolverResourcesUnprovenWithTheReason() throws {
        for megabytes in ["1", "10"] {
            let out = try ScanRunner.temporaryDirectory()
            let result = try ScanRunner.rampart(ScanRunner.scanArguments(model: ScanRunner.model("startup"), zone: "account", out: out)
                                                + ["--memory-mb", megabytes, "--engine", "solver"])
            XCTAssertEqual(result.status, 0, result.stderr)
            let report = try ScanRunner.json(out.appendingPathComponent("findings.json"))
            let resources = report["resources"] as? [[String: Any]] ?? []
            let withPolicy = resources.filter { ($0["files"] as? [String] ?? []).contains { $0.hasSuffix("get-bucket-policy.json") || $0.contains("/iam/") } }
            XCTAssertFalse(withPolicy.isEmpty)
            for resource in withPolicy {
                XCTAssertEqual(resource["status"] as? String, "UNPROVEN", "\(megabytes) MB: \(resource)")
                let explanation = (resource["explanation"] as? [String] ?? []).joined(separator: " ")
                XCTAssertTrue(explanation.contains("out of memory"), explanation)
                XCTAssertTrue(explanation.contains("\(megabytes) MB"), explanation)
            }
        }
    }

    func testMemoryLimitMustBePositive() throws {
        let out = try ScanRunner.temporaryDirectory()
        let result = try ScanRunner.rampart(ScanRunner.scanArguments(model: ScanRunner.model("startup"), zone: "account", out: out) + ["--memory-mb", "0"])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("--memory-mb"), result.stderr)
    }
}
