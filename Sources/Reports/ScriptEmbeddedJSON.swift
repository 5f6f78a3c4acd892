/// Writes JSON that can sit inside an HTML `<script type="application/json">` element and be read
/// back with `JSON.parse(element.textContent)`: besides JSON's own escapes, `<`, `>` and `&` are
/// written as `\u003C`, `\u003E`, `\u0026` (so no `</script>` or `<!--` in the input can end or
/// change the element), and U+2028/U+2029 as `\u2028`/`\u2029`. Every control character is
/// escaped. Inside a JSON string each escape means the same character again.
///
/// ```swift
/// var json = ScriptEmbeddedJSON()
/// json.array(["</script><img src=x>", "a"]) { json, item in json.string(item) }
/// json.text   // ["\u003C/script\u003E\u003Cimg src=x\u003E","a"]
/// ```
struct ScriptEmbeddedJSON {
    private(set) var text = ""

    mutating func string(_ value: String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "<", ">", "&", "\u{2028}", "\u{2029}": text += Self.unicodeEscape(scalar)
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { text += Self.unicodeEscape(scalar) } else { text.unicodeScalars.append(scalar) }
            }
        }
        text += "\""
    }

    mutating func number(_ value: Int) { text += String(value) }

    mutating func number(_ value: Double) { text += value.isFinite ? String(value) : "null" }

    mutating func bool(_ value: Bool) { text += value ? "true" : "false" }

    /// Appends JSON another writer wrote (so already escaped for a script element).
    mutating func append(_ other: ScriptEmbeddedJSON) { text += other.text }

    /// `[e1,e2,…]`, each element written by `write`.
    mutating func array<Element>(_ elements: some Sequence<Element>, _ write: (inout ScriptEmbeddedJSON, Element) -> Void) {
        text += "["
        var first = true
        for element in elements {
            if !first { text += "," }
            first = false
            write(&self, element)
        }
        text += "]"
    }

    /// `{"k1":v1,…}`, in the order given, each value written by its closure.
    mutating func object(_ members: [(key: String, write: (inout ScriptEmbeddedJSON) -> Void)]) {
        text += "{"
        for (offset, member) in members.enumerated() {
            if offset > 0 { text += "," }
            string(member.key)
            text += ":"
            member.write(&self)
        }
        text += "}"
    }

    private static func unicodeEscape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
