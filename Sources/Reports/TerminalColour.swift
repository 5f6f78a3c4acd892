/// Colour for the text outputs on a terminal: statuses and severities stand out; nothing else
/// changes. Off when the output is not a terminal (piped, redirected to a file), when `NO_COLOR`
/// is set to anything non-empty (https://no-color.org), or when `TERM` is `dumb`. JSON, SARIF
/// and the report files are never coloured.
///
/// ```swift
/// TerminalColour.enabled(isTerminal: true, environment: ["TERM": "xterm"])   // true
/// TerminalColour.highlight("status: EXTERNAL_ACCESS")   // "status: \u{1B}[1;31mEXTERNAL_ACCESS\u{1B}[0m"
/// ```
public enum TerminalColour {
    public static func enabled(isTerminal: Bool, environment: [String: String]) -> Bool {
        guard isTerminal else { return false }
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }

    /// SGR codes (ECMA-48): bold red, red, yellow, green.
    private static let styles: [(word: String, code: String)] = [
        ("CRITICAL", "1;31"), ("EXTERNAL_ACCESS", "1;31"), ("PUBLIC", "1;31"), ("FAIL", "1;31"), ("ERROR", "1;31"),
        ("HIGH", "31"), ("MEDIUM", "33"), ("UNPROVEN", "33"), ("WARNING", "33"), ("SECURITY_WARNING", "33"),
        ("NO_EXTERNAL_ACCESS", "32"), ("PASS", "32"),
    ]

    /// `text` with each whole word of `styles` coloured (a word is a run of letters, digits and `_`).
    public static func highlight(_ text: String) -> String {
        var out = ""
        var word = ""
        func flush() {
            if let style = styles.first(where: { $0.word == word }) {
                out += "\u{1B}[\(style.code)m\(word)\u{1B}[0m"
            } else {
                out += word
            }
            word = ""
        }
        for character in text {
            if character.isLetter || character.isNumber || character == "_" {
                word.append(character)
            } else {
                flush()
                out.append(character)
            }
        }
        flush()
        return out
    }
}
