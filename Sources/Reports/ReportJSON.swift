import Foundation

/// How every JSON output of Rampart is laid out: pretty-printed, keys sorted, slashes unescaped,
/// one newline at the end; two runs over the same input write the same bytes.
enum ReportJSON {
    static func encode<Document: Encodable>(_ document: Document) -> String {
        let encoder = encoder()
        // Every output type is made of strings, numbers, Booleans, arrays and objects of them:
        // encoding cannot fail.
        guard let data = try? encoder.encode(document) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The encoder of that layout (without the final newline).
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
