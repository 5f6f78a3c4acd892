/// Walks a JSON document into the policy model, recording structural diagnostics.
struct PolicyReader {
    let source: String
    let type: PolicyType
    let limits: InputLimits
    private(set) var diagnostics: [Diagnostic] = []
    /// Statements with a structural error: left out of the model (a document with an ERROR
    /// is never analysed) but still checked by the validator, so one error does not hide others.
    private(set) var brokenStatements: [Statement] = []

    init(source: String, type: PolicyType, limits: InputLimits) {
        self.source = source
        self.type = type
        self.limits = limits
    }

    private mutating func report(_ severity: Severity, _ code: DiagnosticCode, _ message: String,
                                 _ path: JSONPath, _ position: SourcePosition?) {
        diagnostics.append(Diagnostic(severity, code, message, at: SourceLocation(path: path, position: position)))
    }

    private mutating func typeMismatch(_ element: String, expected: String, found value: JSONValue, _ path: JSONPath) {
        report(.error, .typeMismatch, "\(element) must be \(expected), found \(value.typeName)", path, value.position)
    }

    /// Members of an object, reporting duplicate keys (a JSON object with a repeated key
    /// has no agreed meaning; IAM rejects such documents).
    private mutating func uniqueMembers(_ members: [JSONMember], _ path: JSONPath) -> [JSONMember] {
        var seen = Set<String>()
        var result: [JSONMember] = []
        for member in members {
            if seen.insert(member.key).inserted {
                result.append(member)
            } else {
                report(.error, .duplicateKey, "duplicate key \"\(member.key)\"; only its first occurrence is read",
                       path.appending(member.key), member.keyPosition)
            }
        }
        return result
    }

    mutating func read(_ json: JSONValue) -> Policy? {
        let root = JSONPath.root
        guard let members = json.members else {
            typeMismatch("a policy document", expected: "a JSON object", found: json, root)
            return nil
        }
        var version: Located<PolicyVersion>?
        var id: Located<String>?
        var statements: [Statement] = []
        var sawStatement = false
        for member in uniqueMembers(members, root) {
            let path = root.appending(member.key)
            switch member.key {
            case "Version":
                guard let text = member.value.stringValue else {
                    typeMismatch("Version", expected: "a string", found: member.value, path)
                    continue
                }
                if let parsed = PolicyVersion(rawValue: text) {
                    version = Located(parsed, at: SourceLocation(path: path, position: member.value.position))
                } else {
                    report(.error, .unsupportedVersion,
                           "Version \"\(text)\" is not supported; use \"2012-10-17\" (or the older \"2008-10-17\")",
                           path, member.value.position)
                }
            case "Id":
                guard let text = member.value.stringValue else {
                    typeMismatch("Id", expected: "a string", found: member.value, path)
                    continue
                }
                id = Located(text, at: SourceLocation(path: path, position: member.value.position))
            case "Statement":
                sawStatement = true
                statements = readStatements(member.value, path)
            default:
                report(.error, .unknownElement,
                       "unknown top-level element \"\(member.key)\" (expected Version, Id, Statement)",
                       path, member.keyPosition)
            }
        }
        if !sawStatement {
            report(.error, .missingStatement, "the policy has no Statement element", root, json.position)
        }
        return Policy(source: source, type: type, version: version, id: id, statements: statements)
    }

    private mutating func readStatements(_ value: JSONValue, _ path: JSONPath) -> [Statement] {
        switch value.kind {
        case .object:
            return readStatement(value, index: 0, path).map { [$0] } ?? []
        case .array(let elements):
            if elements.isEmpty {
                report(.error, .emptyStatementList, "Statement is an empty list", path, value.position)
            }
            if elements.count > limits.maxStatements {
                report(.error, .limitExceeded,
                       "\(elements.count) statements exceed the limit of \(limits.maxStatements) (maxStatements)",
                       path, value.position)
                return []
            }
            var statements: [Statement] = []
            for (index, element) in elements.enumerated() {
                if let statement = readStatement(element, index: index, path.appending(index)) {
                    statements.append(statement)
                }
            }
            return statements
        default:
            typeMismatch("Statement", expected: "an object or an array of objects", found: value, path)
            return []
        }
    }

    private mutating func readStatement(_ value: JSONValue, index: Int, _ path: JSONPath) -> Statement? {
        guard let members = value.members else {
            typeMismatch("a statement", expected: "an object", found: value, path)
            return nil
        }
        let location = SourceLocation(path: path, position: value.position)
        var sid: Located<String>?
        var effect: Effect?
        var sawEffect = false
        var principal: PrincipalElement?
        var principalKeys: [String] = []
        var actions: PatternElement?
        var actionKeys: [String] = []
        var resources: PatternElement?
        var resourceKeys: [String] = []
        var conditions: [Condition] = []
        var broken = false

        for member in uniqueMembers(members, path) {
            let memberPath = path.appending(member.key)
            switch member.key {
            case "Sid":
                // Sid may be any string in resource policies; IAM restricts it (validator checks).
                if let text = member.value.stringValue {
                    sid = Located(text, at: SourceLocation(path: memberPath, position: member.value.position))
                } else {
                    typeMismatch("Sid", expected: "a string", found: member.value, memberPath)
                }
            case "Effect":
                sawEffect = true
                guard let text = member.value.stringValue else {
                    typeMismatch("Effect", expected: "a string", found: member.value, memberPath)
                    broken = true
                    continue
                }
                if let parsed = Effect(rawValue: text) {
                    effect = parsed
                } else {
                    report(.error, .invalidEffect, "Effect must be \"Allow\" or \"Deny\" (case-sensitive), found \"\(text)\"",
                           memberPath, member.value.position)
                    broken = true
                }
            case "Principal", "NotPrincipal":
                principalKeys.append(member.key)
                if let parsed = readPrincipal(member.value, negated: member.key == "NotPrincipal", memberPath) {
                    principal = parsed
                } else {
                    broken = true
                }
            case "Action", "NotAction":
                actionKeys.append(member.key)
                if let parsed = readPatterns(member.value, element: member.key, negated: member.key == "NotAction", memberPath) {
                    actions = parsed
                } else {
                    broken = true
                }
            case "Resource", "NotResource":
                resourceKeys.append(member.key)
                if let parsed = readPatterns(member.value, element: member.key, negated: member.key == "NotResource", memberPath) {
                    resources = parsed
                } else {
                    broken = true
                }
            case "Condition":
                let (parsed, ok) = readConditions(member.value, memberPath)
                conditions = parsed
                if !ok { broken = true }
            default:
                report(.error, .unknownElement,
                       "unknown statement element \"\(member.key)\" (expected Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition)",
                       memberPath, member.keyPosition)
            }
        }

        if !sawEffect {
            report(.error, .missingEffect, "the statement has no Effect", path, value.position)
            broken = true
        }
        if actionKeys.count > 1 {
            report(.error, .actionAndNotAction, "a statement cannot have both Action and NotAction", path, value.position)
            broken = true
        } else if actionKeys.isEmpty {
            report(.error, .missingAction, "the statement has no Action or NotAction", path, value.position)
            broken = true
        }
        if resourceKeys.count > 1 {
            report(.error, .resourceAndNotResource, "a statement cannot have both Resource and NotResource",
                   path, value.position)
            broken = true
        } else if resourceKeys.isEmpty && type.requiresResource {
            report(.error, .missingResource,
                   "the statement has no Resource or NotResource, which a \(type.rawValue) policy requires",
                   path, value.position)
        } else if !resourceKeys.isEmpty && type == .trust {
            report(.error, .resourceNotAllowed,
                   "a role trust policy cannot have \(resourceKeys[0]): the role itself is the resource",
                   path.appending(resourceKeys[0]), value.position)
        }
        if principalKeys.count > 1 {
            report(.error, .principalAndNotPrincipal, "a statement cannot have both Principal and NotPrincipal",
                   path, value.position)
            broken = true
        } else if principalKeys.isEmpty && type.requiresPrincipal {
            report(.error, .missingPrincipal,
                   "the statement has no Principal or NotPrincipal, which a \(type.rawValue) policy requires",
                   path, value.position)
        } else if !principalKeys.isEmpty && !type.allowsPrincipal {
            report(.error, .principalNotAllowed,
                   "a \(type.rawValue) policy cannot have \(principalKeys[0]): it applies to the principal it is attached to",
                   path.appending(principalKeys[0]), value.position)
        }

        let statement = Statement(index: index, sid: sid, effect: effect ?? .deny, principal: principal,
                                  actions: actions, resources: resources, conditions: conditions, location: location)
        guard !broken, effect != nil else {
            brokenStatements.append(statement)
            return nil
        }
        return statement
    }

    /// A string or a non-empty array of strings.
    private mutating func readStrings(_ value: JSONValue, element: String, _ path: JSONPath) -> [Located<String>]? {
        switch value.kind {
        case .string(let text):
            return [Located(text, at: SourceLocation(path: path, position: value.position))]
        case .array(let elements):
            if elements.isEmpty {
                report(.error, .emptyValue, "\(element) is an empty list", path, value.position)
                return nil
            }
            var strings: [Located<String>] = []
            var ok = true
            for (index, item) in elements.enumerated() {
                if let text = item.stringValue {
                    strings.append(Located(text, at: SourceLocation(path: path.appending(index), position: item.position)))
                } else {
                    typeMismatch("each \(element) entry", expected: "a string", found: item, path.appending(index))
                    ok = false
                }
            }
            return ok ? strings : nil
        default:
            typeMismatch(element, expected: "a string or an array of strings", found: value, path)
            return nil
        }
    }

    private mutating func readPatterns(_ value: JSONValue, element: String, negated: Bool, _ path: JSONPath) -> PatternElement? {
        guard let strings = readStrings(value, element: element, path) else { return nil }
        return PatternElement(isNegated: negated, patterns: strings,
                              location: SourceLocation(path: path, position: value.position))
    }

    private mutating func readPrincipal(_ value: JSONValue, negated: Bool, _ path: JSONPath) -> PrincipalElement? {
        let location = SourceLocation(path: path, position: value.position)
        let name = negated ? "NotPrincipal" : "Principal"
        switch value.kind {
        case .string(let text):
            if text == "*" {
                return PrincipalElement(isNegated: negated, isBareWildcard: true, location: location)
            }
            report(.error, .invalidPrincipal,
                   "\(name) as a plain string must be \"*\"; name principals in a map such as {\"AWS\": \"\(text)\"}",
                   path, value.position)
            return nil
        case .object(let members):
            if members.isEmpty {
                report(.error, .emptyValue, "\(name) is an empty object", path, value.position)
                return nil
            }
            var entries: [PrincipalEntry] = []
            var ok = true
            for member in uniqueMembers(members, path) {
                let memberPath = path.appending(member.key)
                guard let principalType = PrincipalType(rawValue: member.key) else {
                    report(.error, .unknownPrincipalType,
                           "unknown principal type \"\(member.key)\" (expected AWS, Service, Federated or CanonicalUser)",
                           memberPath, member.keyPosition)
                    ok = false
                    continue
                }
                guard let strings = readStrings(member.value, element: "\(name).\(member.key)", memberPath) else {
                    ok = false
                    continue
                }
                for string in strings {
                    entries.append(PrincipalEntry(type: principalType, value: string.value, location: string.location))
                }
            }
            return ok ? PrincipalElement(isNegated: negated, entries: entries, location: location) : nil
        default:
            typeMismatch(name, expected: "\"*\" or an object", found: value, path)
            return nil
        }
    }

    /// The conditions that could be read, and whether the whole block was well-formed.
    private mutating func readConditions(_ value: JSONValue, _ path: JSONPath) -> ([Condition], Bool) {
        guard let operators = value.members else {
            typeMismatch("Condition", expected: "an object", found: value, path)
            return ([], false)
        }
        var conditions: [Condition] = []
        var ok = true
        for operatorMember in uniqueMembers(operators, path) {
            let operatorPath = path.appending(operatorMember.key)
            guard let conditionOperator = ConditionOperator(parsing: operatorMember.key) else {
                report(.error, .unknownConditionOperator,
                       "unknown condition operator \"\(operatorMember.key)\" (operator names are case-sensitive)",
                       operatorPath, operatorMember.keyPosition)
                ok = false
                continue
            }
            if conditionOperator.base == .null && conditionOperator.ifExists {
                report(.error, .ifExistsOnNull, "the Null operator cannot take the IfExists suffix",
                       operatorPath, operatorMember.keyPosition)
                ok = false
                continue
            }
            guard let keys = operatorMember.value.members else {
                typeMismatch("condition operator \(operatorMember.key)", expected: "an object of condition keys",
                             found: operatorMember.value, operatorPath)
                ok = false
                continue
            }
            if keys.isEmpty {
                report(.error, .emptyValue, "condition operator \(operatorMember.key) has no keys", operatorPath,
                       operatorMember.value.position)
                ok = false
            }
            for keyMember in uniqueMembers(keys, operatorPath) {
                let keyPath = operatorPath.appending(keyMember.key)
                guard let values = readConditionValues(keyMember.value, keyPath) else {
                    ok = false
                    continue
                }
                let key = Located(keyMember.key, at: SourceLocation(path: keyPath, position: keyMember.keyPosition))
                conditions.append(Condition(operator: conditionOperator, key: key, values: values,
                                            location: SourceLocation(path: keyPath, position: keyMember.keyPosition)))
            }
        }
        return (conditions, ok)
    }

    private mutating func readConditionValues(_ value: JSONValue, _ path: JSONPath) -> [ConditionValue]? {
        func single(_ item: JSONValue, _ itemPath: JSONPath) -> ConditionValue? {
            let location = SourceLocation(path: itemPath, position: item.position)
            switch item.kind {
            case .string(let text): return ConditionValue(text, spelling: .string, at: location)
            case .number(let text): return ConditionValue(text, spelling: .number, at: location)
            case .bool(let flag): return ConditionValue(flag ? "true" : "false", spelling: .bool, at: location)
            default: return nil
            }
        }
        if let elements = value.elements {
            if elements.isEmpty {
                report(.error, .emptyValue, "the condition key has an empty list of values", path, value.position)
                return nil
            }
            if elements.count > limits.maxConditionValues {
                report(.error, .limitExceeded,
                       "\(elements.count) condition values exceed the limit of \(limits.maxConditionValues) (maxConditionValues)",
                       path, value.position)
                return nil
            }
            var values: [ConditionValue] = []
            for (index, item) in elements.enumerated() {
                guard let parsed = single(item, path.appending(index)) else {
                    typeMismatch("each condition value", expected: "a string, number or boolean", found: item,
                                 path.appending(index))
                    return nil
                }
                values.append(parsed)
            }
            return values
        }
        guard let parsed = single(value, path) else {
            typeMismatch("a condition value", expected: "a string, number, boolean or an array of them",
                         found: value, path)
            return nil
        }
        return [parsed]
    }
}
