import Authorizer
import Policy

/// Any JSON value, `Codable`: how `findings.json` carries a witness in the request-file shape
/// (`RequestFile`, docs/SIMULATE.md) inside a document written and read with `Codable`.
public enum JSONFragment: Codable, Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONFragment])
    case object([String: JSONFragment])

    /// A parsed value; a number is an integer when it is written as one and fits, else a double.
    public init(_ value: JSONValue) {
        switch value.kind {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .string(let text): self = .string(text)
        case .number(let text): self = Int(text).map(JSONFragment.integer) ?? .number(Double(text) ?? 0)
        case .array(let elements): self = .array(elements.map(JSONFragment.init))
        case .object(let members):
            // A repeated key keeps its last value, as `JSONParser`'s readers do.
            self = .object(Dictionary(members.map { ($0.key, JSONFragment($0.value)) }, uniquingKeysWith: { _, last in last }))
        }
    }

    /// A request in the request-file shape (`RequestFile.encode`, docs/SIMULATE.md): how every
    /// JSON output carries a witness or counterexample.
    public init(request: Request) {
        // RequestFile writes JSON; parsing its own output cannot fail.
        self = (try? JSONParser.parse(Array(RequestFile.encode(request).utf8))).map(JSONFragment.init) ?? .null
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null; return }
        if let flag = try? container.decode(Bool.self) { self = .bool(flag); return }
        if let integer = try? container.decode(Int.self) { self = .integer(integer); return }
        if let number = try? container.decode(Double.self) { self = .number(number); return }
        if let text = try? container.decode(String.self) { self = .string(text); return }
        if let elements = try? container.decode([JSONFragment].self) { self = .array(elements); return }
        self = .object(try container.decode([String: JSONFragment].self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let flag): try container.encode(flag)
        case .integer(let integer): try container.encode(integer)
        case .number(let number): try container.encode(number)
        case .string(let text): try container.encode(text)
        case .array(let elements): try container.encode(elements)
        case .object(let members): try container.encode(members)
        }
    }
}
