import Authorizer
import Policy
import Z3

/// How a statement's principal element reaches the symbolic caller, split by the Authorizer's
/// `PrincipalGrant` classes (the same-account rules depend on which one).
public struct SymbolicGrant {
    /// The element names the caller itself (or everyone, a service, a provider, NotPrincipal).
    public var principal: Z3Bool
    /// It names the role of which the caller is (a session of) the role.
    public var role: Z3Bool
    /// It names the caller's account.
    public var account: Z3Bool
}

/// Compiles `Principal`/`NotPrincipal` elements, mirroring the Authorizer's `PrincipalMatcher`:
/// a caller is a chain of identities (account, then role, then itself); `Principal` matches when
/// any is named, `NotPrincipal` unless all are.
struct PrincipalCompiler {
    let principal: SymbolicPrincipal
    var context: Z3Context { principal.context }

    /// For a `Principal` element: the grant classes that hold. For `NotPrincipal`: `principal`
    /// when it matches. `boundaryAttached` reproduces the NotPrincipal-with-Deny trap.
    func compile(_ element: PrincipalElement, effect: Effect, boundaryAttached: Z3Bool) throws -> SymbolicGrant {
        let no = try context.bool(false)
        if element.isNegated {
            var matches = try allNamed(element).not()
            if effect == .deny {
                let trap = try context.and([boundaryAttached, principal.isOneOf(Principal.Kind.allCases.filter(\.isIAMIdentity))])
                matches = try context.or([matches, trap])
            }
            return SymbolicGrant(principal: matches, role: no, account: no)
        }
        if element.namesEveryone {
            return SymbolicGrant(principal: try context.bool(true), role: no, account: no)
        }
        var grantPrincipal: [Z3Bool] = [], grantRole: [Z3Bool] = [], grantAccount: [Z3Bool] = []
        for entry in element.entries {
            switch entry.type {
            case .aws:
                if let account = accountNamed(by: entry.value) {
                    let sameAccount = try principal.account.equals(context.string(account))
                    grantPrincipal.append(try context.and([principal.isKind(.accountRoot), sameAccount]))
                    grantAccount.append(try context.and([principal.isOneOf(Principal.Kind.allCases.filter(\.isIAMIdentity)), sameAccount]))
                }
                // A role's own ARN is its role identity; a session's role ARN likewise.
                grantRole.append(try principal.roleArnEquals(entry.value))
                grantPrincipal.append(try context.and([principal.isOneOf([.iamUser, .federatedUser, .assumedRoleSession]),
                                                       principal.arnEquals(entry.value)]))
            case .service:
                var named = try principal.isKind(.awsService)
                if entry.value != "*" { named = try context.and([named, principal.serviceName.equals(context.string(entry.value))]) }
                grantPrincipal.append(named)
            case .federated:
                grantPrincipal.append(try context.and([principal.isOneOf([.webIdentity, .samlFederated]),
                                                       principal.provider.equals(context.string(entry.value))]))
            case .canonicalUser:
                let named = try canonicalNamed(entry.value)
                // A canonical id names the caller's last identity: for a role that is its role identity.
                grantRole.append(try context.and([named, principal.isKind(.iamRole)]))
                grantPrincipal.append(try context.and([named, principal.isKind(.iamRole).not()]))
            }
        }
        return SymbolicGrant(principal: try context.or(grantPrincipal), role: try context.or(grantRole),
                             account: try context.or(grantAccount))
    }

    /// The account an `AWS` entry names as an account: a twelve-digit id or an account root ARN.
    private func accountNamed(by value: String) -> String? {
        if AccountID.isValid(value) { return value }
        if let arn = ARN(parsing: value), arn.service == "iam", arn.resource == "root" { return arn.account }
        return nil
    }

    private func canonicalNamed(_ value: String) throws -> Z3Bool {
        try context.and([principal.hasCanonicalUserID, principal.canonicalUserID.equals(context.string(value))])
    }

    /// Every identity of the caller's chain is named by the element (NotPrincipal).
    private func allNamed(_ element: PrincipalElement) throws -> Z3Bool {
        if element.namesEveryone { return try context.bool(true) }
        let awsValues = element.entries.filter { $0.type == .aws }.map(\.value)
        let accounts = awsValues.compactMap(accountNamed(by:))
        func anyEquals(_ term: Z3String, _ values: [String]) throws -> Z3Bool {
            try context.or(values.map { try term.equals(context.string($0)) })
        }
        let canonical = try context.or(element.entries.filter { $0.type == .canonicalUser }.map { try canonicalNamed($0.value) })
        let accountNamed = try anyEquals(principal.account, accounts)
        let selfNamed = try context.or(awsValues.map { try principal.arnEquals($0) } + [canonical])
        let services = element.entries.filter { $0.type == .service }.map(\.value)
        let serviceNamed = services.contains("*") ? try context.bool(true) : try anyEquals(principal.serviceName, services)
        let providers = element.entries.filter { $0.type == .federated }.map(\.value)
        let p = principal
        return try context.or([
            context.and([p.isKind(.accountRoot), context.or([accountNamed, canonical])]),
            context.and([p.isOneOf([.iamUser, .iamRole, .federatedUser]), accountNamed, selfNamed]),
            // A role ARN also exempts the role's sessions (the Authorizer's `PrincipalMatcher.exempts`),
            // so the session link is named whenever the role link is.
            context.and([p.isKind(.assumedRoleSession), accountNamed, context.or(awsValues.map { try p.roleArnEquals($0) })]),
            context.and([p.isKind(.awsService), serviceNamed]),
            context.and([p.isOneOf([.webIdentity, .samlFederated]), anyEquals(p.provider, providers)]),
        ])
    }
}
