import Authorizer
import Policy
import Z3

/// The caller of a symbolic request: its kind and every field the policies can observe,
/// tied together by well-formedness constraints so that every model is a principal that
/// can exist (an assumed-role session's ARN names its role; `aws:username` is the last
/// segment of the user's ARN; accounts are twelve digits).
///
/// Only the `aws` partition is modelled: principals of another partition cannot reach a
/// resource of this one (IAM User Guide, "IAM identifiers", partitions).
public final class SymbolicPrincipal {
    /// The fields of a principal that constraints or queries can read.
    public enum Field: Hashable, CaseIterable, Sendable {
        case account, arn, roleArn, roleName, rolePath, sessionName, userPath, userName, serviceName, provider
        case canonicalUserID, orgID, userID
    }

    public let context: Z3Context
    let kinds: PrincipalKindSort
    public let kind: Z3Enum
    private let terms: [Field: Z3String]
    private let flags: [Field: Z3Bool]
    /// Fields some formula has read. Only their well-formedness is asserted; the witness decoder
    /// builds the others canonically, which is sound because nothing constrains them.
    public private(set) var usedFields: Set<Field> = []

    /// Runs `body` (which may read more fields, e.g. to pin a candidate request) and then forgets
    /// the fields it read, so later well-formedness constraints stay as small as before. Only the
    /// asker uses it (`SolverAsker`, for pins): callers outside the Encoding have no ordering rule.
    func restoringUsedFields<T>(_ body: () throws -> T) rethrows -> T {
        let saved = usedFields
        defer { usedFields = saved }
        return try body()
    }

    init(context: Z3Context) throws {
        self.context = context
        kinds = try PrincipalKindSort(context: context)
        kind = try context.enumVariable("principal.kind", sort: kinds.sort)
        var terms: [Field: Z3String] = [:]
        for field in Field.allCases { terms[field] = try context.stringVariable("principal.\(field)") }
        self.terms = terms
        flags = [
            .canonicalUserID: try context.boolVariable("principal.hasCanonicalUserID"),
            .orgID: try context.boolVariable("principal.hasOrgID"),
            .userID: try context.boolVariable("principal.hasUserID"),
        ]
    }

    private func term(_ field: Field) -> Z3String {
        usedFields.insert(field)
        // Every field has a term (made in init for all cases).
        return terms[field] ?? terms[.account].unsafelyUnwrapped
    }

    private func flag(_ field: Field) -> Z3Bool {
        usedFields.insert(field)
        return flags[field] ?? flags[.orgID].unsafelyUnwrapped
    }

    /// The twelve-digit account of kinds that have one.
    public var account: Z3String { term(.account) }
    /// The caller's own ARN (root, user, role, session or federated user): a term built from the
    /// account and names, not a free variable, so the solver never has to discover the shape.
    public var arn: Z3String {
        get throws {
            usedFields.insert(.arn)
            if let cachedArn { return cachedArn }
            let iam = try context.concat([context.string("arn:aws:iam::"), account])
            let sts = try context.concat([context.string("arn:aws:sts::"), account])
            var value = try context.string("")
            value = try context.ite(isKind(.federatedUser), then: context.concat([sts, context.string(":federated-user/"), userName]), else: value)
            value = try context.ite(isKind(.assumedRoleSession), then: context.concat([sts, context.string(":assumed-role/"), roleName, context.string("/"), sessionName]), else: value)
            value = try context.ite(isKind(.iamRole), then: roleArn, else: value)
            value = try context.ite(isKind(.iamUser), then: context.concat([iam, context.string(":user/"), userPath, userName]), else: value)
            value = try context.ite(isKind(.accountRoot), then: context.concat([iam, context.string(":root")]), else: value)
            cachedArn = value
            return value
        }
    }
    /// The role of a session, and a role's own ARN (built from its parts, like `arn`).
    public var roleArn: Z3String {
        get throws {
            usedFields.insert(.roleArn)
            if let cachedRoleArn { return cachedRoleArn }
            let value = try context.concat([context.string("arn:aws:iam::"), account, context.string(":role/"), rolePath, roleName])
            cachedRoleArn = value
            return value
        }
    }
    private var cachedArn: Z3String?
    private var cachedRoleArn: Z3String?
    /// `role/` path prefix ("" or ending in "/") and the role's name, for sessions and roles.
    public var rolePath: Z3String { term(.rolePath) }
    public var roleName: Z3String { term(.roleName) }
    public var sessionName: Z3String { term(.sessionName) }
    /// User path and name (`aws:username`); federated user name.
    public var userPath: Z3String { term(.userPath) }
    public var userName: Z3String { term(.userName) }
    public var serviceName: Z3String { term(.serviceName) }
    public var provider: Z3String { term(.provider) }
    public var hasCanonicalUserID: Z3Bool { flag(.canonicalUserID) }
    public var canonicalUserID: Z3String { term(.canonicalUserID) }
    public var hasOrgID: Z3Bool { flag(.orgID) }
    public var orgID: Z3String { term(.orgID) }
    public var hasUserID: Z3Bool { flag(.userID) }
    public var userID: Z3String { term(.userID) }

    /// `arn == literal`, decomposed in Swift into equalities on the parts the ARN is built from.
    /// Exactly equivalent under well-formedness: a literal that is not a well-formed principal
    /// ARN of the `aws` partition equals no principal's ARN. Z3 4.8's sequence solver is slow at
    /// splitting a concatenation against a constant; this never asks it to.
    public func arnEquals(_ literal: String) throws -> Z3Bool {
        guard let parsed = ARN(parsing: literal), parsed.partition == "aws", parsed.region.isEmpty,
              AccountID.isValid(parsed.account) else { return try context.bool(false) }
        let sameAccount = try account.equals(context.string(parsed.account))
        let resource = parsed.resource
        switch parsed.service {
        case "iam" where resource == "root":
            return try context.and([isKind(.accountRoot), sameAccount])
        case "iam" where resource.hasPrefix("user/"):
            let (path, name) = PrincipalARNParts.pathAndName(resource.dropFirst("user/".count))
            return try context.and([isKind(.iamUser), sameAccount, userPath.equals(context.string(path)), userName.equals(context.string(name))])
        case "iam" where resource.hasPrefix("role/"):
            return try context.and([isKind(.iamRole), roleParts(parsed)])
        case "sts" where resource.hasPrefix("assumed-role/"):
            let parts = resource.dropFirst("assumed-role/".count).split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2 else { return try context.bool(false) }
            return try context.and([isKind(.assumedRoleSession), sameAccount, roleName.equals(context.string(String(parts[0]))),
                                    sessionName.equals(context.string(String(parts[1])))])
        case "sts" where resource.hasPrefix("federated-user/"):
            return try context.and([isKind(.federatedUser), sameAccount, userName.equals(context.string(String(resource.dropFirst("federated-user/".count))))])
        default:
            return try context.bool(false)
        }
    }

    /// `roleArn == literal` for roles and sessions, decomposed like `arnEquals`.
    public func roleArnEquals(_ literal: String) throws -> Z3Bool {
        guard let parsed = ARN(parsing: literal), parsed.partition == "aws", parsed.region.isEmpty, parsed.service == "iam",
              AccountID.isValid(parsed.account), parsed.resource.hasPrefix("role/") else { return try context.bool(false) }
        return try context.and([isOneOf([.iamRole, .assumedRoleSession]), roleParts(parsed)])
    }

    private func roleParts(_ parsed: ARN) throws -> Z3Bool {
        let (path, name) = PrincipalARNParts.pathAndName(parsed.resource.dropFirst("role/".count))
        return try context.and([account.equals(context.string(parsed.account)), rolePath.equals(context.string(path)),
                                roleName.equals(context.string(name))])
    }

    /// A service-linked role or its session (`ServiceLinkedRole`, the concrete side's
    /// `Principal.isServiceLinkedRole`): the role's path, then name, begins with
    /// `aws-service-role/` — the resource part of `roleArn` after `role/`. A prefix of the parts,
    /// not a search through the built ARN: Z3 4.8 is slow at `contains` over a concatenation.
    public var isServiceLinkedRole: Z3Bool {
        get throws {
            try context.and([isOneOf([.iamRole, .assumedRoleSession]),
                             context.concat([rolePath, roleName]).hasPrefix(lit(ServiceLinkedRole.pathPrefix))])
        }
    }

    /// `aws:PrincipalArn == literal`: the role's ARN for a session, else the caller's ARN.
    public func principalArnEquals(_ literal: String) throws -> Z3Bool {
        try context.or([
            context.and([isKind(.assumedRoleSession), roleArnEquals(literal)]),
            context.and([isKind(.assumedRoleSession).not(), arnEquals(literal)]),
        ])
    }

    public func isKind(_ candidate: Principal.Kind) throws -> Z3Bool {
        try kind.equals(kinds.value(candidate))
    }

    public func isOneOf(_ candidates: [Principal.Kind]) throws -> Z3Bool {
        try context.or(candidates.map { try isKind($0) })
    }

    private func lit(_ text: String) throws -> Z3String { try context.string(text) }

    /// Constraints that make every model decode into a real principal, for the fields read so
    /// far. A field's defining constraints read the fields it is built from (an ARN reads the
    /// account and names), which are then constrained too.
    /// Every constraint a real principal meets, over the fields formulas have read.
    ///
    /// With `alphabets: false`, the constraints on the characters of names, paths and account
    /// ids (`PrincipalAlphabets`) are left out: regular-expression membership Z3 pays for in every
    /// check (measured 5-15x on the enumeration's searches) though it seldom decides one. Fewer
    /// constraints can only add models, so an UNSAT answer without them holds with them; a
    /// model found without them counts only when ``alphabetsHold(in:)`` says it meets them too.
    public func wellFormedness(alphabets: Bool = true) throws -> Z3Bool {
        var constraints: [Z3Bool] = []
        var done: Set<Field> = []
        let alphabet = alphabets ? try PrincipalAlphabets(context: context) : nil
        // Defining constraints read more fields; repeat until no new field is read.
        while let field = usedFields.subtracting(done).sorted(by: { "\($0)" < "\($1)" }).first {
            done.insert(field)
            switch field {
            case .arn, .roleArn:
                // Built from their parts (`arn`, `roleArn`); reading them reads the parts, which
                // carry the constraints.
                _ = try field == .arn ? arn : roleArn
            case .canonicalUserID:
                // Canonical user ids belong to accounts (S3 User Guide, "Finding the canonical user ID").
                constraints.append(try hasCanonicalUserID.implies(isOneOf(Principal.Kind.allCases.filter(\.hasAccount))))
            case .orgID:
                // Organizations hold accounts; only principals of an account can be in one.
                constraints.append(try hasOrgID.implies(isOneOf(Principal.Kind.allCases.filter(\.hasAccount))))
                // Organization ids have one form (`OrganizationIdentifiers`).
                if let alphabet {
                    constraints.append(try hasOrgID.implies(orgID.matches(alphabet.regex(OrganizationIdentifiers.organization))))
                }
            case .userID:
                // aws:userid is derived for the root user, federated users and anonymous callers.
                constraints.append(try hasUserID.implies(isOneOf([.iamUser, .iamRole, .assumedRoleSession, .webIdentity, .samlFederated, .awsService])))
            default:
                guard let alphabet, let rule = PrincipalAlphabets.rule(for: field) else { continue }
                constraints.append(try isOneOf(rule.kinds).implies(term(field).matches(alphabet.regex(rule.alphabet))))
            }
        }
        return try context.and(constraints)
    }

    /// Whether `model` meets the constraints ``wellFormedness(alphabets:)`` leaves out with
    /// `alphabets: false`: every read field of ``PrincipalAlphabets`` whose rule covers the
    /// model's principal kind holds a value in its alphabet.
    public func alphabetsHold(in model: Z3Model) throws -> Bool {
        guard let kind = kinds.kind(named: try model.value(of: self.kind).name) else { return false }
        if usedFields.contains(.orgID), try model.value(of: hasOrgID),
           !OrganizationIdentifiers.organization.matches(try model.value(of: orgID)) {
            return false
        }
        for field in usedFields {
            guard let rule = PrincipalAlphabets.rule(for: field), rule.kinds.contains(kind) else { continue }
            guard PrincipalAlphabets.matches(try model.value(of: term(field)), rule.alphabet) else { return false }
        }
        return true
    }
}

/// Splitting the resource part of user and role ARNs.
enum PrincipalARNParts {
    /// `division/team/Name` → (`division/team/`, `Name`); `Name` → (``, `Name`).
    static func pathAndName(_ rest: Substring) -> (String, String) {
        guard let slash = rest.lastIndex(of: "/") else { return ("", String(rest)) }
        return (String(rest[...slash]), String(rest[rest.index(after: slash)...]))
    }
}
