/// A visitor of every stored field of a model value, in one fixed order: the one enumeration of
/// fields from which renaming, fingerprints and cache keys are derived (`FieldWalkable`), so a
/// field added to the model is renamed, fingerprinted and keyed once it is walked — and a test
/// compares each walk with the type's stored properties, so a field cannot be forgotten.
///
/// A field is one of three things:
/// - a *value*: a string the policy's author or the snapshot chose (an ARN, an account, a name,
///   a condition value, a Sid). Renamings rewrite values; fingerprints record them.
/// - a *word*: anything else the semantics reads — an effect, an action pattern, a condition
///   key, an operator, a flag, a count, whether an optional field is present. Never renamed.
/// - *unread*: stored but read by no semantics (where a value came from: source locations,
///   a policy's source name). Neither renamed nor fingerprinted.
///
/// ```swift
/// struct Words: FieldVisitor {
///     var seen: [String] = []
///     mutating func visitValue(_ value: inout String, field: StaticString) { seen.append(value) }
///     mutating func visitWord(_ word: String, field: StaticString) {}
/// }
/// var words = Words()
/// var copy = policy
/// copy.walkFields(&words)   // words.seen: the policy's values, in walk order
/// ```
public protocol FieldVisitor {
    /// Whether the visitor changes values (a renaming). Readers leave the walked value's storage
    /// shared (`Array.walkElements` copies no array for them).
    static var rewritesValues: Bool { get }
    /// A string the author or the snapshot chose: renamings rewrite it.
    mutating func visitValue(_ value: inout String, field: StaticString)
    /// Anything else the semantics reads, as text: never rewritten.
    mutating func visitWord(_ word: String, field: StaticString)
    /// A stored field no semantics reads.
    mutating func visitUnread(field: StaticString)
    /// Entering the field `field` of a nested value (or an element of a list); `leave` ends it.
    mutating func enter(_ field: StaticString)
    mutating func leave()
}

extension FieldVisitor {
    public static var rewritesValues: Bool { false }
    public mutating func visitUnread(field: StaticString) {}
    public mutating func enter(_ field: StaticString) {}
    public mutating func leave() {}

    /// A value that may be absent: its presence is a word, then the value.
    public mutating func visitValue(_ value: inout String?, field: StaticString) {
        guard var present = value else { visitWord("nil", field: field); return }
        visitWord("some", field: field)
        visitValue(&present, field: field)
        if Self.rewritesValues { value = present }
    }

    /// A list of values: its count is a word, then each value.
    public mutating func visitValues(_ values: inout [String], field: StaticString) {
        visitWord(String(values.count), field: field)
        if Self.rewritesValues {
            for index in values.indices { visitValue(&values[index], field: field) }
        } else {
            for var value in values { visitValue(&value, field: field) }
        }
    }

    /// A list of values that may be absent: its presence is a word, then the list.
    public mutating func visitValues(_ values: inout [String]?, field: StaticString) {
        guard var present = values else { visitWord("nil", field: field); return }
        visitWord("some", field: field)
        visitValues(&present, field: field)
        if Self.rewritesValues { values = present }
    }

    /// A nested value, between `enter` and `leave`.
    public mutating func visitNested<Nested: FieldWalkable>(_ nested: inout Nested, field: StaticString) {
        enter(field)
        nested.walkFields(&self)
        leave()
    }

    /// A nested value that may be absent: its presence is a word, then the value.
    public mutating func visitNested<Nested: FieldWalkable>(_ nested: inout Nested?, field: StaticString) {
        guard var present = nested else { visitWord("nil", field: field); return }
        visitWord("some", field: field)
        visitNested(&present, field: field)
        if Self.rewritesValues { nested = present }
    }

    /// A list of nested values: its count is a word, then each element.
    public mutating func visitNested<Nested: FieldWalkable>(_ list: inout [Nested], field: StaticString) {
        visitWord(String(list.count), field: field)
        if Self.rewritesValues {
            for index in list.indices { visitNested(&list[index], field: field) }
        } else {
            for var element in list { visitNested(&element, field: field) }
        }
    }

    /// A list of nested values that may be absent: its presence is a word, then the list.
    public mutating func visitNested<Nested: FieldWalkable>(_ list: inout [Nested]?, field: StaticString) {
        guard var present = list else { visitWord("nil", field: field); return }
        visitWord("some", field: field)
        visitNested(&present, field: field)
        if Self.rewritesValues { list = present }
    }
}

/// A model value whose every stored field a `FieldVisitor` visits, in one fixed order.
public protocol FieldWalkable {
    mutating func walkFields<Visitor: FieldVisitor>(_ visitor: inout Visitor)
}
