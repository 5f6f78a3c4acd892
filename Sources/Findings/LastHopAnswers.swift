import Analysis
import Authorizer
import Encoding

/// The answers to an access-path search's last hops (issue 18's scale): each visited role
/// state's questions about the resources its sessions may act on, asked once the role graph is
/// walked — their answers decide no visit — and on several threads.
///
/// The questions are grouped by target — by template, with `TemplateTargets` sharing — and each
/// group is asked, in the visits' order, of a cache of its own on one worker (`ParallelWorkers`);
/// the answers come back in the visits' order. Grouping changes no answer: a `ReachAnswers`
/// answer depends only on the questions asked of it before with the same target (its keys, a
/// member's and a class's, name the target; what it reads of a caller's or a target's policies
/// is read off their content), and each group sees exactly those questions, in the same order,
/// whatever the number of workers. So the findings, their order and their ids do not depend on
/// it (`AccessPathParallelTests`). A cache passed in (one that holds answers of earlier searches,
/// `who-can`'s) is not split so: its questions are asked of it on one thread, as they come.
///
/// A search may ask millions of last hops of which few open: the questions are built where they
/// are asked and only the answers that are not UNSAT are kept.
enum LastHopAnswers {
    /// A visited role state: its caller, pinned as the state has it, and the positions (among
    /// the search's resources) of the targets it asks about, in order.
    struct Visit: Sendable {
        var caller: CallerIdentity
        var pin: PrincipalPin
        var callerClass: String?
        var positions: [Int]
    }

    /// The question of `visit`'s hop to `resource`.
    static func question(_ visit: Visit, _ resource: AnalyzedResource, actions: [String]?) -> ReachQuestion {
        var question = ReachQuestion(caller: visit.pin, policies: visit.caller.policies(toward: resource), resourceType: resource.type,
                                     resourceARN: resource.arn, resourceAccount: resource.account, actions: actions)
        question.restrictPublicBucketsOwners = resource.restrictPublicBucketsOwners
        return question
    }

    /// For each visit, the answers to its hops that are not UNSAT, by slot (a hop's index in the
    /// visit's `positions`); a slot left out was proved closed.
    static func answer(_ visits: [Visit], resources: [AnalyzedResource], actions: [String]?, answers: ReachAnswers?,
                       templates: TemplateTargets, workers: Int, timeoutMilliseconds: UInt32) -> [[Int: ReachAnswer]] {
        if let answers {
            return visits.map { visit in
                var open: [Int: ReachAnswer] = [:]
                for (slot, position) in visit.positions.enumerated() {
                    let answer = answers.ask(question(visit, resources[position], actions: actions), callerClass: visit.callerClass,
                                             timeoutMilliseconds: timeoutMilliseconds)
                    if !isClosed(answer) { open[slot] = answer }
                }
                return open
            }
        }
        // Each group's hops, in the visits' order.
        var groupOfKey: [String: Int] = [:]
        var groups: [[Place]] = []
        for (visit, hops) in visits.enumerated() {
            for (slot, position) in hops.positions.enumerated() {
                let key = templates.groups[position]
                if let known = groupOfKey[key] {
                    groups[known].append(Place(visit: Int32(visit), slot: Int32(slot)))
                } else {
                    groupOfKey[key] = groups.count
                    groups.append([Place(visit: Int32(visit), slot: Int32(slot))])
                }
            }
        }
        // The largest groups first, so that one long group does not finish alone at the end;
        // which worker asks a group changes no answer.
        let order = groups.indices.sorted { (groups[$0].count, $1) > (groups[$1].count, $0) }
        let jobs = order.map { groups[$0] }
        groups = []
        let opened = ParallelWorkers.run(count: jobs.count, workers: workers) { job -> [(Place, ReachAnswer)] in
            let cache = ReachAnswers()
            var open: [(Place, ReachAnswer)] = []
            for place in jobs[job] {
                let visit = visits[Int(place.visit)]
                let target = visit.positions[Int(place.slot)]
                let asked = question(visit, resources[target], actions: actions)
                var answer: ReachAnswer?
                // The group's canonical question when the hop has one, its answer moved back
                // (`TemplateTargets`); else, or when it does not carry over, the hop's own.
                if let canonical = templates.canonicalQuestion(asked, target: target) {
                    answer = templates.answerBack(cache.ask(canonical, callerClass: visit.callerClass, timeoutMilliseconds: timeoutMilliseconds),
                                                  for: asked, target: target)
                }
                let final = answer ?? cache.ask(asked, callerClass: visit.callerClass, timeoutMilliseconds: timeoutMilliseconds)
                if !isClosed(final) { open.append((place, final)) }
            }
            return open
        }
        var result: [[Int: ReachAnswer]] = Array(repeating: [:], count: visits.count)
        for group in opened {
            for (place, answer) in group { result[Int(place.visit)][Int(place.slot)] = answer }
        }
        return result
    }

    /// Where a hop is: its visit and its slot there.
    private struct Place: Sendable {
        var visit: Int32
        var slot: Int32
    }

    private static func isClosed(_ answer: ReachAnswer) -> Bool {
        if case .unreachable = answer { return true }
        return false
    }
}
