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

    static func read(_ text: String) throws(Failure) -> JSONValue {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Failure(message: "not valid YAML: \(describe(error))", position: mark(of: error).map(position))
        } catch {
            throw Failure(message: "not valid YAML: \(error)", position: nil)
        }
        guard let node else { throw Failure(message: "the template is empty", position: nil) }
        return try convert(node, depth: 0)
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

    private static func convert(_ node: Node, depth: Int) throws(Failure) -> JSONValue {
        let at = node.mark.map(position) ?? .start
        let limit = InfrastructureDocument.limits.maxNestingDepth
        guard depth < limit else { throw Failure(message: "nested deeper than \(limit) levels", position: at) }
        let plain: JSONValue
        switch node {
        case .scalar(let scalar):
            plain = JSONValue(scalarKind(scalar, resolvedTag: node.tag.description), at: at)
        case .sequence(let sequence):
            var elements: [JSONValue] = []
            for element in sequence { elements.append(try convert(element, depth: depth + 1)) }
            plain = JSONValue(.array(elements), at: at)
        case .mapping(let mapping):
            var members: [JSONMember] = []
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw Failure(message: "a mapping key is not a plain value", position: key.mark.map(position))
                }
                members.append(JSONMember(key: keyScalar.string, keyPosition: key.mark.map(position) ?? at,
                                          value: try convert(value, depth: depth + 1)))
            }
            plain = JSONValue(.object(members), at: at)
        case .alias:
            throw Failure(message: "YAML aliases are not read in templates", position: at)
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
