/// Cuts a JSON text into its string literals and the text between them, so that the parts a
/// witness shares with others (`"action": `, a principal, an ARN) can be stored once
/// (`HTMLReportData`). Joining the segments gives the text back exactly, whatever it holds:
/// the cut only splits, it never changes a character.
///
/// ```swift
/// JSONTextSegments.split(#"{"action": "s3:GetObject"}"#)
/// // [#"{"#, #""action""#, ": ", #""s3:GetObject""#, "}"]
/// ```
enum JSONTextSegments {
    static func split(_ text: String) -> [String] {
        var segments: [String] = []
        var current = ""
        var inString = false
        var escaped = false
        for character in text {
            if inString {
                current.append(character)
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" {
                    segments.append(current)
                    current = ""
                    inString = false
                }
            } else if character == "\"" {
                if !current.isEmpty { segments.append(current) }
                current = "\""
                inString = true
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { segments.append(current) }
        return segments
    }
}
