/// Writes control characters (Unicode general category Cc: C0 including ESC and CR, DEL, C1)
/// as their JSON escapes (`\u001B`), so text from a snapshot can neither end a Markdown line nor
/// drive a terminal. Inside a JSON string the escape means the same character again.
///
/// ```swift
/// ControlCharacters.escaped("a\rb\u{1B}[31m")   // "a\\u000Db\\u001B[31m"
/// ```
public enum ControlCharacters {
    public static func escaped(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if isControl(scalar) && !(keepingLineBreaks && (scalar == "\n" || scalar == "\t")) {
                result += escape(scalar)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Text for a terminal: every control character but LF and tab escaped.
    public static func forTerminal(_ text: String) -> String { escaped(text, keepingLineBreaks: true) }

    /// `\u001B` for ESC: the JSON escape of one control character.
    static func escape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
