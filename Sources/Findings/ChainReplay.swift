import Analysis
import Authorizer
import Encoding
import Policy

/// A path's hops replayed as one chain of sessions (issue 18, item 3): one source identity for
/// the whole chain, and session tags passed only where the path may pass them and carried as AWS
/// carries them. Each hop of `AccessPathSearch` is proved on its own, with the session's source
/// identity and tags free where an earlier hop may have set them; two hops of one path may thus
/// have been answered with different values. A path is reported as proved only when one choice of
/// values lets every hop's request replay through the Authorizer, with that choice written into
/// the witnesses; otherwise it is UNPROVEN (never dropped: a value the choices below do not try
/// may still open it).
///
/// What AWS carries from hop to hop:
/// - **Source identity** (IAM User Guide, "Monitor and control actions taken with assumed roles",
///   https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html):
///   "After a source identity is set, it is present in requests for any AWS action taken during
///   the role session. The value that is set persists when a role is used to assume another role …
///   The value that is set cannot be changed during the role session." Setting it needs
///   `sts:SetSourceIdentity` allowed as well. Before it is set, neither key is in a request; on
///   the `AssumeRole` that sets it, `sts:SourceIdentity` is; after, `aws:SourceIdentity` is on
///   every request and `sts:SourceIdentity` on each chained `AssumeRole` (the reading
///   `AccessPathSourceIdentityDifferentialTests`' concrete search holds too).
/// - **Session tags** (IAM User Guide, "Pass session tags in AWS STS",
///   https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html; STS API Reference,
///   `AssumeRole`, `Tags` and `TransitiveTagKeys`): a session's tags are the role's own tags,
///   overridden by the session tags passed when it was assumed ("session tags override a role tag
///   with the same key") and by the transitive tags it inherits from the session that assumed it;
///   passing tags needs `sts:TagSession` allowed with the same request; a tag passed as transitive
///   goes on to every later session of the chain, and passing a tag with the key of an inherited
///   one fails ("If you pass a session tag with the same key as an inherited tag, the operation
///   fails"). A session's requests carry its tags as `aws:PrincipalTag/…`; the `AssumeRole` that
///   passes them carries `aws:RequestTag/…`, `aws:TagKeys` and `sts:TransitiveTagKeys`.
///
/// The choices tried: no source identity at all; then each value some hop's witness carries, set
/// where the path may set it (the hop whose state is `settingNow`; from outside, already carried
/// by the outside caller's session or set on its `AssumeRole`). Tags, with each of those: first
/// each session whose tags were free gets the tags its hop's witness names, passed at the nearest
/// hop before it that may pass tags — as transitive when hops that pass none lie between — and
/// every other session carries its role's own tags and what it inherits; then no tags passed but
/// those each passing hop's own witness passes.
public enum ChainReplay {
    /// The outcome: the path with its witnesses rewritten to one chain, or why none was found.
    public enum Outcome: Sendable {
        case consistent(AccessPathSearch.Path)
        case inconsistent(reason: String)
    }

    /// `path`, a proved path, replayed as one chain. `entryPolicies`: the entered role's policies
    /// for an outside caller (its trust policy and the RCPs on it), for a path from outside.
    public static func replay(_ path: AccessPathSearch.Path, entryPolicies: PolicySet?) -> Outcome {
        guard path.isProved, path.hops.allSatisfy({ $0.witness != nil && $0.question != nil }) else {
            return .inconsistent(reason: "a hop has no replayed witness")
        }
        if needsNoChoice(path) { return .consistent(path) }
        var firstProblem: String?
        for choice in sourceIdentityChoices(path) {
            for passesWhatWitnessesName in [true, false] {
                switch attempt(path, sourceIdentity: choice, passesWhatWitnessesName: passesWhatWitnessesName, entryPolicies: entryPolicies) {
                case .success(let replayed):
                    return .consistent(replayed)
                case .failure(let problem):
                    if firstProblem == nil { firstProblem = problem.text }
                }
            }
        }
        return .inconsistent(reason: "the hops were each proved with their own source identity or session tags, and no one choice tried "
                             + "lets every hop replay as one chain of sessions (the first, with no source identity: \(firstProblem ?? "none tried"))")
    }

    // MARK: - The choices

    /// How the chain's source identity is chosen: none, or `value` set at `setAt` (a request's
    /// position, `RequestPosition`), or carried into the path by its first caller.
    struct SourceIdentityChoice: Equatable {
        var value: String?
        /// Where it is set: nil when the first caller's session already has it.
        var setAt: RequestPosition?
    }

    /// A request of the path: the outside caller's entry, or hop `index`.
    enum RequestPosition: Equatable {
        case entry
        case hop(Int)
    }

    struct Problem: Error { var text: String }

    static let sourceIdentityKeys = ["aws:SourceIdentity", "sts:SourceIdentity"]
    static let requestTagKeysPrefix = "aws:requesttag/"

    /// True when no hop's witness says anything of a source identity or of passed tags, and no
    /// session's tags were free: the witnesses are one chain as they are.
    static func needsNoChoice(_ path: AccessPathSearch.Path) -> Bool {
        let requests = [path.entry.inside ? nil : path.entry.witness].compactMap { $0 } + path.hops.compactMap(\.witness)
        let carriesChoice = requests.contains { request in
            sourceIdentityKeys.contains { request.context.contains($0) }
                || request.context.entries.contains { isPassedTagKey($0.key) }
        }
        return !carriesChoice && !(path.entry.tagsFree && !path.entry.inside) && !path.hops.contains(where: \.tagsFree)
    }

    static func isPassedTagKey(_ key: String) -> Bool {
        let lowered = key.lowercased()
        return lowered.hasPrefix(requestTagKeysPrefix) || lowered == "aws:tagkeys" || lowered == "sts:transitivetagkeys"
    }

    /// The source identity choices for `path`, in the order tried: none first, then each value the
    /// witnesses carry (at most eight), where the path may set it.
    static func sourceIdentityChoices(_ path: AccessPathSearch.Path) -> [SourceIdentityChoice] {
        var values: [String] = []
        let requests = [path.entry.inside ? nil : path.entry.witness].compactMap { $0 } + path.hops.compactMap(\.witness)
        for request in requests {
            for key in sourceIdentityKeys {
                for value in request.context.values(for: key) ?? [] where !values.contains(value.text) { values.append(value.text) }
            }
        }
        var choices = [SourceIdentityChoice(value: nil, setAt: nil)]
        let settingHop = path.hops.firstIndex { $0.sourceIdentity == .settingNow }
        let startsWithout = path.hops.first?.sourceIdentity == .absent || path.hops.first?.sourceIdentity == .settingNow
        for value in values.prefix(8) {
            if startsWithout {
                // An inside user's path: set where the search found it may be set, or not at all.
                if let settingHop { choices.append(SourceIdentityChoice(value: value, setAt: .hop(settingHop))) }
            } else {
                // The first caller's session may already have one; from outside, it may set one on entering.
                choices.append(SourceIdentityChoice(value: value, setAt: nil))
                if !path.entry.inside { choices.append(SourceIdentityChoice(value: value, setAt: .entry)) }
            }
        }
        return choices
    }

    // MARK: - One attempt

    /// Whether `request` takes a role (`sts:AssumeRole`, `…WithSAML`, `…WithWebIdentity`).
    static func assumesRole(_ request: Request) -> Bool { request.action.lowercased().hasPrefix("sts:assumerole") }

    /// The path with `sourceIdentity` and the tag choice written into its requests, each replayed.
    static func attempt(_ path: AccessPathSearch.Path, sourceIdentity: SourceIdentityChoice, passesWhatWitnessesName: Bool,
                        entryPolicies: PolicySet?) -> Result<AccessPathSearch.Path, Problem> {
        let plan: TagPlan
        switch TagPlan.make(path, passingWhatWitnessesName: passesWhatWitnessesName) {
        case .success(let made): plan = made
        case .failure(let problem): return .failure(problem)
        }
        var replayed = path
        // The source identity's state at each request: set before it, or not yet.
        var sourceIdentitySet = sourceIdentity.value != nil && sourceIdentity.setAt == nil
        if !path.entry.inside {
            guard var witness = path.entry.witness, let entryPolicies else { return .failure(Problem(text: "the entry cannot be replayed")) }
            let settingHere = sourceIdentity.value != nil && sourceIdentity.setAt == .entry
            write(sourceIdentity.value, set: sourceIdentitySet, settingNow: settingHere, into: &witness)
            plan.writePassedTags(at: .entry, into: &witness)
            var question = ReachQuestion(caller: PrincipalPin(witness.principal, anySessionName: true, anyTags: true,
                                                              anyOrganization: true, anyOrganizationPaths: true),
                                         policies: entryPolicies, resourceType: .iamRole, resourceARN: path.entry.roleARN,
                                         resourceAccount: ARN(parsing: path.entry.roleARN)?.account)
            question.caller.sourceIdentity = .free
            if let problem = problems(witness, question: question, settingSourceIdentity: settingHere, passingTags: plan.passes(at: .entry)) {
                return .failure(Problem(text: "entering \(path.entry.roleARN): \(problem)"))
            }
            replayed.entry.witness = witness
            if settingHere { sourceIdentitySet = true }
        }
        for index in path.hops.indices {
            guard var witness = path.hops[index].witness, let question = path.hops[index].question else {
                return .failure(Problem(text: "hop \(index + 1) has no witness"))
            }
            let settingHere = sourceIdentity.value != nil && sourceIdentity.setAt == .hop(index)
            write(sourceIdentity.value, set: sourceIdentitySet, settingNow: settingHere, into: &witness)
            if path.hops[index].tagsFree { witness.principal.tags = plan.sessionTags[index] }
            if assumesRole(witness) { plan.writePassedTags(at: .hop(index), into: &witness) }
            if let problem = problems(witness, question: question, settingSourceIdentity: settingHere,
                                      passingTags: assumesRole(witness) && plan.passes(at: .hop(index))) {
                return .failure(Problem(text: "hop \(index + 1), \(path.hops[index].caller) to \(path.hops[index].target): \(problem)"))
            }
            replayed.hops[index].witness = witness
            if settingHere { sourceIdentitySet = true }
        }
        return .success(replayed)
    }

    /// Writes the chain's source identity into `request`: absent before it is set; on the request
    /// that sets it, `sts:SourceIdentity` only; after, `aws:SourceIdentity` and, on an
    /// `AssumeRole`, `sts:SourceIdentity`.
    static func write(_ value: String?, set: Bool, settingNow: Bool, into request: inout Request) {
        for key in sourceIdentityKeys { request.context.remove(key) }
        guard let value else { return }
        if settingNow {
            request.context["sts:SourceIdentity"] = .string(value)
        } else if set {
            request.context["aws:SourceIdentity"] = .string(value)
            if assumesRole(request) { request.context["sts:SourceIdentity"] = .string(value) }
        }
    }

    /// What keeps `request` from replaying under `question`, with `sts:SetSourceIdentity` and
    /// `sts:TagSession` replayed on the same request when it sets a source identity or passes tags;
    /// nil when nothing does.
    static func problems(_ request: Request, question: ReachQuestion, settingSourceIdentity: Bool, passingTags: Bool) -> String? {
        var checked = question
        // The chain's values are written in; the question's own state of them is no longer the judge.
        checked.caller.sourceIdentity = .free
        checked.caller.anyTags = true
        var requests = [request]
        for (needed, action) in [(settingSourceIdentity, "sts:SetSourceIdentity"), (passingTags, "sts:TagSession")] where needed {
            var companion = request
            companion.action = action
            requests.append(companion)
        }
        for each in requests {
            let problems = PrincipalReach.movedWitnessProblems(each, question: checked)
            if !problems.isEmpty { return "\(each.action) \(problems.joined(separator: "; ")): \(RequestFile.encode(each))" }
        }
        return nil
    }
}

extension ChainReplay {
    /// Which tags each session of a path has, and which hops pass which tags.
    struct TagPlan {
        /// The tags of the caller of each hop (meaningful where the hop's tags were free).
        var sessionTags: [[String: String]]
        /// The tags passed where tags are passed, and which of them are transitive.
        var passed: [Position: (tags: [String: String], transitive: [String])]

        /// A passing point: the entry, or hop `index` (an `AssumeRole`).
        enum Position: Hashable {
            case entry
            case hop(Int)
        }

        func passes(at position: RequestPosition) -> Bool {
            !(passed[Position(position)]?.tags.isEmpty ?? true)
        }

        /// Writes the tags passed at `position` into its `AssumeRole` request, or removes any.
        func writePassedTags(at position: RequestPosition, into request: inout Request) {
            for entry in request.context.entries where ChainReplay.isPassedTagKey(entry.key) { request.context.remove(entry.key) }
            guard let (tags, transitive) = passed[Position(position)], !tags.isEmpty else { return }
            for (key, value) in tags { request.context["aws:RequestTag/\(key)"] = .string(value) }
            request.context.set("aws:TagKeys", values: tags.keys.sorted().map { .string($0) })
            if !transitive.isEmpty { request.context.set("sts:TransitiveTagKeys", values: transitive.sorted().map { .string($0) }) }
        }

        /// The plan for `path`: with `passingWhatWitnessesName`, each session whose tags were free
        /// gets the tags its witness names, passed at the nearest earlier point that may pass tags
        /// (a conflict — one tag needed with two values from one point, or against an inherited
        /// transitive tag — fails); without, only what each point's own witness passes (a witness
        /// may name a tag only to show it is not some value, which the role's own tags may show too).
        static func make(_ path: AccessPathSearch.Path, passingWhatWitnessesName: Bool = true) -> Result<TagPlan, Problem> {
            let hops = path.hops
            // The point that creates the caller of hop `index`: the entry, or the hop before.
            func creator(_ index: Int) -> Position? { index == 0 ? (path.entry.inside ? nil : .entry) : .hop(index - 1) }
            func mayPass(_ position: Position) -> Bool {
                switch position {
                case .entry: return path.entry.tagsFree
                case .hop(let index): return hops[index].passesTags
                }
            }
            // What each passing point must pass, and for which sessions: the tags a session's
            // witness names that its role's own tags do not already give it.
            var demands: [Position: [(session: Int, tags: [String: String])]] = [:]
            for index in hops.indices where passingWhatWitnessesName && hops[index].tagsFree {
                let own = lowercasedKeys(hops[index].question?.caller.principal.tags ?? [:])
                let needed = (hops[index].witness?.principal.tags ?? [:]).filter { own[$0.key.lowercased()] != $0.value }
                var point = index
                var found: Position?
                while let candidate = creator(point) {
                    if mayPass(candidate) { found = candidate; break }
                    guard case .hop(let earlier) = candidate else { break }
                    point = earlier
                }
                guard let found else {
                    if needed.isEmpty { continue }
                    return .failure(Problem(text: "the tags of \(hops[index].caller) were free, but no earlier hop may pass tags"))
                }
                demands[found, default: []].append((index, needed))
            }
            var plan = TagPlan(sessionTags: Array(repeating: [:], count: hops.count), passed: [:])
            var inherited: [String: String] = [:]   // transitive tags of the current session, by lowercased key
            var inheritedSpelling: [String: String] = [:]
            // The tags the point's own witness passes (its hop's proof chose them), which a
            // later session's need overrides; an inherited key cannot be passed again.
            func witnessPassed(_ position: Position) -> [String: String] {
                let request: Request?
                switch position {
                case .entry: request = path.entry.witness
                case .hop(let index): request = hops[index].witness
                }
                var tags: [String: String] = [:]
                for entry in request?.context.entries ?? [] where entry.key.lowercased().hasPrefix(ChainReplay.requestTagKeysPrefix) {
                    if let value = entry.values.first?.text { tags[String(entry.key.dropFirst(ChainReplay.requestTagKeysPrefix.count))] = value }
                }
                return tags
            }
            func pass(at position: Position) -> Result<Void, Problem> {
                var tags: [String: String] = [:], transitive: Set<String> = [], spelled: [String: String] = [:]
                for (key, value) in witnessPassed(position) where inherited[key.lowercased()] == nil {
                    tags[key.lowercased()] = value
                    spelled[key.lowercased()] = key
                }
                var demanded: Set<String> = []
                for (session, needed) in demands[position] ?? [] {
                    let direct = creator(session) == position
                    for (key, value) in needed {
                        let lowered = key.lowercased()
                        if let carried = inherited[lowered] {
                            if carried == value { continue }
                            return .failure(Problem(text: "the tag \(key) is needed as \(value) but is inherited as \(carried)"))
                        }
                        if let chosen = tags[lowered], chosen != value, demanded.contains(lowered) {
                            return .failure(Problem(text: "the tag \(key) is needed both as \(chosen) and as \(value) from one hop"))
                        }
                        demanded.insert(lowered)
                        tags[lowered] = value
                        spelled[lowered] = spelled[lowered] ?? key
                        if !direct { transitive.insert(lowered) }
                    }
                }
                let written = Dictionary(uniqueKeysWithValues: tags.map { (spelled[$0.key] ?? $0.key, $0.value) })
                plan.passed[position] = (written, transitive.map { spelled[$0] ?? $0 })
                for key in transitive {
                    inherited[key] = tags[key]
                    inheritedSpelling[key] = spelled[key]
                }
                return .success(())
            }
            /// The tags of a new session of a role whose own tags are `own`, assumed at `position`.
            func newSessionTags(own: [String: String], position: Position?) -> [String: String] {
                var lowered: [String: (key: String, value: String)] = [:]
                for (key, value) in own { lowered[key.lowercased()] = (key, value) }
                for (key, value) in inherited { lowered[key] = (inheritedSpelling[key] ?? key, value) }
                if let position { for (key, value) in plan.passed[position]?.tags ?? [:] { lowered[key.lowercased()] = (key, value) } }
                return Dictionary(uniqueKeysWithValues: lowered.values.map { ($0.key, $0.value) })
            }
            // Walk the chain in order: pass at each point, then the session it creates.
            if !path.entry.inside, mayPass(.entry), case .failure(let problem) = pass(at: .entry) { return .failure(problem) }
            for index in hops.indices {
                let own = hops[index].question?.caller.principal.tags ?? [:]
                if index == 0 {
                    plan.sessionTags[0] = path.entry.inside ? own : newSessionTags(own: own, position: .entry)
                } else {
                    plan.sessionTags[index] = newSessionTags(own: own, position: .hop(index - 1))
                }
                if hops[index].passesTags, case .failure(let problem) = pass(at: .hop(index)) { return .failure(problem) }
            }
            return .success(plan)
        }
    }
}

/// `tags` by lowercased key (tag keys are not case-sensitive: STS API Reference, `AssumeRole`, `Tags`).
private func lowercasedKeys(_ tags: [String: String]) -> [String: String] {
    var lowered: [String: String] = [:]
    for (key, value) in tags { lowered[key.lowercased()] = value }
    return lowered
}

extension ChainReplay.TagPlan.Position {
    init(_ position: ChainReplay.RequestPosition) {
        switch position {
        case .entry: self = .entry
        case .hop(let index): self = .hop(index)
        }
    }
}
