/// The content of a model value as one string, from its walk (`FieldWalkable`): every value and
/// word with its field name and length, and the nesting, so two values have equal fingerprints
/// exactly when every field the semantics reads is equal. Unread fields (source locations, a
/// policy's source name) are left out, so one policy read from two files has one fingerprint.
///
/// ```swift
/// FieldFingerprint.of(policy) == FieldFingerprint.of(samePolicyFromAnotherFile)   // true
/// ```
public struct FieldFingerprint: FieldVisitor {
    public private(set) var text = ""

    public init() {}

    /// The fingerprint of `value`.
    public static func of<Value: FieldWalkable>(_ value: Value) -> String {
        var fingerprint = FieldFingerprint()
        var copy = value
        copy.walkFields(&fingerprint)
        return fingerprint.text
    }

    public mutating func visitValue(_ value: inout String, field: StaticString) { record("v", value, field: field) }

    public mutating func visitWord(_ word: String, field: StaticString) { record("w", word, field: field) }

    public mutating func enter(_ field: StaticString) {
        text += "{"
        text += field.description
    }

    public mutating func leave() { text += "}" }

    /// `kind field length:text`: the length makes the concatenation unambiguous.
    private mutating func record(_ kind: String, _ content: String, field: StaticString) {
        text += kind
        text += field.description
        text += String(content.utf8.count)
        text += ":"
        text += content
    }
}
