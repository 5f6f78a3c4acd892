/// A condition operator: an optional set qualifier, a base operator, and the `IfExists` suffix.
///
/// IAM User Guide, "IAM JSON policy elements: Condition operators" and "Multivalued context keys".
///
/// ```swift
/// ConditionOperator(parsing: "ForAnyValue:StringLikeIfExists")
/// // qualifier .forAnyValue, base .stringLike, ifExists true
/// ```
public struct ConditionOperator: Sendable, Hashable, CustomStringConvertible {
    public var qualifier: SetQualifier?
    public var base: BaseConditionOperator
    public var ifExists: Bool

    public init(_ base: BaseConditionOperator, qualifier: SetQualifier? = nil, ifExists: Bool = false) {
        self.base = base
        self.qualifier = qualifier
        self.ifExists = ifExists
    }

    /// Reads an operator name. Operator names are case-sensitive in IAM (the validator
    /// rejects `stringequals`), so this is too. Returns nil for anything not documented.
    public init?(parsing name: String) {
        var rest = Substring(name)
        var qualifier: SetQualifier?
        for candidate in SetQualifier.allCases where rest.hasPrefix(candidate.rawValue + ":") {
            qualifier = candidate
            rest = rest.dropFirst(candidate.rawValue.count + 1)
        }
        var ifExists = false
        if rest.hasSuffix("IfExists") {
            ifExists = true
            rest = rest.dropLast("IfExists".count)
        }
        guard let base = BaseConditionOperator(rawValue: String(rest)) else { return nil }
        self.init(base, qualifier: qualifier, ifExists: ifExists)
    }

    public var description: String {
        (qualifier.map { $0.rawValue + ":" } ?? "") + base.rawValue + (ifExists ? "IfExists" : "")
    }
}

/// `ForAllValues:` / `ForAnyValue:`, for multivalued context keys.
public enum SetQualifier: String, Sendable, Hashable, CaseIterable {
    case forAllValues = "ForAllValues"
    case forAnyValue = "ForAnyValue"
}

/// Every documented base condition operator.
public enum BaseConditionOperator: String, Sendable, Hashable, CaseIterable {
    case stringEquals = "StringEquals"
    case stringNotEquals = "StringNotEquals"
    case stringEqualsIgnoreCase = "StringEqualsIgnoreCase"
    case stringNotEqualsIgnoreCase = "StringNotEqualsIgnoreCase"
    case stringLike = "StringLike"
    case stringNotLike = "StringNotLike"
    case numericEquals = "NumericEquals"
    case numericNotEquals = "NumericNotEquals"
    case numericLessThan = "NumericLessThan"
    case numericLessThanEquals = "NumericLessThanEquals"
    case numericGreaterThan = "NumericGreaterThan"
    case numericGreaterThanEquals = "NumericGreaterThanEquals"
    case dateEquals = "DateEquals"
    case dateNotEquals = "DateNotEquals"
    case dateLessThan = "DateLessThan"
    case dateLessThanEquals = "DateLessThanEquals"
    case dateGreaterThan = "DateGreaterThan"
    case dateGreaterThanEquals = "DateGreaterThanEquals"
    case bool = "Bool"
    case binaryEquals = "BinaryEquals"
    case ipAddress = "IpAddress"
    case notIpAddress = "NotIpAddress"
    case arnEquals = "ArnEquals"
    case arnLike = "ArnLike"
    case arnNotEquals = "ArnNotEquals"
    case arnNotLike = "ArnNotLike"
    case null = "Null"

    /// The family decides how values are read and compared.
    public var family: ConditionFamily {
        switch self {
        case .stringEquals, .stringNotEquals, .stringEqualsIgnoreCase, .stringNotEqualsIgnoreCase,
             .stringLike, .stringNotLike:
            return .string
        case .numericEquals, .numericNotEquals, .numericLessThan, .numericLessThanEquals,
             .numericGreaterThan, .numericGreaterThanEquals:
            return .numeric
        case .dateEquals, .dateNotEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan,
             .dateGreaterThanEquals:
            return .date
        case .bool: return .bool
        case .binaryEquals: return .binary
        case .ipAddress, .notIpAddress: return .ipAddress
        case .arnEquals, .arnLike, .arnNotEquals, .arnNotLike: return .arn
        case .null: return .null
        }
    }

    /// Negated operators: a key with several values must match none of the policy values,
    /// and an absent key makes the test true (IAM User Guide, "Condition operators";
    /// "Creating a condition with multiple keys or values").
    public var isNegated: Bool {
        switch self {
        case .stringNotEquals, .stringNotEqualsIgnoreCase, .stringNotLike, .numericNotEquals, .dateNotEquals,
             .notIpAddress, .arnNotEquals, .arnNotLike:
            return true
        default:
            return false
        }
    }

    /// The positive operator this one negates (`StringNotLike` -> `StringLike`), or itself.
    public var positive: BaseConditionOperator {
        switch self {
        case .stringNotEquals: return .stringEquals
        case .stringNotEqualsIgnoreCase: return .stringEqualsIgnoreCase
        case .stringNotLike: return .stringLike
        case .numericNotEquals: return .numericEquals
        case .dateNotEquals: return .dateEquals
        case .notIpAddress: return .ipAddress
        case .arnNotEquals: return .arnEquals
        case .arnNotLike: return .arnLike
        default: return self
        }
    }

    /// Whether `*` and `?` in values are wildcards for this operator.
    /// `ArnEquals` matches like `ArnLike` (IAM User Guide, "ARN condition operators":
    /// both are "case-sensitive matching of the ARN ... may include a multi-character match wildcard").
    public var usesWildcards: Bool {
        switch self {
        case .stringLike, .stringNotLike, .arnEquals, .arnLike, .arnNotEquals, .arnNotLike: return true
        default: return false
        }
    }
}

/// Families of operators that read values the same way.
public enum ConditionFamily: String, Sendable, Hashable {
    case string, numeric, date, bool, binary, ipAddress, arn, null
}
