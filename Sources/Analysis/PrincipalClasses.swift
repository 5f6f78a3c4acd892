import Authorizer
import Encoding
import Policy
import Z3

/// A set of callers a finding names.
struct PrincipalClass {
    var label: String
    var kind: PrincipalClassKind
    var predicate: Z3Bool
    /// The same class, on a concrete request (to skip candidates an earlier finding covers).
    var contains: (Request) -> Bool
    /// The callers whose actions the finding lists: for `*`, an anonymous caller or an account
    /// no policy names (what everyone gets), so that a grant to one named account is not
    /// listed under everyone; otherwise the class itself.
    var explore: Z3Bool
}

/// The finitely many principal classes the policies tell apart (issue 17 item 3), as the action
/// and resource classes are for actions and resources: everyone (explored through an anonymous
/// caller), any account (explored through an account no policy names), then one class per
/// outside account, service principal and identity provider the policies name as a literal,
/// plus "any other service" and "any other provider".
///
/// They are the classes `PrincipalClassifier` generalises a witness to, built here once, so that
/// the finding enumeration can visit them in order (`FindingEnumerator`, `PrincipalClassSweep`)
/// instead of rediscovering callers one free search at a time. Visiting them changes only how
/// witnesses are found: the enumeration still ends on the free question over every outside
/// caller with all blocks asserted, so a caller outside every class here is still found (and
/// then classified), and "no more access" is still the solver's UNSAT.
///
/// ```swift
/// let classes = try PrincipalClasses(search: enumerator)
/// classes.named.map(\.label)   // ["444455556666", "cloudfront.amazonaws.com", "*", ...]
/// ```
struct PrincipalClasses {
    /// Everyone: explored through an anonymous caller; its block covers every outside caller.
    let everyone: PrincipalClass
    /// Any account: explored through an account no policy names; its block covers every caller
    /// of an account.
    let anyAccount: PrincipalClass
    /// The outside literal accounts, then the literal services, the other services, the literal
    /// providers and the other providers (disjoint classes).
    let named: [PrincipalClass]

    init(query: ExternalAccessQuery, literalAccounts: [String], literalServices: [String], literalProviders: [String]) throws {
        everyone = try PrincipalClasses.everyone(query)
        anyAccount = try PrincipalClasses.anyAccount(query, literalAccounts: literalAccounts)
        var named: [PrincipalClass] = []
        for account in literalAccounts where !query.zone.contains(account: account) {
            named.append(try PrincipalClasses.account(account, query))
        }
        for service in literalServices { named.append(try PrincipalClasses.service(service, query)) }
        named.append(try PrincipalClasses.otherServices(literalServices, query))
        for provider in literalProviders { named.append(try PrincipalClasses.provider(provider, query)) }
        named.append(try PrincipalClasses.otherProviders(literalProviders, query))
        self.named = named
    }

    /// The named class a concrete caller belongs to, if any.
    func namedClass(of request: Request) -> PrincipalClass? {
        named.first { $0.contains(request) }
    }

    static func everyone(_ query: ExternalAccessQuery) throws -> PrincipalClass {
        let zone = query.zone, type = query.resource.type
        return PrincipalClass(label: "*", kind: .everyone, predicate: query.external,
                              contains: { OutsideZone.contains($0, type: type, zone: zone) },
                              explore: try query.authorization.request.principal.isKind(.anonymous))
    }

    /// Callers of an account no policy names: what any account gets.
    static func freshAccount(_ query: ExternalAccessQuery, literalAccounts: [String]) throws -> Z3Bool {
        let p = query.authorization.request.principal, context = query.context
        return try context.and([query.accountKinds] + literalAccounts.map { try p.account.notEquals(context.string($0)) })
    }

    static func anyAccount(_ query: ExternalAccessQuery, literalAccounts: [String]) throws -> PrincipalClass {
        PrincipalClass(label: "*", kind: .everyone, predicate: query.accountKinds,
                       contains: { $0.principal.kind.hasAccount },
                       explore: try freshAccount(query, literalAccounts: literalAccounts))
    }

    static func account(_ account: String, _ query: ExternalAccessQuery) throws -> PrincipalClass {
        let p = query.authorization.request.principal, context = query.context
        let predicate = try context.and([query.accountKinds, p.account.equals(context.string(account))])
        return PrincipalClass(label: account, kind: .account, predicate: predicate,
                              contains: { $0.principal.kind.hasAccount && $0.principal.account == account },
                              explore: predicate)
    }

    static func service(_ name: String, _ query: ExternalAccessQuery) throws -> PrincipalClass {
        let p = query.authorization.request.principal, context = query.context
        let predicate = try context.and([p.isKind(.awsService), p.serviceName.equals(context.string(name))])
        return PrincipalClass(label: name, kind: .service, predicate: predicate,
                              contains: { $0.principal.kind == .awsService && $0.principal.serviceName == name },
                              explore: predicate)
    }

    static func otherServices(_ services: [String], _ query: ExternalAccessQuery) throws -> PrincipalClass {
        let p = query.authorization.request.principal, context = query.context
        let predicate = try context.and([p.isKind(.awsService)] + services.map { try p.serviceName.notEquals(context.string($0)) })
        return PrincipalClass(label: "*", kind: .service, predicate: predicate,
                              contains: { $0.principal.kind == .awsService && !services.contains($0.principal.serviceName ?? "") },
                              explore: predicate)
    }

    private static func isFederated(_ principal: Principal) -> Bool { [.webIdentity, .samlFederated].contains(principal.kind) }

    static func provider(_ provider: String, _ query: ExternalAccessQuery) throws -> PrincipalClass {
        let p = query.authorization.request.principal, context = query.context
        let predicate = try context.and([p.isOneOf([.webIdentity, .samlFederated]), p.provider.equals(context.string(provider))])
        return PrincipalClass(label: provider, kind: .federated, predicate: predicate,
                              contains: { isFederated($0.principal) && $0.principal.provider == provider },
                              explore: predicate)
    }

    static func otherProviders(_ providers: [String], _ query: ExternalAccessQuery) throws -> PrincipalClass {
        let p = query.authorization.request.principal, context = query.context
        let predicate = try context.and([p.isOneOf([.webIdentity, .samlFederated])]
            + providers.map { try p.provider.notEquals(context.string($0)) })
        return PrincipalClass(label: "*", kind: .federated, predicate: predicate,
                              contains: { isFederated($0.principal) && !providers.contains($0.principal.provider ?? "") },
                              explore: predicate)
    }
}
