import Policy

/// `Fn::ToJsonString` (with the `AWS::LanguageExtensions` transform): an object converted to its
/// JSON string, compact as the function's page shows it (`{"key1":"value1","key2":"resolvedValue"}`,
/// "Fn::ToJsonString",
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-ToJsonString.html).
///
/// Only a fully known object is converted. An array is not: the page's array example gives
/// `[{"key1":"value1"},{"key2":"resolvedValue"}]` for `[{key1: value1, key2: …}]`, which is not
/// the array's plain serialization, so the text CloudFormation produces for arrays is not
/// settled by its documentation; such a value stays unknown, as does one with unknown parts.
enum ToJsonStringFunction {
    static func string(of value: TemplateValue) -> String? {
        guard case .object = value.kind, let json = value.json else { return nil }
        var output = ""
        write(json, into: &output)
        return output
    }

    private static func write(_ value: JSONValue, into output: inout String) {
        switch value.kind {
        case .object(let members):
            output += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { output += "," }
                quote(member.key, into: &output)
                output += ":"
                write(member.value, into: &output)
            }
            output += "}"
        case .array(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                write(element, into: &output)
            }
            output += "]"
        case .string(let text): quote(text, into: &output)
        case .number(let text): output += text
        case .bool(let flag): output += flag ? "true" : "false"
        case .null: output += "null"
        }
    }

    private static func quote(_ text: String, into output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
