import Authorizer
import Encoding
import Policy
import Z3

/// The formulas of the external-access question for one resource: `base` holds for the
/// requests the resource's policies allow (within the resource's scope and AWS's rules of
/// what requests can exist), `external` for a caller outside the zone of trust.
///
/// The caller's own identity policies are unknown and assumed to allow, as Access Analyzer
/// assumes for principals outside the zone (IAM User Guide, Access Analyzer, "How IAM Access
/// Analyzer findings work").
final class ExternalAccessQuery {
    let context: Z3Context
    let resource: AnalyzedResource
    /// The whole zone: every concrete check (candidates, the screen, principal classes) reads it.
    let zone: ZoneOfTrust
    /// The zone as the formulas state it: the same organization, with the accounts of `zone` the
    /// question was asked about (`ZoneRefinement`; all of them by default). Over a subset,
    /// `external` holds for a superset of the outside callers and agrees with the whole zone on
    /// every caller outside it.
    let encodedZone: ZoneOfTrust
    let authorization: SymbolicAuthorization
    /// The policies as written: witnesses are replayed against these.
    let policies: PolicySet
    /// The policies as encoded: without action patterns outside the resource's services (`ActionScope`).
    let scopedPolicies: PolicySet
    let base: Z3Bool
    /// `base` without `allowed`: scope and realism (for explanations). Neither includes the
    /// request's well-formedness, which is asserted fresh at each check (`wellFormedness()`).
    let frame: Z3Bool
    /// Which actions a request can carry on which part of the scope (`ActionApplicability`);
    /// nil when the question does not close the actions (no catalog, or any resource of the type).
    let applicability: ActionApplicability?
    /// The applicability's constraint, part of `frame` (explanations track it by itself).
    let actionsApply: Z3Bool
    /// `frame` without `actionsApply`.
    let frameOtherThanActionsApply: Z3Bool
    let external: Z3Bool
    /// Kinds with an account, and the kinds outside every account.
    let accountKinds: Z3Bool
    /// A bucket's own question: the access point keys the policies read, stated as
    /// `AccessPointRequestKeys` says for the accounts whose access points are routes of their own
    /// (`AnalyzedResource.accessPointAccountsKnown`); nil: not stated, the keys free.
    let accessPointKeysRead: [String]?

    /// - Parameter catalog: when given, the actions a request can carry are those it defines
    ///   for the resource's types and those the policies name (`ActionApplicability`).
    /// - Parameter actionClasses: encode the action as one of the classes of the policies'
    ///   action patterns and the service scope (`ActionClasses`), where they can be computed;
    ///   otherwise as a string.
    /// - Parameter resourceClasses: encode the resource as one of the classes of the policies'
    ///   `Resource` patterns within the scope (`ResourceClasses`) where no pattern has a variable.
    /// - Parameter budget: the question's time bound; past it (checked between the phases and
    ///   inside compilation) the init throws `QuestionBoundReached`.
    /// - Parameter encodedAccounts: the zone's accounts the formulas state (`ZoneRefinement`); nil:
    ///   all of them. Accounts outside the zone are ignored.
    init(resource: AnalyzedResource, zone: ZoneOfTrust, context: Z3Context, catalog: ActionCatalog? = nil,
         actionClasses: Bool = false, resourceClasses: Bool = false, budget: QuestionBudget = .unbounded,
         encodedAccounts: [String]? = nil) throws {
        self.context = context
        self.resource = resource
        self.zone = zone
        let encodedZone = encodedAccounts.map { accounts in
            ZoneOfTrust(accounts: accounts.filter(zone.contains(account:)), organizationID: zone.organizationID)
        } ?? zone
        self.encodedZone = encodedZone
        policies = resource.policies
        let services = resource.type.servicePrefixes
        let scoped = ActionScope.scoped(policies, services: services)
        scopedPolicies = scoped
        let scopes = resource.arn == "*" ? [] : resource.type.requestResources(for: resource.arn)
        let actionPatterns = ActionClasses.patterns(of: [scoped], extra: ExternalAccessQuery.scopePatterns(services))
        let applicability = catalog.flatMap {
            ActionApplicability(resourceType: resource.type, scopes: scopes, actionPatterns: ActionClasses.actionValues(of: [scoped]),
                                catalog: $0)
        }
        self.applicability = applicability
        try budget.check(in: "scoping the actions")
        let actionClasses = actionClasses ? catalog.flatMap { catalog in
            ActionClassCache.shared.classes(patterns: actionPatterns, services: services, catalog: catalog,
                                            applicability: applicability)
        } : nil
        try budget.check(in: "building action classes")
        let resourceClasses = resourceClasses && !scopes.isEmpty
            ? ResourceClasses(policies: scoped, scopes: scopes.map { ResourceClasses.scopePattern(prefix: $0.prefix, anySuffix: $0.anySuffix) },
                              preferring: [resource.arn] + scopes.filter(\.anySuffix).map { $0.prefix + "x" })
            : nil
        try budget.check(in: "building resource classes")
        let owner = resource.organizationOfOwner(in: zone)
        authorization = try EvaluationCompiler.compile(scopedPolicies, resourceAccount: resource.account,
                                                       resourceOrgID: owner?.id, resourceOrgPaths: owner?.paths,
                                                       actionClasses: actionClasses, resourceClasses: resourceClasses,
                                                       budget: budget, in: context)
        let request = authorization.request
        let p = request.principal
        let context = context
        accountKinds = try p.isOneOf(Principal.Kind.allCases.filter(\.hasAccount))

        let isService = try p.isKind(.awsService)
        let evidence = try ServiceSourceEvidence(authorization: authorization, zone: encodedZone, context: context)
        external = try OutsideZone.symbolic(authorization, type: resource.type, zone: encodedZone, accountKinds: accountKinds, evidence: evidence,
                                            trustedServices: ExternalAccessQuery.roleServiceNames(of: scoped), context: context)

        var parts: [Z3Bool] = []
        // Scope: actions of the resource's service, on the resource (or its objects).
        let compiled = authorization
        parts.append(try context.or(ExternalAccessQuery.scopePatterns(services).map { try compiled.actionMatches($0) }))
        // `*` stands for "any resource of the type" (custom checks on a policy alone).
        if resource.arn != "*" {
        parts.append(try context.or(scopes.map { try compiled.resourceIs($0.prefix, anySuffix: $0.anySuffix) }))
        }
        parts += try ExternalAccessQuery.realism(authorization: authorization, zone: encodedZone, context: context,
                                                 accountKinds: accountKinds, isService: isService, resourceServices: services)
        parts.append(try context.and([evidence.actsForZone, evidence.actsOutsideZone]).not())
        var accessPointKeysRead: [String]?
        if let accessPoint = resource.accessPoint {
            parts += try ExternalAccessQuery.throughAccessPoint(accessPoint, authorization: authorization, context: context)
        } else if resource.type == .s3Bucket {
            // Made to the bucket directly, or through an access point not judged as a route of its own.
            let read = AccessPointRequestKeys.names.filter(authorization.policiesRead)
            if let route = try AccessPointRequestKeys.symbolic(read: read, knownAccounts: resource.accessPointAccountsKnown,
                                                                request: request, context: context) {
                parts.append(route)
                accessPointKeysRead = read
            }
        }
        self.accessPointKeysRead = accessPointKeysRead
        frameOtherThanActionsApply = try context.and(parts)
        actionsApply = try applicability?.constraint(over: authorization, context: context) ?? context.bool(true)
        parts.append(actionsApply)
        // S3 RestrictPublicBuckets: with a public bucket policy, only service principals and the
        // owner's account get in (S3 User Guide, "Block public access settings"). Applied only
        // when the whole policy is public for certain (`PublicPolicyRule`): applied on a guess,
        // it would hide access.
        if let owners = resource.restrictPublicBucketsOwners {
            parts.append(try ExternalAccessQuery.restrictPublicBuckets(owners: owners, authorization: authorization, accountKinds: accountKinds))
        }
        frame = try context.and(parts)
        base = try context.and([frame, authorization.allowed])
    }

    /// S3 RestrictPublicBuckets in force (`AnalyzedResource.restrictPublicBucketsOwners`): the
    /// caller is a service principal or a principal of one of `owners`.
    static func restrictPublicBuckets(owners: [String], authorization: SymbolicAuthorization, accountKinds: Z3Bool) throws -> Z3Bool {
        let p = authorization.request.principal
        let context = authorization.request.context
        var insiders: [Z3Bool] = [try p.isKind(.awsService)]
        for owner in owners {
            insiders.append(try context.and([accountKinds, p.account.equals(context.string(owner))]))
        }
        return try context.or(insiders)
    }

    /// A request through `accessPoint` carries its keys with their values (`S3AccessPoint.requestKeys`),
    /// stated for the keys the policies read. A key the policies compare as something other than
    /// text is left free: more requests, never fewer.
    static func throughAccessPoint(_ accessPoint: S3AccessPoint, authorization: SymbolicAuthorization,
                                   context: Z3Context) throws -> [Z3Bool] {
        var parts: [Z3Bool] = []
        for (key, value) in accessPoint.requestKeys where authorization.policiesRead(key) {
            let values = try authorization.request.values(of: key)
            guard let text = values.slots[0].text else { continue }
            parts.append(try context.and([values.exactlyOne, text.equals(context.string(value))]))
        }
        return parts
    }

    /// A readable resource of each part of the question's scope: the resource itself, an object
    /// `example.txt` (a question about any resource of the type, `*`, still names one).
    func scopeResources(like witness: Request) -> [String] {
        ExternalAccessQuery.scopeResources(of: resource, like: witness)
    }

    /// `scopeResources(like:)` of a question about `resource`, without its formulas (the
    /// solver-free findings, `SolverFreeFindings`, build no query).
    static func scopeResources(of resource: AnalyzedResource, like witness: Request) -> [String] {
        let arn = resource.arn == "*"
            ? ResourceARNForm.placeholder(for: resource.type, account: resource.account ?? witness.resourceAccount ?? "")
            : resource.arn
        return resource.type.requestResources(for: arn).map { $0.anySuffix ? $0.prefix + "example.txt" : $0.prefix }
    }

    /// Whether `request`'s action can be asked of its resource (`ActionApplicability`; true when
    /// the question does not close the actions): the concrete side of `actionsApply`.
    func admits(_ request: Request) -> Bool {
        (applicability?.admits(action: request.action, resource: request.resource) ?? true)
            && accessPointKeysRead.map { AccessPointRequestKeys.admits(request.effectiveContext, read: $0,
                                                                        knownAccounts: resource.accessPointAccountsKnown) } ?? true
    }

    /// The service principals the policies' statements name (`Principal: {"Service": ...}`).
    static func roleServiceNames(of policies: PolicySet) -> [String] {
        var names = Set<String>()
        for statement in policies.resourcePolicy?.statements ?? [] where !(statement.principal?.isNegated ?? true) {
            for entry in statement.principal?.entries ?? [] where entry.type == .service { names.insert(entry.value) }
        }
        return names.sorted()
    }

    /// The action patterns of the scope: any action of one of the resource's services.
    static func scopePatterns(_ services: [String]) -> [String] { services.map { "\($0):*" } }

    /// What AWS guarantees about real requests, beyond the Authorizer's rules (docs/ENCODING.md,
    /// "Realism"): the source keys are set only when a service calls on an account's behalf
    /// ("AWS global condition context keys": aws:SourceArn, aws:SourceAccount); an organization's
    /// member accounts carry its id and no outside account does. Over a subset of the zone's
    /// accounts (`encodedZone`), the other members are read as outside accounts without the id:
    /// on every caller outside the whole zone this is the same constraint.
    static func realism(authorization: SymbolicAuthorization, zone: ZoneOfTrust, context: Z3Context,
                                accountKinds: Z3Bool, isService: Z3Bool, resourceServices: [String]) throws -> [Z3Bool] {
        let request = authorization.request
        let p = request.principal
        var parts: [Z3Bool] = []
        for key in ServiceSourceEvidence.sourceKeys where authorization.policiesRead(key) {
            parts.append(try request.values(of: key).present.implies(isService))
        }
        // "This key is always included in the request context" (AWS global condition context keys).
        for key in AlwaysPresentKeys.names where authorization.policiesRead(key) {
            let values = try request.values(of: key)
            parts.append(values.present)
            if key == "aws:SecureTransport", let term = values.slots[0].text {
                parts.append(try context.or([term.equals(context.string("true")), term.equals(context.string("false"))]))
            }
        }
        // Services that take signed requests only have no anonymous callers (`ServiceRequestFacts`).
        let services = resourceServices
        if !services.isEmpty, services.allSatisfy(ServiceRequestFacts.signedOnly.contains) {
            parts.append(try p.isKind(.anonymous).not())
        }
        if let org = zone.organizationID {
            let inZone = try context.or(zone.accounts.map { try p.account.equals(context.string($0)) })
            let carriesOrg = try context.and([p.hasOrgID, p.orgID.equals(context.string(org))])
            parts.append(try accountKinds.implies(inZone.iff(carriesOrg)))
        }
        return parts
    }
}
