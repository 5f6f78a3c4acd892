/// Escapes text for HTML element content and quoted attribute values: `&`, `<`, `>`, `"`, `'`.
/// Everything a report shows from its input goes through this, so a policy holding
/// `<script>` renders as text.
///
/// ```swift
/// HTMLEscaping.escape("<script>alert(1)</script>")   // "&lt;script&gt;alert(1)&lt;/script&gt;"
/// ```
public enum HTMLEscaping {
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
