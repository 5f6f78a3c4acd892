import Environment

/// Which earlier findings a scan may resolve. Only a complete answer resolves a finding: a
/// resource that was not analysed, is unproven, or whose list of findings stopped early (the
/// finding cap, a timeout, RCPs that could not be read) keeps its earlier findings, and so does
/// a resource the scan did not see because the folder or file that would hold it could not be
/// read. Unknown is never "resolved".
///
/// ```swift
/// let outcomes = result.outcomes + FindingCarryOver.unreadOutcomes(previous: earlier, outcomes: result.outcomes,
///                                                                  scopes: snapshot.unreadableScopes)
/// FindingLifecycle.apply(current: result.findings, previous: earlier, rules: [],
///                        unanalysed: FindingCarryOver.unresolvable(outcomes), now: Date())
/// ```
public enum FindingCarryOver {
    /// ARNs of the resources whose earlier findings must be carried over.
    public static func unresolvable(_ outcomes: [ResourceOutcome]) -> Set<String> {
        Set(outcomes.filter { $0.status == .error || $0.status == .unproven || !$0.complete }.map(\.arn))
    }

    /// An ERROR outcome for each resource an earlier run had ACTIVE or ARCHIVED findings on that
    /// this run did not see, where an unreadable folder or file may have held it.
    public static func unreadOutcomes(previous: [ScanFinding], outcomes: [ResourceOutcome], scopes: [UnreadableScope]) -> [ResourceOutcome] {
        guard !scopes.isEmpty else { return [] }
        let seen = Set(outcomes.map(\.arn))
        var made: [String: ResourceOutcome] = [:]
        var order: [String] = []
        for finding in previous where finding.status != .resolved && !seen.contains(finding.resource) {
            guard let scope = scopes.first(where: { $0.mayHold(arn: finding.resource, type: finding.resourceType, account: finding.account) })
            else { continue }
            if made[finding.resource] == nil {
                order.append(finding.resource)
                made[finding.resource] = ResourceOutcome(
                    arn: finding.resource, type: finding.resourceType, account: finding.account, status: .error,
                    explanation: ["not analysed: \(scope.reason) (\(scope.file)); the findings of the previous run are kept"],
                    complete: false, findingIDs: [], files: [scope.file], reused: false)
            }
            made[finding.resource]?.findingIDs.append(finding.id)
        }
        return order.compactMap { made[$0] }
    }
}
