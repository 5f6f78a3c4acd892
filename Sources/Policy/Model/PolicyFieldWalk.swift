/// The walk of the policy model (`FieldWalkable`): every stored field, in declaration order.
/// Principals, resources, condition values, the policy's id and the Sids are values; effects,
/// actions, condition keys and operators are words (names the semantics reads, never renamed);
/// source locations and the policy's source name are unread.

extension Policy: FieldWalkable {
    public mutating func walkFields<Visitor: FieldVisitor>(_ visitor: inout Visitor) {
        visitor.visitUnread(field: "source")
        visitor.visitWord(type.rawValue, field: "type")
        visitor.visitWord(version?.value.rawValue ?? "nil", field: "version")
        visitor.visitNested(&id, field: "id")
        visitor.visitNested(&statements, field: "statements")
    }
}

extension Located: FieldWalkable where Value == String {
    public mutating func walkFields<Visitor: FieldVisitor>(_ visitor: inout Visitor) {
        visitor.visitValue(&value, field: "value")
        visitor.visitUnread(field: "location")
    }
}

extension Statement: FieldWalkable {
    public mutating func walkFields<Visitor: FieldVisitor>(_ visitor: inout Visitor) {
        visitor.visitWord(String(index), field: "index")
        visitor.visitNested(&sid, field: "sid")
        visitor.visitWord(effect.rawValue, field: "effect")
        visitor.visitNested(&principal, field: "principal")
        // Action patterns are names, compared with actions: words, never renamed.
        var names = ValuesAsWords(visitor)
        names.visitNested(&actions, field: "actions")
        visitor = names.inner
        visitor.visitNested(&resources, field: "resources")
        visitor.visitNested(&conditions, field: "conditions")
        visitor.visitUnread(field: "location")
    }
}

extension PrincipalElement: FieldWalkable {
    public mutating func walkFields<Visitor: FieldVisitor>(_ visitor: inout Visitor) {
        visitor.visitWord(isNegated ? "NotPrincipal" : "Principal", field: "isNegated")
        visitor.visitWord(isBareWildcard ? "*" : "entries", field: "isBareWildcard")
        visitor.visitNested(&entries, field: "entries")
        visitor.visitUnread(field: "location")
    }
}

extension PrincipalEntry: FieldWalkable {
    public mutating func walkFields<Visitor: FieldVisitor>(_ visitor: inout Visitor) {
        visitor.visitWord(type.rawValue, field: "type")
        visitor.visitValue(&value, field: "value")
        visitor.visitUnread(field: "location")
    }
}

/// An `Action`/`NotAction` or `Resource`/`NotResource` element (`Statement` walks its actions as words).
extension PatternElement: FieldWalkable {
    public mutating func walkFields<Visitor: FieldVisitor>(_ visitor: inout Visitor) {
        visitor.visitWord(isNegated ? "Not" : "-", field: "isNegated")
        visitor.visitNested(&patterns, field: "patterns")
        visitor.visitUnread(field: "location")
    }
}

extension Condition: FieldWalkable {
    public mutating func walkFields<Visitor: FieldVisitor>(_ visitor: inout Visitor) {
        visitor.visitWord(conditionOperator.description, field: "conditionOperator")
        // The key is a name: a word, not renamed.
        visitor.visitWord(key.value, field: "key")
        visitor.visitNested(&values, field: "values")
        visitor.visitUnread(field: "location")
    }
}

extension ConditionValue: FieldWalkable {
    public mutating func walkFields<Visitor: FieldVisitor>(_ visitor: inout Visitor) {
        visitor.visitValue(&text, field: "text")
        visitor.visitWord(spelling.rawValue, field: "spelling")
        visitor.visitUnread(field: "location")
    }
}

/// A visitor that hands every value to `inner` as a word: for elements whose strings are names.
struct ValuesAsWords<Inner: FieldVisitor>: FieldVisitor {
    var inner: Inner
    init(_ inner: Inner) { self.inner = inner }
    mutating func visitValue(_ value: inout String, field: StaticString) { inner.visitWord(value, field: field) }
    mutating func visitWord(_ word: String, field: StaticString) { inner.visitWord(word, field: field) }
    mutating func visitUnread(field: StaticString) { inner.visitUnread(field: field) }
    mutating func enter(_ field: StaticString) { inner.enter(field) }
    mutating func leave() { inner.leave() }
}
