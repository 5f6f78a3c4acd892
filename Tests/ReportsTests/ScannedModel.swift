import Foundation
import RampartTestSupport
import XCTest

/// A model scanned by the built `rampart` into a temporary folder, with its `findings.json`
/// read as the findings the report must show.
struct ScannedModel {
    let out: URL
    let findings: [ExpectedFinding]
    var report: URL { out.appendingPathComponent("report.html") }

    init(model: URL, zone: String = "account") throws {
        out = try ProgramRunner.temporaryDirectory(prefix: "rampart-html-report")
        let result = try ProgramRunner.rampart(["scan", model.path, "--zone", zone, "--out", out.path, "--jobs", "2", "--timeout-ms", "120000",
                                                "--scan-time", "2025-01-31T02:00:00Z"])
        XCTAssertTrue(result.status == 0 || result.status == 1, "scan: \(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("findings.json")))
        let entries = try XCTUnwrap((object as? [String: Any])?["findings"] as? [[String: Any]], "findings.json has findings")
        findings = try entries.map(ExpectedFinding.init(json:))
    }
}

/// One finding of `findings.json`, with what the table's filters read (docs/REPORTS.md).
struct ExpectedFinding {
    var id: String
    var resource: String
    var resourceType = ""
    var account = ""
    var principal = ""
    var principalKind = ""
    var severity = ""
    var status = ""
    var isPublic = false
    var sids: [String] = []
    /// Lower-cased text of the fields the free-text filter searches.
    var searchText = ""

    init(id: String, resource: String) {
        self.id = id
        self.resource = resource
    }

    init(json: [String: Any]) throws {
        id = try XCTUnwrap(json["id"] as? String)
        resource = try XCTUnwrap(json["resource"] as? String)
        resourceType = try XCTUnwrap(json["resourceType"] as? String)
        account = try XCTUnwrap(json["account"] as? String)
        principal = try XCTUnwrap(json["principal"] as? String)
        principalKind = try XCTUnwrap(json["principalKind"] as? String)
        severity = try XCTUnwrap(json["severity"] as? String)
        status = try XCTUnwrap(json["status"] as? String)
        isPublic = try XCTUnwrap(json["isPublic"] as? Bool)
        let statements = json["statements"] as? [[String: Any]] ?? []
        sids = statements.compactMap { $0["sid"] as? String }
        // Searched: id, resource, type, account, principal, kind, actions, conditions, the granting
        // statements (file, Sid, text), the witness, the severity's reason, the source.
        var fields: [String] = [id, resource, resourceType, account, principal, principalKind, json["severityReason"] as? String ?? "", json["source"] as? String ?? ""]
        fields += json["actions"] as? [String] ?? []
        fields += json["conditions"] as? [String] ?? []
        for statement in statements { fields += ["file", "sid", "text"].compactMap { statement[$0] as? String } }
        fields += Self.strings(in: json["witness"] as Any)
        searchText = fields.joined(separator: "\n").lowercased()
    }

    private static func strings(in value: Any) -> [String] {
        if let text = value as? String { return [text] }
        if let list = value as? [Any] { return list.flatMap(strings(in:)) }
        if let object = value as? [String: Any] { return object.keys.sorted() + object.values.flatMap(strings(in:)) }
        return []
    }
}
