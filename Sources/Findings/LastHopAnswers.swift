import Analysis

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
enum LastHopAnswers {
    /// One last hop: its target (a position among the search's resources), its question and
    /// the caller's class (`CallerClasses`).
    typealias Asked = (target: Int, question: ReachQuestion, callerClass: String?)

    /// The answers to `visits` (each visit's hops in order), in the same shape: asked of
    /// `answers` on one thread when it is given (a cache kept across searches), else grouped by
    /// target — by template with `templates` sharing (`TemplateTargets`) — on `workers` threads.
    static func answer(_ visits: [[Asked]], answers: ReachAnswers?, templates: TemplateTargets, workers: Int,
                       timeoutMilliseconds: UInt32) -> [[ReachAnswer]] {
        if let answers {
            return visits.map { $0.map { answers.ask($0.question, callerClass: $0.callerClass, timeoutMilliseconds: timeoutMilliseconds) } }
        }
        // Each group's hops, in the visits' order, with where each answer goes.
        var groupOfKey: [String: Int] = [:]
        var groups: [[Asked]] = []
        var places: [[(visit: Int, slot: Int)]] = []
        for (visit, hops) in visits.enumerated() {
            for (slot, asked) in hops.enumerated() {
                let key = templates.groups[asked.target]
                let group: Int
                if let known = groupOfKey[key] {
                    group = known
                } else {
                    group = groups.count
                    groupOfKey[key] = group
                    groups.append([])
                    places.append([])
                }
                groups[group].append(asked)
                places[group].append((visit, slot))
            }
        }
        // The largest groups first, so that one long group does not finish alone at the end;
        // which worker asks a group changes no answer.
        let order = groups.indices.sorted { (groups[$0].count, $1) > (groups[$1].count, $0) }
        let jobs = order.map { groups[$0] }
        let asked = ParallelWorkers.run(count: jobs.count, workers: workers) { job in
            let cache = ReachAnswers()
            return jobs[job].map { hop -> ReachAnswer in
                // The group's canonical question when the hop has one, its answer moved back
                // (`TemplateTargets`); else, or when it does not carry over, the hop's own.
                if let canonical = templates.canonicalQuestion(hop.question, target: hop.target),
                   let answer = templates.answerBack(cache.ask(canonical, callerClass: hop.callerClass, timeoutMilliseconds: timeoutMilliseconds),
                                                     for: hop.question, target: hop.target) {
                    return answer
                }
                return cache.ask(hop.question, callerClass: hop.callerClass, timeoutMilliseconds: timeoutMilliseconds)
            }
        }
        var result: [[ReachAnswer?]] = visits.map { Array(repeating: nil, count: $0.count) }
        for (job, group) in order.enumerated() {
            for (place, answer) in zip(places[group], asked[job]) { result[place.visit][place.slot] = answer }
        }
        // Every hop belongs to one group, whose job answered it.
        return result.map { $0.map { $0 ?? .unproven(reason: "internal error: a last hop was not asked") } }
    }
}
