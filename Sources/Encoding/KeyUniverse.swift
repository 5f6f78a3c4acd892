import Policy

/// The condition keys a set of policies reads, and how: which operator families compare
/// each key, how many conditions test it (which bounds the values a witness needs), and
/// whether it is multivalued. Keys are compared lowercased, as AWS does.
struct KeyUniverse {
    struct Use {
        var spelling: String
        var families: Set<ConditionFamily> = []
        var conditionCount = 0
        var usedWithSetQualifier = false
        var usedAsVariable = false
    }

    private(set) var uses: [String: Use] = [:]

    /// Keys AWS documents as multivalued (IAM User Guide, "AWS global condition context keys",
    /// "Single-valued vs. multivalued context keys"); any key used with `ForAllValues:` or
    /// `ForAnyValue:` is treated as multivalued too.
    static let knownMultivalued: Set<String> = [
        "aws:tagkeys", "aws:principalorgpaths", "aws:resourceorgpaths", "aws:calledvia",
        "aws:principalservicenameslist", "aws:sourceorgpaths",
    ]

    /// The most values the encoding gives one multivalued key. The bound is sound when it is at
    /// least the number of conditions on the key plus one (docs/ENCODING.md, "Multivalued keys");
    /// above this cap a query is reported UNPROVEN.
    static let maximumSlots = 12

    init(policies: [Policy]) {
        for policy in policies {
            for statement in policy.statements {
                for condition in statement.conditions {
                    let key = condition.key.value.lowercased()
                    var use = uses[key] ?? Use(spelling: condition.key.value)
                    use.families.insert(condition.conditionOperator.base.family)
                    use.conditionCount += 1
                    if condition.conditionOperator.qualifier != nil { use.usedWithSetQualifier = true }
                    uses[key] = use
                    if policy.substitutesVariables {
                        for value in condition.values { noteVariables(in: value.text) }
                    }
                }
                if policy.substitutesVariables {
                    for pattern in statement.resources?.values ?? [] { noteVariables(in: pattern) }
                }
            }
        }
    }

    private mutating func noteVariables(in text: String) {
        guard text.contains("${") else { return }
        for case .variable(let key, _) in PolicyVariableParser.parts(of: text) {
            let lowered = key.lowercased()
            var use = uses[lowered] ?? Use(spelling: key)
            use.usedAsVariable = true
            use.families.insert(.string)
            uses[lowered] = use
        }
    }

    func use(of key: String) -> Use? { uses[key.lowercased()] }

    func isMultivalued(_ key: String) -> Bool {
        let lowered = key.lowercased()
        // A principal's tag has one value ("aws:PrincipalTag/tag-key": single-valued, in AWS global
        // condition context keys), as the Authorizer's `Principal.tags` has it, even under a set
        // qualifier: several slots let a model meet `ForAnyValue:` with a second value that no
        // real caller (and no decoded witness) has.
        if lowered.hasPrefix("aws:principaltag/") { return false }
        return KeyUniverse.knownMultivalued.contains(lowered) || (uses[lowered]?.usedWithSetQualifier ?? false)
    }

    /// How many values a witness may need for `key`.
    func slotCount(for key: String) -> Int {
        guard isMultivalued(key) else { return 1 }
        return (uses[key.lowercased()]?.conditionCount ?? 0) + 1
    }

    /// Every key, sorted (deterministic variable creation and output).
    var keys: [String] { uses.keys.sorted() }
}
