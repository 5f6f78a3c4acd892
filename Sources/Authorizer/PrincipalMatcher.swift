import Policy

/// How a resource-policy statement's `Principal` reached the caller. Same-account evaluation
/// depends on it (IAM User Guide, "Policy evaluation logic", resource-based policies).
public enum PrincipalGrant: Int, Sendable, Hashable, Comparable {
    /// Through the caller's account (`"123456789012"` or `arn:aws:iam::123456789012:root`): the account
    /// delegates to its identity policies, which must allow too.
    case account = 0
    /// Through the ARN of the role whose session the caller is: limited by the permissions
    /// boundary and the session policy.
    case role = 1
    /// The caller itself: its own ARN, `"*"`, a service or federated provider name, or `NotPrincipal`.
    case principal = 2

    public static func < (lhs: PrincipalGrant, rhs: PrincipalGrant) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Matches `Principal`/`NotPrincipal` elements (IAM User Guide, "AWS JSON policy elements: Principal"
/// and "AWS JSON policy elements: NotPrincipal").
///
/// A caller is a chain of identities AWS checks in turn: its account, then (for sessions) its role,
/// then itself ("NotPrincipal": "AWS verifies the account, then the role, then the assumed-role user").
/// - `Principal` matches when any identity of the chain is named: an account entry names any principal
///   of that account; a role ARN names the role's sessions; `"*"` and `{"AWS": "*"}` name everyone,
///   anonymous callers and services included.
/// - `NotPrincipal` matches unless EVERY identity of the chain is exempted by an entry naming that
///   identity itself (a role ARN also exempts its sessions), which is why a `Deny` with `NotPrincipal`
///   must list the account AND the user or role: an account entry alone exempts only the account link.
/// Principal ARNs compare exactly (case-sensitively); wildcards inside them have no meaning.
public enum PrincipalMatcher {
    /// One link of a caller's chain.
    enum Identity: Hashable {
        case account(String)
        case arn(String)
        case service(String)
        case federated(String)
        case anonymous
    }

    static func chain(of principal: Principal) -> [Identity] {
        var chain: [Identity] = []
        switch principal.kind {
        case .accountRoot:
            if let account = principal.account { chain.append(.account(account)) }
        case .iamUser, .iamRole, .federatedUser:
            if let account = principal.account { chain.append(.account(account)) }
            if let arn = principal.arn { chain.append(.arn(arn)) }
        case .assumedRoleSession:
            if let account = principal.account { chain.append(.account(account)) }
            if let roleArn = principal.roleArn { chain.append(.arn(roleArn)) }
            if let arn = principal.arn { chain.append(.arn(arn)) }
        case .awsService:
            chain.append(.service(principal.serviceName ?? ""))
        case .webIdentity, .samlFederated:
            chain.append(.federated(principal.provider ?? ""))
        case .anonymous:
            chain.append(.anonymous)
        }
        return chain
    }

    /// How `element` reaches `principal`, or nil when it does not.
    ///
    /// `boundaryAttached` with a `Deny` statement reproduces the documented trap: "The NotPrincipal
    /// element with a Deny effect will always deny any IAM principal that has a permissions boundary
    /// policy attached, regardless of the values specified in the NotPrincipal element."
    public static func grant(_ element: PrincipalElement, principal: Principal, effect: Effect = .allow,
                             boundaryAttached: Bool = false) -> PrincipalGrant? {
        let identities = chain(of: principal)
        if element.isNegated {
            if effect == .deny && boundaryAttached && principal.hasIdentityPolicies { return .principal }
            let allNamed = !identities.isEmpty && identities.allSatisfy { identity in
                element.namesEveryone || element.entries.contains { exempts($0, identity, principal) }
            }
            return allNamed ? nil : .principal
        }
        if element.namesEveryone { return .principal }
        var best: PrincipalGrant?
        for (index, identity) in identities.enumerated()
        where element.entries.contains(where: { names($0, identity, principal) }) {
            let grant = classify(index: index, identity: identity, principal: principal)
            if best.map({ grant > $0 }) ?? true { best = grant }
        }
        return best
    }

    /// Whether `element` names `principal` at all.
    public static func matches(_ element: PrincipalElement, principal: Principal) -> Bool {
        grant(element, principal: principal) != nil
    }

    private static func classify(index: Int, identity: Identity, principal: Principal) -> PrincipalGrant {
        if case .account = identity, principal.kind != .accountRoot { return .account }
        if case .arn(let arn) = identity, arn == principal.roleArn { return .role }
        return .principal
    }

    /// Whether a `NotPrincipal` entry exempts one identity of the chain: it must name that identity
    /// itself, except that a role ARN also exempts the role's session ("include both the ARN of the role
    /// and the ARN of the account containing the role"). An account entry exempts only the account link.
    static func exempts(_ entry: PrincipalEntry, _ identity: Identity, _ principal: Principal) -> Bool {
        if names(entry, identity, principal) { return true }
        if principal.kind == .assumedRoleSession, case .arn(let arn) = identity, arn == principal.arn,
           let roleArn = principal.roleArn {
            return names(entry, .arn(roleArn), principal)
        }
        return false
    }

    /// Whether one entry names one identity.
    static func names(_ entry: PrincipalEntry, _ identity: Identity, _ principal: Principal) -> Bool {
        switch entry.type {
        case .aws:
            if entry.value == "*" { return true }
            switch identity {
            case .account(let account):
                if entry.value == account { return true }
                if let arn = ARN(parsing: entry.value), arn.service == "iam", arn.resource == "root" {
                    return arn.account == account
                }
                return false
            case .arn(let arn):
                return entry.value == arn
            case .service, .federated, .anonymous:
                return false
            }
        case .service:
            guard case .service(let name) = identity else { return false }
            return entry.value == "*" || entry.value == name
        case .federated:
            guard case .federated(let provider) = identity else { return false }
            return entry.value == provider
        case .canonicalUser:
            // A canonical user id is another name for the caller itself (its most specific identity).
            guard let id = principal.canonicalUserID, entry.value == id else { return false }
            return identity == chain(of: principal).last
        }
    }
}
