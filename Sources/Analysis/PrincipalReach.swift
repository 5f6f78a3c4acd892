import Authorizer
import Encoding
import Policy
import Z3

/// One edge of an access path, proved (issue 18): can one known caller — an IAM user, the
/// sessions of a role, any principal of an outside account — perform some action on one
/// resource, with every policy that bears on it? UNSAT is a proof that it cannot; SAT gives a
/// witness request, replayed through the Authorizer before it is believed.
///
/// The caller's side is whatever `policies` says: its identity policies (`nil`: unknown and
/// assumed to allow, as for an outside account), its permissions boundary, the SCPs on its
/// account's path; the resource's side its resource policy and the RCPs on its account's path.
/// Same-account and cross-account rules are the Authorizer's and the encoding's (IAM User Guide,
/// "Cross-account policy evaluation logic": across accounts both sides must allow; within one,
/// either suffices, but a role's trust and a KMS key's policy must allow explicitly).
///
/// The request's context is free, as a caller chooses it, within what AWS guarantees about real
/// requests (`ExternalAccessQuery.realism`); the caller's own keys (tags, organization) are its
/// own (`PrincipalPin`).
///
/// ```swift
/// let session = Principal.assumedRole(roleArn: "arn:aws:iam::111122223333:role/Etl", sessionName: "any")
/// let answer = PrincipalReach.ask(ReachQuestion(caller: PrincipalPin(session, anySessionName: true),
///                                               policies: policies, resourceType: .s3Bucket,
///                                               resourceARN: "arn:aws:s3:::data", resourceAccount: "111122223333"))
/// ```
public enum PrincipalReach {
    /// - Parameter timeoutMilliseconds: bounds the whole question; past it the answer is UNPROVEN.
    ///
    /// An open hop is decided from concrete candidates first (`ReachWitnessCandidates`, with the
    /// action catalog): a candidate `ReachAdmission` shows satisfies every formula of the question
    /// is the witness without the solver; otherwise each candidate is tried pinned in the solver
    /// (milliseconds, against a free search's tens to thousands); only then the free search. The
    /// witness is thus the first candidate that is confirmed, in the candidates' fixed order, and
    /// is replayed like any. A candidate only ever opens: "cannot reach" comes from the screen
    /// (`ReachScreen`) or the solver's UNSAT alone.
    public static func ask(_ question: ReachQuestion, catalog: ActionCatalog? = .shipped, timeoutMilliseconds: UInt32 = 10_000) -> ReachAnswer {
        do {
            return try answer(question, catalog: catalog, budget: QuestionBudget(milliseconds: timeoutMilliseconds),
                              timeoutMilliseconds: timeoutMilliseconds)
        } catch {
            return .unproven(reason: "\(error)")
        }
    }

    /// The question's concrete candidates (`ReachWitnessCandidates`), each with whether
    /// `ReachAdmission` admits it; empty without a catalog. (Every candidate is one the Authorizer
    /// allows, so the screen, which closes only what no request opens, leaves its question open.)
    static func candidates(_ question: ReachQuestion, catalog: ActionCatalog?) -> [(request: Request, admitted: Bool)] {
        var screened = question
        screened.policies = settledPolicies(question)
        let scopes = question.resourceType.requestResources(for: question.resourceARN)
        guard let catalog, !scopes.isEmpty,
              let applicability = ActionApplicability(resourceType: question.resourceType, scopes: scopes,
                                                      actionPatterns: ActionClasses.actionValues(of: [screened.policies]), catalog: catalog)
        else { return [] }
        return ReachWitnessCandidates.requests(question, policies: screened.policies, applicability: applicability).map {
            ($0, ReachAdmission.problems($0, question: question, policies: screened.policies, applicability: applicability).isEmpty)
        }
    }

    /// The pinned question's answer for `request` (`ReachAdmissionTests`' check of the admission):
    /// SAT with the model's witness replayed, UNSAT, or nil when it could not be asked.
    static func pinnedAnswer(_ question: ReachQuestion, request: Request, catalog: ActionCatalog?,
                             timeoutMilliseconds: UInt32 = 10_000) -> ReachAnswer? {
        let budget = QuestionBudget(milliseconds: timeoutMilliseconds)
        guard let compiled = try? compile(question, catalog: catalog, budget: budget) else { return nil }
        let asker = SolverAsker(authorization: compiled.authorization, options: SolverAskingOptions(timeoutMilliseconds: timeoutMilliseconds),
                                subject: "pinned reach of \(question.resourceARN)")
        guard let result = try? asker.ask(SolverQuestion(compiled.parts, purpose: "reach").pinned(to: request)) else { return nil }
        switch result {
        case .unsat: return .unreachable
        case .unknown(let reason): return .unproven(reason: reason)
        case .sat(let model):
            guard var witness = try? compiled.authorization.decode(model) else { return nil }
            let decoded = witness.principal
            witness.principal = question.caller.caller(of: decoded)
            let problems = replayProblems(witness, decoded: decoded, question: question, policies: compiled.policies,
                                          applicability: compiled.applicability)
            return problems.isEmpty ? .reachable(witness) : .unproven(reason: problems.joined(separator: "; "))
        }
    }

    /// A reach question compiled: the authorization and the formulas whose conjunction is "some
    /// request of the caller is allowed". One definition for the answer and for its explanation
    /// (`closingStatements`), so that a core comes from the encoding the answer used.
    struct Compiled {
        var context: Z3Context
        var authorization: SymbolicAuthorization
        var parts: [Z3Bool]
        var policies: PolicySet
        var applicability: ActionApplicability?
    }

    /// The question's policies with the resource policy's kind settled.
    static func settledPolicies(_ question: ReachQuestion) -> PolicySet {
        var policies = question.policies
        if policies.resourcePolicyKind == nil {
            policies.resourcePolicyKind = question.resourceType.isRoleTrust ? .roleTrust
                : ResourcePolicyKind.infer(policy: policies.resourcePolicy, resource: question.resourceARN)
        }
        return policies
    }

    /// Compiles `question` in a new context; nil when its resource is not an ARN of its type.
    static func compile(_ question: ReachQuestion, catalog: ActionCatalog?, budget: QuestionBudget,
                        tracking: (Z3Context) -> StatementTracking? = { _ in nil }) throws -> Compiled? {
        let type = question.resourceType
        let policies = settledPolicies(question)
        let services = type.servicePrefixes
        let scopes = type.requestResources(for: question.resourceARN)
        guard !scopes.isEmpty else { return nil }
        let context = try Z3Context()
        let authorization = try EvaluationCompiler.compile(policies, resourceAccount: question.resourceAccount, budget: budget,
                                                           tracking: tracking(context), in: context)
        let request = authorization.request
        let applicability = catalog.flatMap {
            ActionApplicability(resourceType: type, scopes: scopes, actionPatterns: ActionClasses.actionValues(of: [policies]), catalog: $0)
        }
        var parts: [Z3Bool] = [authorization.allowed, try authorization.pin(question.caller)]
        let actionPatterns = question.actions ?? ExternalAccessQuery.scopePatterns(services)
        parts.append(try context.or(actionPatterns.map { try authorization.actionMatches($0) }))
        // A scope with any suffix names something under the prefix: an S3 object key, say, is
        // one character or more (S3 User Guide, "Naming Amazon S3 objects"), so the bare prefix
        // is not a request's resource.
        parts.append(try context.or(scopes.map { scope in
            let within = try authorization.resourceIs(scope.prefix, anySuffix: scope.anySuffix)
            guard scope.anySuffix else { return within }
            return try context.and([within, request.resource.equals(context.string(scope.prefix)).not()])
        }))
        if let applicability { parts.append(try applicability.constraint(over: authorization, context: context)) }
        let p = request.principal
        let accountKinds = try p.isOneOf(Principal.Kind.allCases.filter(\.hasAccount))
        parts += try ExternalAccessQuery.realism(authorization: authorization, zone: ZoneOfTrust(accounts: []), context: context,
                                                 accountKinds: accountKinds, isService: p.isKind(.awsService), resourceServices: services)
        if let owners = question.restrictPublicBucketsOwners {
            parts.append(try ExternalAccessQuery.restrictPublicBuckets(owners: owners, authorization: authorization, accountKinds: accountKinds))
        }
        return Compiled(context: context, authorization: authorization, parts: parts, policies: policies, applicability: applicability)
    }

    private static func answer(_ question: ReachQuestion, catalog: ActionCatalog?, budget: QuestionBudget,
                               timeoutMilliseconds: UInt32) throws -> ReachAnswer {
        var screened = question
        screened.policies = settledPolicies(question)
        if !question.resourceType.requestResources(for: question.resourceARN).isEmpty, ReachScreen.closed(screened, catalog: catalog) { return .unreachable }
        let candidates = candidates(question, catalog: catalog)
        if let admitted = candidates.first(where: \.admitted) {
            if SolverTrace.enabled { SolverTrace.write("reach of \(question.resourceARN) admitted concretely: \(RequestFile.encode(admitted.request))") }
            return .reachable(admitted.request)
        }
        guard let compiled = try compile(question, catalog: catalog, budget: budget) else {
            return .unproven(reason: "\(question.resourceARN) is not an ARN of \(question.resourceType.rawValue)")
        }
        let (authorization, parts, policies, applicability) = (compiled.authorization, compiled.parts, compiled.policies, compiled.applicability)
        try budget.check(in: "compiling the reach question")
        let asker = SolverAsker(authorization: authorization, options: SolverAskingOptions(timeoutMilliseconds: timeoutMilliseconds),
                                subject: "reach of \(question.resourceARN)")
        asker.budget = budget
        /// The model's request as the question's witness, and what keeps it from replaying.
        func witness(of model: Z3Model) throws -> (request: Request, problems: [String]) {
            var witness = try authorization.decode(model)
            let decoded = witness.principal
            witness.principal = question.caller.caller(of: decoded)
            witness.action = applicability?.policySpelling(of: witness.action) ?? ActionCatalog.shipped.spelling(of: witness.action)
            return (witness, replayProblems(witness, decoded: decoded, question: question, policies: policies, applicability: applicability))
        }
        let solverQuestion = SolverQuestion(parts, purpose: "reach")
        if applicability != nil {
            for (candidate, _) in candidates {
                // A candidate that fails anywhere (its pin, the budget) leaves the free search to answer.
                guard case .sat(let model)? = try? asker.ask(solverQuestion.pinned(to: candidate)),
                      let (request, problems) = try? witness(of: model) else { continue }
                if problems.isEmpty { return .reachable(request) }
            }
        }
        switch try asker.ask(solverQuestion) {
        case .unsat:
            return .unreachable
        case .unknown(let reason):
            return .unproven(reason: "the solver could not decide (\(reason))")
        case .sat(let model):
            let (request, problems) = try witness(of: model)
            guard problems.isEmpty else {
                return .unproven(reason: "the solver's witness does not replay (\(problems.joined(separator: "; "))): \(RequestFile.encode(request))")
            }
            return .reachable(request)
        }
    }

    /// Why a closed hop is closed, layer by layer: the layers of `question.policies` whose
    /// removal alone opens it — the SCPs, the RCPs, the permissions boundary, the resource
    /// policy's Deny statements, the caller's identity policies (read as unknown, allowing), the
    /// resource policy's grant (read as granting everything). Each is one more question; a layer
    /// is named only when the question without it finds a replayed witness. Empty when no single
    /// layer opens it (several close it together) or when the questions were not decided.
    public static func blockers(_ question: ReachQuestion, catalog: ActionCatalog? = .shipped,
                                timeoutMilliseconds: UInt32 = 10_000) -> [String] {
        blockingLayers(question, catalog: catalog, timeoutMilliseconds: timeoutMilliseconds).map(\.reason)
    }

    /// `blockers`, each with the layer of `question.policies` it names (the layer whose statements
    /// `closingStatements` tracks).
    public static func blockingLayers(_ question: ReachQuestion, catalog: ActionCatalog? = .shipped,
                                      timeoutMilliseconds: UInt32 = 10_000) -> [(reason: String, layer: StatementTracking.Layer)] {
        var variants: [(String, StatementTracking.Layer, PolicySet)] = []
        let policies = question.policies
        if policies.serviceControlPolicies != nil {
            var set = policies
            set.serviceControlPolicies = nil
            variants.append(("the SCPs on the caller's account's path", .serviceControlPolicies, set))
        }
        if policies.resourceControlPolicies != nil {
            var set = policies
            set.resourceControlPolicies = nil
            variants.append(("the RCPs on the resource's account's path", .resourceControlPolicies, set))
        }
        if policies.permissionsBoundary != nil {
            var set = policies
            set.permissionsBoundary = nil
            variants.append(("the caller's permissions boundary", .permissionsBoundary, set))
        }
        if let resource = policies.resourcePolicy, resource.statements.contains(where: { $0.effect == .deny }) {
            var set = policies
            set.resourcePolicy = Policy(source: resource.source, type: resource.type, statements: resource.statements.filter { $0.effect != .deny })
            variants.append(("a Deny statement of the resource's policy", .resourcePolicy, set))
        }
        if let identity = policies.identityPolicies {
            var set = policies
            set.identityPolicies = nil
            variants.append((identity.isEmpty ? "the caller has no identity policy" : "the caller's identity policies grant no such request",
                              .identityPolicies, set))
        }
        let grantAll = PolicyParser.parse(text: #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}"#,
                                          source: "(every grant)", type: policies.resourcePolicy?.type ?? .resource).policy
        if let grantAll {
            var set = policies
            let denies = policies.resourcePolicy?.statements.filter { $0.effect == .deny } ?? []
            set.resourcePolicy = Policy(source: policies.resourcePolicy?.source ?? "(no resource policy)", type: grantAll.type,
                                        statements: grantAll.statements + denies)
            variants.append((policies.resourcePolicy == nil ? "the resource has no policy to grant the caller" : "the resource's policy does not grant the caller",
                             .resourcePolicy, set))
        }
        return variants.compactMap { reason, layer, set in
            var opened = question
            opened.policies = set
            if case .reachable = ask(opened, catalog: catalog, timeoutMilliseconds: timeoutMilliseconds) { return (reason, layer) }
            return nil
        }
    }

    /// `replayProblems` of a witness found for another question and moved to `question` (its
    /// caller stated in full), against the question's policies with the resource policy's kind
    /// settled: what `ReachAnswers` checks of a class answer moved to a member and
    /// `TemplateTargets` of a canonical question's answer moved back to its target.
    public static func movedWitnessProblems(_ witness: Request, question: ReachQuestion) -> [String] {
        replayProblems(witness, decoded: witness.principal, question: question, policies: settledPolicies(question), applicability: nil)
    }

    /// What the Authorizer and the facts say against `witness` (its caller stated in full by the
    /// pin) and against `decoded`, the caller as the model gave it: empty when the model's caller
    /// is the pinned one and the witness is a real request the policies allow.
    static func replayProblems(_ witness: Request, decoded: Principal, question: ReachQuestion, policies: PolicySet,
                               applicability: ActionApplicability?) -> [String] {
        var problems = RequestRealism.problems(witness)
        if Authorizer.evaluate(witness, policies: policies).outcome != .allow { problems.append("the Authorizer does not allow it") }
        let caller = question.caller.principal
        if decoded.kind != caller.kind || decoded.account != caller.account || decoded.roleArn != caller.roleArn {
            problems.append("its caller is not the question's")
        }
        if !question.caller.anyTags && !decoded.tags.allSatisfy({ caller.tags[$0.key] == $0.value }) {
            problems.append("its caller's tags are not the question's")
        }
        let carried = PrincipalPin.absentKeys(question.caller.sourceIdentity).filter { witness.context.values(for: $0) != nil }
        if !carried.isEmpty {
            problems.append("it carries \(carried.joined(separator: ", ")), which its caller's session cannot have on this request")
        }
        if let owners = question.restrictPublicBucketsOwners, witness.principal.kind != .awsService,
           !(witness.principal.kind.hasAccount && owners.contains(witness.principal.account ?? "")) {
            problems.append("S3 RestrictPublicBuckets lets in only \(owners.joined(separator: ", ")) and services")
        }
        if !(applicability?.admits(action: witness.action, resource: witness.resource) ?? true) {
            problems.append("\(witness.action) cannot be asked of \(witness.resource)")
        }
        return problems
    }
}

/// The question of `PrincipalReach`.
public struct ReachQuestion: Sendable {
    public var caller: PrincipalPin
    /// Every policy that bears on the caller's requests to the resource (see `PrincipalReach`).
    public var policies: PolicySet
    public var resourceType: ResourceType
    public var resourceARN: String
    public var resourceAccount: String?
    /// Action patterns to consider; nil: any action of the resource's services.
    public var actions: [String]?
    /// S3 RestrictPublicBuckets in force on the resource: the accounts it lets in
    /// (`AnalyzedResource.restrictPublicBucketsOwners`); nil: not in force.
    public var restrictPublicBucketsOwners: [String]?

    public init(caller: PrincipalPin, policies: PolicySet, resourceType: ResourceType, resourceARN: String,
                resourceAccount: String?, actions: [String]? = nil) {
        self.caller = caller
        self.policies = policies
        self.resourceType = resourceType
        self.resourceARN = resourceARN
        self.resourceAccount = resourceAccount
        self.actions = actions
    }
}

/// The answer of `PrincipalReach`.
public enum ReachAnswer: Sendable {
    /// A request of the caller that every policy allows, replayed through the Authorizer.
    case reachable(Request)
    /// A proof that no request of the caller is allowed.
    case unreachable
    /// Not decided: the solver's limit, an unsupported construct, a witness that did not replay.
    /// Never to be read as unreachable.
    case unproven(reason: String)
}
