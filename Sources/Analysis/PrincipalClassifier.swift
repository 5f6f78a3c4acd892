import Authorizer
import Encoding
import Policy
import Z3

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
        let isAnonymous = try p.isKind(.anonymous)
        let everyone = try PrincipalClasses.everyone(query)
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
            let fresh = try PrincipalClasses.freshAccount(query, literalAccounts: search.literalAccounts)
            let anyAccountQuestion = SolverQuestion([query.base, query.external, fresh, actionTerm], purpose: "any account?")
            var moved = request
            let candidates = WitnessCandidates.moved(principal, to: search.candidates.freshAccount).map { principal -> [Request] in
                moved.principal = principal
                return [moved].filter(search.allowed)
            } ?? []
            let anyAccountClass = try PrincipalClasses.anyAccount(query, literalAccounts: search.literalAccounts)
            if try search.pinnedCheck(anyAccountQuestion, candidates: candidates, onModel: { representative = try search.witness(from: $0) }),
               let representative {
                return (anyAccountClass, representative)
            }
            let anyAccount = try search.check(anyAccountQuestion) { representative = try search.witness(from: $0) }
            if case .unknown(let reason) = anyAccount { throw SolverUnknown(reason: reason) }
            if anyAccount.isSat, let representative { return (anyAccountClass, representative) }
            return (try PrincipalClasses.account(account, query), own)
        case .awsService:
            let name = principal.serviceName ?? ""
            if search.literalServices.contains(name) { return (try PrincipalClasses.service(name, query), own) }
            return (try PrincipalClasses.otherServices(search.literalServices, query), own)
        case .webIdentity, .samlFederated:
            let provider = principal.provider ?? ""
            if search.literalProviders.contains(provider) { return (try PrincipalClasses.provider(provider, query), own) }
            return (try PrincipalClasses.otherProviders(search.literalProviders, query), own)
        }
    }
}
