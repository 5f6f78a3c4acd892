import Authorizer
import Foundation

/// The `findings` entries of `findings.json` (docs/REPORTS.md): written by the Reports module,
/// read back here as the previous run (`rampart scan --previous DIR`).
public enum FindingsDocument {
    /// The JSON object of one finding. The witness is the request-file shape `rampart simulate --request` reads.
    public static func object(_ finding: ScanFinding) -> [String: Any] {
        let witnessText = RequestFile.encode(finding.witness)
        let witness = (try? JSONSerialization.jsonObject(with: Data(witnessText.utf8))) ?? witnessText
        var object: [String: Any] = [
            "id": finding.id,
            "status": finding.status.rawValue,
            "isNew": finding.isNew,
            "resource": finding.resource,
            "resourceType": finding.resourceType,
            "account": finding.account,
            "principal": finding.principal,
            "principalKind": finding.principalKind,
            "actions": finding.actions,
            "conditions": finding.conditions,
            "isPublic": finding.isPublic,
            "witness": witness,
            "statements": finding.statements.map { statement -> [String: Any] in
                var entry: [String: Any] = ["file": statement.file, "documentPath": statement.documentPath,
                                            "statementIndex": statement.statementIndex, "text": statement.text]
                if let sid = statement.sid { entry["sid"] = sid }
                if let line = statement.line { entry["line"] = line }
                return entry
            },
            "source": finding.source,
            "firstSeen": finding.firstSeen,
            "lastSeen": finding.lastSeen,
        ]
        // Judged afresh on every write (ScanFindingJudgement); not read back.
        let severity = finding.severity, remediation = finding.remediation
        object["severity"] = severity.label.rawValue
        object["severityScore"] = severity.score
        object["severityReason"] = severity.reason
        object["remediation"] = remediation.text
        object["learnMoreLink"] = remediation.learnMoreLink
        if let resolvedAt = finding.resolvedAt { object["resolvedAt"] = resolvedAt }
        if let archivedBy = finding.archivedBy { object["archivedBy"] = archivedBy }
        return object
    }

    public struct ReadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads the findings of a previous run's `findings.json`.
    public static func readFindings(_ data: Data, source: String) throws -> [ScanFinding] {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ReadError(description: "\(source): not a JSON object (expected a findings.json written by rampart scan)")
        }
        guard let entries = root["findings"] as? [Any] else { throw ReadError(description: "\(source): $.findings must be an array") }
        return try entries.enumerated().map { index, entry in
            let path = "\(source): $.findings[\(index)]"
            guard let object = entry as? [String: Any] else { throw ReadError(description: "\(path) must be an object") }
            func string(_ key: String) throws -> String {
                guard let value = object[key] as? String else { throw ReadError(description: "\(path).\(key) must be a string") }
                return value
            }
            guard let status = FindingStatus(rawValue: try string("status")) else {
                throw ReadError(description: "\(path).status must be ACTIVE, ARCHIVED or RESOLVED")
            }
            var witness = Request(principal: .anonymous, action: "", resource: "")
            if let witnessObject = object["witness"],
               let data = try? JSONSerialization.data(withJSONObject: witnessObject),
               let decoded = try? RequestFile.decode(bytes: Array(data)) {
                witness = decoded
            }
            let statements = (object["statements"] as? [[String: Any]] ?? []).map { entry in
                GrantingStatement(file: entry["file"] as? String ?? "", documentPath: entry["documentPath"] as? String ?? "$",
                                  statementIndex: entry["statementIndex"] as? Int ?? 0, sid: entry["sid"] as? String,
                                  line: entry["line"] as? Int, text: entry["text"] as? String ?? "")
            }
            return ScanFinding(id: try string("id"), status: status, isNew: object["isNew"] as? Bool ?? false,
                               resource: try string("resource"), resourceType: try string("resourceType"),
                               account: object["account"] as? String ?? "", principal: try string("principal"),
                               principalKind: object["principalKind"] as? String ?? "", actions: object["actions"] as? [String] ?? [],
                               conditions: object["conditions"] as? [String] ?? [], isPublic: object["isPublic"] as? Bool ?? false,
                               witness: witness, statements: statements, source: object["source"] as? String ?? "policy",
                               firstSeen: try string("firstSeen"), lastSeen: try string("lastSeen"),
                               resolvedAt: object["resolvedAt"] as? String, archivedBy: object["archivedBy"] as? String)
        }
    }
}
