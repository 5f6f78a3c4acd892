import Foundation
import XCTest

/// A model's `expected-findings.json`, compared with what a scan wrote to `findings.json`.
/// Findings are compared as a set of (resource, principal, principalKind, actions, conditions,
/// isPublic, source); resources not analysed and diagnostics (severity, code, file) exactly.
struct ExpectedFindings {
    var zone: String
    var findings: Set<String>
    var notAnalysed: [String]
    var diagnostics: [String]

    static let findingKeys = ["resource", "principal", "principalKind", "actions", "conditions", "isPublic", "source"]

    init(model: String) throws {
        let root = try ScanRunner.json(URL(fileURLWithPath: model).appendingPathComponent("expected-findings.json"))
        zone = try XCTUnwrap(root["zone"] as? String)
        findings = Set(try XCTUnwrap(root["findings"] as? [[String: Any]]).map(ExpectedFindings.key))
        notAnalysed = (root["notAnalysed"] as? [String] ?? []).sorted()
        diagnostics = (root["diagnostics"] as? [[String: Any]] ?? []).map(ExpectedFindings.diagnosticKey).sorted()
    }

    static func key(_ finding: [String: Any]) -> String {
        let subset = finding.filter { findingKeys.contains($0.key) }
        let data = (try? JSONSerialization.data(withJSONObject: subset, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static func diagnosticKey(_ diagnostic: [String: Any]) -> String {
        "\(diagnostic["severity"] as? String ?? "") \(diagnostic["code"] as? String ?? "") \(diagnostic["file"] as? String ?? "")"
    }

    /// Asserts that a scan's `findings.json` has exactly these findings, unanalysed resources and diagnostics.
    func assertMatches(_ report: [String: Any], file: StaticString = #filePath, line: UInt = #line) {
        let findingsWritten = (report["findings"] as? [[String: Any]] ?? []).filter { $0["status"] as? String != "RESOLVED" }
        let actual = Set(findingsWritten.map(ExpectedFindings.key))
        XCTAssertEqual(actual.subtracting(findings).sorted(), [], "unexpected findings", file: file, line: line)
        XCTAssertEqual(findings.subtracting(actual).sorted(), [], "missing findings", file: file, line: line)
        let resources = report["resources"] as? [[String: Any]] ?? []
        XCTAssertEqual(resources.filter { $0["status"] as? String == "ERROR" }.compactMap { $0["arn"] as? String }.sorted(), notAnalysed,
                       "resources not analysed", file: file, line: line)
        XCTAssertEqual(resources.filter { $0["status"] as? String == "UNPROVEN" }.compactMap { $0["arn"] as? String }, [],
                       "no resource of a model may be unproven", file: file, line: line)
        XCTAssertEqual((report["diagnostics"] as? [[String: Any]] ?? []).map(ExpectedFindings.diagnosticKey).sorted(), diagnostics,
                       "diagnostics", file: file, line: line)
    }
}
