import Policy

/// Turns a policy some of whose values are unknown into a concrete policy that allows at least
/// every request the deployed policy could allow, whatever the unknown values turn out to be, so
/// that a proof of "no external access" on it holds for every value ("No safe answer may depend
/// on a guessed value"), and a finding on it says which unknowns it rests on.
///
/// A statement matches a request when its Principal, Action, Resource and every condition match
/// (AWS's "Policy evaluation logic"); an Allow can only grant more when it matches more, a Deny
/// can only grant more when it matches less. So, value by value:
///
/// - **Allow**: an unknown Principal makes the Principal `*`; an unknown part of an Action or
///   Resource entry becomes `*` (the glob matches every value the part can take); an entry of
///   NotPrincipal, NotAction or NotResource with an unknown is left out (fewer exclusions), and
///   when none is left the element matches everything (`Principal`/`Action`/`Resource: *`); a
///   condition (operator and key) with an unknown key or value is left out (conditions are
///   ANDed, so fewer conditions match more), except that in a pattern operator (`StringLike`,
///   `ArnLike`, `ArnEquals`) an unknown part becomes `*`; an unknown Effect is read as Allow.
/// - **Deny**: an entry of Principal, Action or Resource with an unknown is left out (and a Deny
///   left with none matches nothing, so it is dropped); an unknown part of a NotAction or
///   NotResource entry becomes `*` (more exclusions); a Deny with an unknown NotPrincipal entry
///   or an unknown condition is dropped (it may not apply).
/// - A statement under an `Fn::If` whose condition is unknown: each branch that allows is kept,
///   each that denies is left out (it may not be deployed).
/// - A statement, Statement list or Condition block entirely unknown: a statement is read as
///   Allow of everything to everyone; an unknown Statement list or document leaves the
///   resource UNPROVEN (`wholeDocumentUnknown`).
///
/// `resourceUnknowns` are the unknowns of the analysed resource's own ARN (a name CloudFormation
/// generates, a name given by a parameter without a value). They are replaced by `placeholder`
/// consistently in the resource's ARN and in entries that name it, which is exact for those
/// entries; any other Resource/NotResource entry of the same service could still match the
/// resource once the name is known, so it is treated as unknown (as above).
public struct UnknownValueApproximation: Sendable {
    /// One change made for an unknown value.
    public struct Change: Hashable, Sendable, CustomStringConvertible {
        public var unknown: UnknownValue
        public var path: JSONPath
        public var reading: String
        public var description: String { "\(path): \(unknown.reason) — \(reading)" }
    }

    public var changes: [Change] = []
    /// For each statement of the approximated policy, its index in the policy as written
    /// (statements left out shift the others).
    public var statementOrigins: [Int] = []
    /// Unknowns that are the resource's own name: replaced by a placeholder.
    let resourceUnknowns: [String: String]
    /// The service part of the resource's ARN, for entries that could name it.
    let resourceService: String?

    public init(resourceUnknowns: [String: String] = [:], resourceService: String? = nil) {
        self.resourceUnknowns = resourceUnknowns
        self.resourceService = resourceService
    }

    /// The placeholder text of a value whose every unknown is one of the resource's own.
    private func substituted(_ parts: [TextPart]) -> String? {
        var text = ""
        for part in parts {
            switch part {
            case .literal(let literal): text += literal
            case .unknown(let unknown):
                guard let placeholder = resourceUnknowns[unknown.reason] else { return nil }
                text += placeholder
            }
        }
        return text
    }

    private func mentionsResource(_ parts: [TextPart]) -> Bool {
        parts.contains { if case .unknown(let unknown) = $0 { return resourceUnknowns[unknown.reason] != nil } else { return false } }
    }

    /// A known Resource entry whose match against the resource is decided without its unknown
    /// name: `*`, or an ARN of another service.
    private func isDecided(_ entry: String) -> Bool {
        guard !resourceUnknowns.isEmpty, let service = resourceService else { return true }
        if entry == "*" { return true }
        let fields = entry.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
        guard fields.count >= 3, fields[0] == "arn" else { return true }
        let entryService = String(fields[2])
        if entryService.contains("*") || entryService.contains("?") { return false }
        return entryService.lowercased() != service.lowercased()
    }

    private mutating func note(_ unknowns: [UnknownValue], _ path: JSONPath, _ reading: String) {
        for unknown in unknowns { changes.append(Change(unknown: unknown, path: path, reading: reading)) }
    }

    private static let undecidedResource = UnknownValue("whether this entry names the resource, whose name is known only at deploy time",
                                                        at: .start)

    /// The policy as a JSON document, or nil when too little is known to analyse it.
    public mutating func approximate(_ policy: TemplateValue) -> (policy: JSONValue?, wholeDocumentUnknown: [UnknownValue]) {
        guard case .object(let members) = policy.kind else {
            if policy.unknowns.isEmpty, let json = policy.json { return (json, []) }
            return (nil, policy.unknowns)
        }
        var result: [JSONMember] = []
        for member in members {
            let path = JSONPath.root.appending(member.key)
            if member.key == "Statement" {
                let statements: [TemplateValue]
                switch member.value.kind {
                case .array(let elements): statements = elements
                case .object: statements = [member.value]
                default:
                    if !member.value.unknowns.isEmpty { return (nil, member.value.unknowns) }
                    statements = [member.value]
                }
                var approximated: [JSONValue] = []
                for (index, statement) in statements.enumerated() {
                    // A statement deployed or not, or one of two, by an unknown condition: each
                    // alternative that allows is kept; one that denies may be absent, so it is not.
                    let alternatives: [TemplateValue]
                    var optional = false
                    if case .either(let unknown, let branches) = statement.kind {
                        note([unknown], path.appending(index), "each branch's Allow statements kept, its Deny statements left out")
                        alternatives = branches
                        optional = true
                    } else {
                        alternatives = [statement]
                    }
                    for alternative in alternatives {
                        guard let json = approximateStatement(alternative, path: path.appending(index)) else { continue }
                        if optional, json.members?.first(where: { $0.key == "Effect" })?.value.stringValue != "Allow" { continue }
                        approximated.append(json)
                        statementOrigins.append(index)
                    }
                }
                result.append(JSONMember(key: "Statement", keyPosition: member.keyPosition, value: JSONValue(.array(approximated), at: member.value.position)))
            } else if let json = member.value.json {
                result.append(JSONMember(key: member.key, keyPosition: member.keyPosition, value: json))
            } else {
                note(member.value.unknowns, path, "left out")
            }
        }
        return (JSONValue(.object(result), at: policy.position), [])
    }

    private mutating func approximateStatement(_ statement: TemplateValue, path: JSONPath) -> JSONValue? {
        let at = statement.position
        guard case .object(let members) = statement.kind else {
            if let json = statement.json { return json }
            note(statement.unknowns, path, "the statement is unknown: analysed as Allow of every action to everyone")
            return JSONValue(.object([
                JSONMember(key: "Effect", keyPosition: at, value: JSONValue(.string("Allow"), at: at)),
                JSONMember(key: "Principal", keyPosition: at, value: JSONValue(.string("*"), at: at)),
                JSONMember(key: "Action", keyPosition: at, value: JSONValue(.string("*"), at: at)),
                JSONMember(key: "Resource", keyPosition: at, value: JSONValue(.string("*"), at: at)),
            ]), at: at)
        }
        let effectValue = members.first { $0.key == "Effect" }?.value
        let isDeny: Bool
        if let effect = effectValue?.stringValue {
            isDeny = effect == "Deny"
        } else if let effectValue, !effectValue.unknowns.isEmpty {
            note(effectValue.unknowns, path.appending("Effect"), "the Effect is unknown: analysed as Allow")
            isDeny = false
        } else {
            isDeny = false
        }
        var result: [JSONMember] = []
        for member in members {
            let memberPath = path.appending(member.key)
            let value = member.value
            switch member.key {
            case "Effect":
                result.append(JSONMember(key: "Effect", keyPosition: member.keyPosition,
                                         value: JSONValue(.string(isDeny ? "Deny" : (value.stringValue ?? "Allow")), at: value.position)))
            case "Principal", "NotPrincipal":
                let negated = member.key == "NotPrincipal"
                guard !value.unknowns.isEmpty || value.json == nil else {
                    result.append(JSONMember(key: member.key, keyPosition: member.keyPosition, value: value.json ?? JSONValue(.null)))
                    continue
                }
                if isDeny && negated {
                    note(value.unknowns, memberPath, "a Deny whose NotPrincipal is unknown may not apply: left out")
                    return nil
                }
                if !isDeny && !negated {
                    note(value.unknowns, memberPath, "analysed as Principal \"*\"")
                    result.append(JSONMember(key: "Principal", keyPosition: member.keyPosition, value: JSONValue(.string("*"), at: value.position)))
                    continue
                }
                // Deny Principal, Allow NotPrincipal: entries with an unknown are left out.
                guard let kept = principalWithoutUnknowns(value) else {
                    if isDeny {
                        note(value.unknowns, memberPath, "no principal of this Deny is known: the Deny is left out")
                        return nil
                    }
                    note(value.unknowns, memberPath, "no excluded principal is known: analysed as Principal \"*\"")
                    result.append(JSONMember(key: "Principal", keyPosition: member.keyPosition, value: JSONValue(.string("*"), at: value.position)))
                    continue
                }
                note(value.unknowns, memberPath, "entries with an unknown value left out")
                result.append(JSONMember(key: member.key, keyPosition: member.keyPosition, value: kept))
            case "Action", "NotAction", "Resource", "NotResource":
                let negated = member.key.hasPrefix("Not")
                let isResource = member.key.hasSuffix("Resource")
                // Allow Action/Resource and Deny NotAction/NotResource may match more: unknown parts become `*`.
                let widen = isDeny == negated
                let entries: [TemplateValue] = value.elements ?? [value]
                var kept: [JSONValue] = []
                for (index, entry) in entries.enumerated() {
                    let entryPath = value.elements == nil ? memberPath : memberPath.appending(index)
                    guard let parts = entry.textParts else {
                        // Malformed (an object, null): kept as written so the policy reader reports it.
                        if let json = entry.json { kept.append(json) }
                        continue
                    }
                    if isResource, mentionsResource(parts), let text = substituted(parts) {
                        kept.append(JSONValue(.string(text), at: entry.position))
                        continue
                    }
                    var unknowns = entry.unknowns
                    if unknowns.isEmpty, isResource, let text = entry.stringValue, !isDecided(text) {
                        unknowns = [UnknownValue(Self.undecidedResource.reason, at: entry.position)]
                        if widen {
                            note(unknowns, entryPath, "analysed as \"*\"")
                            kept.append(JSONValue(.string("*"), at: entry.position))
                        } else {
                            note(unknowns, entryPath, "left out")
                        }
                        continue
                    }
                    if unknowns.isEmpty, let json = entry.json {
                        kept.append(json)
                        continue
                    }
                    if widen {
                        let glob = parts.map { part -> String in
                            if case .literal(let text) = part { return text }
                            return "*"
                        }.joined()
                        note(unknowns, entryPath, "unknown parts analysed as \"*\": \(glob)")
                        kept.append(JSONValue(.string(glob), at: entry.position))
                    } else {
                        note(unknowns, entryPath, "left out")
                    }
                }
                if kept.isEmpty {
                    if isDeny && !negated {
                        // A Deny with no known Action/Resource entry may match nothing.
                        return nil
                    }
                    // Allow NotAction/NotResource with nothing known to exclude: matches everything.
                    let positive = negated ? String(member.key.dropFirst(3)) : member.key
                    result.append(JSONMember(key: positive, keyPosition: member.keyPosition, value: JSONValue(.string("*"), at: value.position)))
                    continue
                }
                result.append(JSONMember(key: member.key, keyPosition: member.keyPosition,
                                         value: value.elements == nil && kept.count == 1 ? kept[0] : JSONValue(.array(kept), at: value.position)))
            case "Condition":
                guard case .object(let operators) = value.kind else {
                    if let json = value.json {
                        result.append(JSONMember(key: member.key, keyPosition: member.keyPosition, value: json))
                        continue
                    }
                    if isDeny {
                        note(value.unknowns, memberPath, "a Deny whose conditions are unknown may not apply: left out")
                        return nil
                    }
                    note(value.unknowns, memberPath, "the conditions are unknown: left out")
                    continue
                }
                var keptOperators: [JSONMember] = []
                for op in operators {
                    guard case .object(let keys) = op.value.kind else {
                        if let json = op.value.json {
                            keptOperators.append(JSONMember(key: op.key, keyPosition: op.keyPosition, value: json))
                        } else if isDeny {
                            note(op.value.unknowns, memberPath.appending(op.key), "a Deny whose condition is unknown may not apply: left out")
                            return nil
                        } else {
                            note(op.value.unknowns, memberPath.appending(op.key), "left out")
                        }
                        continue
                    }
                    var keptKeys: [JSONMember] = []
                    for key in keys {
                        if let json = key.value.json {
                            keptKeys.append(JSONMember(key: key.key, keyPosition: key.keyPosition, value: json))
                        } else if !isDeny, Self.takesPatterns(op.key), let widened = Self.widenedPatterns(key.value) {
                            note(key.value.unknowns, memberPath.appending(op.key).appending(key.key),
                                 "unknown parts analysed as \"*\" (the operator matches patterns)")
                            keptKeys.append(JSONMember(key: key.key, keyPosition: key.keyPosition, value: widened))
                        } else if isDeny {
                            note(key.value.unknowns, memberPath.appending(op.key).appending(key.key),
                                 "a Deny whose condition is unknown may not apply: left out")
                            return nil
                        } else {
                            note(key.value.unknowns, memberPath.appending(op.key).appending(key.key), "condition left out")
                        }
                    }
                    if !keptKeys.isEmpty {
                        keptOperators.append(JSONMember(key: op.key, keyPosition: op.keyPosition, value: JSONValue(.object(keptKeys), at: op.value.position)))
                    }
                }
                if !keptOperators.isEmpty {
                    result.append(JSONMember(key: "Condition", keyPosition: member.keyPosition, value: JSONValue(.object(keptOperators), at: value.position)))
                }
            default:
                if let json = value.json {
                    result.append(JSONMember(key: member.key, keyPosition: member.keyPosition, value: json))
                } else {
                    note(value.unknowns, memberPath, "left out")
                }
            }
        }
        return JSONValue(.object(result), at: at)
    }

    /// Condition operators whose values are patterns (`*`, `?`) and that match more when a
    /// pattern matches more: `StringLike`, `ArnLike`, `ArnEquals` (ARN operators take wildcards in
    /// every field: "ARN condition operators", IAM User Guide,
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN),
    /// with or without `IfExists` and set qualifiers; not the negated ones.
    static func takesPatterns(_ op: String) -> Bool {
        var name = op
        for prefix in ["ForAnyValue:", "ForAllValues:"] where name.hasPrefix(prefix) { name.removeFirst(prefix.count) }
        if name.hasSuffix("IfExists") { name.removeLast("IfExists".count) }
        return ["StringLike", "ArnLike", "ArnEquals"].contains(name)
    }

    /// The condition's values with each unknown part read as `*`; nil when a value is not text.
    static func widenedPatterns(_ value: TemplateValue) -> JSONValue? {
        let entries = value.elements ?? [value]
        var widened: [JSONValue] = []
        for entry in entries {
            guard let parts = entry.textParts else { return nil }
            let glob = parts.map { part -> String in
                if case .literal(let text) = part { return text }
                return "*"
            }.joined()
            widened.append(JSONValue(.string(glob), at: entry.position))
        }
        return value.elements == nil && widened.count == 1 ? widened[0] : JSONValue(.array(widened), at: value.position)
    }

    /// A Principal/NotPrincipal element without its entries that hold an unknown; nil when no
    /// entry is left.
    private func principalWithoutUnknowns(_ value: TemplateValue) -> JSONValue? {
        guard case .object(let types) = value.kind else { return nil }
        var kept: [JSONMember] = []
        for type in types {
            let entries = type.value.elements ?? [type.value]
            let known = entries.compactMap { $0.unknowns.isEmpty ? $0.json : nil }
            if known.isEmpty { continue }
            kept.append(JSONMember(key: type.key, keyPosition: type.keyPosition,
                                   value: known.count == 1 && type.value.elements == nil ? known[0] : JSONValue(.array(known), at: type.value.position)))
        }
        return kept.isEmpty ? nil : JSONValue(.object(kept), at: value.position)
    }
}
