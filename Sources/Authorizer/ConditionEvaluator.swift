import Policy

/// Evaluates one `Condition` (one operator, one key, its values) against a request context.
///
/// The rules, from the IAM User Guide pages "IAM JSON policy elements: Condition operators",
/// "Creating a condition with multiple context keys or values" and "Single-valued vs. multivalued
/// context keys":
/// - Several policy values OR together: a request value matches when it matches any of them.
/// - Negated operators (`StringNotEquals`, `NotIpAddress`, `ArnNotLike`, ...) are the negation of
///   their positive operator: a request value satisfies them when it matches NONE of the values.
/// - Absent key (or an empty multivalued key): `...IfExists` is true; `ForAllValues:` is true;
///   `ForAnyValue:` is false; otherwise a positive operator is false and a negated one true.
/// - Present key with request values r1...rn:
///   `ForAllValues:` every ri satisfies the operator; `ForAnyValue:` some ri does.
///   With no qualifier (single-valued use, or a multivalued key used without a set operator) a
///   positive operator needs some ri to match (like `ForAnyValue:`) and a negated operator needs no
///   ri to match (the negation of the positive operator).
/// - `Null`: `true` holds when the key is absent, `false` when it is present; qualifiers and
///   `IfExists` do not apply to it.
/// - A policy value that does not parse for its operator, or whose policy variable cannot be
///   resolved, matches nothing; so does a request value that does not parse (`NumericEquals` on `"abc"`).
public enum ConditionEvaluator {
    /// Whether `condition` holds for `context`. `substituteVariables` comes from the policy's Version.
    public static func evaluate(_ condition: Condition, context: RequestContext, substituteVariables: Bool) -> Bool {
        let op = condition.conditionOperator
        let requestValues = context.values(forLowercasedKey: condition.key.value.lowercased()) ?? []
        let present = !requestValues.isEmpty

        if op.base == .null {
            return condition.values.contains { value in
                guard let wantsAbsent = PolicyBool.parse(value.text) else { return false }
                return wantsAbsent != present
            }
        }
        guard present else {
            if op.ifExists { return true }
            switch op.qualifier {
            case .forAllValues: return true
            case .forAnyValue: return false
            case nil: return op.base.isNegated
            }
        }

        let matcher = ValueMatcher(base: op.base.positive, values: condition.values, context: context,
                                   substitute: substituteVariables)
        let negated = op.base.isNegated
        switch op.qualifier {
        case .forAllValues:
            return requestValues.allSatisfy { matcher.matches($0) != negated }
        case .forAnyValue:
            return requestValues.contains { matcher.matches($0) != negated }
        case nil:
            let anyMatch = requestValues.contains { matcher.matches($0) }
            return negated ? !anyMatch : anyMatch
        }
    }
}

/// The policy values of one condition, read once for a positive operator; answers "does this
/// request value match any of them".
struct ValueMatcher {
    private enum Compiled {
        case strings(Set<String>)
        case lowercasedStrings(Set<String>)
        case globs([GlobPattern])
        case arns([[GlobToken]])
        case numbers([PolicyNumber])
        case dates([Int64])
        case bools(Set<Bool>)
        case binaries([[UInt8]])
        case ranges([IPAddressRange])
    }

    private let base: BaseConditionOperator
    private let compiled: Compiled

    /// `base` must be a positive operator (`BaseConditionOperator.positive`).
    init(base: BaseConditionOperator, values: [ConditionValue], context: RequestContext, substitute: Bool) {
        self.base = base
        // Policy variables apply in string and ARN comparisons (IAM User Guide, "Variables and tags":
        // "in the Resource element and in string comparisons in the Condition element").
        let family = base.family
        let substituteHere = substitute && (family == .string || family == .arn)
        let resolved: [[PolicyValueResolver.Piece]] = values.compactMap {
            PolicyValueResolver.resolve($0.text, substitute: substituteHere, context: context)
        }
        switch base {
        case .stringEquals:
            compiled = .strings(Set(resolved.map(PolicyValueResolver.plain)))
        case .stringEqualsIgnoreCase:
            compiled = .lowercasedStrings(Set(resolved.map { PolicyValueResolver.plain($0).lowercased() }))
        case .stringLike:
            compiled = .globs(resolved.map { GlobPattern(tokens: PolicyValueResolver.tokens($0)) })
        case .arnEquals, .arnLike:
            compiled = .arns(resolved.map { PolicyValueResolver.tokens($0) })
        case .numericEquals, .numericLessThan, .numericLessThanEquals, .numericGreaterThan, .numericGreaterThanEquals:
            compiled = .numbers(resolved.compactMap { PolicyNumber(parsing: PolicyValueResolver.plain($0)) })
        case .dateEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan, .dateGreaterThanEquals:
            compiled = .dates(resolved.compactMap { PolicyDate.parse(PolicyValueResolver.plain($0)) })
        case .bool:
            compiled = .bools(Set(resolved.compactMap { PolicyBool.parse(PolicyValueResolver.plain($0)) }))
        case .binaryEquals:
            compiled = .binaries(resolved.compactMap { Base64.decode(PolicyValueResolver.plain($0)) })
        case .ipAddress:
            compiled = .ranges(resolved.compactMap { IPAddressRange(parsing: PolicyValueResolver.plain($0)) })
        default:
            // Negated operators and Null never reach here (callers pass `.positive`; Null is handled apart).
            compiled = .strings([])
        }
    }

    /// Whether `value` matches at least one policy value under the positive operator.
    func matches(_ value: ContextValue) -> Bool {
        switch compiled {
        case .strings(let set):
            return set.contains(value.text)
        case .lowercasedStrings(let set):
            return set.contains(value.text.lowercased())
        case .globs(let patterns):
            return patterns.contains { $0.matches(value.text) }
        case .arns(let patterns):
            return patterns.contains { ARNMatcher.matches(pattern: $0, value: value.text) }
        case .numbers(let numbers):
            guard let number = value.asNumber else { return false }
            return numbers.contains { compare(number, $0) }
        case .dates(let dates):
            guard let date = value.asDate else { return false }
            return dates.contains { compare(date, $0) }
        case .bools(let set):
            guard let flag = value.asBool else { return false }
            return set.contains(flag)
        case .binaries(let blobs):
            guard let bytes = value.asBinary else { return false }
            return blobs.contains(bytes)
        case .ranges(let ranges):
            guard let address = value.asIPAddress else { return false }
            return ranges.contains { $0.contains(address) }
        }
    }

    /// `request OP policy` for the ordered operators.
    private func compare<T: Comparable>(_ request: T, _ policy: T) -> Bool {
        switch base {
        case .numericEquals, .dateEquals: return request == policy
        case .numericLessThan, .dateLessThan: return request < policy
        case .numericLessThanEquals, .dateLessThanEquals: return request <= policy
        case .numericGreaterThan, .dateGreaterThan: return request > policy
        case .numericGreaterThanEquals, .dateGreaterThanEquals: return request >= policy
        default: return false
        }
    }
}
