import Analysis
import Authorizer
import Encoding
import Environment
import Policy

/// A snapshot read for access paths (issue 18): its users and roles as callers
/// (`CallerIdentity`), its roles as resources (their trust policies), every other resource, and
/// what of them is not known. It answers the two questions of `rampart who-can` and
/// `rampart what-can`, each path hop by hop (`AccessPathSearch`).
public struct AccessModel {
    public let snapshot: Snapshot
    public let zoneMode: ZoneMode
    public let callers: [String: CallerIdentity]
    /// The callers' classes (identical sides), whose members share answers (`ReachAnswers`).
    public let classes: CallerClasses
    public let roles: [String: AnalyzedResource]
    /// Every resource the scan would analyse, roles included.
    public let resources: [AnalyzedResource]
    /// Resources whose policies are not known (an unreadable document, several readings, unknown
    /// parts): ARN → why.
    public let unknown: [String: String]

    /// `workers`: the threads that read the accounts' callers and resources (each account on
    /// one; the model is the same whatever their number).
    public init(snapshot: Snapshot, zoneMode: ZoneMode, workers: Int = 1) {
        self.snapshot = snapshot
        self.zoneMode = zoneMode
        callers = Dictionary(CallerIdentity.all(in: snapshot, workers: workers).map { ($0.arn, $0) }, uniquingKeysWith: { first, _ in first })
        classes = CallerClasses(callers, workers: workers)
        var roles: [String: AnalyzedResource] = [:], resources: [AnalyzedResource] = [], unknown: [String: String] = [:]
        let analyzed = ParallelWorkers.run(count: snapshot.accounts.count, workers: workers) { index in
            let account = snapshot.accounts[index]
            return account.resources.map { resource in
                (resource, try? AnalyzedResourceBuilder.build(resource, account: account, organization: snapshot.organization,
                                                              accessPointAccountsKnown: AccessPointAttachment.knownAccounts(for: resource, in: snapshot)))
            }
        }
        for account in analyzed {
            for (resource, analyzed) in account {
                guard let analyzed else { continue }
                if resource.policyHasErrors {
                    unknown[resource.arn] = "its policy could not be read"
                } else if !resource.alternativePolicies.isEmpty {
                    unknown[resource.arn] = "the snapshot holds more than one reading of its policy"
                } else if !resource.unknownParts.isEmpty {
                    unknown[resource.arn] = resource.unknownParts.joined(separator: "; ")
                }
                if analyzed.type == .iamRole { roles[analyzed.arn] = analyzed }
                resources.append(analyzed)
            }
        }
        self.roles = roles
        self.resources = resources
        self.unknown = unknown
    }

    /// Each role's trust policy judged as the scan judges it, in the zone of its account; roles
    /// whose trust policy is not known (`unknown`) are left out. With `workers` > 1 the analyses
    /// run on that many threads (`ParallelWorkers`, each analysis in its own Z3 context); each
    /// analysis reads only its role, so the results are the same.
    /// `only`: just these roles (ARNs); every role when nil.
    public func trustResults(options: AnalysisOptions, workers: Int = 1, only: Set<String>? = nil) throws -> [String: ExternalAccessResult] {
        let judged = try roles.keys.sorted().filter { unknown[$0] == nil && (only?.contains($0) ?? true) }.compactMap { arn -> (String, AnalyzedResource, ZoneOfTrust)? in
            guard let role = roles[arn] else { return nil }
            return (arn, role, try zoneMode.zone(for: role.account ?? "", in: snapshot))
        }
        let results = ParallelWorkers.run(count: judged.count, workers: workers) { index in
            ExternalAccessAnalyzer.analyze(judged[index].1, zone: judged[index].2, options: options)
        }
        return Dictionary(zip(judged.map(\.0), results), uniquingKeysWith: { first, _ in first })
    }

    /// The roles outside principals may assume, from each role's external-access analysis in
    /// the zone of its account (on `workers` threads, `trustResults`).
    public func entries(options: AnalysisOptions, workers: Int = 1) throws -> [AccessPathSearch.Entry] {
        entries(trust: try trustResults(options: options, workers: workers))
    }

    /// The entries from the roles' trust results (`trustResults`): a role whose trust policy is
    /// not known is an UNPROVEN entry. `only`: just these roles (ARNs); every role when nil.
    func entries(trust: [String: ExternalAccessResult], only: Set<String>? = nil) -> [AccessPathSearch.Entry] {
        roles.keys.sorted().filter { only?.contains($0) ?? true }.compactMap { arn -> AccessPathSearch.Entry? in
            if let why = unknown[arn] {
                return AccessPathSearch.Entry(roleARN: arn, witness: nil, tagsFree: true,
                                              unproven: "the trust policy of \(arn) is not known: \(why)")
            }
            guard let result = trust[arn] else { return nil }
            return AccessPathSearch.entry(roleARN: arn, result: result)
        }
    }

    /// `what-can`: what `principal` (a user's or role's ARN in the snapshot) reaches, directly or
    /// through roles; nil when the snapshot has no such user or role.
    public func whatCan(principal: String, actions: [String]? = nil, timeoutMilliseconds: UInt32) -> AccessPathSearch.Result? {
        guard callers[principal] != nil else { return nil }
        return AccessPathSearch.search(entries: [.inside(principal)], callers: callers, roles: roles, resources: resources,
                                       actions: actions, unknownTargets: unknown, timeoutMilliseconds: timeoutMilliseconds,
                                       classes: classes)
    }

    /// `who-can`'s answer for one resource.
    public struct WhoCan {
        public var resource: AnalyzedResource
        /// Outside the zone, directly: the resource's own external-access analysis.
        public var outsideDirect: ExternalAccessResult
        /// Outside the zone, through roles.
        public var outsideThroughRoles: AccessPathSearch.Reach?
        /// Each user and role of the snapshot that reaches it (directly: one hop), by ARN.
        public var inside: [String: AccessPathSearch.Reach]
        /// Why the roles reached from outside do not reach it: each closed last hop and its layers,
        /// for the nearest candidates — the roles from which a path could lead to it
        /// (`AccessPathTargets.leadingTo`); the others are only counted (`rolesNotLeading`).
        public var closedFromOutside: [AccessPathSearch.ClosedHop] = []
        /// How many roles of the snapshot cannot lead to the resource by the screen: neither their
        /// identity policies nor its policy could grant the hop, and no role they could assume
        /// leads there. No search starts or goes on from them, from outside or inside.
        public var rolesNotLeading = 0
        /// The nearest candidates on the other side: roles whose sessions reach the resource but
        /// that no path from outside enters, each with why no outside principal may assume it
        /// (its trust policy's proof, as the scan gives it).
        public var notEnteredFromOutside: [NotEntered] = []
    }

    /// A role that reaches the resource from inside and that no outside principal may assume.
    public struct NotEntered: Sendable {
        public var role: String
        /// The trust policy's answer: NO_EXTERNAL_ACCESS.
        public var trust: ExternalAccessResult.Status
        /// Why (the explanation of the trust policy's proof).
        public var explanation: [String]
    }

    /// `who-can`: every principal, inside and outside the zone, that reaches `resource` directly
    /// or through roles; nil when the snapshot has no such resource.
    /// `workers`: the threads that read the callers for the screen (`AccessPathTargets.leadingTo`);
    /// the answer is the same whatever their number.
    public func whoCan(resource arn: String, actions: [String]? = nil, options: AnalysisOptions, workers: Int = 1) throws -> WhoCan? {
        guard let resource = resources.first(where: { $0.arn == arn }) else { return nil }
        let started = ContinuousClock.now
        func trace(_ phase: String) { if SolverTrace.enabled { SolverTrace.write("who-can \(phase) at +\(ContinuousClock.now - started)") } }
        let zone = try zoneMode.zone(for: resource.account ?? "", in: snapshot)
        let direct = ExternalAccessAnalyzer.analyze(resource, zone: zone, options: options)
        let timeout = options.timeoutMilliseconds
        // A role is the target of `sts:AssumeRole`, not of a last hop: its reach is its assumers'.
        let targets = resource.type == .iamRole ? [] : [resource]
        // One cache for every search of this question: the role states the outside search and the
        // inside searches visit ask the same questions, and class members share theirs.
        let answers = ReachAnswers(keepsMovedAnswers: true)
        trace("direct")
        // One index of the roles and the resource for every search (`AccessPathTargets`).
        let indexed = AccessPathTargets(callers: callers, roles: roles, resources: targets, actions: actions, unknownTargets: unknown)
        trace("index")
        // Only the callers from which a path to the resource could exist start a search, and
        // the searches go on only to such roles: from any other, every path has a hop the screen
        // closes (`AccessPathTargets.leadingTo`). The outside search too starts only from such
        // roles, so its closed last hops are explained for these nearest candidates; a role that
        // cannot lead there is counted (`rolesNotLeading`), and its trust policy is not analysed.
        let leading = indexed.leadingTo(role: resource.type == .iamRole ? arn : nil, callers: callers, classes: classes, workers: workers)
        // A role asked about is reached by assuming it: the searches may go on to it.
        let searched = resource.type == .iamRole ? leading.union([arn]) : leading
        let kept = indexed.keptTo(searched)
        trace("leading (\(leading.count) callers)")
        let trust = try trustResults(options: options, only: searched)
        trace("trust (\(trust.count) roles)")
        let outside = AccessPathSearch.search(entries: entries(trust: trust, only: searched), callers: callers, roles: roles, resources: targets,
                                              actions: actions, unknownTargets: unknown, explainClosed: true, timeoutMilliseconds: timeout,
                                              answers: answers, classes: classes, targets: kept)
        trace("outside (\(outside.closed.count) closed hops explained)")
        var inside: [String: AccessPathSearch.Reach] = [:]
        // The inside searches walk the same role states: each state's hops are found once.
        let visited = VisitedStates()
        for caller in callers.keys.sorted() where leading.contains(caller) {
            let result = AccessPathSearch.search(entries: [.inside(caller)], callers: callers, roles: roles, resources: targets,
                                                 actions: actions, unknownTargets: unknown, timeoutMilliseconds: timeout,
                                                 answers: answers, classes: classes, targets: kept, visited: visited)
            if resource.type == .iamRole {
                if let path = result.roles[arn] { inside[caller] = AccessPathSearch.Reach(resource: arn, path: path.isProved ? path : nil,
                                                                                          unproven: path.isProved ? [] : [path]) }
            } else if let reach = result.reaches.first {
                inside[caller] = reach
            }
        }
        trace("inside (\(answers.asked) questions asked, \(answers.reused) answers reused, \(answers.held) held)")
        var throughRoles = outside.reaches.first
        if resource.type == .iamRole, let path = outside.roles[arn], !path.hops.isEmpty {
            throughRoles = AccessPathSearch.Reach(resource: arn, path: path.isProved ? path : nil, unproven: path.isProved ? [] : [path])
        }
        var answer = WhoCan(resource: resource, outsideDirect: direct, outsideThroughRoles: throughRoles, inside: inside)
        answer.closedFromOutside = outside.closed
        answer.rolesNotLeading = roles.keys.filter { !searched.contains($0) }.count
        answer.notEnteredFromOutside = inside.keys.sorted().compactMap { caller in
            guard roles[caller] != nil, caller != arn, inside[caller]?.path != nil, outside.roles[caller] == nil,
                  let result = trust[caller], result.status == .noExternalAccess else { return nil }
            return NotEntered(role: caller, trust: result.status, explanation: result.explanation)
        }
        return answer
    }
}
