import Analysis
import Authorizer
import Encoding
import Policy

/// Access through chains of roles (issue 18): a resource is reachable from outside the zone
/// through roles when some outside principal may assume a role R1 of the zone, whose sessions may
/// assume R2, …, whose sessions may act on the resource. Every hop is a `PrincipalReach` answer:
/// a proof that the hop is closed, or a witness replayed through the Authorizer.
///
/// The search runs to a fixed point, without a depth cut-off: a role is visited once per state
/// of its sessions' tags (fixed to the role's own, or free when some assumer on the way may pass
/// session tags — `sts:TagSession` on that hop, IAM User Guide, "Pass session tags in AWS STS";
/// tags passed earlier in a chain may be transitive, so free stays free) and of their source
/// identity (`SourceIdentityState`: absent on a path from an inside user until some hop may
/// `sts:SetSourceIdentity`, then free for the rest of the path, as a set source identity persists
/// through role chaining; free from outside and from a role's own sessions), so cycles end.
/// Sessions of a role call `sts:AssumeRole` to go on ("Role chaining", IAM User Guide, "Roles
/// terms and concepts").
///
/// Free is free on each hop while the roles are walked: two hops of one path may be answered with
/// different source identities (and different tags). A path is called proved only when its hops
/// replay as one chain of sessions (`ChainReplay`), with the chain's values written into its
/// witnesses; otherwise its last hop is UNPROVEN, so that a state reached by such a path may still
/// be reached again by a proved one.
///
/// A hop the solver cannot decide, or whose caller's side is not fully known (`CallerIdentity.unknown`),
/// makes the paths through it UNPROVEN: reported as such, never as "no path".
public enum AccessPathSearch {
    /// Where paths start: a role outside principals may assume (from its trust policy's
    /// external-access analysis), or — `inside` — a user or role of the snapshot itself, whose
    /// own reach is then the first hop (`what-can`, the inside part of `who-can`).
    public struct Entry: Sendable {
        /// The role entered (or, `inside`, the caller that starts).
        public var roleARN: String
        /// The path starts at this caller of the snapshot, not from outside.
        public var inside: Bool = false
        /// The outside caller's replayed request (`sts:AssumeRole…` on the role).
        public var witness: Request?
        /// The outside caller may pass session tags (`sts:TagSession` among the access it has).
        public var tagsFree: Bool
        /// Nil when outside access is a finding; the reason when it is only possible (UNPROVEN).
        public var unproven: String?
        /// The finding on the role's trust policy that enters it (nil for an UNPROVEN or inside entry).
        public var finding: ExternalAccessFinding?

        public init(roleARN: String, witness: Request?, tagsFree: Bool, unproven: String? = nil) {
            self.roleARN = roleARN
            self.witness = witness
            self.tagsFree = tagsFree
            self.unproven = unproven
        }

        /// A path that starts at `caller` (a user's or role's ARN) with its own tags.
        public static func inside(_ caller: String) -> Entry {
            var entry = Entry(roleARN: caller, witness: nil, tagsFree: false)
            entry.inside = true
            return entry
        }
    }

    /// The entry that `result`, the external-access analysis of role `roleARN`'s trust policy,
    /// gives: a finding whose actions take on the role (`sts:AssumeRole`, `…WithSAML`,
    /// `…WithWebIdentity`); an UNPROVEN entry when the analysis did not decide or is incomplete
    /// (outside access it did not list may exist). Session tags are free when an outside caller
    /// may `sts:TagSession`, or when the findings are incomplete.
    public static func entry(roleARN: String, result: ExternalAccessResult) -> Entry? {
        let assumes = result.findings.filter { $0.actions.contains { $0.lowercased().hasPrefix("sts:assumerole") } }
        let tagsFree = !result.complete || result.findings.contains { $0.actions.contains { $0.lowercased() == "sts:tagsession" } }
        switch result.status {
        case .noExternalAccess:
            return nil
        case .externalAccess:
            if let first = assumes.first {
                var entry = Entry(roleARN: roleARN, witness: first.witness, tagsFree: tagsFree)
                entry.finding = first
                return entry
            }
            guard !result.complete else { return nil }
            return Entry(roleARN: roleARN, witness: nil, tagsFree: true,
                         unproven: "the outside access to \(roleARN) is not fully known (the findings are incomplete)")
        case .unproven, .error:
            return Entry(roleARN: roleARN, witness: nil, tagsFree: true,
                         unproven: "whether outside principals may assume \(roleARN) is not known: \(result.explanation.joined(separator: " "))")
        }
    }

    /// One hop: `caller` (a role's sessions) reaches `target` (a role it assumes, or the resource).
    public struct Hop: Sendable {
        public var caller: String
        public var target: String
        /// The replayed request of the hop; nil for an UNPROVEN hop.
        public var witness: Request?
        /// The caller's session tags were free on this hop.
        public var tagsFree: Bool
        public var unproven: String?
        /// The caller's source identity on this hop: free, absent, or set by this `AssumeRole`.
        public var sourceIdentity: SourceIdentityState = .free
        /// The question the hop answers (its caller, policies and target), for replaying the path
        /// as one chain (`ChainReplay`).
        public var question: ReachQuestion?
        /// This `AssumeRole` may pass session tags to the role it takes (`sts:TagSession` not
        /// proved closed).
        public var passesTags: Bool = false
    }

    /// A path from outside to a resource: the entry, then each hop.
    public struct Path: Sendable {
        public var entry: Entry
        public var hops: [Hop]
        /// The entry and every hop are proved (witnesses replayed), with every caller's side known.
        public var isProved: Bool { entry.unproven == nil && hops.allSatisfy { $0.unproven == nil } }
        /// Every caller along the path: the entry's role (or the inside user or role that
        /// starts it), then each role assumed on the way, up to the last hop's caller.
        public var callers: [String] { [entry.roleARN] + hops.dropLast().map(\.target) }
    }

    /// What a search found: the resources reached, and the roles whose sessions were reached,
    /// each with the first path found to it (a proved one when there is one).
    public struct Result: Sendable {
        public var reaches: [Reach]
        public var roles: [String: Path]
        /// With `explainClosed`: each last hop found closed from a role reached from outside,
        /// with the layers that close it (`PrincipalReach.blockers`) — why "no path" holds there.
        public var closed: [ClosedHop] = []
    }

    /// A hop proved closed, and the layers whose removal alone would open it (empty: no single
    /// layer; several close it together).
    public struct ClosedHop: Sendable {
        public var caller: String
        public var target: String
        public var blockers: [String]
        /// For each blocking layer, the statements and conditions that close it (an unsat core).
        public var closing: [ClosingStatements] = []
    }

    /// What the search found for one resource.
    public struct Reach: Sendable {
        public var resource: String
        /// The first proved path found, if any.
        public var path: Path?
        /// Paths that could not be proved or refuted (one per cause).
        public var unproven: [Path]
    }

    /// The resources reachable through roles from `entries`, each with its path. `callers`: the
    /// snapshot's users and roles by ARN (their identity side); `roles`: the roles as resources
    /// (their trust policies); `resources`: the resources to reach (roles among them are reached
    /// by assuming them, not listed again). `actions`: the action patterns of the last hop (nil:
    /// any). `unknownTargets`: roles and resources whose policies are not known (ARN → why):
    /// no answer about them is a proof, so every hop to them is UNPROVEN. `answers`: the
    /// questions' answers kept across searches over the same snapshot (a new cache when nil);
    /// `classes`: the callers' classes, whose members share answers (`ReachAnswers`). `targets`:
    /// `roles` and `resources` indexed for this `actions` and `unknownTargets` (built here when
    /// nil), shared by the searches of one command; each role state visits only the targets whose
    /// hop a screen could leave open (`AccessPathTargets`). The last hops are asked once the role
    /// graph is walked, on `workers` threads, and with `shareTemplates` once per template of
    /// their targets (`LastHopAnswers`, `TemplateTargets`; both only with the search's own cache,
    /// `answers` nil): the same answers, paths and order whatever the number of workers.
    public static func search(entries: [Entry], callers: [String: CallerIdentity], roles: [String: AnalyzedResource],
                              resources: [AnalyzedResource], actions: [String]? = nil, unknownTargets: [String: String] = [:],
                              explainClosed: Bool = false, timeoutMilliseconds: UInt32 = 10_000,
                              answers: ReachAnswers? = nil, classes: CallerClasses? = nil, targets: AccessPathTargets? = nil,
                              workers: Int = 1, shareTemplates: Bool = false, visited: VisitedStates? = nil) -> Result {
        // Last hops are grouped (by template with `shareTemplates`) and answered on `workers`
        // threads only with the search's own cache (`LastHopAnswers`): a cache passed in may
        // hold answers of earlier searches.
        let lastHopCache = answers
        let answers = answers ?? ReachAnswers()
        let targets = targets ?? AccessPathTargets(callers: callers, roles: roles, resources: resources, actions: actions,
                                                   unknownTargets: unknownTargets)
        func ask(_ question: ReachQuestion, _ caller: CallerIdentity) -> ReachAnswer {
            answers.ask(question, callerClass: classes?[caller.arn], timeoutMilliseconds: timeoutMilliseconds)
        }
        // A memo of role states' hops is exact only over one cache that keeps what it answered.
        let visited = answers == nil ? nil : visited
        var paths: [State: Path] = [:]
        var queue: [State] = []
        for entry in entries {
            guard let caller = callers[entry.roleARN] else { continue }
            // An IAM user's requests carry no source identity; a role's sessions may have been
            // given one by whoever assumed it, and outside callers choose theirs.
            let state = State(role: entry.roleARN, tagsFree: entry.tagsFree, sourceIdentityFree: !(entry.inside && !caller.isRole))
            if let known = paths[state], known.isProved || entry.unproven != nil { continue }
            paths[state] = Path(entry: entry, hops: [])
            queue.append(state)
        }
        var reaches: [String: Reach] = [:]
        var closed: [ClosedHop] = []
        var explained: Set<String> = []
        // The last hops of each visited state, in the order of the visits: asked once the role
        // graph is walked (their answers decide no visit), then taken in that same order.
        var visits: [LastHopVisit] = []
        var index = 0
        while index < queue.count {
            let state = queue[index]
            index += 1
            guard let caller = callers[state.role], let path = paths[state] else { continue }
            var pin = caller.pin
            pin.anyTags = state.tagsFree
            pin.sourceIdentity = state.sourceIdentityFree ? .free : .absent
            let callerUnknown = caller.unknown.isEmpty ? nil : caller.unknown.joined(separator: "; ")
            // Roles this role's sessions may assume (role chaining: sts:AssumeRole): the state's
            // hops, from the memo when an earlier search over the same cache visited it.
            let chained: [VisitedStates.Chained]
            if let known = visited?.chained[state] {
                chained = known
            } else {
                chained = chainedHops(from: state, caller: caller, pin: pin, callerUnknown: callerUnknown, targets: targets,
                                      unknownTargets: unknownTargets, ask: { ask($0, caller) })
                visited?.chained[state] = chained
            }
            for (hop, next) in chained {
                // Visited once per state; again only when a proved path replaces an UNPROVEN one.
                if let known = paths[next], known.isProved { continue }
                let found = asOneChain(Path(entry: path.entry, hops: path.hops + [hop]), roles: roles)
                if paths[next] != nil, !found.isProved { continue }
                paths[next] = found
                queue.append(next)
            }
            // Resources this role's sessions may act on; from outside, with closed hops explained,
            // every one (a hop the screen closes is explained too).
            let explaining = explainClosed && !path.entry.inside
            let positions = explaining ? Array(targets.resources.indices) : targets.resources(from: caller)
            guard !positions.isEmpty else { continue }
            visits.append(LastHopVisit(asked: LastHopAnswers.Visit(caller: caller, pin: pin, callerClass: classes?[caller.arn], positions: positions),
                                       path: path, callerUnknown: callerUnknown, explaining: explaining,
                                       state: state))
        }
        let templates = TemplateTargets(resources: visits.isEmpty ? [] : targets.resources, sharing: shareTemplates && lastHopCache == nil)
        // The visits whose last hops the memo does not hold are asked; the others are taken from it.
        let memoKey = { (visit: LastHopVisit) in VisitedStates.LastHopKey(state: visit.state, explaining: visit.explaining) }
        let unasked = visits.filter { visited?.lastHops[memoKey($0)] == nil }
        let asked = LastHopAnswers.answer(unasked.map(\.asked), resources: targets.resources, actions: actions, answers: lastHopCache,
                                          templates: templates, workers: workers, timeoutMilliseconds: timeoutMilliseconds)
        var fresh = zip(unasked, asked).makeIterator()
        let lastHops: [[Int: ReachAnswer]] = visits.map { visit in
            if let known = visited?.lastHops[memoKey(visit)] { return known }
            let open = fresh.next()?.1 ?? [:]
            visited?.lastHops[memoKey(visit)] = open
            return open
        }
        for (visit, open) in zip(visits, lastHops) {
            let caller = visit.asked.caller
            for (slot, position) in visit.asked.positions.enumerated() {
                let answer = open[slot] ?? .unreachable
                let resource = targets.resources[position]
                // A closed hop adds nothing, unless it is to be explained or its target's policies
                // are not known (then it is UNPROVEN whatever the answer, `hop`).
                if case .unreachable = answer, !visit.explaining, unknownTargets[resource.arn] == nil { continue }
                let question = LastHopAnswers.question(visit.asked, resource, actions: actions)
                guard var hop = hop(question, answer: answer, caller: caller, callerUnknown: visit.callerUnknown,
                                    targetUnknown: unknownTargets[resource.arn], tagsFree: visit.state.tagsFree) else {
                    if visit.explaining, explained.insert(caller.arn + "\u{1E}" + resource.arn).inserted {
                        closed.append(explain(question, caller: caller.arn, timeoutMilliseconds: timeoutMilliseconds))
                    }
                    continue
                }
                hop.sourceIdentity = question.caller.sourceIdentity
                var reach = reaches[resource.arn] ?? Reach(resource: resource.arn, path: nil, unproven: [])
                // A resource already reached by a proved path needs no other.
                if reach.path != nil, hop.unproven == nil, visit.path.isProved { continue }
                let found = asOneChain(Path(entry: visit.path.entry, hops: visit.path.hops + [hop]), roles: roles)
                if found.isProved {
                    if reach.path == nil { reach.path = found }
                } else {
                    reach.unproven.append(found)
                }
                reaches[resource.arn] = reach
            }
        }
        // Each role's path: of its states' paths, the first proved one in the order the states
        // were reached (not the dictionary's order, which differs from one dictionary to another).
        var reached: [String: Path] = [:]
        for state in queue {
            guard let path = paths[state], !(path.hops.isEmpty && path.entry.inside) else { continue }
            if let known = reached[state.role], known.isProved || !path.isProved { continue }
            reached[state.role] = path
        }
        return Result(reaches: reaches.values.sorted { $0.resource < $1.resource }, roles: reached, closed: closed)
    }

    /// A role's sessions in one state of their tags and source identity.
    public struct State: Hashable, Sendable {
        var role: String
        var tagsFree: Bool
        var sourceIdentityFree: Bool
    }

    /// The hops from `state`'s sessions to the roles they may assume, each with the state it
    /// enters: what depends on the state alone, not on the path that reached it.
    private static func chainedHops(from state: State, caller: CallerIdentity, pin: PrincipalPin, callerUnknown: String?,
                                    targets: AccessPathTargets, unknownTargets: [String: String],
                                    ask: (ReachQuestion) -> ReachAnswer) -> [VisitedStates.Chained] {
        var chained: [VisitedStates.Chained] = []
        for position in targets.roles(from: caller) {
            let (arn, role) = targets.chainable[position]
            let question = ReachQuestion(caller: pin, policies: caller.policies(toward: role), resourceType: .iamRole,
                                         resourceARN: arn, resourceAccount: role.account, actions: ["sts:AssumeRole"])
            for (assuming, sourceIdentityFree, undecided) in assumptions(question, by: caller.arn, sourceIdentityFree: state.sourceIdentityFree,
                                                                         ask: ask) {
                guard var hop = hop(assuming, answer: ask(assuming), caller: caller, callerUnknown: callerUnknown,
                                    targetUnknown: unknownTargets[arn], tagsFree: state.tagsFree) else { continue }
                hop.sourceIdentity = assuming.caller.sourceIdentity
                if hop.unproven == nil { hop.unproven = undecided }
                // May this hop's caller pass session tags to the role (sts:TagSession)?
                var tagging = assuming
                tagging.actions = ["sts:TagSession"]
                hop.passesTags = !isClosed(ask(tagging))
                chained.append((hop, State(role: arn, tagsFree: state.tagsFree || hop.passesTags, sourceIdentityFree: sourceIdentityFree)))
            }
        }
        return chained
    }

    /// The ways a session may assume the role of `question` (an `sts:AssumeRole` question): with
    /// its source identity as it is; or, for a session without one (`sourceIdentityFree` false),
    /// setting one when `sts:SetSourceIdentity` on the role may be allowed — free from then on.
    /// Each comes with whether the next session's source identity is free and, when setting one
    /// is only possible (not decided), why the hop is UNPROVEN; then assuming without setting one
    /// is tried too, so that a path that needs none stays proved.
    private static func assumptions(_ question: ReachQuestion, by caller: String, sourceIdentityFree: Bool,
                                    ask: (ReachQuestion) -> ReachAnswer)
        -> [(question: ReachQuestion, sourceIdentityFree: Bool, undecided: String?)] {
        guard !sourceIdentityFree else { return [(question, true, nil)] }
        var setting = question
        setting.caller.sourceIdentity = .settingNow
        setting.actions = ["sts:SetSourceIdentity"]
        let answer = ask(setting)
        setting.actions = question.actions
        switch answer {
        case .unreachable:
            return [(question, false, nil)]
        case .reachable:
            return [(setting, true, nil)]
        case .unproven(let reason):
            return [(question, false, nil),
                    (setting, true, "whether \(caller) may set a source identity on \(question.resourceARN) is not known: \(reason)")]
        }
    }

    /// Why the closed hop `question` is closed: its blocking layers, and in each the statements
    /// that close it (one core per layer; the resource policy's two readings share one) — or,
    /// when no single layer opens it, one core over every layer.
    private static func explain(_ question: ReachQuestion, caller: String, timeoutMilliseconds: UInt32) -> ClosedHop {
        let layers = PrincipalReach.blockingLayers(question, timeoutMilliseconds: timeoutMilliseconds)
        var seen: Set<StatementTracking.Layer> = []
        var closing = layers.filter { seen.insert($0.layer).inserted }.map {
            PrincipalReach.closingStatements(question, layer: $0.layer, timeoutMilliseconds: timeoutMilliseconds)
        }
        // No single layer opens it: the statements of all layers together that close it.
        if layers.isEmpty {
            closing = [PrincipalReach.closingStatements(question, layers: StatementTracking.Layer.allCases, title: "the layers together",
                                                        timeoutMilliseconds: timeoutMilliseconds)]
        }
        return ClosedHop(caller: caller, target: question.resourceARN, blockers: layers.map(\.reason), closing: closing)
    }

    /// `path` as one chain of sessions (`ChainReplay`): when it is proved, its witnesses rewritten
    /// to one source identity and one course of session tags; when no choice tried replays, its
    /// last hop UNPROVEN with the reason.
    private static func asOneChain(_ path: Path, roles: [String: AnalyzedResource]) -> Path {
        guard path.isProved else { return path }
        switch ChainReplay.replay(path, entryPolicies: path.entry.inside ? nil : roles[path.entry.roleARN]?.policies) {
        case .consistent(let replayed):
            return replayed
        case .inconsistent(let reason):
            var marked = path
            marked.hops[marked.hops.count - 1].unproven = reason
            return marked
        }
    }

    /// The hop of `question`, whose answer is `answer`, or nil when it is proved closed.
    private static func hop(_ question: ReachQuestion, answer: ReachAnswer, caller: CallerIdentity, callerUnknown: String?,
                            targetUnknown: String?, tagsFree: Bool) -> Hop? {
        if let targetUnknown {
            var witness: Request?
            if case .reachable(let request) = answer { witness = request }
            return Hop(caller: caller.arn, target: question.resourceARN, witness: witness, tagsFree: tagsFree,
                       unproven: "the policies of \(question.resourceARN) are not known: \(targetUnknown)", question: question)
        }
        switch answer {
        case .unreachable:
            return nil
        case .reachable(let witness):
            return Hop(caller: caller.arn, target: question.resourceARN, witness: witness, tagsFree: tagsFree,
                       unproven: callerUnknown.map { "the side of \(caller.arn) is not fully known: \($0)" }, question: question)
        case .unproven(let reason):
            return Hop(caller: caller.arn, target: question.resourceARN, witness: nil, tagsFree: tagsFree, unproven: reason, question: question)
        }
    }

    /// A visited role state's last hops (`LastHopAnswers.Visit`), and what the hops found need
    /// from the state.
    private struct LastHopVisit {
        var asked: LastHopAnswers.Visit
        var path: Path
        var callerUnknown: String?
        var explaining: Bool
        var state: State
    }

    private static func isClosed(_ answer: ReachAnswer) -> Bool {
        if case .unreachable = answer { return true }
        return false
    }
}

