import Policy

/// One value of a request-context key.
///
/// AWS carries every context value as text and each condition operator reads that text as
/// its own type (IAM User Guide, "IAM JSON policy elements: Condition operators"). So a value is
/// its canonical `text` plus the `type` it was given as: the type decides how the value is
/// written back to JSON (`RequestFile`), the operator decides how it is read. A value the
/// operator cannot read (`NumericEquals` on `"abc"`) matches no policy value.
///
/// ```swift
/// ContextValue.string("o-a1b2c3d4e5").text    // "o-a1b2c3d4e5"
/// ContextValue.bool(true).text                // "true"
/// ContextValue.number(3600).text              // "3600"
/// ```
public struct ContextValue: Sendable, Hashable, CustomStringConvertible {
    /// How the value was given; informative only (see the type's documentation).
    public enum ValueType: String, Sendable, Hashable, CaseIterable {
        case string, number, date, bool, ipAddress, binary, arn
    }

    public var text: String
    public var type: ValueType

    public init(text: String, type: ValueType = .string) {
        self.text = text
        self.type = type
    }

    public static func string(_ text: String) -> ContextValue { ContextValue(text: text, type: .string) }
    public static func arn(_ text: String) -> ContextValue { ContextValue(text: text, type: .arn) }
    public static func bool(_ flag: Bool) -> ContextValue { ContextValue(text: flag ? "true" : "false", type: .bool) }
    public static func number(_ value: Int64) -> ContextValue { ContextValue(text: String(value), type: .number) }
    /// A number written as decimal text (`"3600"`, `"0.5"`), kept exactly as given.
    public static func number(text: String) -> ContextValue { ContextValue(text: text, type: .number) }
    /// A date as ISO 8601 or epoch-seconds text (`"2020-01-01T00:00:00Z"`), kept exactly as given.
    public static func date(_ text: String) -> ContextValue { ContextValue(text: text, type: .date) }
    /// An IPv4 or IPv6 address (`"203.0.113.7"`, `"2001:db8::1"`).
    public static func ipAddress(_ text: String) -> ContextValue { ContextValue(text: text, type: .ipAddress) }
    /// Binary data as its base64 text.
    public static func binary(base64 text: String) -> ContextValue { ContextValue(text: text, type: .binary) }

    public var description: String { text }

    /// Two values are equal when their text is: operators only ever read the text, so `type` cannot
    /// change a decision (and a value read back from a request file compares equal to the one written).
    public static func == (lhs: ContextValue, rhs: ContextValue) -> Bool { lhs.text == rhs.text }

    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    // MARK: Readings, one per operator family.

    var asNumber: PolicyNumber? { PolicyNumber(parsing: text) }
    var asDate: Int64? { PolicyDate.parse(text) }
    var asBool: Bool? { PolicyBool.parse(text) }
    var asIPAddress: IPAddress? {
        // A request carries one address; a CIDR-looking request value is not an address.
        text.contains("/") ? nil : IPAddress(parsing: text)
    }
    var asBinary: [UInt8]? { Base64.decode(text) }
}

/// Strict base64 decoding (RFC 4648 alphabet with padding), for `BinaryEquals`.
enum Base64 {
    static func decode(_ text: String) -> [UInt8]? {
        guard PolicyBinary.isValidBase64(text) else { return nil }
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in text.utf8 {
            let value: UInt32
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(byte - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(byte - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            default: continue  // padding
            }
            buffer = (buffer << 6) | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
                buffer &= (1 << UInt32(bits)) - 1
            }
        }
        return output
    }
}
