import Foundation
import XCTest

/// A scan of a corrupted copy of a model, after a scan of the intact copy as the previous run
/// (issue 24: "a fault never becomes safe or resolved"). The copy lives in a temporary folder;
/// the models in Models/ are never changed.
struct FaultScan {
    /// The corrupted copy of the model.
    let model: URL
    /// `findings.json` of the intact model, then of the corrupted one (`--previous` the first).
    let before: [String: Any]
    let after: [String: Any]
    let status: Int32
    let stderr: String

    /// Copies `name`, lets `prepare` adjust the intact copy, scans it, lets `corrupt` change the
    /// copy (both receive the copy's root), and scans again with the first run as `--previous`.
    static func run(_ name: String, zone: String, prepare: (URL) throws -> Void = { _ in }, corrupt: (URL) throws -> Void) throws -> FaultScan {
        let root = try ScanRunner.temporaryDirectory()
        let model = root.appendingPathComponent(name)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: ScanRunner.model(name)), to: model)
        try prepare(model)
        let first = root.appendingPathComponent("out-before"), second = root.appendingPathComponent("out-after")
        let intact = try ScanRunner.rampart(ScanRunner.scanArguments(model: model.path, zone: zone, out: first))
        XCTAssertFalse(intact.terminatedBySignal, intact.stderr)
        try corrupt(model)
        let faulty = try ScanRunner.rampart(ScanRunner.scanArguments(model: model.path, zone: zone, out: second, time: "2025-02-01T02:00:00Z")
                                            + ["--previous", first.path])
        XCTAssertFalse(faulty.terminatedBySignal, faulty.stderr)
        return FaultScan(model: model, before: try ScanRunner.json(first.appendingPathComponent("findings.json")),
                         after: try ScanRunner.json(second.appendingPathComponent("findings.json")), status: faulty.status, stderr: faulty.stderr)
    }

    func resource(_ arn: String, in report: [String: Any]? = nil) -> [String: Any]? {
        ((report ?? after)["resources"] as? [[String: Any]] ?? []).first { $0["arn"] as? String == arn }
    }

    func findings(on arn: String, in report: [String: Any]) -> [[String: Any]] {
        (report["findings"] as? [[String: Any]] ?? []).filter { $0["resource"] as? String == arn }
    }

    var diagnostics: [[String: Any]] { after["diagnostics"] as? [[String: Any]] ?? [] }

    /// The resource is not NO_EXTERNAL_ACCESS, and every finding the intact scan had on it is
    /// still there and ACTIVE (never RESOLVED).
    func assertNeverSafe(_ arn: String, file: StaticString = #filePath, line: UInt = #line) {
        let earlier = findings(on: arn, in: before).filter { $0["status"] as? String == "ACTIVE" }
        XCTAssertFalse(earlier.isEmpty, "the intact model has findings on \(arn)", file: file, line: line)
        let outcome = resource(arn)
        XCTAssertNotNil(outcome, "\(arn) is reported (as ERROR when it could not be read)", file: file, line: line)
        XCTAssertNotEqual(outcome?["status"] as? String, "NO_EXTERNAL_ACCESS", "\(arn): \(outcome ?? [:])", file: file, line: line)
        let now = Dictionary(findings(on: arn, in: after).map { ($0["id"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        for finding in earlier {
            let id = finding["id"] as? String ?? ""
            XCTAssertEqual(now[id]?["status"] as? String, "ACTIVE", "finding \(id) on \(arn) must carry over, not resolve", file: file, line: line)
        }
        XCTAssertEqual((after["summary"] as? [String: Any])?["resolved"] as? Int, 0, "nothing resolves because of a fault", file: file, line: line)
    }

    /// A diagnostic names the file (and the JSON path, when given).
    @discardableResult
    func assertDiagnostic(file path: String, jsonPath: String? = nil, code: String? = nil,
                          file: StaticString = #filePath, line: UInt = #line) -> [String: Any]? {
        let match = diagnostics.first { diagnostic in
            diagnostic["file"] as? String == path && (jsonPath == nil || diagnostic["jsonPath"] as? String == jsonPath)
                && (code == nil || diagnostic["code"] as? String == code)
        }
        XCTAssertNotNil(match, "a diagnostic for \(path) \(jsonPath ?? "") \(code ?? ""); got \(diagnostics.map { "\($0["file"] ?? "") \($0["jsonPath"] ?? "") \($0["code"] ?? "")" })",
                        file: file, line: line)
        return match
    }
}

/// Small file edits the fault tests apply to a model copy.
enum Corrupt {
    static func write(_ text: String, to url: URL) throws { try Data(text.utf8).write(to: url) }

    /// Keeps the first half of the file (a truncated download).
    static func truncate(_ url: URL) throws {
        let data = try Data(contentsOf: url)
        try data.prefix(data.count / 2).write(to: url)
    }

    static func remove(_ url: URL) throws { try FileManager.default.removeItem(at: url) }

    /// Replaces the text `old` (which must occur) in the file.
    static func replace(_ old: String, with new: String, in url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        guard text.contains(old) else { throw CorruptionError(description: "\(url.lastPathComponent) has no \(old)") }
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: url)
    }

    struct CorruptionError: Error, CustomStringConvertible { var description: String }
}
