import Authorizer
import Policy
import Z3

/// Compiles one `Condition` into a Z3 Boolean over a symbolic request, with exactly the
/// Authorizer's `ConditionEvaluator` rules: policy values OR together; negated operators
/// negate their positive operator; an absent key makes `...IfExists` and `ForAllValues:`
/// true, `ForAnyValue:` false, a positive operator false and a negated one true;
/// `ForAllValues:`/`ForAnyValue:` quantify over the key's values; a plain operator on several
/// values needs some value to match (negated: none). A policy value its operator cannot read,
/// or whose variable cannot be resolved, matches nothing.
struct ConditionCompiler {
    let request: SymbolicRequest
    let globs: GlobRegex
    let arns: ARNRegex
    var context: Z3Context { request.context }

    init(request: SymbolicRequest) throws {
        self.request = request
        self.globs = try GlobRegex(context: request.context)
        self.arns = try ARNRegex(context: request.context)
    }

    func compile(_ condition: Condition, substituteVariables: Bool) throws -> Z3Bool {
        let op = condition.conditionOperator
        let values = try request.values(of: condition.key.value)
        let present = values.present
        if op.base == .null {
            var alternatives: [Z3Bool] = []
            for value in condition.values {
                guard let wantsAbsent = PolicyBool.parse(value.text) else { continue }
                alternatives.append(wantsAbsent ? try present.not() : present)
            }
            return try context.or(alternatives)
        }
        let absent: Bool
        if op.ifExists {
            absent = true
        } else {
            switch op.qualifier {
            case .forAllValues: absent = true
            case .forAnyValue: absent = false
            case nil: absent = op.base.isNegated
            }
        }
        let matcher = try PolicyValues(base: op.base.positive, values: condition.values, compiler: self,
                                       substitute: substituteVariables)
        let negated = op.base.isNegated
        var perSlot: [(active: Z3Bool, matches: Z3Bool)] = []
        for (index, slot) in values.slots.enumerated() {
            perSlot.append((values.active[index], try matcher.matches(slot, literalEquality: values.literalEquality)))
        }
        if condition.key.value.lowercased() == "aws:principalorgpaths",
           let organizations = OrganizationPathLemma.organizations(fixedBy: condition.values.map(\.text), operator: op.base.positive) {
            for entry in perSlot {
                try request.stateOrganizationPathLemma(active: entry.active, matches: entry.matches, organizations: organizations)
            }
        }
        let whenPresent: Z3Bool
        switch op.qualifier {
        case .forAllValues:
            whenPresent = try context.and(perSlot.map { try $0.active.implies(negated ? $0.matches.not() : $0.matches) })
        case .forAnyValue:
            whenPresent = try context.or(perSlot.map { try context.and([$0.active, negated ? $0.matches.not() : $0.matches]) })
        case nil:
            let anyMatch = try context.or(perSlot.map { try context.and([$0.active, $0.matches]) })
            whenPresent = negated ? try anyMatch.not() : anyMatch
        }
        return try context.ite(present, then: whenPresent, else: context.bool(absent))
    }

    /// Resolves a policy string's variables against the symbolic request: the pieces and the
    /// condition under which every variable resolves. Mirrors `PolicyValueResolver`: a variable
    /// takes the key's single value, else its default, else the value is unresolved.
    func resolve(_ text: String, substitute: Bool) throws -> (pieces: [PatternPiece], resolvable: Z3Bool) {
        guard substitute, text.contains("${") else { return ([.pattern(text)], try context.bool(true)) }
        var pieces: [PatternPiece] = []
        var requirements: [Z3Bool] = []
        for part in PolicyVariableParser.parts(of: text) {
            switch part {
            case .text(let plain):
                pieces.append(.pattern(plain))
            case .literal(let character):
                pieces.append(.literal(String(character)))
            case .variable(let key, let defaultValue):
                let values = try request.values(of: key)
                guard values.representation == .text, let term = values.slots[0].text else {
                    throw EncodingError.unsupported("policy variable ${\(key)} over a non-text key")
                }
                if let defaultValue {
                    pieces.append(.term(try context.ite(values.exactlyOne, then: term, else: context.string(defaultValue))))
                } else {
                    pieces.append(.term(term))
                    requirements.append(values.exactlyOne)
                }
            }
        }
        return (pieces, try context.and(requirements))
    }

    /// The pieces as one string term (for exact comparisons).
    func plainTerm(_ pieces: [PatternPiece]) throws -> Z3String {
        var terms: [Z3String] = []
        for piece in pieces {
            switch piece {
            case .pattern(let text), .literal(let text): terms.append(try context.string(text))
            case .term(let term): terms.append(term)
            }
        }
        if terms.isEmpty { return try context.string("") }
        return terms.count == 1 ? terms[0] : try context.concat(terms)
    }

    static func isConstant(_ pieces: [PatternPiece]) -> Bool {
        pieces.allSatisfy { if case .term = $0 { return false } else { return true } }
    }

    static func constantText(_ pieces: [PatternPiece]) -> String {
        pieces.map { piece -> String in
            switch piece {
            case .pattern(let text), .literal(let text): return text
            case .term: return ""
            }
        }.joined()
    }
}
