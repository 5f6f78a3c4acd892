import Authorizer
import Policy
import RampartTestSupport

/// Generates random policy documents over the whole policy grammar, drawing every literal from
/// `DifferentialPools`: Allow/Deny; Principal/NotPrincipal with every principal type; Action/NotAction
/// with globs and mixed case; Resource/NotResource with globs, policy variables, defaults and escapes,
/// or no Resource; every condition operator family with `IfExists`, `ForAllValues:`/`ForAnyValue:`,
/// negated operators, several values and keys; Version 2012-10-17, 2008-10-17 or none.
///
/// It stays within the encoding's documented modelling limits (Sources/Encoding): each key keeps one
/// representation (text, number, date or IP address), policy variables appear only in `Resource` and
/// in StringEquals/StringNotEquals/StringLike/StringNotLike values (never in ARN-operator or
/// StringEqualsIgnoreCase values), and only text keys are used as variables.
struct PolicyGenerator {
    var random: SeededGenerator
    /// The most statements per document (2 for the smaller sets witness searches use).
    var maximumStatements = 4

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    mutating func policy(_ type: PolicyType) -> GeneratedPolicy {
        let version: String?
        if random.chance(0.8) {
            version = "2012-10-17"
        } else {
            version = random.chance(0.6) ? "2008-10-17" : nil
        }
        let count = random.chance(0.45) ? 1 : random.int(min(2, maximumStatements)...maximumStatements)
        var statements: [GeneratedStatement] = []
        for index in 0..<count {
            var statement = self.statement(type)
            if random.chance(0.2) { statement.sid = "S\(index)" }
            statements.append(statement)
        }
        if statements.count == 1 && random.chance(0.3) { statements[0].singleObject = true }
        return GeneratedPolicy(type: type, version: version, statements: statements)
    }

    mutating func statement(_ type: PolicyType) -> GeneratedStatement {
        // SCPs, RCPs and boundaries usually deny by exception; make sure they allow often enough.
        let effect: Effect = random.chance(type == .scp || type == .rcp ? 0.25 : 0.3) ? .deny : .allow
        var principal: GeneratedPrincipal?
        switch type {
        case .resource, .trust: principal = self.principal()
        case .rcp: principal = GeneratedPrincipal(negated: false, bareWildcard: random.chance(0.5),
                                                  entries: [.init(type: .aws, values: ["*"], asList: false)])
        case .identity, .scp, .boundary: principal = nil
        }
        let actions = GeneratedPatterns(negated: random.chance(0.12), values: random.sample(DifferentialPools.actionPatterns,
                                                                                         count: random.int(1...3)),
                                        asList: random.chance(0.3))
        var resources: GeneratedPatterns?
        if type != .trust && (type.requiresResource || random.chance(0.7)) {
            resources = GeneratedPatterns(negated: random.chance(0.12),
                                          values: random.sample(DifferentialPools.resourcePatterns, count: random.int(1...2)),
                                          asList: random.chance(0.3))
        }
        var conditions: [GeneratedCondition] = []
        for _ in 0..<random.smallCount(max: random.chance(0.7) ? 1 : 3, zero: 0.5) { conditions.append(condition()) }
        return GeneratedStatement(sid: nil, effect: effect, principal: principal, actions: actions, resources: resources,
                                  conditions: conditions)
    }

    mutating func principal() -> GeneratedPrincipal {
        let negated = random.chance(0.15)
        if random.chance(0.15) { return GeneratedPrincipal(negated: negated, bareWildcard: true, entries: []) }
        var entries: [GeneratedPrincipal.Entry] = []
        let types: [PrincipalType] = [.aws, .aws, .aws, .service, .federated, .canonicalUser]
        for type in Set(random.sample(types, count: random.int(1...2))).sorted(by: { $0.rawValue < $1.rawValue }) {
            let values: [String]
            switch type {
            case .aws:
                values = random.chance(0.12) ? ["*"] : random.sample(DifferentialPools.awsPrincipalEntries, count: random.int(1...3))
            case .service:
                values = random.chance(0.15) ? ["*"] : random.sample(DifferentialPools.services, count: random.int(1...2))
            case .federated:
                values = random.sample(DifferentialPools.providers, count: random.int(1...2))
            case .canonicalUser:
                values = [random.pick(DifferentialPools.canonicalIDs)]
            }
            entries.append(.init(type: type, values: values, asList: random.chance(0.3)))
        }
        return GeneratedPrincipal(negated: negated, bareWildcard: false, entries: entries)
    }

    mutating func condition() -> GeneratedCondition {
        let spec = random.pick(DifferentialPools.keys)
        var key = spec.name
        if random.chance(0.1) { key = random.flipCase(key) }  // condition key names are case-insensitive
        let base = baseOperator(for: spec)
        if base == .null {
            let values: [JSONText.Literal] = [random.chance(0.5) ? .bool(random.chance(0.5)) : .string(random.pick(["true", "false", "True"]))]
            return GeneratedCondition(operatorName: "Null", key: key, values: values, asList: random.chance(0.2))
        }
        var name = base.rawValue
        if random.chance(spec.multivalued ? 0.6 : 0.1) { name = random.pick(["ForAllValues:", "ForAnyValue:"]) + name }
        if random.chance(0.2) { name += "IfExists" }
        let count = random.chance(0.55) ? 1 : random.int(2...3)
        var values: [JSONText.Literal] = []
        for _ in 0..<count { values.append(value(for: spec, base: base)) }
        return GeneratedCondition(operatorName: name, key: key, values: values, asList: random.chance(0.3))
    }

    private mutating func baseOperator(for spec: ConditionKeySpec) -> BaseConditionOperator {
        if random.chance(0.08) { return .null }
        let strings: [BaseConditionOperator] = [.stringEquals, .stringNotEquals, .stringEqualsIgnoreCase, .stringNotEqualsIgnoreCase,
                                                .stringLike, .stringNotLike]
        switch spec.family {
        case .text: return random.pick(strings + [.stringEquals, .stringLike])
        case .arn: return random.pick([.arnEquals, .arnLike, .arnNotEquals, .arnNotLike, .stringEquals, .stringLike, .stringNotLike])
        case .bool: return random.chance(0.8) ? .bool : random.pick(strings)
        case .binary: return random.chance(0.8) ? .binaryEquals : .stringEquals
        case .number: return random.pick([.numericEquals, .numericNotEquals, .numericLessThan, .numericLessThanEquals,
                                          .numericGreaterThan, .numericGreaterThanEquals])
        case .date: return random.pick([.dateEquals, .dateNotEquals, .dateLessThan, .dateLessThanEquals,
                                        .dateGreaterThan, .dateGreaterThanEquals])
        case .ipAddress: return random.pick([.ipAddress, .notIpAddress])
        }
    }

    private mutating func value(for spec: ConditionKeySpec, base: BaseConditionOperator) -> JSONText.Literal {
        switch base.family {
        case .numeric:
            let text = random.pick(spec.values)
            return random.chance(0.5) ? .number(text) : .string(text)
        case .bool:
            let text = random.pick(["true", "false", "True", "TRUE"])
            return random.chance(0.4) ? .bool(text.lowercased() == "true") : .string(text)
        case .string:
            let variableAllowed = base != .stringEqualsIgnoreCase && base != .stringNotEqualsIgnoreCase
            if variableAllowed && random.chance(0.15) {
                let variable = random.pick(DifferentialPools.variables)
                return .string(random.pick(["", "home/", "o-"]) + variable + random.pick(["", "/", "*"]))
            }
            var text = random.pick(spec.values)
            if random.chance(0.1) { text = random.flipCase(text) }
            return .string(text)
        default:
            // ARN values never hold variables (the encoding does not model them there); escapes are fine.
            var text = random.pick(spec.values)
            if base.family == .arn && random.chance(0.05) { text += "${*}" }
            return .string(text)
        }
    }
}
