import Foundation

/// An archive rule, as in IAM Access Analyzer: findings matching its filter are expected access
/// and get status ARCHIVED. The file format is documented in docs/REPORTS.md:
///
/// ```json
/// {"rules": [
///   {"name": "cloudfront-reads-site", "filter": {
///      "principal": {"eq": ["cloudfront.amazonaws.com"]},
///      "resourceType": {"eq": ["AWS::S3::Bucket"]},
///      "action": {"eq": ["s3:GetObject"]}}}
/// ]}
/// ```
/// Every field of a filter must match (AND); within a criterion, `eq` matches when the value
/// equals one of the listed values, `neq` when it equals none, `contains` when it contains one
/// of them, `exists` when the field has a value (true) or has none (false). For list fields
/// (`action`, `condition`) `eq`/`contains` need one element to match and `neq` needs every
/// element to differ from every value. Actions compare case-insensitively, everything else exactly.
public struct ArchiveRule: Sendable, Hashable {
    public var name: String
    public var filter: [String: Criterion]

    public init(name: String, filter: [String: Criterion]) {
        self.name = name
        self.filter = filter
    }

    /// The fields a filter can test.
    public static let fields: [String] = ["account", "action", "condition", "isPublic", "principal", "principalKind", "resource",
                                          "resourceType", "source"]

    public struct Criterion: Sendable, Hashable {
        public var eq: [String]?
        public var neq: [String]?
        public var contains: [String]?
        public var exists: Bool?

        public init(eq: [String]? = nil, neq: [String]? = nil, contains: [String]? = nil, exists: Bool? = nil) {
            self.eq = eq
            self.neq = neq
            self.contains = contains
            self.exists = exists
        }

        func matches(_ values: [String], caseInsensitive: Bool) -> Bool {
            let normalized = caseInsensitive ? values.map { $0.lowercased() } : values
            func norm(_ list: [String]) -> [String] { caseInsensitive ? list.map { $0.lowercased() } : list }
            if let exists, exists == normalized.isEmpty { return false }
            if let eq, !normalized.contains(where: { norm(eq).contains($0) }) { return false }
            if let neq, normalized.contains(where: { norm(neq).contains($0) }) { return false }
            if let contains, !normalized.contains(where: { value in norm(contains).contains { value.contains($0) } }) { return false }
            return true
        }
    }

    public func matches(_ finding: ScanFinding) -> Bool {
        filter.allSatisfy { field, criterion in
            criterion.matches(Self.values(of: field, in: finding), caseInsensitive: field == "action")
        }
    }

    static func values(of field: String, in finding: ScanFinding) -> [String] {
        switch field {
        case "account": return [finding.account]
        case "action": return finding.actions
        case "condition": return finding.conditions
        case "isPublic": return [finding.isPublic ? "true" : "false"]
        case "principal": return [finding.principal]
        case "principalKind": return [finding.principalKind.rawValue]
        case "resource": return [finding.resource]
        case "resourceType": return [finding.resourceType]
        // Either spelling matches: rules written for an earlier version (`acl`) keep archiving.
        case "source": return finding.source.spellings
        default: return []
        }
    }
}

/// Reads an archive rules file.
public enum ArchiveRuleFile {
    public struct ReadError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func read(_ data: Data, source: String) throws -> [ArchiveRule] {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ReadError(description: "\(source): not a JSON object")
        }
        guard let rules = root["rules"] as? [Any] else { throw ReadError(description: "\(source): $.rules must be an array of rules") }
        return try rules.enumerated().map { index, rule in
            let path = "\(source): $.rules[\(index)]"
            guard let object = rule as? [String: Any], let name = object["name"] as? String, !name.isEmpty else {
                throw ReadError(description: "\(path) needs a non-empty \"name\"")
            }
            guard let filter = object["filter"] as? [String: Any], !filter.isEmpty else {
                throw ReadError(description: "\(path).filter must be a non-empty object")
            }
            var criteria: [String: ArchiveRule.Criterion] = [:]
            for (field, value) in filter {
                guard ArchiveRule.fields.contains(field) else {
                    throw ReadError(description: "\(path).filter.\(field): unknown field (expected one of \(ArchiveRule.fields.joined(separator: ", ")))")
                }
                guard let criterion = value as? [String: Any], !criterion.isEmpty else {
                    throw ReadError(description: "\(path).filter.\(field) must be an object with eq, neq, contains or exists")
                }
                var parsed = ArchiveRule.Criterion()
                for (operation, operand) in criterion {
                    let where_ = "\(path).filter.\(field).\(operation)"
                    switch operation {
                    case "exists":
                        guard let flag = operand as? Bool else {
                            throw ReadError(description: "\(where_) must be true or false")
                        }
                        parsed.exists = flag
                    case "eq", "neq", "contains":
                        guard let list = operand as? [Any], !list.isEmpty else { throw ReadError(description: "\(where_) must be a non-empty list") }
                        let strings = try list.map { element -> String in
                            if let text = element as? String { return text }
                            if let number = element as? NSNumber, field == "isPublic" { return number.boolValue ? "true" : "false" }
                            throw ReadError(description: "\(where_) must list strings")
                        }
                        if operation == "eq" { parsed.eq = strings } else if operation == "neq" { parsed.neq = strings } else { parsed.contains = strings }
                    default:
                        throw ReadError(description: "\(where_): unknown operator (expected eq, neq, contains, exists)")
                    }
                }
                criteria[field] = parsed
            }
            return ArchiveRule(name: name, filter: criteria)
        }
    }
}
