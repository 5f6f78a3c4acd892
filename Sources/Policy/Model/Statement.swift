/// One statement of a policy. `principal`, `actions` and `resources` carry their
/// negation (`NotPrincipal`, `NotAction`, `NotResource`); an absent element is nil.
public struct Statement: Sendable, Hashable {
    /// Position in the policy's `Statement` list (0 when `Statement` is a single object).
    public var index: Int
    public var sid: Located<String>?
    public var effect: Effect
    public var principal: PrincipalElement?
    public var actions: PatternElement?
    public var resources: PatternElement?
    public var conditions: [Condition]
    public var location: SourceLocation

    public init(index: Int, sid: Located<String>? = nil, effect: Effect, principal: PrincipalElement? = nil,
                actions: PatternElement?, resources: PatternElement? = nil, conditions: [Condition] = [],
                location: SourceLocation) {
        self.index = index
        self.sid = sid
        self.effect = effect
        self.principal = principal
        self.actions = actions
        self.resources = resources
        self.conditions = conditions
        self.location = location
    }

    /// How people refer to this statement: its Sid when it has one, else its index.
    public var label: String {
        if let sid = sid?.value, !sid.isEmpty { return "\(sid) (#\(index))" }
        return "#\(index)"
    }
}

/// `Allow` or `Deny`.
public enum Effect: String, Sendable, Hashable, CaseIterable, Codable {
    case allow = "Allow"
    case deny = "Deny"
}

/// `Action`/`NotAction` or `Resource`/`NotResource`: a list of patterns, possibly negated.
/// Patterns keep their text as written; matching rules (case, wildcards) belong to the
/// semantics, not the model.
public struct PatternElement: Sendable, Hashable {
    /// True for `NotAction` / `NotResource`.
    public var isNegated: Bool
    public var patterns: [Located<String>]
    public var location: SourceLocation

    public init(isNegated: Bool = false, patterns: [Located<String>], location: SourceLocation) {
        self.isNegated = isNegated
        self.patterns = patterns
        self.location = location
    }

    public var values: [String] { patterns.map(\.value) }
}
