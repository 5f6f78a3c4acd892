import Authorizer
import Encoding
import Policy

/// Turns the enumeration's class findings into findings: the actions of each class, a witness
/// on a real action, the granting statements, their conditions, and whether it is public.
struct FindingBuilder {
    let resource: AnalyzedResource
    /// The question's action applicability (`ExternalAccessQuery.applicability`).
    let applicability: ActionApplicability?
    let catalog: ActionCatalog
    let actions: ActionMembership
    /// The Authorizer's decision on a request against the policies as written (the enumeration's
    /// `FindingEnumerator.decision`: over the statements that can name the caller).
    let decide: (Request) -> Decision
    /// Indices of the resource policy's statements that are public after its Deny statements
    /// (`PublicPolicyRule`), computed once for every finding.
    private let publicStatementIndices: Set<Int>
    /// The catalog's actions of the resource's services with their action class
    /// (`FindingEnumerator.catalogActions`).
    let catalogActions: [(action: String, vector: [Bool])]

    init(query: ExternalAccessQuery, catalog: ActionCatalog, actions: ActionMembership, catalogActions: [(action: String, vector: [Bool])],
         decide: @escaping (Request) -> Decision) {
        self.init(resource: query.resource, applicability: query.applicability, catalog: catalog, actions: actions,
                  catalogActions: catalogActions, decide: decide)
    }

    /// Without a query (no Z3 context): the resource and its action applicability are all it reads.
    init(resource: AnalyzedResource, applicability: ActionApplicability?, catalog: ActionCatalog, actions: ActionMembership,
         catalogActions: [(action: String, vector: [Bool])], decide: @escaping (Request) -> Decision) {
        self.resource = resource
        self.applicability = applicability
        self.catalog = catalog
        self.actions = actions
        self.decide = decide
        self.catalogActions = catalogActions
        publicStatementIndices = Set(resource.policy.map(PublicPolicyRule.publicStatements)?.map(\.index) ?? [])
    }

    /// Each caller's finding lists what it gets beyond what everyone gets: an action class that a
    /// `*` finding covering the caller also has is reported there, once (a finding found before the
    /// `*` one may hold such classes). A finding left with none is covered whole by `*`.
    static func withoutEveryonesActions(_ found: [ClassFinding]) -> [ClassFinding] {
        let everyone = found.filter { $0.principalClass.kind == .everyone }
        return found.compactMap { finding in
            guard finding.principalClass.kind != .everyone else { return finding }
            var kept = finding
            kept.classes = []
            kept.witnesses = []
            for (vector, witness) in zip(finding.classes, finding.witnesses) {
                let coveredByEveryone = everyone.contains { $0.principalClass.contains(witness.0) && $0.classes.contains(vector) }
                if !coveredByEveryone {
                    kept.classes.append(vector)
                    kept.witnesses.append(witness)
                }
            }
            return kept.classes.isEmpty ? nil : kept
        }
    }

    /// The finding of a class: every catalog action of its action classes, each replayed through
    /// the Authorizer as its class's witness with that action (an action the catalog does not
    /// have, such as a solver's string, is listed only when no catalog action is).
    func finding(_ found: ClassFinding) -> ExternalAccessFinding {
        finding(label: found.principalClass.label, kind: found.principalClass.kind, classes: found.classes, witnesses: found.witnesses)
    }

    /// The finding of the class `label` of `kind` (what `finding(_:)` reads of its principal
    /// class), its action classes and their witnesses (aligned).
    func finding(label: String, kind: PrincipalClassKind, classes: [[Bool]], witnesses: [(Request, Decision)]) -> ExternalAccessFinding {
        var actions = Set<String>()
        // A replayed catalog request per action class: the finding's witness is the first
        // class's, a real action on a resource it applies to.
        var replays: [Int: (Request, Decision)] = [:]
        // Actions of one class on one resource get one decision: the request differs only in its
        // action, which nothing but the `Action` patterns reads, and the class fixes their
        // matches (the two semantics agree on this, differential tests). So each (class,
        // resource) is evaluated once and its decision stands for the class's other actions.
        var decided: [String: Decision?] = [:]
        // Actions listed on a service-linked role's witness: the finding says so. A replay keeps
        // its class witness's caller, so each class is judged once.
        let serviceLinkedClasses = witnesses.map { $0.0.principal.isServiceLinkedRole }
        var serviceLinked = Set<String>()
        for (action, vector) in catalogActions {
            guard let index = classes.firstIndex(of: vector),
                  let replayed = replay(action, like: witnesses[index].0, class: index, decided: &decided) else { continue }
            actions.insert(action)
            if serviceLinkedClasses[index] { serviceLinked.insert(action) }
            if replays[index] == nil { replays[index] = replayed }
        }
        if actions.isEmpty { actions = Set(witnesses.map(\.0.action)) }
        let realWitness = replays[0] ?? replays.min(by: { $0.key < $1.key })?.value
        let statements = resource.policy?.statements ?? []
        var references = Set<StatementReference>()
        var grantingStatements: [Statement] = []
        for (_, decision) in witnesses {
            for matched in decision.matchedStatements where matched.effect == .allow && matched.role == .resource {
                references.insert(StatementReference(policy: matched.policy, index: matched.statementIndex, sid: matched.sid))
                if let statement = statements.first(where: { $0.index == matched.statementIndex }),
                   !grantingStatements.contains(statement) {
                    grantingStatements.append(statement)
                }
            }
        }
        let conditions = Array(Set(grantingStatements.flatMap { $0.conditions.map(ConditionText.describe) })).sorted()
        // Public as S3 means it, on the whole policy after its Deny statements (`PublicPolicyRule`):
        // everyone, or a web-identity provider's users, through a statement no Deny confines.
        let isPublic = [.everyone, .federated].contains(kind)
            && grantingStatements.contains { publicStatementIndices.contains($0.index) }
        var finding = ExternalAccessFinding(principal: label, principalKind: kind,
                                            actions: actions.sorted(), conditions: conditions, isPublic: isPublic,
                                            witness: (realWitness ?? witnesses[0]).0, statements: references.sorted(), source: .policy)
        finding.serviceLinkedRoleActions = serviceLinked.isEmpty ? nil : serviceLinked.sorted()
        return finding
    }

    /// `witness` with `action`, on a resource of the question's scope that the action applies to
    /// (the resource itself or a readable object `example.txt` first, then the witness's own),
    /// allowed by the Authorizer; nil when none is.
    private func replay(_ action: String, like witness: Request, class index: Int,
                        decided: inout [String: Decision?]) -> (Request, Decision)? {
        var resources = ExternalAccessQuery.scopeResources(of: resource, like: witness)
        if !witness.resource.isEmpty, !resources.contains(witness.resource) { resources.append(witness.resource) }
        for resource in resources where applicability?.admits(action: action, resource: resource)
            ?? (catalog.applies(action, to: resource) != false) {
            var request = witness
            request.action = action
            request.resource = resource
            let key = "\(index) \(resource)"
            let allowed: Decision?
            if let known = decided[key] {
                allowed = known
            } else {
                let decision = decide(request)
                allowed = decision.outcome == .allow ? decision : nil
                decided[key] = allowed
            }
            if let allowed { return (request, allowed) }
        }
        return nil
    }
}
