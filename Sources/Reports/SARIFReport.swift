import Environment
import Findings

/// `findings.sarif`: SARIF 2.1.0 (OASIS), for code-scanning tools. Mapping (docs/REPORTS.md):
/// one result per ACTIVE or ARCHIVED finding (archived ones carry an accepted suppression),
/// per resource that could not be proven, and per snapshot diagnostic; each is located at the
/// snapshot file (and line, when known) it comes from. `partialFingerprints` carry the stable
/// finding id, so tools track a finding across runs as Rampart does.
public enum SARIFReport {
    public static let schema = "https://json.schemastore.org/sarif-2.1.0.json"

    struct Rule {
        var id: String
        var name: String
        var short: String
        var level: String
    }

    static let rules: [Rule] = [
        Rule(id: "RAMPART001", name: "PublicAccess", short: "A resource policy or ACL grants access to anyone (S3's meaning of public).", level: "error"),
        Rule(id: "RAMPART002", name: "ExternalAccess", short: "A principal outside the zone of trust can reach the resource.", level: "warning"),
        Rule(id: "RAMPART003", name: "UnprovenResource", short: "The analysis could not prove or refute external access, or its list of findings is incomplete (timeout, finding cap, unsupported construct, a part of the snapshot that could not be read).", level: "warning"),
        Rule(id: "RAMPART004", name: "DocumentError", short: "A snapshot document could not be read or has errors; what depends on it was not analysed.", level: "error"),
        Rule(id: "RAMPART005", name: "DocumentWarning", short: "A snapshot file was skipped or is inconsistent.", level: "note"),
    ]

    public static func render(_ report: ScanReport) -> String {
        var results: [[String: Any]] = []
        for finding in report.findings where finding.status != .resolved {
            let rule = finding.isPublic ? 0 : 1
            let actions = finding.actions.count <= 6 ? finding.actions.joined(separator: ", ") : finding.actions.prefix(5).joined(separator: ", ") + ", … (\(finding.actions.count) actions)"
            var text = "\(finding.isPublic ? "Public access" : "External access") to \(finding.resourceType) \(finding.resource): \(finding.principal) (\(finding.principalKind)) can \(actions)"
            if !finding.conditions.isEmpty { text += " when \(finding.conditions.joined(separator: "; "))" }
            text += "."
            let statement = finding.statements.first
            let file = statement?.file ?? report.outcomes.first(where: { $0.arn == finding.resource })?.files.first ?? ""
            var result = result(rule: rule, text: text, file: file, line: statement?.line, report: report)
            result["partialFingerprints"] = ["rampartFindingId/v1": finding.id]
            result["properties"] = ["findingId": finding.id, "status": finding.status.rawValue, "isNew": finding.isNew,
                                    "principal": finding.principal, "resource": finding.resource, "actions": finding.actions]
            if finding.status == .archived {
                result["suppressions"] = [["kind": "external", "status": "accepted",
                                           "justification": "archive rule \(finding.archivedBy ?? "")"]]
            }
            results.append(result)
        }
        for outcome in report.outcomes where outcome.status == .unproven {
            let text = "\(outcome.type) \(outcome.arn): external access could not be proven or refuted: \(outcome.explanation.joined(separator: " "))"
            results.append(result(rule: 2, text: text, file: outcome.files.first ?? "", line: nil, report: report))
        }
        for outcome in report.outcomes where outcome.status == .externalAccess && !outcome.complete {
            let text = "\(outcome.type) \(outcome.arn): the list of findings is incomplete (other external access may exist; earlier findings are kept): \(outcome.explanation.joined(separator: " "))"
            var entry = result(rule: 2, text: text, file: outcome.files.first ?? "", line: nil, report: report)
            entry["properties"] = ["resource": outcome.arn, "complete": false]
            results.append(entry)
        }
        for diagnostic in report.diagnostics {
            let rule = diagnostic.severity == .error ? 3 : 4
            var text = "\(diagnostic.code): \(diagnostic.message) (at \(diagnostic.jsonPath))"
            if let resource = diagnostic.resource { text += " — affects \(resource)" }
            results.append(result(rule: rule, text: text, file: diagnostic.file, line: diagnostic.line, report: report))
        }
        let driver: [String: Any] = [
            "name": "rampart",
            "version": report.toolVersion,
            "informationUri": "https://github.com/rampart/rampart",
            "rules": rules.map { rule -> [String: Any] in
                ["id": rule.id, "name": rule.name, "shortDescription": ["text": rule.short],
                 "defaultConfiguration": ["level": rule.level]]
            },
        ]
        let run: [String: Any] = [
            "tool": ["driver": driver],
            "results": results,
            "columnKind": "unicodeCodePoints",
            "properties": ["model": report.modelName, "zone": report.zoneMode.rawValue, "generatedAt": report.generatedAt],
        ]
        return FindingsJSONReport.json(["version": "2.1.0", "$schema": schema, "runs": [run]])
    }

    private static func result(rule: Int, text: String, file: String, line: Int?, report: ScanReport) -> [String: Any] {
        var physical: [String: Any] = ["artifactLocation": ["uri": uri(file, report: report)]]
        if let line, line >= 1 { physical["region"] = ["startLine": line] }
        return ["ruleId": rules[rule].id, "ruleIndex": rule, "level": rules[rule].level, "message": ["text": text],
                "locations": [["physicalLocation": physical]]]
    }

    /// The model path as given plus the snapshot-relative file, percent-encoding what a URI
    /// reference cannot hold.
    static func uri(_ file: String, report: ScanReport) -> String {
        var base = report.modelPath
        while base.hasSuffix("/") { base.removeLast() }
        if base == "." { base = "" }
        let path = base.isEmpty ? file : base + "/" + file
        var encoded = ""
        for byte in path.utf8 {
            let char = Character(Unicode.Scalar(byte))
            if char.isASCII && (char.isLetter || char.isNumber || "-._~/:@!$&'()*+,;=".contains(char)) {
                encoded.append(char)
            } else {
                encoded += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return encoded
    }
}
