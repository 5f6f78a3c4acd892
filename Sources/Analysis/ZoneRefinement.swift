import Authorizer
import Encoding
import Policy
import Z3

/// The zone's accounts a question states (lazy refinement of the zone, docs/ENCODING.md "The
/// zone, refined lazily"): "outside the zone" is encoded against a subset E of the zone's
/// accounts — those the resource's policies and fields mention, and the owner — instead of every
/// member account of an organization, and grown when a model names a zone account outside E.
///
/// With E ⊆ zone, every caller outside the zone is outside E, and on such a caller the question
/// over E (its `external`, the organization's `aws:PrincipalOrgID` realism, the service source
/// evidence) reads exactly as the question over the whole zone; so every request of the full
/// question is one of the question over E, and UNSAT over E is UNSAT over the zone. A model over E
/// that names no zone account outside E (its caller's account, its source keys) gives every
/// zone-account atom the value it has over the whole zone, so it is a model of the full question
/// too. A model that names one is the relaxation's: the account is added to E and the analysis
/// asked again (`ZoneRefinementNeeded`), at most `maximumRounds` times, then over the whole zone.
///
/// ```swift
/// ZoneRefinement.initialAccounts(for: bucket, zone: organization)   // ["111122223333"]: the owner
/// ```
enum ZoneRefinement {
    /// Refinements before the question is asked over the whole zone: each restarts the analysis,
    /// so a policy whose patterns lead the solver from one unmentioned member to the next costs
    /// at most this many extra rounds.
    static let maximumRounds = 3

    /// The zone's accounts the resource mentions anywhere (its policies' principals, resources
    /// and condition values, its owner, access points and their accounts): every run of twelve
    /// digits in a value or word of its fields (`FieldWalkable`) that is a zone account.
    static func initialAccounts(for resource: AnalyzedResource, zone: ZoneOfTrust) -> [String] {
        var walker = AccountCollector(zone: Set(zone.accounts))
        var copy = resource
        copy.walkFields(&walker)
        return walker.found.sorted()
    }

    /// The zone accounts outside `query`'s encoded ones that `model` names where the question
    /// reads zone accounts: the caller's account (for kinds with one), `aws:SourceAccount`,
    /// `aws:SourceOwner` and any twelve-digit run of `aws:SourceArn`, when present. Empty when the
    /// question states the whole zone.
    static func unencodedAccounts(in model: Z3Model, query: ExternalAccessQuery) throws -> [String] {
        guard query.encodedZone.accounts.count < query.zone.accounts.count else { return [] }
        let unencoded = Set(query.zone.accounts).subtracting(query.encodedZone.accounts)
        var named = Set<String>()
        let request = query.authorization.request
        if try model.value(of: query.accountKinds) {
            named.insert(try model.value(of: request.principal.account))
        }
        for key in ["aws:SourceAccount", "aws:SourceOwner", "aws:SourceArn"] where query.authorization.policiesRead(key) {
            let values = try request.values(of: key)
            for (slot, active) in zip(values.slots, values.active) {
                guard try model.value(of: active), let text = slot.text else { continue }
                named.formUnion(twelveDigitRuns(in: try model.value(of: text)))
            }
        }
        return named.intersection(unencoded).sorted()
    }

    /// Every run of twelve consecutive ASCII digits in `text` (overlapping runs of a longer one too).
    static func twelveDigitRuns(in text: String) -> [String] {
        let bytes = Array(text.utf8)
        var runs: [String] = []
        var start = 0
        while start < bytes.count {
            guard (48...57).contains(bytes[start]) else { start += 1; continue }
            var end = start
            while end < bytes.count, (48...57).contains(bytes[end]) { end += 1 }
            if end - start >= 12 {
                for offset in start...(end - 12) {
                    runs.append(String(decoding: bytes[offset..<(offset + 12)], as: UTF8.self))
                }
            }
            start = end
        }
        return runs
    }

    /// Collects the zone accounts that occur in a walked value's fields.
    private struct AccountCollector: FieldVisitor {
        let zone: Set<String>
        var found = Set<String>()

        mutating func visitValue(_ value: inout String, field: StaticString) { collect(value) }
        mutating func visitWord(_ word: String, field: StaticString) { collect(word) }

        private mutating func collect(_ text: String) {
            guard text.utf8.count >= 12 else { return }
            for run in ZoneRefinement.twelveDigitRuns(in: text) where zone.contains(run) { found.insert(run) }
        }
    }
}

/// A model of the question over the encoded accounts named zone accounts outside them: the
/// analysis is asked again with them added (`ZoneRefinement`). Never an answer.
struct ZoneRefinementNeeded: Error {
    let accounts: [String]
}
