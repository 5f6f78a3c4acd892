import Policy

/// Each statement of a policy document as reports show it: pretty-printed (`JSONValueWriter`),
/// by index, from the document's text (`SnapshotResource.documentText`, itself the writer's
/// compact output). A scan shows the statements of the few resources with findings, so the texts
/// are derived when asked rather than kept for every resource of a snapshot.
///
/// The writer's output, compact or pretty, parses back to the same values in the same member
/// order (it keeps numbers as written and escapes strings as RFC 8259 says), so a statement
/// written from the document's text is the statement written from the document first read.
///
/// ```swift
/// StatementTexts.of(#"{"Statement": [{"Effect": "Allow"}]}"#)   // [0: "{\n  \"Effect\": \"Allow\"\n}"]
/// ```
public enum StatementTexts {
    /// The document's `Statement` (its last, when repeated): each element of an array, or the
    /// value itself; empty when there is no text or it cannot be read.
    public static func of(_ documentText: String?) -> [Int: String] {
        guard let documentText,
              let document = try? JSONParser.parse(Array(documentText.utf8), limits: unbounded) else { return [:] }
        return of(document)
    }

    /// The same, from the parsed document.
    public static func of(_ document: JSONValue) -> [Int: String] {
        let statementValue = document.members?.last(where: { $0.key == "Statement" })?.value
        let statementValues = statementValue.map { $0.elements ?? [$0] } ?? []
        var texts: [Int: String] = [:]
        for (index, statement) in statementValues.enumerated() { texts[index] = JSONValueWriter.write(statement) }
        return texts
    }

    /// The document was read once within the snapshot's limits; its text is read back whole.
    private static let unbounded = InputLimits(maxDocumentBytes: Int.max, maxNestingDepth: Int.max, maxStringBytes: Int.max)
}
