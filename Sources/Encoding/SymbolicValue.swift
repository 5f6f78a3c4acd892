import Policy
import Z3

/// How the values of one condition key are represented, chosen from the operator families
/// that read the key (docs/ENCODING.md, "Context keys"). Text keys are Z3 strings; keys read
/// only as numbers, dates or IP addresses are held in those domains directly, with a
/// `readable` bit for request text the operator cannot read (which matches no policy value).
public enum ValueRepresentation: Equatable, Sendable {
    case text
    case number
    case date
    case ipAddress

    /// The representation for a key read by `families`, or nil when they cannot share one.
    static func choose(for families: Set<ConditionFamily>) -> ValueRepresentation? {
        let significant = families.subtracting([.null])
        if significant.isSubset(of: [.string, .arn, .bool, .binary]) { return .text }
        if significant == [.numeric] { return .number }
        if significant == [.date] { return .date }
        if significant == [.ipAddress] { return .ipAddress }
        return nil
    }
}

/// One symbolic value of a key, in its representation.
public enum SymbolicScalar {
    case text(Z3String)
    /// Exact decimal scaled by 10^`PolicyNumber.scale`.
    case number(readable: Z3Bool, scaled: Z3Int)
    /// Milliseconds since the epoch.
    case date(readable: Z3Bool, milliseconds: Z3Int)
    /// 128 bits as two 64-bit halves; IPv4 addresses have `isIPv4` and their high 96 bits zero.
    case ipAddress(readable: Z3Bool, isIPv4: Z3Bool, high: Z3BitVector, low: Z3BitVector)

    public var text: Z3String? {
        if case .text(let term) = self { return term }
        return nil
    }
}

/// The values of one key in a symbolic request: up to `slots.count` values, of which the first
/// `active` ones are present. A single-valued key has one slot; absent means no active slot.
public struct SymbolicKeyValues {
    public let key: String
    public let representation: ValueRepresentation
    public let slots: [SymbolicScalar]
    /// `active[i]`: the request holds at least i+1 values.
    public let active: [Z3Bool]
    /// The key is present (with at least one value).
    public var present: Z3Bool { active[0] }
    /// The key holds exactly one value (what a policy variable needs).
    public let exactlyOne: Z3Bool
    public let isMultivalued: Bool
    /// For derived keys whose value is built from principal fields: `value == literal` compiled
    /// without asking Z3 to split a concatenation (see `SymbolicPrincipal.arnEquals`).
    var literalEquality: ((String) throws -> Z3Bool)? = nil
    /// For a multivalued free key: how many values it holds (`active[i]` is `count > i`). A pin
    /// states it outright, so that a pinned question rewrites to a literal (`Z3GroundCheck`).
    var count: Z3Int? = nil
}
