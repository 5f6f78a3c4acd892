import Policy
import Yams

/// Reads a CloudFormation template written in YAML into the same JSON tree a JSON template
/// gives, positions kept. The short forms of the intrinsic functions (`!Ref X`, `!GetAtt A.B`,
/// `!Sub ...`) become their long forms (`{"Ref": "X"}`, `{"Fn::GetAtt": "A.B"}`, ...), as
/// CloudFormation reads them ("Intrinsic function reference": each function's "Short form" in
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html).
enum YAMLTemplateReader {
    /// The short-form tags and the long-form keys they stand for. `!Ref` and `!Condition` have no
    /// `Fn::` prefix.
    static let shortForms: [String: String] = {
        var forms = ["!Ref": "Ref", "!Condition": "Condition"]
        for name in ["Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue", "Join", "Select", "Split", "Sub",
                     "Transform", "And", "Equals", "If", "Not", "Or", "Length", "ToJsonString", "ForEach"] {
            forms["!" + name] = "Fn::" + name
        }
        return forms
    }()

    struct Failure: Error {
        var message: String
        var position: SourcePosition?
    }

    /// The template as JSON, and where the values that YAML aliases repeat are (each alias
    /// expanded, as YAML defines it).
    static func read(_ text: String) throws(Failure) -> (root: JSONValue, aliases: [SourcePosition]) {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Failure(message: "not valid YAML: \(describe(error))", position: mark(of: error).map(position))
        } catch {
            throw Failure(message: "not valid YAML: \(error)", position: nil)
        }
        guard let node else { throw Failure(message: "the template is empty", position: nil) }
        // Without aliases a template has fewer values than bytes; aliases of aliases could
        // expand exponentially ("billion laughs"), so the expansion is capped.
        var anchors = Anchors(budget: 4 * text.utf8.count + 10_000)
        let root = try convert(node, depth: 0, anchors: &anchors)
        return (root, anchors.aliases)
    }

    /// Yams expands an alias into a copy of its anchor's node, at the anchor's position (the
    /// anchor's name is not kept). Without aliases no two nodes of one kind start at the same
    /// place, so a node whose kind and start were met before is an alias's copy.
    private struct Anchors {
        var budget: Int
        var starts: Set<String> = []
        var aliases: [SourcePosition] = []
    }

    private static func position(_ mark: Mark) -> SourcePosition {
        // Yams gives lines and columns, not byte offsets; nothing here slices the text by offset.
        SourcePosition(line: mark.line, column: mark.column, offset: 0)
    }

    private static func mark(of error: YamlError) -> Mark? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark
        default: return nil
        }
    }

    private static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
        default: return "\(error)"
        }
    }

    private static func convert(_ node: Node, depth: Int, anchors: inout Anchors, insideAlias: Bool = false) throws(Failure) -> JSONValue {
        var insideAlias = insideAlias
        let at = node.mark.map(position) ?? .start
        anchors.budget -= 1
        guard anchors.budget >= 0 else {
            throw Failure(message: "the YAML aliases expand to more values than the template could hold (over 4 per byte)", position: at)
        }
        if !insideAlias, let mark = node.mark {
            let kind: String
            switch node {
            case .scalar: kind = "scalar"
            case .sequence: kind = "sequence"
            case .mapping: kind = "mapping"
            case .alias: kind = "alias"
            }
            if !anchors.starts.insert("\(kind) \(mark.line):\(mark.column)").inserted {
                anchors.aliases.append(at)
                insideAlias = true
            }
        }
        let limit = InfrastructureDocument.limits.maxNestingDepth
        guard depth < limit else { throw Failure(message: "nested deeper than \(limit) levels", position: at) }
        let plain: JSONValue
        switch node {
        case .scalar(let scalar):
            plain = JSONValue(scalarKind(scalar, resolvedTag: node.tag.description), at: at)
        case .sequence(let sequence):
            var elements: [JSONValue] = []
            for element in sequence { elements.append(try convert(element, depth: depth + 1, anchors: &anchors, insideAlias: insideAlias)) }
            plain = JSONValue(.array(elements), at: at)
        case .mapping(let mapping):
            var members: [JSONMember] = []
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw Failure(message: "a mapping key is not a plain value", position: key.mark.map(position))
                }
                members.append(JSONMember(key: keyScalar.string, keyPosition: key.mark.map(position) ?? at,
                                          value: try convert(value, depth: depth + 1, anchors: &anchors, insideAlias: insideAlias)))
            }
            plain = JSONValue(.object(members), at: at)
        case .alias:
            // Composing expands aliases; an alias node left is not a template value.
            throw Failure(message: "a YAML alias node that could not be expanded", position: at)
        }
        guard let long = shortForms[node.tag.description] else { return plain }
        return JSONValue(.object([JSONMember(key: long, keyPosition: at, value: plain)]), at: at)
    }

    /// A plain scalar typed as YAML's resolver types it; a quoted or tagged one is a string.
    private static func scalarKind(_ scalar: Node.Scalar, resolvedTag: String) -> JSONValue.Kind {
        switch Tag.Name(rawValue: resolvedTag) {
        case .bool:
            switch scalar.string.lowercased() {
            case "true", "yes", "on", "y": return .bool(true)
            default: return .bool(false)
            }
        case .int, .float: return .number(scalar.string)
        case .null: return .null
        default: return .string(scalar.string)
        }
    }
}
