import Authorizer
import Policy

/// A generated policy document before it is written as JSON: simple enough for the shrinker to
/// drop parts of, and rendered to text so that `PolicyParser` builds the model exactly as it does
/// for real documents.
struct GeneratedPolicy: Equatable {
    var type: PolicyType
    /// `"2012-10-17"`, `"2008-10-17"`, or nil (no Version element).
    var version: String?
    var statements: [GeneratedStatement]

    var json: String {
        var members: [String] = []
        if let version { members.append("\"Version\": \(JSONText.string(version))") }
        let rendered = statements.map(\.json)
        members.append("\"Statement\": " + (rendered.count == 1 && statements[0].singleObject ? rendered[0] : "[" + rendered.joined(separator: ", ") + "]"))
        return "{" + members.joined(separator: ", ") + "}"
    }

    /// The parsed policy, or nil when the document has an ERROR diagnostic (such documents are never analysed).
    func parse(source: String) -> Policy? {
        let result = PolicyParser.parse(text: json, source: source, type: type)
        guard !result.diagnostics.containsError else { return nil }
        return result.policy
    }
}

/// One statement of a generated document.
struct GeneratedStatement: Equatable {
    var sid: String?
    var effect: Effect
    var principal: GeneratedPrincipal?
    var actions: GeneratedPatterns
    /// nil: no Resource element.
    var resources: GeneratedPatterns?
    var conditions: [GeneratedCondition]
    /// Written as a bare object rather than a one-element list (when it is the only statement).
    var singleObject = false

    var json: String {
        var members: [String] = []
        if let sid { members.append("\"Sid\": \(JSONText.string(sid))") }
        members.append("\"Effect\": \(JSONText.string(effect.rawValue))")
        if let principal { members.append(principal.json) }
        members.append(actions.json(positive: "Action", negative: "NotAction"))
        if let resources { members.append(resources.json(positive: "Resource", negative: "NotResource")) }
        if !conditions.isEmpty {
            // Group by operator, then by key (duplicate keys merge their values).
            var operators: [String] = []
            var byOperator: [String: [(key: String, values: [JSONText.Literal], list: Bool)]] = [:]
            for condition in conditions {
                if byOperator[condition.operatorName] == nil { operators.append(condition.operatorName) }
                var entries = byOperator[condition.operatorName] ?? []
                if let index = entries.firstIndex(where: { $0.key == condition.key }) {
                    entries[index].values += condition.values
                    entries[index].list = true
                } else {
                    entries.append((condition.key, condition.values, condition.asList || condition.values.count != 1))
                }
                byOperator[condition.operatorName] = entries
            }
            let blocks = operators.map { name -> String in
                let entries = (byOperator[name] ?? []).map { entry -> String in
                    let values = entry.values.map(\.json)
                    let value = entry.list ? "[" + values.joined(separator: ", ") + "]" : values[0]
                    return "\(JSONText.string(entry.key)): \(value)"
                }
                return "\(JSONText.string(name)): {" + entries.joined(separator: ", ") + "}"
            }
            members.append("\"Condition\": {" + blocks.joined(separator: ", ") + "}")
        }
        return "{" + members.joined(separator: ", ") + "}"
    }
}

/// `Action`/`NotAction` or `Resource`/`NotResource`.
struct GeneratedPatterns: Equatable {
    var negated: Bool
    var values: [String]
    var asList: Bool

    func json(positive: String, negative: String) -> String {
        let name = negated ? negative : positive
        let rendered = values.map(JSONText.string)
        let value = asList || values.count != 1 ? "[" + rendered.joined(separator: ", ") + "]" : rendered[0]
        return "\(JSONText.string(name)): \(value)"
    }
}

/// `Principal`/`NotPrincipal`: the bare `"*"` or a map from principal type to values.
struct GeneratedPrincipal: Equatable {
    struct Entry: Equatable {
        var type: PrincipalType
        var values: [String]
        var asList: Bool
    }

    var negated: Bool
    /// The bare string `"*"`.
    var bareWildcard: Bool
    var entries: [Entry]

    var json: String {
        let name = negated ? "NotPrincipal" : "Principal"
        if bareWildcard { return "\(JSONText.string(name)): \"*\"" }
        let members = entries.map { entry -> String in
            let rendered = entry.values.map(JSONText.string)
            let value = entry.asList || entry.values.count != 1 ? "[" + rendered.joined(separator: ", ") + "]" : rendered[0]
            return "\(JSONText.string(entry.type.rawValue)): \(value)"
        }
        return "\(JSONText.string(name)): {" + members.joined(separator: ", ") + "}"
    }
}

/// One `operator: {key: values}` test.
struct GeneratedCondition: Equatable {
    var operatorName: String
    var key: String
    var values: [JSONText.Literal]
    var asList: Bool
}

/// JSON text helpers.
enum JSONText {
    /// A condition value: JSON strings, numbers and booleans are all allowed.
    enum Literal: Equatable {
        case string(String)
        case number(String)
        case bool(Bool)

        var json: String {
            switch self {
            case .string(let text): return JSONText.string(text)
            case .number(let text): return text
            case .bool(let flag): return flag ? "true" : "false"
            }
        }

        var text: String {
            switch self {
            case .string(let text), .number(let text): return text
            case .bool(let flag): return flag ? "true" : "false"
            }
        }
    }

    static func string(_ text: String) -> String { RequestFile.quote(text) }
}
