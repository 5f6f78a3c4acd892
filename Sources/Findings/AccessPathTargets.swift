import Analysis
import Foundation
import Authorizer
import Policy

/// What an access-path search may reach, indexed once for every search over one snapshot (issue
/// 18's scale): the roles a session may go on to (those that are callers too, in ARN order) and
/// the resources of a last hop, each with a `ReachCandidates` index, so that a role state visits
/// only the targets whose hop the screen could leave open instead of every role and resource.
///
/// Targets whose policies are not known (`unknownTargets`) are visited from every state: a hop
/// to them is UNPROVEN whatever its answer. The order of visits is the order without the index
/// (roles by ARN, resources as given), so paths are found in the same order.
public struct AccessPathTargets: Sendable {
    /// The roles a session may assume, by ARN.
    public let chainable: [(arn: String, role: AnalyzedResource)]
    /// The resources of a last hop (roles left out: they are reached by assuming them).
    public let resources: [AnalyzedResource]
    let roleIndex: ReachCandidates
    let resourceIndex: ReachCandidates
    let unknownRoles: [Int]
    let unknownResources: [Int]
    /// When set, the only roles a search goes on to (`leadingTo`).
    private var allowedRoles: [Bool]?
    /// Each caller's candidates as `leadingTo` found them, by ARN, for the searches that follow
    /// (shared by the copies `keptTo` makes).
    private let found = FoundCandidates()

    /// Callers' candidate positions, by caller ARN: (roles, resources), before `allowedRoles`.
    private final class FoundCandidates: @unchecked Sendable {
        private var byCaller: [String: (roles: [Int], resources: [Int])] = [:]
        private let lock = NSLock()

        subscript(caller: String) -> (roles: [Int], resources: [Int])? {
            get { lock.lock(); defer { lock.unlock() }; return byCaller[caller] }
            set { lock.lock(); defer { lock.unlock() }; byCaller[caller] = newValue }
        }
    }

    /// - Parameters: as `AccessPathSearch.search`'s; `actions` the last hop's action patterns.
    public init(callers: [String: CallerIdentity], roles: [String: AnalyzedResource], resources: [AnalyzedResource],
                actions: [String]?, unknownTargets: [String: String]) {
        let chainable = roles.sorted(by: { $0.key < $1.key }).filter { callers[$0.key] != nil }.map { (arn: $0.key, role: $0.value) }
        let lastHops = resources.filter { $0.type != .iamRole }
        self.chainable = chainable
        self.resources = lastHops
        roleIndex = ReachCandidates(targets: chainable.map {
            ReachCandidates.Target(resourceType: .iamRole, arn: $0.arn, policies: $0.role.policies, actions: ["sts:AssumeRole"],
                                   account: $0.role.account)
        })
        resourceIndex = ReachCandidates(targets: lastHops.map {
            ReachCandidates.Target(resourceType: $0.type, arn: $0.arn, policies: $0.policies, actions: actions, account: $0.account)
        })
        unknownRoles = chainable.indices.filter { unknownTargets[chainable[$0].arn] != nil }
        unknownResources = lastHops.indices.filter { unknownTargets[lastHops[$0].arn] != nil }
    }

    /// The positions in `chainable`, ascending, of the roles `caller`'s sessions could assume.
    /// (As `leadingTo` found them, when it did.)
    func roles(from caller: CallerIdentity) -> [Int] {
        let found = self.found[caller.arn]?.roles ?? allRoles(from: caller)
        guard let allowedRoles else { return found }
        return found.filter { allowedRoles[$0] }
    }

    /// The roles `caller`'s sessions could assume, whatever `allowedRoles`; `ownSide` as
    /// `ReachCandidates.candidates` takes it.
    private func allRoles(from caller: CallerIdentity, ownSide: Set<Int>? = nil) -> [Int] {
        Self.merged(roleIndex.candidates(caller: caller.pin, identityPolicies: caller.identityPolicies, ownSide: ownSide), unknownRoles)
    }

    /// The callers from which a path could end on one of `resources` or, `role`, on assuming
    /// that role: those whose hop there the screen could leave open, and those whose sessions
    /// could assume such a caller, to a fixed point (every hop of a path is one the screen leaves
    /// open, and every caller on a path to the goal is in this set). With the searches kept to
    /// these roles (`keptTo`) a search from one of them finds the same paths to the goal, in the
    /// same order: a role that could not lead there enqueues none that could.
    /// With `classes`, the caller's own side of each index is read once per class and account
    /// (members have the same identity policies, `CallerClasses`).
    /// With `workers` > 1 the callers are read on that many threads, each its share.
    func leadingTo(role: String?, callers: [String: CallerIdentity], classes: CallerClasses? = nil, workers: Int = 1) -> Set<String> {
        let all = Array(callers)
        let goalRole = role.flatMap { role in chainable.firstIndex { $0.arn == role } }
        let shares = max(1, min(workers, all.count))
        // Per share: each caller's candidate roles (positions in `chainable`) and resources, kept
        // for the searches that follow (`roles(from:)`, `resources(from:)`).
        let read = ParallelWorkers.run(count: shares, workers: shares) { share -> [(arn: String, assumable: [Int], resources: [Int])] in
            var roleSides: [String: Set<Int>] = [:], resourceSides: [String: Set<Int>] = [:]
            return stride(from: share, to: all.count, by: shares).map { index in
                let (arn, caller) = all[index]
                var roleSide: Set<Int>?, resourceSide: Set<Int>?
                if let key = classes?[arn].map({ $0 + "|" + (caller.pin.principal.account ?? "") }), let policies = caller.identityPolicies {
                    let account = caller.pin.principal.account
                    roleSide = roleSides[key] ?? roleIndex.ownSide(policies, account: account)
                    resourceSide = resourceSides[key] ?? resourceIndex.ownSide(policies, account: account)
                    roleSides[key] = roleSide
                    resourceSides[key] = resourceSide
                }
                return (arn, allRoles(from: caller, ownSide: roleSide), allResources(from: caller, ownSide: resourceSide))
            }
        }
        // Who could assume each role (by position), and the fixed point back from the goal.
        var predecessors = Array(repeating: [String](), count: chainable.count)
        var found = Set<String>()
        for (arn, assumable, resources) in read.joined() {
            self.found[arn] = (roles: assumable, resources: resources)
            for position in assumable { predecessors[position].append(arn) }
            if goalRole.map({ assumable.contains($0) }) ?? false || !resources.isEmpty { found.insert(arn) }
        }
        let positions = Dictionary(chainable.enumerated().map { ($0.element.arn, $0.offset) }, uniquingKeysWith: { first, _ in first })
        var queue = Array(found)
        while let next = queue.popLast() {
            guard let position = positions[next] else { continue }
            for predecessor in predecessors[position] where found.insert(predecessor).inserted { queue.append(predecessor) }
        }
        return found
    }

    /// These targets with the roles a search goes on to kept to `roles` (ARNs).
    func keptTo(_ roles: Set<String>) -> AccessPathTargets {
        var kept = self
        kept.allowedRoles = chainable.map { roles.contains($0.arn) }
        return kept
    }

    /// The positions in `resources`, ascending, of the resources `caller` could reach.
    /// (As `leadingTo` found them, when it did.)
    func resources(from caller: CallerIdentity) -> [Int] {
        found[caller.arn]?.resources ?? allResources(from: caller)
    }

    private func allResources(from caller: CallerIdentity, ownSide: Set<Int>? = nil) -> [Int] {
        Self.merged(resourceIndex.candidates(caller: caller.pin, identityPolicies: caller.identityPolicies, ownSide: ownSide), unknownResources)
    }

    private static func merged(_ found: [Int], _ always: [Int]) -> [Int] {
        always.isEmpty ? found : Set(found).union(always).sorted()
    }
}
