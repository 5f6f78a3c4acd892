import Authorizer
import Encoding
import Policy
import Z3

/// Which actions a request on the analysed resource can carry, on which part of its scope.
///
/// An action applies only to the resource types the Service Authorization Reference gives it
/// (each service's "Actions defined by …" table, "Resource types" column,
/// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html):
/// `s3:GetObject` to objects, `s3:ListBucket` to buckets, and an action with no resource type
/// (`s3:ListAllMyBuckets`, `kms:CreateKey`) to `*` only — so `s3:GetObject` on
/// `arn:aws:s3:::bucket` is no request AWS evaluates, and neither is `s3:ListAllMyBuckets`.
///
/// The request's action is one AWS defines for the resource's services: one of the catalog's
/// (`ActionCatalog`, shipped from the reference), or an action a policy names literally that the
/// catalog does not know (a newer action: its resource types unknown, it is taken to apply to
/// every part of the scope). An action glob that matches neither grants nothing a request can
/// use. Proofs therefore hold for the actions of the shipped catalog's version and every action
/// a policy names.
///
/// Written once for both semantics: the question states it (`constraint(over:)`, in
/// `ExternalAccessQuery`'s frame) and witnesses and candidate requests are checked with it
/// (`admits`), with a test that the two agree.
struct ActionApplicability: Sendable {
    /// The parts of the question's scope (the resource, its objects, …).
    let scopes: [RequestResourceScope]
    /// Every action a request can carry (lowercased), catalog actions first, in catalog order.
    let domain: [String]
    /// For each action that applies to some parts of the scope only: the parts it applies to.
    /// An action of the domain absent here applies to every part.
    private let parts: [String: [Bool]]
    private let domainSet: Set<String>
    private let spellings: [String: String]
    /// The groups the constraint tests: the whole domain, then the actions restricted to the
    /// same parts of the scope, one group per set of parts (built once: the cache key and the
    /// enumeration read them on every question).
    let groups: [ActionGroup]
    /// The restricted groups (all of `groups` but the first), each with its parts.
    private let restricted: [(group: ActionGroup, parts: [Bool])]

    /// nil where the domain cannot be closed: no scope (a question about any resource of the
    /// type), or a service of the resource the catalog has no action of.
    init?(resourceType: ResourceType, scopes: [RequestResourceScope], actionPatterns: [String], catalog: ActionCatalog) {
        let services = resourceType.servicePrefixes
        guard !scopes.isEmpty, services.allSatisfy({ !catalog.actions(ofService: $0).isEmpty }) else { return nil }
        let formsMatched = scopes.map { ARNForm($0.catalogForm).matches($0.anySuffix ? $0.prefix + "x" : $0.prefix) }
        // The catalog's side depends on the services and the parts' forms only: computed once
        // per catalog and forms (`ActionApplicabilityCache`; it took ~0.5 ms for S3's actions).
        let key = ActionApplicabilityCache.Key(catalog: catalog.instance, services: services, forms: scopes.map(\.catalogForm),
                                               formsMatched: formsMatched)
        let catalogSide = ActionApplicabilityCache.shared.entry(key) {
            // A part whose ARNs do not have its type's form (a resource given with the wrong type),
            // or of a type the catalog gives no action (its form spelled otherwise than the
            // catalog's, or `RequestResourceScope.everyActionForm` on purpose): every action is
            // taken to apply there, rather than none.
            let formKnown = scopes.indices.map { index in
                formsMatched[index] && services.contains { service in
                    catalog.actions(ofService: service).contains { catalog.resourceTypeForms(of: $0)?.contains(scopes[index].catalogForm) == true }
                }
            }
            var domain: [String] = [], parts: [String: [Bool]] = [:]
            let catalogActions = services.flatMap(catalog.actions(ofService:))
            for action in catalogActions {
                let lowered = action.lowercased()
                guard let forms = catalog.resourceTypeForms(of: action) else {
                    domain.append(lowered)
                    continue
                }
                // No resource type: `*` only, whatever the resource (never a request on it).
                let applies = scopes.indices.map { !forms.isEmpty && (!formKnown[$0] || forms.contains(scopes[$0].catalogForm)) }
                guard applies.contains(true) else { continue }
                domain.append(lowered)
                if applies.contains(false) { parts[lowered] = applies }
            }
            return ActionApplicabilityCache.Entry(domain: domain, parts: parts, catalogActions: Set(catalogActions.map { $0.lowercased() }))
        }
        var domain = catalogSide.domain
        let parts = catalogSide.parts
        // Actions the policies name that the catalog does not know, in the policies' spelling.
        var known = catalogSide.catalogActions
        var spellings: [String: String] = [:]
        for pattern in actionPatterns.sorted() where !pattern.contains("*") && !pattern.contains("?") {
            let lowered = pattern.lowercased()
            guard services.contains(where: { lowered.hasPrefix($0 + ":") }), known.insert(lowered).inserted else { continue }
            domain.append(lowered)
            spellings[lowered] = pattern
        }
        guard !domain.isEmpty else { return nil }
        self.scopes = scopes
        self.domain = domain
        self.parts = parts
        self.spellings = spellings
        domainSet = Set(domain)
        let byParts = Dictionary(grouping: parts.keys, by: { parts[$0] ?? [] })
        restricted = byParts.keys.sorted { $0.lexicographicallyPrecedes($1) { !$0 && $1 } }.map { applies in
            let name = "applies to " + scopes.indices.filter { applies[$0] }.map(String.init).joined(separator: " ")
            return (ActionGroup(name: name, members: byParts[applies] ?? []), applies)
        }
        groups = [ActionGroup(name: "actions AWS defines", members: domain)] + restricted.map(\.group)
    }

    /// The policies' spelling of an action the catalog does not know (`s3:getobjectv2` →
    /// `s3:GetObjectV2`), for witnesses and findings; nil for others.
    func policySpelling(of action: String) -> String? { spellings[action.lowercased()] }

    /// Whether a request for `action` on `resource` can exist (the concrete side of `constraint`).
    func admits(action: String, resource: String) -> Bool {
        let lowered = action.lowercased()
        guard domainSet.contains(lowered) else { return false }
        guard let applies = parts[lowered] else { return true }
        return scopes.indices.contains { applies[$0] && scopes[$0].contains(resource) }
    }

    /// The symbolic side: the action is in the domain, and an action restricted to some parts of
    /// the scope names a resource in one of them.
    func constraint(over authorization: SymbolicAuthorization, context: Z3Context) throws -> Z3Bool {
        var parts = [try authorization.actionIsIn(groups[0])]
        for (group, applies) in restricted {
            let resources = try scopes.indices.filter { applies[$0] }.map {
                try authorization.resourceIs(scopes[$0].prefix, anySuffix: scopes[$0].anySuffix)
            }
            parts.append(try authorization.actionIsIn(group).implies(context.or(resources)))
        }
        return try context.and(parts)
    }
}
