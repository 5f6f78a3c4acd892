import Policy

/// The condition keys of one request and their values.
///
/// - Keys compare case-insensitively (IAM User Guide, "IAM JSON policy elements: Condition":
///   "Condition key names are not case-sensitive"); the spelling first given is kept for output.
/// - Every key maps to a list of values. A single-valued key holds one value; a multivalued key
///   (`aws:TagKeys`, `aws:PrincipalOrgPaths`, `aws:CalledVia`...) holds any number, and
///   `isMultivalued` records that it was given as a list (it changes no decision: every operator
///   quantifies over the list, see `ConditionEvaluator`).
/// - A key that is not set is absent. A multivalued key set to the empty list is treated as
///   absent by `Null` and `...IfExists` (documented choice, see docs/AUTHORIZER.md).
///
/// ```swift
/// var context = RequestContext()
/// context["aws:SourceIp"] = .ipAddress("203.0.113.7")
/// context.set("aws:TagKeys", values: [.string("a"), .string("b")])
/// context.values(for: "AWS:SOURCEIP")?.first?.text   // "203.0.113.7"
/// ```
public struct RequestContext: Sendable, Hashable {
    /// One key as stored: its spelling, its values, and whether it was given as a list.
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var values: [ContextValue]
        public var isMultivalued: Bool

        public init(key: String, values: [ContextValue], isMultivalued: Bool) {
            self.key = key
            self.values = values
            self.isMultivalued = isMultivalued
        }
    }

    /// Entries by lowercased key.
    private var storage: [String: Entry] = [:]

    public init() {}

    /// A context from single values (each key single-valued).
    public init(_ values: [String: ContextValue]) {
        for (key, value) in values { self[key] = value }
    }

    /// The single value of `key` (the first value of a multivalued key); setting stores a single-valued key,
    /// setting nil removes the key.
    public subscript(key: String) -> ContextValue? {
        get { storage[key.lowercased()]?.values.first }
        set {
            if let newValue {
                storage[key.lowercased()] = Entry(key: key, values: [newValue], isMultivalued: false)
            } else {
                storage[key.lowercased()] = nil
            }
        }
    }

    /// Stores a key with several values (a multivalued key unless `multivalued: false` and one value).
    public mutating func set(_ key: String, values: [ContextValue], multivalued: Bool = true) {
        storage[key.lowercased()] = Entry(key: key, values: values, isMultivalued: multivalued || values.count != 1)
    }

    /// Removes a key.
    public mutating func remove(_ key: String) { storage[key.lowercased()] = nil }

    /// All values of `key`, or nil when the key is absent.
    public func values(for key: String) -> [ContextValue]? { storage[key.lowercased()]?.values }

    /// The entry for `key`, or nil when absent.
    public func entry(for key: String) -> Entry? { storage[key.lowercased()] }

    /// Lookup with a key already lowercased (the hot path).
    func values(forLowercasedKey key: String) -> [ContextValue]? { storage[key]?.values }

    /// Whether `key` is present with at least one value.
    public func contains(_ key: String) -> Bool { !(storage[key.lowercased()]?.values.isEmpty ?? true) }

    /// Every entry, sorted by lowercased key (deterministic order for output).
    public var entries: [Entry] { storage.keys.sorted().compactMap { storage[$0] } }

    public var isEmpty: Bool { storage.isEmpty }

    /// This context with `other`'s keys added; keys present in both take `other`'s entry.
    public func merging(_ other: RequestContext) -> RequestContext {
        var result = self
        for (key, entry) in other.storage { result.storage[key] = entry }
        return result
    }
}

/// The context's part of a request's walk (`RequestFieldWalk`): here, where its storage is.
extension RequestContext: FieldWalkable {
    /// Entries in key order (`entries`), each under its lowercased key (`storage`).
    public mutating func walkFields<Visitor: FieldVisitor>(_ visitor: inout Visitor) {
        visitor.visitWord(String(storage.count), field: "storage")
        for key in storage.keys.sorted() {
            guard var entry = storage[key] else { continue }
            visitor.visitWord(key, field: "storage")
            visitor.visitNested(&entry, field: "storage")
            if Visitor.rewritesValues { storage[key] = entry }
        }
    }
}
