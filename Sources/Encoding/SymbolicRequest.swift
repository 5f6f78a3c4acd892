import Authorizer
import Policy
import Z3

/// A request whose every field is a Z3 term: the principal, the action (lowercased, as AWS
/// compares actions case-insensitively), the resource ARN, and the condition keys the
/// policies read. Keys AWS derives from the principal are functions of the principal's
/// fields, never free (so `aws:PrincipalAccount` cannot disagree with the caller's account).
public final class SymbolicRequest {
    public let context: Z3Context
    public let principal: SymbolicPrincipal
    /// The action string. Reading it here counts as a read of the action (`actionReads`);
    /// pins and the decoder read `actionString`.
    public var action: Z3String {
        actionReads.insert(.string)
        return actionString
    }
    let actionString: Z3String
    /// With action classes (`ActionClasses`), the action's class: every action pattern is then
    /// tested on the class, and the action string is read only by pins and the decoder.
    let actionClass: SymbolicClassIndex<String>?
    /// With resource classes (`ResourceClasses`), the resource's class, likewise.
    let resourceClass: SymbolicClassIndex<[GlobToken]>?
    /// With resource classes, the `Resource` values with variables that cannot meet the scope.
    private let resourceValuesOutsideScope: Set<String>
    public let resource: Z3String
    /// The resource's account when known (`aws:ResourceAccount`, same-account rules).
    public let resourceAccount: String?
    /// The owner's organization (`aws:ResourceOrgID`) when known; nil leaves the key unknown.
    public let resourceOrgID: String?
    /// The owner's organization paths (`aws:ResourceOrgPaths`) when known; nil leaves the key unknown.
    public let resourceOrgPaths: [String]?
    let keys: KeyUniverse
    private var cache: [String: SymbolicKeyValues] = [:]
    /// Constraints on free keys (slot ordering, value ranges), collected as keys are created.
    private(set) var keyConstraints: [Z3Bool] = []
    /// Free keys created so far, by lowercased name (what the witness decoder reads).
    private(set) var freeKeys: [String: SymbolicKeyValues] = [:]
    /// Every way the formulas built so far read the action: pins, the decoder and the
    /// well-formedness read `actionString` and are not counted (they hold of every request).
    public private(set) var actionReads: Set<ActionRead> = []

    init(context: Z3Context, keys: KeyUniverse, resourceAccount: String?, resourceOrgID: String? = nil,
         resourceOrgPaths: [String]? = nil, actionClasses: ActionClasses? = nil, resourceClasses: ResourceClasses? = nil) throws {
        self.context = context
        self.keys = keys
        self.resourceAccount = resourceAccount
        self.resourceOrgID = resourceOrgID
        self.resourceOrgPaths = resourceOrgPaths
        principal = try SymbolicPrincipal(context: context)
        actionString = try context.stringVariable("request.action")
        actionClass = try actionClasses.map { try SymbolicClassIndex($0, keys: $0.keys, name: "action", context: context) }
        resourceClass = try resourceClasses.map { classes in
            try SymbolicClassIndex(classes, keys: classes.keys,
                                   constant: Dictionary(uniqueKeysWithValues: classes.outsideScope.map { ($0, false) }),
                                   name: "resource", context: context)
        }
        resourceValuesOutsideScope = resourceClasses?.outsideScopeWithVariables ?? []
        resource = try context.stringVariable("request.resource")
    }

    /// Well-formedness of the whole request: the principal's, the action's alphabet, and the
    /// keys' constraints. Call after every key used has been looked up. With `alphabets: false`
    /// the alphabets of the principal's fields and of the action are left out (see
    /// `SymbolicPrincipal.wellFormedness(alphabets:)`; ``alphabetsHold(in:)`` checks a model).
    func wellFormedness(alphabets: Bool = true) throws -> Z3Bool {
        var constraints = [try principal.wellFormedness(alphabets: alphabets)] + keyConstraints
        if let resourceClass { constraints.append(resourceClass.valid) }
        if alphabets, let paths = freeKeys["aws:principalorgpaths"] {
            let path = try PrincipalAlphabets(context: context).organizationPath()
            for (slot, isActive) in zip(paths.slots, paths.active) {
                guard let text = slot.text else { continue }
                constraints.append(try isActive.implies(text.matches(path)))
            }
        }
        if let actionClass {
            // Representatives are lowercase by construction; pins state lowercase actions.
            constraints.append(actionClass.valid)
        } else if alphabets {
            // Actions compare lowercased; a lowercase witness stands for all its spellings.
            let notUpper = try GlobRegex.anyCharacter(exceptRange: "A", "Z", in: context)
            constraints.append(try actionString.matches(notUpper.star()))
        }
        return try context.and(constraints)
    }

    /// States `OrganizationPathLemma`'s consequence for one `aws:PrincipalOrgPaths` entry: when
    /// it is active and `matches` (a condition's values, which fix `organizations` as their first
    /// segment), the caller's organization is one of them. Implied by the key's constraints.
    func stateOrganizationPathLemma(active: Z3Bool, matches: Z3Bool, organizations: [String]) throws {
        let organization = try context.or(organizations.map { try principal.orgID.equals(context.string($0)) })
        keyConstraints.append(try context.and([active, matches]).implies(context.and([principal.hasOrgID, organization])))
    }

    /// Whether `model` meets the alphabet constraints `wellFormedness(alphabets: false)` leaves out.
    func alphabetsHold(in model: Z3Model) throws -> Bool {
        if let paths = freeKeys["aws:principalorgpaths"], try model.value(of: principal.hasOrgID) {
            let organization = try model.value(of: principal.orgID)
            for (slot, isActive) in zip(paths.slots, paths.active) where try model.value(of: isActive) {
                guard let text = slot.text, OrganizationIdentifiers.isPath(try model.value(of: text), in: organization) else { return false }
            }
        }
        if actionClass != nil { return try principal.alphabetsHold(in: model) }
        let action = try model.value(of: actionString)
        return try !action.unicodeScalars.contains { ("A"..."Z").contains($0) } && principal.alphabetsHold(in: model)
    }

    /// The action matches the `Action` glob `lowercasedPattern` (AWS matches actions ignoring
    /// case; the action is lowercase by the alphabet): a regular-expression membership of the
    /// action string, or with action classes the pattern's membership in the class.
    func actionMatches(_ lowercasedPattern: String, readBy read: ActionRead, regex: () throws -> Z3Regex) throws -> Z3Bool {
        actionReads.insert(read)
        if let actionClass { return try actionClass.matches(lowercasedPattern) }
        return try actionString.matches(regex())
    }

    /// The action is one of `group`'s: with action classes, the group's membership in the class
    /// (throws when the classes were computed without it); otherwise one equality per member
    /// (the action is lowercase by the alphabet, and so are the members).
    func actionIsIn(_ group: ActionGroup) throws -> Z3Bool {
        actionReads.insert(.group(group.key))
        if let actionClass { return try actionClass.matches(group.key) }
        return try context.or(group.members.sorted().map { try actionString.equals(context.string($0)) })
    }

    /// The resource matches the `Resource` value `text` (after resolving its variables when
    /// `substitute`): a regular-expression membership of the resource string, or with resource
    /// classes the pattern's membership in the class.
    func resourceMatches(_ text: String, substitute: Bool, regex: () throws -> Z3Bool) throws -> Z3Bool {
        guard let resourceClass else { return try regex() }
        guard let tokens = ResourceClasses.tokens(of: text, substitute: substitute) else {
            guard resourceValuesOutsideScope.contains(text) else {
                throw EncodingError.unsupported("a Resource value with a policy variable under resource classes: \(text)")
            }
            return try context.bool(false)
        }
        return try resourceClass.matches(tokens)
    }

    /// The values of `key` in this request.
    public func values(of key: String) throws -> SymbolicKeyValues {
        let lowered = key.lowercased()
        if let cached = cache[lowered] { return cached }
        let values = try derivedValues(lowered, spelling: key) ?? freeValues(lowered, spelling: key)
        cache[lowered] = values
        return values
    }

    private func lit(_ text: String) throws -> Z3String { try context.string(text) }

    private func single(_ key: String, present: Z3Bool, value: Z3String) -> SymbolicKeyValues {
        SymbolicKeyValues(key: key, representation: .text, slots: [.text(value)], active: [present],
                          exactlyOne: present, isMultivalued: false)
    }

    /// The keys of `DerivedContextKeys`, as functions of the principal.
    private func derivedValues(_ key: String, spelling: String) throws -> SymbolicKeyValues? {
        let p = principal
        switch key {
        case "aws:principalarn":
            let present = try p.isOneOf(Principal.Kind.allCases.filter(\.hasAccount))
            var values = single(spelling, present: present, value: try context.ite(p.isKind(.assumedRoleSession), then: p.roleArn, else: p.arn))
            values.literalEquality = { [p] literal in try p.principalArnEquals(literal) }
            return values
        case "aws:principalaccount":
            return single(spelling, present: try p.isOneOf(Principal.Kind.allCases.filter(\.hasAccount)), value: p.account)
        case "aws:principalorgid":
            return single(spelling, present: p.hasOrgID, value: p.orgID)
        case "aws:principaltype":
            var value = try lit("Anonymous")
            for (kind, name) in [(Principal.Kind.accountRoot, "Account"), (.iamUser, "User"), (.federatedUser, "FederatedUser"),
                                 (.iamRole, "AssumedRole"), (.assumedRoleSession, "AssumedRole")] {
                value = try context.ite(p.isKind(kind), then: lit(name), else: value)
            }
            let present = try p.isOneOf([.accountRoot, .iamUser, .federatedUser, .iamRole, .assumedRoleSession, .anonymous])
            return single(spelling, present: present, value: value)
        case "aws:userid":
            var value = p.userID
            value = try context.ite(p.isKind(.anonymous), then: lit("anonymous"), else: value)
            value = try context.ite(p.isKind(.accountRoot), then: p.account, else: value)
            value = try context.ite(p.isKind(.federatedUser), then: context.concat([p.account, lit(":"), p.userName]), else: value)
            let present = try context.or([p.isOneOf([.anonymous, .accountRoot, .federatedUser]), p.hasUserID])
            return single(spelling, present: present, value: value)
        case "aws:username":
            return single(spelling, present: try p.isKind(.iamUser), value: p.userName)
        case "aws:principalisawsservice":
            let value = try context.ite(p.isKind(.awsService), then: lit("true"), else: lit("false"))
            return single(spelling, present: try p.isKind(.anonymous).not(), value: value)
        case "aws:principalservicename":
            return single(spelling, present: try p.isKind(.awsService), value: p.serviceName)
        case "kms:calleraccount":
            // The calling identity's account, on KMS requests (`ServiceRequestFacts`).
            let kinds = try p.isOneOf(Principal.Kind.allCases.filter(\.hasAccount))
            let onKMS = try actionMatches("kms:*", readBy: .derivedKey("kms:CallerAccount")) { try GlobRegex(context: context).regex("kms:*") }
            return single(spelling, present: try context.and([kinds, onKMS]), value: p.account)
        case "aws:resourceorgid":
            // A fact of the resource when known; otherwise unknown, any value (a free key).
            guard let resourceOrgID, !resourceOrgID.isEmpty else { return nil }
            return single(spelling, present: try context.bool(true), value: try lit(resourceOrgID))
        case "aws:resourceorgpaths":
            // Multivalued: the owner's paths when known (`DerivedContextKeys`); otherwise unknown, free.
            guard let resourceOrgPaths, !resourceOrgPaths.isEmpty else { return nil }
            return SymbolicKeyValues(key: spelling, representation: .text, slots: try resourceOrgPaths.map { .text(try lit($0)) },
                                     active: try resourceOrgPaths.map { _ in try context.bool(true) },
                                     exactlyOne: try context.bool(resourceOrgPaths.count == 1), isMultivalued: true)
        case "aws:resourceaccount":
            guard let resourceAccount, !resourceAccount.isEmpty else {
                return single(spelling, present: try context.bool(false), value: try lit(""))
            }
            return single(spelling, present: try context.bool(true), value: try lit(resourceAccount))
        default:
            return nil
        }
    }

    /// A key the request states freely (bounded to the slots a witness can need).
    private func freeValues(_ key: String, spelling: String) throws -> SymbolicKeyValues {
        let use = keys.use(of: key)
        let families = use?.families ?? [.string]
        guard let representation = ValueRepresentation.choose(for: families) else {
            throw EncodingError.unsupported("condition key \(spelling) is compared as \(families.map(\.rawValue).sorted().joined(separator: " and "))")
        }
        if use?.usedAsVariable == true && representation != .text {
            throw EncodingError.unsupported("condition key \(spelling) is both a policy variable and a \(representation) value")
        }
        let multivalued = keys.isMultivalued(key)
        let slotCount = keys.slotCount(for: key)
        if slotCount > KeyUniverse.maximumSlots {
            throw EncodingError.unsupported("\(slotCount - 1) conditions on the multivalued key \(spelling) (the bound is \(KeyUniverse.maximumSlots - 1))")
        }
        let name = "key[\(key)]"
        var slots: [SymbolicScalar] = []
        for index in 0..<slotCount {
            slots.append(try makeScalar(representation, name: "\(name)[\(index)]"))
        }
        var active: [Z3Bool] = []
        let exactlyOne: Z3Bool
        var valueCount: Z3Int?
        if multivalued {
            let count = try context.intVariable("\(name).count")
            valueCount = count
            keyConstraints.append(try count.greaterThanOrEqual(context.int(0)))
            keyConstraints.append(try count.lessThanOrEqual(context.int(slotCount)))
            for index in 0..<slotCount { active.append(try count.greaterThan(context.int(index))) }
            exactlyOne = try count.equals(context.int(1))
        } else {
            let present = try context.boolVariable("\(name).present")
            active = [present]
            exactlyOne = present
        }
        // Tags and organization paths belong to principals that have them.
        if key.hasPrefix("aws:principaltag/") {
            keyConstraints.append(try active[0].implies(principal.isOneOf(Principal.Kind.allCases.filter(\.carriesTags))))
        }
        if key == "aws:principalorgpaths" {
            keyConstraints.append(try active[0].implies(principal.hasOrgID))
            // Every entry is a path in the caller's own organization (`OrganizationIdentifiers`);
            // its form is an alphabet constraint (`wellFormedness(alphabets:)`).
            let organization = try principal.orgID.concat(context.string("/"))
            // Implied by the id's form, but cheap to state always: the id holds no "/", so the
            // path's first segment is the id itself.
            keyConstraints.append(try principal.hasOrgID.implies(principal.orgID.contains(context.string("/")).not()))
            for (slot, isActive) in zip(slots, active) {
                guard let text = slot.text else { continue }
                keyConstraints.append(try isActive.implies(text.hasPrefix(organization)))
            }
        }
        var values = SymbolicKeyValues(key: spelling, representation: representation, slots: slots, active: active,
                                       exactlyOne: exactlyOne, isMultivalued: multivalued)
        values.count = valueCount
        freeKeys[key] = values
        return values
    }

    private func makeScalar(_ representation: ValueRepresentation, name: String) throws -> SymbolicScalar {
        switch representation {
        case .text:
            return .text(try context.stringVariable(name))
        case .number:
            let readable = try context.boolVariable("\(name).readable")
            let value = try context.intVariable(name)
            // PolicyNumber reads at most 12 whole digits and 6 fractional ones.
            let bound = try context.int(999_999_999_999_999_999)
            keyConstraints.append(try value.lessThanOrEqual(bound))
            keyConstraints.append(try value.greaterThanOrEqual(context.int(-999_999_999_999_999_999)))
            return .number(readable: readable, scaled: value)
        case .date:
            let readable = try context.boolVariable("\(name).readable")
            let value = try context.intVariable(name)
            // Years 0001 to 9999, what ISO 8601 text can say.
            keyConstraints.append(try value.greaterThanOrEqual(context.int(DateText.minimumMilliseconds)))
            keyConstraints.append(try value.lessThanOrEqual(context.int(DateText.maximumMilliseconds)))
            return .date(readable: readable, milliseconds: value)
        case .ipAddress:
            let readable = try context.boolVariable("\(name).readable")
            let isIPv4 = try context.boolVariable("\(name).isIPv4")
            let high = try context.bitVectorVariable("\(name).high", width: 64)
            let low = try context.bitVectorVariable("\(name).low", width: 64)
            keyConstraints.append(try isIPv4.implies(context.and([
                high.equals(context.bitVector(0, width: 64)),
                low.extract(high: 63, low: 32).equals(context.bitVector(0, width: 32)),
            ])))
            return .ipAddress(readable: readable, isIPv4: isIPv4, high: high, low: low)
        }
    }
}
