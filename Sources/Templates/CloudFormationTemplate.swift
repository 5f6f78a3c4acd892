import Policy

/// A CloudFormation template's sections, as read from JSON or YAML (CDK's synthesized
/// `*.template.json` are such templates). Values stay unresolved here; `IntrinsicResolver`
/// resolves them.
public struct CloudFormationTemplate: Sendable {
    public struct Parameter: Sendable {
        public var name: String
        /// `String`, `Number`, `CommaDelimitedList`, `List<...>`, `AWS::SSM::Parameter::Value<...>`, ...
        public var type: String
        public var defaultValue: JSONValue?
        public var position: SourcePosition

        /// The list types, whose value is split at commas.
        public var isList: Bool { type == "CommaDelimitedList" || type.hasPrefix("List<") }
        /// Values CloudFormation reads from Systems Manager at deploy time: never known here.
        public var isSSMValue: Bool { type.hasPrefix("AWS::SSM::Parameter::Value<") }
    }

    public struct Resource: Sendable {
        public var logicalID: String
        public var type: String
        public var properties: JSONValue?
        /// The `Condition` it is created under, if any.
        public var condition: String?
        public var position: SourcePosition
        public var path: JSONPath { JSONPath([.key("Resources"), .key(logicalID)]) }
    }

    public var file: String
    public var parameters: [String: Parameter] = [:]
    public var conditions: [String: JSONValue] = [:]
    public var mappings: JSONValue?
    public var resources: [Resource] = []

    /// Reads a template's text. JSON when it starts with `{`, else YAML (CloudFormation's two
    /// formats). Problems become diagnostics; nil when nothing could be read.
    public static func read(bytes: [UInt8], file: String) -> (template: CloudFormationTemplate?, diagnostics: [TemplateDiagnostic]) {
        let root: JSONValue
        var aliases: [TemplateDiagnostic] = []
        let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        if first == UInt8(ascii: "{") {
            do {
                root = try JSONParser.parse(bytes, limits: InfrastructureDocument.limits)
            } catch {
                return (nil, [TemplateDiagnostic(.error, "not valid JSON: \(error.message)", file: file, path: .root, position: error.position)])
            }
        } else {
            guard let text = String(validating: bytes, as: UTF8.self) else {
                return (nil, [TemplateDiagnostic(.error, "not valid UTF-8", file: file, path: .root, position: nil)])
            }
            do {
                let read = try YAMLTemplateReader.read(text)
                root = read.root
                // "AWS CloudFormation doesn't support the following features: … Aliases; Hash
                // merges" (AWS CloudFormation User Guide, "Template formats",
                // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html).
                // An alias is read as YAML defines it (its anchor's value), which is what the
                // template means if it deploys; the warning says CloudFormation may reject it.
                aliases = read.aliases.map {
                    TemplateDiagnostic(.warning, "a YAML alias of the value here (its anchor) is read as that value; CloudFormation's documentation says it does not support YAML aliases (\"Template formats\"), so it may reject the template",
                                       file: file, path: .root, position: $0)
                }
            } catch {
                return (nil, [TemplateDiagnostic(.error, error.message, file: file, path: .root, position: error.position)])
            }
        }
        let (template, diagnostics) = read(root, file: file)
        return (template, aliases + diagnostics)
    }

    static func read(_ root: JSONValue, file: String) -> (template: CloudFormationTemplate?, diagnostics: [TemplateDiagnostic]) {
        var diagnostics: [TemplateDiagnostic] = []
        guard let sections = root.members else {
            return (nil, [TemplateDiagnostic(.error, "a template is an object, not \(root.typeName)", file: file, path: .root, position: root.position)])
        }
        var template = CloudFormationTemplate(file: file)
        for section in sections {
            let path = JSONPath.root.appending(section.key)
            switch section.key {
            case "Parameters":
                for member in section.value.members ?? [] {
                    let type = member.value.members?.first { $0.key == "Type" }?.value.stringValue ?? "String"
                    let defaultValue = member.value.members?.first { $0.key == "Default" }?.value
                    template.parameters[member.key] = Parameter(name: member.key, type: type, defaultValue: defaultValue,
                                                                position: member.keyPosition)
                }
            case "Conditions":
                for member in section.value.members ?? [] { template.conditions[member.key] = member.value }
            case "Mappings":
                template.mappings = section.value
            case "Resources":
                guard let members = section.value.members else {
                    diagnostics.append(TemplateDiagnostic(.error, "Resources is an object, not \(section.value.typeName)",
                                                          file: file, path: path, position: section.value.position))
                    continue
                }
                for member in members {
                    let fields = member.value.members ?? []
                    guard let type = fields.first(where: { $0.key == "Type" })?.value.stringValue else {
                        diagnostics.append(TemplateDiagnostic(.error, "resource \(member.key) has no Type",
                                                              file: file, path: path.appending(member.key), position: member.keyPosition))
                        continue
                    }
                    template.resources.append(Resource(
                        logicalID: member.key, type: type,
                        properties: fields.first { $0.key == "Properties" }?.value,
                        condition: fields.first { $0.key == "Condition" }?.value.stringValue,
                        position: member.keyPosition))
                }
            default:
                continue
            }
        }
        if template.resources.isEmpty && !sections.contains(where: { $0.key == "Resources" }) {
            diagnostics.append(TemplateDiagnostic(.error, "not a CloudFormation template: no Resources section",
                                                  file: file, path: .root, position: root.position))
            return (nil, diagnostics)
        }
        return (template, diagnostics)
    }

    public func resource(_ logicalID: String) -> Resource? {
        resources.first { $0.logicalID == logicalID }
    }
}
