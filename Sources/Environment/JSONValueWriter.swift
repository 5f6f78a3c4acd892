import Policy

/// Pretty-prints a parsed JSON value with two-space indentation, keeping member order as
/// written, so reports can show a policy statement as its author wrote it.
///
/// ```swift
/// JSONValueWriter.write(try JSONParser.parse(#"{"Effect":"Allow"}"#))   // "{\n  \"Effect\": \"Allow\"\n}"
/// ```
public enum JSONValueWriter {
    public static func write(_ value: JSONValue) -> String {
        var output = ""
        write(value, indent: 0, into: &output)
        return output
    }

    private static func write(_ value: JSONValue, indent: Int, into output: inout String) {
        let pad = String(repeating: "  ", count: indent + 1)
        let closePad = String(repeating: "  ", count: indent)
        switch value.kind {
        case .object(let members):
            if members.isEmpty { output += "{}"; return }
            output += "{\n"
            for (index, member) in members.enumerated() {
                output += pad + quoted(member.key) + ": "
                write(member.value, indent: indent + 1, into: &output)
                output += index == members.count - 1 ? "\n" : ",\n"
            }
            output += closePad + "}"
        case .array(let elements):
            if elements.isEmpty { output += "[]"; return }
            // Short lists of scalars stay on one line.
            if elements.count <= 4, elements.allSatisfy({ $0.members == nil && $0.elements == nil }) {
                var parts: [String] = []
                for element in elements { var text = ""; write(element, indent: 0, into: &text); parts.append(text) }
                output += "[" + parts.joined(separator: ", ") + "]"
                return
            }
            output += "[\n"
            for (index, element) in elements.enumerated() {
                output += pad
                write(element, indent: indent + 1, into: &output)
                output += index == elements.count - 1 ? "\n" : ",\n"
            }
            output += closePad + "]"
        case .string(let text): output += quoted(text)
        case .number(let text): output += text
        case .bool(let flag): output += flag ? "true" : "false"
        case .null: output += "null"
        }
    }

    /// The value without whitespace, member order kept (numbers as written, strings escaped as
    /// `quoted` does): the same value in less memory, for text kept to be read back (`StatementTexts`).
    ///
    /// ```swift
    /// JSONValueWriter.writeCompact(try JSONParser.parse(#"{"Effect": "Allow", "Action": ["s3:GetObject"]}"#))
    /// // #"{"Effect":"Allow","Action":["s3:GetObject"]}"#
    /// ```
    public static func writeCompact(_ value: JSONValue) -> String {
        var output = ""
        writeCompact(value, into: &output)
        return output
    }

    private static func writeCompact(_ value: JSONValue, into output: inout String) {
        switch value.kind {
        case .object(let members):
            output += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { output += "," }
                output += quoted(member.key) + ":"
                writeCompact(member.value, into: &output)
            }
            output += "}"
        case .array(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                writeCompact(element, into: &output)
            }
            output += "]"
        case .string(let text): output += quoted(text)
        case .number(let text): output += text
        case .bool(let flag): output += flag ? "true" : "false"
        case .null: output += "null"
        }
    }

    /// A JSON string literal (RFC 8259 escapes; other characters as they are).
    public static func quoted(_ text: String) -> String { JSONText.quoted(text) }
}
