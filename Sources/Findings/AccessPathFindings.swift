import Analysis
import Authorizer
import Environment

/// `rampart scan --access-paths` (issue 18): access from outside the zone through chains of
/// roles, as findings of source `ROLE_CHAIN` beside the scan's own.
///
/// For each resource other than a role, a proved path (`AccessPathSearch`) from a role outside
/// principals may assume becomes one finding: its principal, kind, conditions and publicity are
/// those of the finding that enters the first role; its actions the last hop's witness's (at
/// least that access; the hop's other actions are not enumerated); its witness the last hop's
/// replayed request; its path every hop. Its id (`FindingIdentity`) is the resource's, the entry
/// principal's, the conditions', the source's and the roles' of its path — not the witness's
/// action, which says only one action the path reaches the resource with. The resource's outcome then says EXTERNAL_ACCESS. A
/// path that could only be found UNPROVEN (an unknown caller's side, a hop the solver could not
/// decide) makes a resource the scan proved safe UNPROVEN instead, with the reason: "no external
/// access" then means none directly and none through roles.
public enum AccessPathFindings {
    public struct Added: Sendable {
        public var findings: [ScanFinding]
        public var outcomes: [ResourceOutcome]
    }

    public static func add(to result: ScanResult, snapshot: Snapshot, options: ScanOptions) throws -> Added {
        let model = AccessModel(snapshot: snapshot, zoneMode: options.zoneMode, workers: options.jobs)
        // The trust analyses and the last hops on `options.jobs` threads; the same answers.
        let entries = try model.entries(options: options.analysis, workers: options.jobs)
        let targets = model.resources.filter { $0.type != .iamRole }
        let search = AccessPathSearch.search(entries: entries, callers: model.callers, roles: model.roles, resources: targets,
                                             unknownTargets: model.unknown, timeoutMilliseconds: options.analysis.timeoutMilliseconds,
                                             classes: model.classes, workers: options.jobs, shareTemplates: options.canonicalForms)
        var findings = result.findings
        var outcomes = result.outcomes
        let indexByARN = Dictionary(outcomes.enumerated().map { ($0.element.arn, $0.offset) }, uniquingKeysWith: { first, _ in first })
        for reach in search.reaches {
            guard let index = indexByARN[reach.resource] else { continue }
            if let path = reach.path, let entry = path.entry.finding, let last = path.hops.last, let witness = last.witness {
                var access = ExternalAccessFinding(principal: entry.principal, principalKind: entry.principalKind, actions: [witness.action],
                                                   conditions: entry.conditions, isPublic: entry.isPublic, witness: witness, statements: [],
                                                   source: .roleChain)
                access.accessPath = steps(path)
                let outcome = outcomes[index]
                // Not the witness's action: which action witnesses the last hop is the first
                // candidate confirmed (`PrincipalReach`), not part of the access's identity.
                let id = FindingIdentity.id(resource: outcome.arn, principal: access.principal, actions: [],
                                            conditions: access.conditions, source: .roleChain, roles: path.callers)
                findings.append(ScanFinding(id: id, resource: outcome.arn, resourceType: outcome.type, account: outcome.account,
                                            access: access, statements: []))
                outcomes[index].findingIDs.append(id)
                if outcomes[index].status == .noExternalAccess { outcomes[index].status = .externalAccess }
                outcomes[index].explanation.append("Reachable from outside the zone through roles: "
                                                   + path.callers.joined(separator: " → ") + " → \(outcome.arn).")
            } else if let unproven = reach.unproven.first, outcomes[index].status == .noExternalAccess {
                outcomes[index].status = .unproven
                outcomes[index].complete = false
                let reasons = ([unproven.entry.unproven] + unproven.hops.map(\.unproven)).compactMap { $0 }
                outcomes[index].explanation.append("Access through roles not decided: " + unproven.callers.joined(separator: " → ")
                                                   + " → \(reach.resource): " + reasons.joined(separator: "; "))
            }
        }
        return Added(findings: findings, outcomes: outcomes)
    }

    /// The path's hops as a finding records them, from the outside principal on.
    static func steps(_ path: AccessPathSearch.Path) -> [AccessPathStep] {
        let outsider = path.entry.finding?.principal ?? "outside"
        let entry = AccessPathStep(caller: outsider, target: path.entry.roleARN, action: path.entry.witness?.action,
                                   resource: path.entry.witness?.resource)
        return [entry] + path.hops.map { AccessPathStep(caller: $0.caller, target: $0.target, action: $0.witness?.action, resource: $0.witness?.resource) }
    }
}
