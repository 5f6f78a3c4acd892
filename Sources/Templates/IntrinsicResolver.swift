import Policy

/// Resolves CloudFormation's intrinsic functions in a template value as far as the template
/// and the deployment context determine them ("Intrinsic function reference",
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html).
/// What they do not determine becomes an `UnknownValue` naming its cause, never a guess:
/// parameters without a value, `AWS::AccountId`/`AWS::Region` not given, names and ids
/// CloudFormation assigns at deploy time, `Fn::ImportValue`, `Fn::GetAZs` (the account's zones),
/// SSM parameter types, `Fn::Cidr` other than of an IPv4 network block, `Fn::ToJsonString` other
/// than of a known object,
/// and an `Fn::If` whose condition depends on any of these.
public final class IntrinsicResolver {
    public let template: CloudFormationTemplate
    public let context: DeploymentContext
    public private(set) var diagnostics: [TemplateDiagnostic] = []
    private var conditionValues: [String: Bool?] = [:]
    private var conditionsInProgress: Set<String> = []
    private var depth = 0

    public init(template: CloudFormationTemplate, context: DeploymentContext) {
        self.template = template
        self.context = context
    }

    /// Marks an absent value (`AWS::NoValue`, a branch of `Fn::If`): members and elements that
    /// resolve to it are left out.
    private static let noValueMarker = "\u{0}rampart:NoValue"

    private var references: ResourceReferences {
        ResourceReferences(template: template, context: context) { [unowned self] resource, key in
            guard let value = resource.properties?.members?.first(where: { $0.key == key })?.value else { return nil }
            return self.resolve(value, path: resource.path.appending("Properties").appending(key))
        }
    }

    private func problem(_ message: String, _ path: JSONPath, _ position: SourcePosition) {
        diagnostics.append(TemplateDiagnostic(.error, message, file: template.file, path: path, position: position))
    }

    private func unknown(_ reason: String, at position: SourcePosition) -> TemplateValue {
        TemplateValue(.unknown(UnknownValue(reason, at: position)), at: position)
    }

    private func isNoValue(_ value: TemplateValue) -> Bool { value.stringValue == Self.noValueMarker }

    /// The value with its intrinsic functions resolved; nil when it is `AWS::NoValue`.
    public func resolveValue(_ value: JSONValue, path: JSONPath) -> TemplateValue? {
        let resolved = resolve(value, path: path)
        return isNoValue(resolved) ? nil : resolved
    }

    func resolve(_ value: JSONValue, path: JSONPath) -> TemplateValue {
        depth += 1
        defer { depth -= 1 }
        let at = value.position
        guard depth < 64 else {
            problem("intrinsic functions nested too deep (or a cycle of references)", path, at)
            return unknown("a value nested too deep to resolve", at: at)
        }
        switch value.kind {
        case .string(let text): return TemplateValue(.string(text), at: at)
        case .number(let text): return TemplateValue(.number(text), at: at)
        case .bool(let flag): return TemplateValue(.bool(flag), at: at)
        case .null: return TemplateValue(.null, at: at)
        case .array(let elements):
            var resolved: [TemplateValue] = []
            for (index, element) in elements.enumerated() {
                let item = resolve(element, path: path.appending(index))
                if !isNoValue(item) { resolved.append(item) }
            }
            return TemplateValue(.array(resolved), at: at)
        case .object(let members):
            if members.count == 1, let function = members.first, function.key == "Ref" || function.key.hasPrefix("Fn::") {
                return call(function.key, function.value, path: path.appending(function.key), at: at)
            }
            var resolved: [(key: String, keyPosition: SourcePosition, value: TemplateValue)] = []
            for member in members {
                let item = resolve(member.value, path: path.appending(member.key))
                if !isNoValue(item) { resolved.append((member.key, member.keyPosition, item)) }
            }
            return TemplateValue(.object(resolved), at: at)
        }
    }

    private func call(_ name: String, _ argument: JSONValue, path: JSONPath, at: SourcePosition) -> TemplateValue {
        switch name {
        case "Ref":
            guard let target = argument.stringValue else {
                problem("Ref takes a name, not \(argument.typeName)", path, argument.position)
                return unknown("a malformed Ref", at: at)
            }
            return ref(target, at: at)
        case "Fn::GetAtt":
            let parts: [String]
            if let text = argument.stringValue, let dot = text.firstIndex(of: ".") {
                parts = [String(text[..<dot]), String(text[text.index(after: dot)...])]
            } else if let elements = argument.elements, elements.count == 2, let logical = elements[0].stringValue {
                guard let attribute = resolve(elements[1], path: path.appending(1)).stringValue else {
                    return unknown("an Fn::GetAtt attribute named by an unknown value", at: at)
                }
                parts = [logical, attribute]
            } else {
                problem("Fn::GetAtt takes [LogicalName, Attribute] or \"LogicalName.Attribute\"", path, argument.position)
                return unknown("a malformed Fn::GetAtt", at: at)
            }
            guard let resource = template.resource(parts[0]) else {
                problem("Fn::GetAtt names \(parts[0]), which is not a resource of the template", path, argument.position)
                return unknown("Fn::GetAtt of \(parts[0]), not in the template", at: at)
            }
            return references.attribute(resource, parts[1], at: at)
        case "Fn::Sub":
            return sub(argument, path: path, at: at)
        case "Fn::Join":
            guard let arguments = argument.elements, arguments.count == 2, let delimiter = arguments[0].stringValue else {
                problem("Fn::Join takes [delimiter, [values]]", path, argument.position)
                return unknown("a malformed Fn::Join", at: at)
            }
            let list = resolve(arguments[1], path: path.appending(1))
            guard let items = list.elements else {
                if case .unknown(let reason) = list.kind { return TemplateValue(.unknown(reason), at: at) }
                problem("Fn::Join's second argument is a list", path.appending(1), arguments[1].position)
                return unknown("a malformed Fn::Join", at: at)
            }
            var parts: [TextPart] = []
            for (index, item) in items.enumerated() {
                if index > 0 { parts.append(.literal(delimiter)) }
                guard let itemParts = item.textParts else {
                    problem("Fn::Join joins strings, not \(item.kind)", path.appending(1).appending(index), item.position)
                    return unknown("a malformed Fn::Join", at: at)
                }
                parts += itemParts
            }
            return TemplateValue.text(parts, at: at)
        case "Fn::Select":
            guard let arguments = argument.elements, arguments.count == 2 else {
                problem("Fn::Select takes [index, list]", path, argument.position)
                return unknown("a malformed Fn::Select", at: at)
            }
            let index = resolve(arguments[0], path: path.appending(0))
            let list = resolve(arguments[1], path: path.appending(1))
            guard let indexText = index.stringValue ?? { if case .number(let n) = index.kind { return n } else { return nil } }(),
                  let position = Int(indexText), let items = list.elements else {
                return unknown("Fn::Select over a value known only at deploy time (\(describe(index, list)))", at: at)
            }
            guard items.indices.contains(position) else {
                problem("Fn::Select index \(position) is out of range of \(items.count) items", path, argument.position)
                return unknown("Fn::Select out of range", at: at)
            }
            return items[position]
        case "Fn::Split":
            guard let arguments = argument.elements, arguments.count == 2, let delimiter = arguments[0].stringValue, !delimiter.isEmpty else {
                problem("Fn::Split takes [delimiter, string]", path, argument.position)
                return unknown("a malformed Fn::Split", at: at)
            }
            let source = resolve(arguments[1], path: path.appending(1))
            guard let text = source.stringValue else {
                return unknown("Fn::Split of a value known only at deploy time (\(describe(source)))", at: at)
            }
            return TemplateValue(.array(text.components(separatedBy: delimiter).map { TemplateValue(.string($0), at: at) }), at: at)
        case "Fn::If":
            guard let arguments = argument.elements, arguments.count == 3, let condition = arguments[0].stringValue else {
                problem("Fn::If takes [condition, value if true, value if false]", path, argument.position)
                return unknown("a malformed Fn::If", at: at)
            }
            switch evaluateCondition(condition, path: path, at: at) {
            case true?: return resolve(arguments[1], path: path.appending(1))
            case false?: return resolve(arguments[2], path: path.appending(2))
            case nil:
                // Either branch may be deployed: both are kept, with the unknown condition.
                let reason = UnknownValue("Fn::If on condition \(condition), which depends on a value known only at deploy time", at: at)
                let branches = [resolve(arguments[1], path: path.appending(1)), resolve(arguments[2], path: path.appending(2))]
                return TemplateValue(.either(reason, branches.filter { !isNoValue($0) }), at: at)
            }
        case "Fn::FindInMap":
            guard let arguments = argument.elements, arguments.count >= 3 else {
                problem("Fn::FindInMap takes [map, top-level key, second-level key]", path, argument.position)
                return unknown("a malformed Fn::FindInMap", at: at)
            }
            let keys = arguments.prefix(3).enumerated().map { resolve($0.element, path: path.appending($0.offset)).stringValue }
            guard let map = keys[0], let top = keys[1], let second = keys[2] else {
                return unknown("Fn::FindInMap with a key known only at deploy time", at: at)
            }
            guard let found = template.mappings?.members?.first(where: { $0.key == map })?.value
                .members?.first(where: { $0.key == top })?.value.members?.first(where: { $0.key == second })?.value else {
                problem("Fn::FindInMap: \(map).\(top).\(second) is not in the template's Mappings", path, argument.position)
                return unknown("Fn::FindInMap of a missing entry", at: at)
            }
            return resolve(found, path: JSONPath([.key("Mappings"), .key(map), .key(top), .key(second)]))
        case "Fn::ImportValue":
            let name = resolve(argument, path: path)
            return unknown("Fn::ImportValue \(name.stringValue ?? "of an unknown name"), exported by another stack", at: at)
        case "Fn::Base64":
            return resolve(argument, path: path)
        case "Fn::Cidr":
            guard let arguments = argument.elements, arguments.count == 3 else {
                problem("Fn::Cidr takes [ipBlock, count, cidrBits]", path, argument.position)
                return unknown("a malformed Fn::Cidr", at: at)
            }
            let values = arguments.enumerated().map { resolve($0.element, path: path.appending($0.offset)) }
            func text(_ value: TemplateValue) -> String? {
                if case .number(let number) = value.kind { return number }
                return value.stringValue
            }
            guard let block = text(values[0]), let count = text(values[1]).flatMap({ Int($0) }), let bits = text(values[2]).flatMap({ Int($0) }) else {
                return unknown("Fn::Cidr of a value known only at deploy time (\(describe(values[0], values[1], values[2])))", at: at)
            }
            guard let blocks = CidrFunction.blocks(ipBlock: block, count: count, cidrBits: bits) else {
                return unknown("Fn::Cidr [\(block), \(count), \(bits)], which Rampart does not compute (IPv4 network blocks only)", at: at)
            }
            return TemplateValue(.array(blocks.map { TemplateValue(.string($0), at: at) }), at: at)
        case "Fn::ToJsonString":
            let value = resolve(argument, path: path)
            guard let text = ToJsonStringFunction.string(of: value) else {
                return unknown("Fn::ToJsonString of \(value.elements != nil ? "an array" : "a value with parts known only at deploy time")", at: at)
            }
            return TemplateValue(.string(text), at: at)
        case "Fn::GetAZs":
            // The Availability Zones of a region for the calling account (those with a default
            // subnet, when any), in no guaranteed order: the account's, not the template's
            // ("Fn::GetAZs", https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getavailabilityzones.html).
            return unknown("Fn::GetAZs, the account's Availability Zones in the region, known only at deploy time", at: at)
        default:
            return unknown("\(name), which Rampart does not evaluate", at: at)
        }
    }

    private func describe(_ values: TemplateValue...) -> String {
        values.flatMap(\.unknowns).map(\.reason).joined(separator: "; ")
    }

    /// `Ref` of a pseudo parameter, a template parameter or a resource.
    private func ref(_ target: String, at: SourcePosition) -> TemplateValue {
        switch target {
        case "AWS::NoValue": return TemplateValue(.string(Self.noValueMarker), at: at)
        case "AWS::Partition": return TemplateValue(.string("aws"), at: at)
        case "AWS::URLSuffix": return TemplateValue(.string("amazonaws.com"), at: at)
        case "AWS::AccountId":
            return context.account.map { TemplateValue(.string($0), at: at) } ?? unknown("AWS::AccountId (give it with --account)", at: at)
        case "AWS::Region":
            return context.region.map { TemplateValue(.string($0), at: at) } ?? unknown("AWS::Region (give it with --region)", at: at)
        case "AWS::StackName":
            return context.stackName.map { TemplateValue(.string($0), at: at) } ?? unknown("AWS::StackName (give it with --stack-name)", at: at)
        case "AWS::StackId", "AWS::NotificationARNs":
            return unknown("\(target), known only at deploy time", at: at)
        default: break
        }
        if let parameter = template.parameters[target] {
            return parameterValue(parameter, at: at)
        }
        if let resource = template.resource(target) {
            return references.ref(resource, at: at)
        }
        problem("Ref names \(target), which is neither a parameter nor a resource of the template", JSONPath.root, at)
        return unknown("Ref of \(target), not in the template", at: at)
    }

    private func parameterValue(_ parameter: CloudFormationTemplate.Parameter, at: SourcePosition) -> TemplateValue {
        if parameter.isSSMValue {
            return unknown("parameter \(parameter.name), read from Systems Manager at deploy time", at: at)
        }
        let text: String?
        if let given = context.parameters[parameter.name] {
            text = given
        } else if let defaultValue = parameter.defaultValue {
            switch defaultValue.kind {
            case .string(let value), .number(let value): text = value
            case .bool(let flag): text = flag ? "true" : "false"
            case .array(let elements) where parameter.isList:
                return TemplateValue(.array(elements.map { resolve($0, path: JSONPath([.key("Parameters"), .key(parameter.name), .key("Default")])) }), at: at)
            default: text = nil
            }
        } else {
            text = nil
        }
        guard let text else {
            return unknown("parameter \(parameter.name) (no default; give it with --parameter \(parameter.name)=VALUE)", at: at)
        }
        if parameter.isList {
            return TemplateValue(.array(text.components(separatedBy: ",").map {
                TemplateValue(.string($0.trimmingCharacters(in: .whitespaces)), at: at)
            }), at: at)
        }
        return TemplateValue(.string(text), at: at)
    }

    /// `Fn::Sub`: `${Name}` is a Ref (or a variable of the second argument), `${Name.Attr}` a
    /// GetAtt, `${!Literal}` the text `${Literal}`.
    private func sub(_ argument: JSONValue, path: JSONPath, at: SourcePosition) -> TemplateValue {
        let format: String
        var variables: [String: TemplateValue] = [:]
        if let text = argument.stringValue {
            format = text
        } else if let arguments = argument.elements, arguments.count == 2, let text = arguments[0].stringValue {
            format = text
            for member in arguments[1].members ?? [] {
                variables[member.key] = resolve(member.value, path: path.appending(1).appending(member.key))
            }
        } else {
            problem("Fn::Sub takes a string or [string, {variables}]", path, argument.position)
            return unknown("a malformed Fn::Sub", at: at)
        }
        var parts: [TextPart] = []
        var rest = Substring(format)
        while let open = rest.range(of: "${") {
            parts.append(.literal(String(rest[..<open.lowerBound])))
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                parts.append(.literal(String(rest[open.lowerBound...])))
                rest = ""
                break
            }
            let name = String(rest[open.upperBound..<close])
            rest = rest[rest.index(after: close)...]
            if name.hasPrefix("!") {
                parts.append(.literal("${" + name.dropFirst() + "}"))
                continue
            }
            let value: TemplateValue
            if let variable = variables[name] {
                value = variable
            } else if let dot = name.firstIndex(of: "."), !name.hasPrefix("AWS::"), let resource = template.resource(String(name[..<dot])) {
                value = references.attribute(resource, String(name[name.index(after: dot)...]), at: at)
            } else {
                value = ref(name, at: at)
            }
            guard let valueParts = value.textParts else {
                problem("Fn::Sub variable ${\(name)} is not a string", path, argument.position)
                return unknown("a malformed Fn::Sub", at: at)
            }
            parts += valueParts
        }
        parts.append(.literal(String(rest)))
        return TemplateValue.text(parts, at: at)
    }

    /// A named condition of the template: true, false, or nil when it depends on a value known
    /// only at deploy time (or is malformed, with a diagnostic).
    public func evaluateCondition(_ name: String, path: JSONPath, at: SourcePosition) -> Bool? {
        if let known = conditionValues[name] { return known }
        guard let definition = template.conditions[name] else {
            problem("condition \(name) is not in the template's Conditions", path, at)
            return nil
        }
        guard !conditionsInProgress.contains(name) else {
            problem("condition \(name) refers to itself", path, at)
            return nil
        }
        conditionsInProgress.insert(name)
        let value = condition(definition, path: JSONPath([.key("Conditions"), .key(name)]))
        conditionsInProgress.remove(name)
        conditionValues[name] = value
        return value
    }

    private func condition(_ value: JSONValue, path: JSONPath) -> Bool? {
        guard let function = value.members?.first, value.members?.count == 1 else {
            problem("a condition is one of Fn::Equals, Fn::And, Fn::Or, Fn::Not, Condition", path, value.position)
            return nil
        }
        let arguments = function.value.elements ?? []
        switch function.key {
        case "Condition":
            guard let name = function.value.stringValue else { return nil }
            return evaluateCondition(name, path: path, at: function.value.position)
        case "Fn::Equals":
            guard arguments.count == 2 else {
                problem("Fn::Equals takes two values", path, value.position)
                return nil
            }
            let left = resolve(arguments[0], path: path.appending(0)), right = resolve(arguments[1], path: path.appending(1))
            guard let a = left.textParts, let b = right.textParts, left.unknowns.isEmpty, right.unknowns.isEmpty else { return nil }
            return a == b
        case "Fn::Not":
            return arguments.first.flatMap { condition($0, path: path.appending(0)) }.map { !$0 }
        case "Fn::And", "Fn::Or":
            let values = arguments.enumerated().map { condition($0.element, path: path.appending($0.offset)) }
            let isAnd = function.key == "Fn::And"
            // A decided operand can decide the whole (false for And, true for Or) even when another is unknown.
            if values.contains(where: { $0 == !isAnd }) { return !isAnd }
            return values.contains(where: { $0 == nil }) ? nil : isAnd
        default:
            problem("\(function.key) is not a condition function", path, value.position)
            return nil
        }
    }
}
