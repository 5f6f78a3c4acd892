/// The content of a model value as one string, from its walk (`FieldWalkable`): every value and
/// word with its field name and length, and the nesting, so two values have equal fingerprints
/// exactly when every field the semantics reads is equal. Unread fields (source locations, a
/// policy's source name) are left out, so one policy read from two files has one fingerprint.
///
/// ```swift
/// FieldFingerprint.of(policy) == FieldFingerprint.of(samePolicyFromAnotherFile)   // true
/// ```
public struct FieldFingerprint: FieldVisitor {
    /// The fingerprint's bytes (UTF-8), appended without intermediate strings: a scan takes one
    /// per resource.
    public private(set) var bytes: [UInt8] = []

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public init() {}

    /// The fingerprint of `value`.
    public static func of<Value: FieldWalkable>(_ value: Value) -> String {
        var fingerprint = FieldFingerprint()
        var copy = value
        copy.walkFields(&fingerprint)
        return fingerprint.text
    }

    public mutating func visitValue(_ value: inout String, field: StaticString) { record(UInt8(ascii: "v"), value, field: field) }

    public mutating func visitWord(_ word: String, field: StaticString) { record(UInt8(ascii: "w"), word, field: field) }

    public mutating func enter(_ field: StaticString) {
        bytes.append(UInt8(ascii: "{"))
        append(field)
    }

    public mutating func leave() { bytes.append(UInt8(ascii: "}")) }

    /// `kind field length:text`: the length makes the concatenation unambiguous.
    private mutating func record(_ kind: UInt8, _ content: String, field: StaticString) {
        bytes.append(kind)
        append(field)
        appendDecimal(content.utf8.count)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(contentsOf: content.utf8)
    }

    private mutating func append(_ field: StaticString) {
        if field.hasPointerRepresentation {
            bytes.append(contentsOf: UnsafeBufferPointer(start: field.utf8Start, count: field.utf8CodeUnitCount))
        } else {
            bytes.append(contentsOf: field.description.utf8)
        }
    }

    private mutating func appendDecimal(_ number: Int) {
        if number >= 10 { appendDecimal(number / 10) }
        bytes.append(UInt8(ascii: "0") + UInt8(number % 10))
    }
}
