/// A parsed JSON value that remembers where each part of it was in the source.
///
/// Object members keep their source order (policies are written for people, and
/// diagnostics should come out in reading order) and duplicate keys are kept,
/// so the validator can report them.
public struct JSONValue: Sendable {
    public indirect enum Kind: Sendable {
        case object([JSONMember])
        case array([JSONValue])
        case string(String)
        /// The number exactly as written, so no precision is lost before a
        /// condition operator decides how to read it.
        case number(String)
        case bool(Bool)
        case null
    }

    public var kind: Kind
    public var position: SourcePosition

    public init(_ kind: Kind, at position: SourcePosition = .start) {
        self.kind = kind
        self.position = position
    }

    /// A name for the kind of value, for messages ("expected a string, found an array").
    public var typeName: String {
        switch kind {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        }
    }

    public var stringValue: String? {
        if case .string(let text) = kind { return text }
        return nil
    }

    public var members: [JSONMember]? {
        if case .object(let members) = kind { return members }
        return nil
    }

    public var elements: [JSONValue]? {
        if case .array(let elements) = kind { return elements }
        return nil
    }
}

/// One `"key": value` member of a JSON object.
public struct JSONMember: Sendable {
    public var key: String
    public var keyPosition: SourcePosition
    public var value: JSONValue

    public init(key: String, keyPosition: SourcePosition, value: JSONValue) {
        self.key = key
        self.keyPosition = keyPosition
        self.value = value
    }
}
