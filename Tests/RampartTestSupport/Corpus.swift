import Foundation
import Policy

/// Access to `../shared/corpus/` (see its SOURCES.md), which sits beside the package root.
public enum Corpus {
    public static let root: URL = PackageFiles.root.deletingLastPathComponent().appendingPathComponent("shared/corpus")

    public struct Document: Sendable {
        public var label: String
        public var kind: String
        public var subkind: String?
        public var bytes: [UInt8]
    }

    /// The policy type a corpus record's `kind`/`subkind` stands for.
    public static func policyType(kind: String, subkind: String?) -> PolicyType {
        switch kind {
        case "identity-policy", "managed": return .identity
        case "trust-policy": return .trust
        case "scp": return .scp
        case "other" where subkind == "rcp": return .rcp
        default: return .resource
        }
    }

    /// Each JSONL record's `document`, re-serialised as compact JSON bytes.
    public static func load(_ relativePath: String, managed: Bool = false) throws -> [Document] {
        let url = root.appendingPathComponent(relativePath)
        let text = try String(contentsOf: url, encoding: .utf8)
        var documents: [Document] = []
        for (number, line) in text.split(separator: "\n").enumerated() {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let document = object["document"] else { continue }
            let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
            let kind = managed ? "managed" : (object["kind"] as? String ?? "other")
            let label = (object["name"] as? String) ?? "\(object["source_repo"] ?? "?"):\(object["source_path"] ?? "?")#\(number)"
            documents.append(Document(label: label, kind: kind, subkind: object["subkind"] as? String, bytes: Array(data)))
        }
        return documents
    }
}
