import Foundation

/// Writes a `ReportJSON` document whose one large array is encoded an element at a time: the
/// document is encoded once with that array empty, and each element is encoded on its own,
/// indented to its depth, into the empty array's place. The bytes are those `ReportJSON.encode`
/// writes for the whole document (`ReportStreamingTests`), without the whole document, or all
/// of its elements, in memory at once.
///
/// ```swift
/// // {"findings": [...]} written with 100,000 findings, one at a time
/// var stream = JSONArrayStream(header: ReportJSON.encode(documentWithoutFindings), key: "findings", depth: 1, writer: writer)
/// for finding in findings { try stream.append(FindingRecord(finding)) }
/// try stream.finish()
/// ```
struct JSONArrayStream {
    private let header: String
    private let writer: ReportFileWriter
    /// Where the empty array opens and closes in `header`; nil when the key is not found there
    /// (the header is then written as it is).
    private let open: String.Index?, close: String.Index?
    private let indent: String
    private let elementIndent: [UInt8]
    private let encoder = ReportJSON.encoder()
    private var count = 0
    private var element: [UInt8] = []

    /// - Parameters:
    ///   - header: the whole document, pretty-printed, with the array empty.
    ///   - key: the array's key.
    ///   - depth: how deep the key's object is: 1 for a key of the root, 2 for one of an object
    ///     in it, and so on (two spaces of indentation a level).
    init(header: String, key: String, depth: Int, writer: ReportFileWriter) {
        self.header = header
        self.writer = writer
        indent = String(repeating: " ", count: 2 * depth)
        elementIndent = [UInt8](repeating: UInt8(ascii: " "), count: 2 * depth + 2)
        // The key at its indentation after a line break: a string value cannot hold it, since
        // its quotes would be escaped.
        if let keyRange = header.range(of: "\n\(indent)\"\(key)\" : "), header[keyRange.upperBound...].hasPrefix("["),
           let close = header[keyRange.upperBound...].firstIndex(of: "]") {
            open = header.index(after: keyRange.upperBound)
            self.close = close
        } else {
            open = nil
            close = nil
        }
    }

    mutating func append<Element: Encodable>(_ value: Element) throws {
        guard let open else { return }
        let data = try encoder.encode(value)
        if count == 0 { try writer.write(String(header[..<open])) }
        let newline = UInt8(ascii: "\n")
        element.removeAll(keepingCapacity: true)
        if count > 0 { element.append(UInt8(ascii: ",")) }
        element.append(newline)
        element += elementIndent
        // Every line one level deeper, but the empty line of an empty array, which the encoder
        // leaves without indentation.
        element.reserveCapacity(data.count + data.count / 4)
        data.withUnsafeBytes { bytes in
            var lineStart = false
            for byte in bytes {
                if lineStart && byte != newline { element += elementIndent }
                element.append(byte)
                lineStart = byte == newline
            }
        }
        try writer.write(bytes: element)
        count += 1
    }

    /// Writes the rest of the document (all of it when no element was appended).
    mutating func finish() throws {
        guard count > 0, let close else { return try writer.write(header) }
        try writer.write("\n" + indent)
        try writer.write(String(header[close...]))
    }
}
