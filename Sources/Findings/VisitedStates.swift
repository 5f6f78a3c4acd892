import Analysis

/// What the searches of one command over one `ReachAnswers` found of the role states they
/// visited (`who-can`'s inside searches, one per caller that may lead to the resource, walk the
/// same states again and again): each state's hops to roles and the answers to its last hops.
/// Exact: each is what asking the cache again would give, since the cache answers a question it
/// was asked before as it did then (a member's answer is kept under its key; a class answer, once
/// kept, moves to the member the same way each time). The paths through them are still each
/// search's own, replayed as one chain (`ChainReplay`) each.
/// Not thread-safe; one search at a time.
public final class VisitedStates {
    typealias Chained = (hop: AccessPathSearch.Hop, next: AccessPathSearch.State)

    struct LastHopKey: Hashable {
        var state: AccessPathSearch.State
        var explaining: Bool
    }

    var chained: [AccessPathSearch.State: [Chained]] = [:]
    var lastHops: [LastHopKey: [Int: ReachAnswer]] = [:]

    public init() {}
}
