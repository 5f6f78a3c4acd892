/// Numbers as `Numeric*` condition operators read them: integers and decimals,
/// optionally signed (IAM User Guide, "Numeric condition operators"). Kept exact as a
/// scaled integer (value × 10^scale) so comparisons never round.
public struct PolicyNumber: Sendable, Hashable, Comparable {
    /// Decimal digits after the point that are kept; more are rejected rather than rounded.
    public static let scale = 6
    public var scaled: Int64

    public init(scaled: Int64) { self.scaled = scaled }

    public init?(parsing text: String) {
        var scalars = Substring(text)
        var negative = false
        if scalars.first == "-" || scalars.first == "+" {
            negative = scalars.first == "-"
            scalars = scalars.dropFirst()
        }
        let parts = scalars.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count == 2 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty), whole.utf8.count <= 12, fraction.utf8.count <= PolicyNumber.scale,
              whole.allSatisfy({ $0.isASCII && $0.isNumber }), fraction.allSatisfy({ $0.isASCII && $0.isNumber }),
              parts.count == 1 || !fraction.isEmpty
        else { return nil }
        var value: Int64 = Int64(whole) ?? 0
        var digits = 0
        for character in fraction {
            value = value * 10 + Int64(character.wholeNumberValue ?? 0)
            digits += 1
        }
        for _ in digits..<PolicyNumber.scale { value *= 10 }
        self.scaled = negative ? -value : value
    }

    public static func < (lhs: PolicyNumber, rhs: PolicyNumber) -> Bool { lhs.scaled < rhs.scaled }
}

/// Booleans as the `Bool` and `Null` operators read them: `true`/`false`, case-insensitive.
public enum PolicyBool {
    public static func parse(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }
}

/// Base64, as `BinaryEquals` reads its values.
public enum PolicyBinary {
    public static func isValidBase64(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count % 4 == 0 else { return false }
        var padding = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"):
                if padding > 0 { return false }
            case UInt8(ascii: "="):
                padding += 1
                if padding > 2 { return false }
            default:
                return false
            }
        }
        return true
    }
}
