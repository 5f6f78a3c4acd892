import Authorizer
import Policy

/// Shrinks a failing (policy set, request) pair while the same kind of failure persists: drops
/// layers, policies, statements, conditions, values and principal entries, and simplifies the
/// request (context keys, values, principal attributes). Greedy: the first smaller candidate that
/// still fails is kept, until no candidate does.
struct MismatchShrinker {
    /// Whether a candidate still fails the same way.
    let stillFails: (GeneratedPolicySet, Request) -> Bool

    func shrink(_ set: GeneratedPolicySet, _ request: Request) -> (GeneratedPolicySet, Request) {
        var current = (set, request)
        var steps = 0
        while steps < 2_000 {
            steps += 1
            var improved = false
            for candidate in policyCandidates(current.0) where stillFails(candidate, current.1) {
                current.0 = candidate
                improved = true
                break
            }
            if improved { continue }
            for candidate in requestCandidates(current.1) where stillFails(current.0, candidate) {
                current.1 = candidate
                improved = true
                break
            }
            if !improved { break }
        }
        return current
    }

    // MARK: Policy candidates

    func policyCandidates(_ set: GeneratedPolicySet) -> [GeneratedPolicySet] {
        var result: [GeneratedPolicySet] = []
        func with(_ change: (inout GeneratedPolicySet) -> Void) {
            var copy = set
            change(&copy)
            if copy != set { result.append(copy) }
        }
        // Whole layers.
        with { $0.resource = nil }
        with { $0.boundary = nil }
        with { $0.session = nil }
        with { $0.scps = nil }
        with { $0.rcps = nil }
        with { $0.resourceKind = nil }
        if let identity = set.identity {
            for index in identity.indices { with { $0.identity?.remove(at: index) } }
            with { $0.identity = nil }
        }
        for (level, policies) in (set.scps ?? []).enumerated() {
            with { $0.scps?.remove(at: level) }
            for index in policies.indices where policies.count > 1 { with { $0.scps?[level].remove(at: index) } }
        }
        for (level, policies) in (set.rcps ?? []).enumerated() {
            with { $0.rcps?.remove(at: level) }
            for index in policies.indices where policies.count > 1 { with { $0.rcps?[level].remove(at: index) } }
        }
        // Inside each document.
        for path in documentPaths(set) {
            guard let policy = document(set, path) else { continue }
            for smaller in documentCandidates(policy) {
                var copy = set
                setDocument(&copy, path, smaller)
                result.append(copy)
            }
        }
        return result
    }

    private enum DocumentPath {
        case identity(Int), resource, boundary, session, scp(Int, Int), rcp(Int, Int)
    }

    private func documentPaths(_ set: GeneratedPolicySet) -> [DocumentPath] {
        var paths: [DocumentPath] = (set.identity ?? []).indices.map { .identity($0) }
        if set.resource != nil { paths.append(.resource) }
        if set.boundary != nil { paths.append(.boundary) }
        if set.session != nil { paths.append(.session) }
        for (level, policies) in (set.scps ?? []).enumerated() { paths += policies.indices.map { .scp(level, $0) } }
        for (level, policies) in (set.rcps ?? []).enumerated() { paths += policies.indices.map { .rcp(level, $0) } }
        return paths
    }

    private func document(_ set: GeneratedPolicySet, _ path: DocumentPath) -> GeneratedPolicy? {
        switch path {
        case .identity(let index): return set.identity?[index]
        case .resource: return set.resource
        case .boundary: return set.boundary
        case .session: return set.session
        case .scp(let level, let index): return set.scps?[level][index]
        case .rcp(let level, let index): return set.rcps?[level][index]
        }
    }

    private func setDocument(_ set: inout GeneratedPolicySet, _ path: DocumentPath, _ policy: GeneratedPolicy) {
        switch path {
        case .identity(let index): set.identity?[index] = policy
        case .resource: set.resource = policy
        case .boundary: set.boundary = policy
        case .session: set.session = policy
        case .scp(let level, let index): set.scps?[level][index] = policy
        case .rcp(let level, let index): set.rcps?[level][index] = policy
        }
    }

    func documentCandidates(_ policy: GeneratedPolicy) -> [GeneratedPolicy] {
        var result: [GeneratedPolicy] = []
        func with(_ change: (inout GeneratedPolicy) -> Void) {
            var copy = policy
            change(&copy)
            if copy != policy { result.append(copy) }
        }
        for index in policy.statements.indices where policy.statements.count > 1 {
            with { $0.statements.remove(at: index) }
        }
        for (s, statement) in policy.statements.enumerated() {
            with { $0.statements[s].sid = nil }
            with { $0.statements[s].singleObject = false }
            for index in statement.conditions.indices { with { $0.statements[s].conditions.remove(at: index) } }
            for (c, condition) in statement.conditions.enumerated() {
                for index in condition.values.indices where condition.values.count > 1 {
                    with { $0.statements[s].conditions[c].values.remove(at: index) }
                }
                with { $0.statements[s].conditions[c].asList = false }
            }
            for index in statement.actions.values.indices where statement.actions.values.count > 1 {
                with { $0.statements[s].actions.values.remove(at: index) }
            }
            with { $0.statements[s].actions.asList = false }
            if let resources = statement.resources {
                for index in resources.values.indices where resources.values.count > 1 {
                    with { $0.statements[s].resources?.values.remove(at: index) }
                }
                with { $0.statements[s].resources?.asList = false }
                with { $0.statements[s].resources = nil }  // kept only if the document stays valid
            }
            if let principal = statement.principal, !principal.bareWildcard {
                with { $0.statements[s].principal = GeneratedPrincipal(negated: principal.negated, bareWildcard: true, entries: []) }
                for (e, entry) in principal.entries.enumerated() {
                    if principal.entries.count > 1 { with { $0.statements[s].principal?.entries.remove(at: e) } }
                    for index in entry.values.indices where entry.values.count > 1 {
                        with { $0.statements[s].principal?.entries[e].values.remove(at: index) }
                    }
                    with { $0.statements[s].principal?.entries[e].asList = false }
                }
            }
        }
        return result
    }

    // MARK: Request candidates

    func requestCandidates(_ request: Request) -> [Request] {
        var result: [Request] = []
        func with(_ change: (inout Request) -> Void) {
            var copy = request
            change(&copy)
            if copy != request { result.append(copy) }
        }
        for entry in request.context.entries {
            with { $0.context.remove(entry.key) }
            for index in entry.values.indices where entry.values.count > 1 {
                with {
                    var values = entry.values
                    values.remove(at: index)
                    $0.context.set(entry.key, values: values, multivalued: entry.isMultivalued)
                }
            }
        }
        with { $0.resourceAccount = nil }
        for tag in request.principal.tags.keys.sorted() { with { $0.principal.tags[tag] = nil } }
        with { $0.principal.orgPaths = [] }
        for index in request.principal.orgPaths.indices { with { $0.principal.orgPaths.remove(at: index) } }
        if request.principal.orgPaths.isEmpty { with { $0.principal.orgID = nil } }
        with { $0.principal.userID = nil }
        with { $0.principal.canonicalUserID = nil }
        return result
    }
}
