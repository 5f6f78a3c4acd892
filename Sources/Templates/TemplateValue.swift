import Policy

/// A value the template cannot determine before deployment: a parameter without a value, an
/// import from another stack, an attribute CloudFormation or Terraform assigns at deploy
/// ("known after apply"), a name CloudFormation generates. `reason` says which, for the reports.
public struct UnknownValue: Hashable, Sendable, CustomStringConvertible {
    public var reason: String
    /// Where in the template the unknown value was used.
    public var position: SourcePosition

    public init(_ reason: String, at position: SourcePosition) {
        self.reason = reason
        self.position = position
    }

    public var description: String { reason }
}

/// One part of a string some of whose parts are unknown (`Fn::Sub "arn:aws:s3:::${Bucket}/*"` of an
/// unnamed bucket, `Fn::Join` with an imported value).
public enum TextPart: Hashable, Sendable {
    case literal(String)
    case unknown(UnknownValue)
}

extension TextPart {
    /// The parts as one string in which each unknown stands as `${reason}`: equal for values
    /// the template makes equal (the same literal text, the same unknowns), wherever they are used.
    public static func identity(_ parts: [TextPart]) -> String {
        parts.map { part -> String in
            switch part {
            case .literal(let text): return text
            case .unknown(let unknown): return "${" + unknown.reason + "}"
            }
        }.joined()
    }
}

/// A template value after its intrinsic functions are resolved as far as the template and the
/// command line determine them. Each node keeps the position of the template text it came from,
/// so that a policy read from it is located in the template.
public struct TemplateValue: Sendable {
    public indirect enum Kind: Sendable {
        case object([(key: String, keyPosition: SourcePosition, value: TemplateValue)])
        case array([TemplateValue])
        case string(String)
        case number(String)
        case bool(Bool)
        case null
        /// A string of which some parts are unknown.
        case text([TextPart])
        /// A value of which nothing is known.
        case unknown(UnknownValue)
        /// One of these values (none when empty: `AWS::NoValue`), which one depending on an
        /// unknown (an `Fn::If` on a condition known only at deploy time).
        case either(UnknownValue, [TemplateValue])
    }

    public var kind: Kind
    public var position: SourcePosition

    public init(_ kind: Kind, at position: SourcePosition) {
        self.kind = kind
        self.position = position
    }

    /// A JSON value, every node placed at `position` when given (a document read from a string
    /// of the template: its own positions are within the string, not the file).
    public init(json: JSONValue, at position: SourcePosition? = nil) {
        let at = position ?? json.position
        switch json.kind {
        case .object(let members):
            self.init(.object(members.map { ($0.key, position ?? $0.keyPosition, TemplateValue(json: $0.value, at: position)) }), at: at)
        case .array(let elements): self.init(.array(elements.map { TemplateValue(json: $0, at: position) }), at: at)
        case .string(let text): self.init(.string(text), at: at)
        case .number(let text): self.init(.number(text), at: at)
        case .bool(let flag): self.init(.bool(flag), at: at)
        case .null: self.init(.null, at: at)
        }
    }

    public var stringValue: String? {
        if case .string(let text) = kind { return text }
        return nil
    }

    public var elements: [TemplateValue]? {
        if case .array(let elements) = kind { return elements }
        return nil
    }

    public func member(_ key: String) -> TemplateValue? {
        guard case .object(let members) = kind else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// Every unknown value in this value, in reading order.
    public var unknowns: [UnknownValue] {
        switch kind {
        case .object(let members): return members.flatMap(\.value.unknowns)
        case .array(let elements): return elements.flatMap(\.unknowns)
        case .text(let parts):
            return parts.compactMap { if case .unknown(let unknown) = $0 { return unknown } else { return nil } }
        case .unknown(let unknown): return [unknown]
        case .either(let unknown, let values): return [unknown] + values.flatMap(\.unknowns)
        case .string, .number, .bool, .null: return []
        }
    }

    /// The value as a string when fully known, else its parts.
    public var textParts: [TextPart]? {
        switch kind {
        case .string(let text): return [.literal(text)]
        case .number(let text): return [.literal(text)]
        case .bool(let flag): return [.literal(flag ? "true" : "false")]
        case .text(let parts): return parts
        case .unknown(let unknown): return [.unknown(unknown)]
        case .either(let unknown, _): return [.unknown(unknown)]
        case .object, .array, .null: return nil
        }
    }

    /// Joins parts, merging adjacent literals; a fully literal result is a `.string`.
    public static func text(_ parts: [TextPart], at position: SourcePosition) -> TemplateValue {
        var merged: [TextPart] = []
        for part in parts {
            if case .literal(let next) = part, case .literal(let previous)? = merged.last {
                merged[merged.count - 1] = .literal(previous + next)
            } else if case .literal("") = part {
                continue
            } else {
                merged.append(part)
            }
        }
        if merged.isEmpty { return TemplateValue(.string(""), at: position) }
        if merged.count == 1, case .literal(let text) = merged[0] { return TemplateValue(.string(text), at: position) }
        return TemplateValue(.text(merged), at: position)
    }

    /// The value as JSON, when nothing in it is unknown.
    public var json: JSONValue? {
        switch kind {
        case .object(let members):
            var converted: [JSONMember] = []
            for member in members {
                guard let value = member.value.json else { return nil }
                converted.append(JSONMember(key: member.key, keyPosition: member.keyPosition, value: value))
            }
            return JSONValue(.object(converted), at: position)
        case .array(let elements):
            var converted: [JSONValue] = []
            for element in elements {
                guard let value = element.json else { return nil }
                converted.append(value)
            }
            return JSONValue(.array(converted), at: position)
        case .string(let text): return JSONValue(.string(text), at: position)
        case .number(let text): return JSONValue(.number(text), at: position)
        case .bool(let flag): return JSONValue(.bool(flag), at: position)
        case .null: return JSONValue(.null, at: position)
        case .text, .unknown, .either: return nil
        }
    }
}
