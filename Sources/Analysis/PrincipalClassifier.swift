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

/// Generalises a witness of the finding enumeration to the class of callers it stands for.
struct PrincipalClassifier {
    let search: FindingEnumerator
    private var query: ExternalAccessQuery { search.query }
    private var context: Z3Context { search.context }

    /// The class of callers a witness stands for. When anonymous callers get the same action
    /// class, the access is open to everyone and one finding covers every outside caller;
    /// otherwise an account no policy names stands for any account, and a named account,
    /// service or provider for itself.
    ///
    /// Returns the class and the witness its finding starts from: for `*`, a request of an
    /// anonymous caller or of an account no policy names with the same action class.
    func classify(_ request: Request, decision: Decision) throws -> (PrincipalClass, (Request, Decision)) {
        let p = query.authorization.request.principal
        let principal = request.principal
        let zone = query.zone, type = query.resource.type
        let isAnonymous = try p.isKind(.anonymous)
        let everyone = PrincipalClass(label: "*", kind: .everyone, predicate: query.external,
                                      contains: { OutsideZone.contains($0, type: type, zone: zone) },
                                      explore: isAnonymous)
        if principal.kind == .anonymous { return (everyone, (request, decision)) }
        let actionTerm = try search.actions.term(sameClassAs: request.action, in: query.authorization)
        let anonymousQuestion = SolverQuestion([query.base, query.external, isAnonymous, actionTerm], purpose: "anonymous too?")
        var asAnonymous = request
        asAnonymous.principal = .anonymous
        var representative: (Request, Decision)?
        if try search.pinnedCheck(anonymousQuestion, candidates: [asAnonymous].filter(search.allowed),
                                  onModel: { representative = try search.witness(from: $0) }), let representative {
            return (everyone, representative)
        }
        let anonymous = try search.check(anonymousQuestion) { representative = try search.witness(from: $0) }
        if case .unknown(let reason) = anonymous { throw SolverUnknown(reason: reason) }
        if anonymous.isSat, let representative { return (everyone, representative) }
        let own = (request, decision)
        switch principal.kind {
        case .anonymous:
            return (everyone, own)
        case .accountRoot, .iamUser, .iamRole, .assumedRoleSession, .federatedUser:
            let account = principal.account ?? ""
            // Does an account no policy names get the same access? Then it is open to any account.
            let fresh = try context.and([query.accountKinds] + search.literalAccounts.map { try p.account.notEquals(context.string($0)) })
            let anyAccountQuestion = SolverQuestion([query.base, query.external, fresh, actionTerm], purpose: "any account?")
            var moved = request
            let candidates = WitnessCandidates.moved(principal, to: search.candidates.freshAccount).map { principal -> [Request] in
                moved.principal = principal
                return [moved].filter(search.allowed)
            } ?? []
            let anyAccountClass = PrincipalClass(label: "*", kind: .everyone, predicate: query.accountKinds,
                                                 contains: { $0.principal.kind.hasAccount },
                                                 explore: fresh)
            if try search.pinnedCheck(anyAccountQuestion, candidates: candidates, onModel: { representative = try search.witness(from: $0) }),
               let representative {
                return (anyAccountClass, representative)
            }
            let anyAccount = try search.check(anyAccountQuestion) { representative = try search.witness(from: $0) }
            if case .unknown(let reason) = anyAccount { throw SolverUnknown(reason: reason) }
            if anyAccount.isSat, let representative { return (anyAccountClass, representative) }
            let predicate = try context.and([query.accountKinds, p.account.equals(context.string(account))])
            return (PrincipalClass(label: account, kind: .account, predicate: predicate,
                                   contains: { $0.principal.kind.hasAccount && $0.principal.account == account },
                                   explore: predicate), own)
        case .awsService:
            let name = principal.serviceName ?? ""
            if search.literalServices.contains(name) {
                let predicate = try context.and([p.isKind(.awsService), p.serviceName.equals(context.string(name))])
                return (PrincipalClass(label: name, kind: .service, predicate: predicate,
                                       contains: { $0.principal.kind == .awsService && $0.principal.serviceName == name },
                                       explore: predicate), own)
            }
            let services = search.literalServices
            let predicate = try context.and([p.isKind(.awsService)] + services.map { try p.serviceName.notEquals(context.string($0)) })
            return (PrincipalClass(label: "*", kind: .service, predicate: predicate,
                                   contains: { $0.principal.kind == .awsService && !services.contains($0.principal.serviceName ?? "") },
                                   explore: predicate), own)
        case .webIdentity, .samlFederated:
            let provider = principal.provider ?? ""
            let kinds = try p.isOneOf([.webIdentity, .samlFederated])
            let federated: (Principal) -> Bool = { [.webIdentity, .samlFederated].contains($0.kind) }
            if search.literalProviders.contains(provider) {
                let predicate = try context.and([kinds, p.provider.equals(context.string(provider))])
                return (PrincipalClass(label: provider, kind: .federated, predicate: predicate,
                                       contains: { federated($0.principal) && $0.principal.provider == provider },
                                       explore: predicate), own)
            }
            let providers = search.literalProviders
            let predicate = try context.and([kinds] + providers.map { try p.provider.notEquals(context.string($0)) })
            return (PrincipalClass(label: "*", kind: .federated, predicate: predicate,
                                   contains: { federated($0.principal) && !providers.contains($0.principal.provider ?? "") },
                                   explore: predicate), own)
        }
    }
}
