import Analysis

/// A zone of trust prepared once per scan for the canonical forms of many resources: the maximal
/// token runs of its values (its accounts and organization id), so that a resource's `TokenSwap`
/// renames the zone only when it moves one of them. An organization's zone holds one account per
/// member; renaming it for each of 100,000 resources, whose swaps move only their own names, was
/// most of a scan's planning.
///
/// `renamed(by:)` is exactly `zone.renamed(by: swap)`: a swap rewrites a string only where one of
/// its tokens is a maximal run of it (`TokenSwap.apply`), so when no run of the zone's values is
/// a token of the swap, every value stays and the walk only puts the accounts in the zone's
/// order (distinct, sorted), which `normalized` holds.
///
/// ```swift
/// let zone = RenamableZone(.organization("o-a1b2c3d4e5", accounts: ["111122223333", "444455556666"]))
/// zone.renamed(by: TokenSwap(pairs: [("logs-4242", "zq9999999")])) == zone.normalized   // true
/// ```
struct RenamableZone {
    let zone: ZoneOfTrust
    /// The zone as the renaming walk leaves it when it moves nothing.
    let normalized: ZoneOfTrust
    private let runs: Set<String>

    init(_ zone: ZoneOfTrust) {
        self.zone = zone
        var normalized = zone
        normalized.accounts = Array(Set(zone.accounts)).sorted()
        self.normalized = normalized
        runs = Set((zone.accounts + [zone.organizationID].compactMap { $0 }).flatMap(TokenSwap.runs(in:)))
    }

    /// `zone.renamed(by: swap)`, without walking the zone when the swap moves none of its runs.
    func renamed(by swap: TokenSwap) -> ZoneOfTrust {
        guard swap.tokens.contains(where: runs.contains) else { return normalized }
        return zone.renamed(by: swap)
    }
}
