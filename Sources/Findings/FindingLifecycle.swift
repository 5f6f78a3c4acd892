import Foundation

/// Follows findings across runs, like Access Analyzer's finding statuses:
/// - a finding of this run is ACTIVE, or ARCHIVED when an archive rule matches it;
/// - it keeps the `firstSeen` of the previous run's finding with the same id; it is *new* when
///   the previous run did not have it ACTIVE or ARCHIVED (or there was no previous run);
/// - a previous ACTIVE or ARCHIVED finding this run no longer finds is RESOLVED (`resolvedAt`
///   = now) — unless its resource could not be analysed this run (then it is carried over
///   unchanged: a broken document is not a fix);
/// - RESOLVED findings are carried forward for `resolvedRetentionDays` (90, as Access Analyzer
///   keeps them), then dropped.
public enum FindingLifecycle {
    public static let resolvedRetentionDays = 90

    /// `unanalysed`: ARNs of resources that got no answer this run (ERROR, UNPROVEN, or missing from the snapshot is NOT included).
    public static func apply(current: [ScanFinding], previous: [ScanFinding]?, rules: [ArchiveRule], unanalysed: Set<String>,
                             now: Date) -> [ScanFinding] {
        let time = timestamp(now)
        let earlier = Dictionary((previous ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var result: [ScanFinding] = []
        var seen = Set<String>()
        for var finding in current where !seen.contains(finding.id) {
            seen.insert(finding.id)
            let before = earlier[finding.id]
            finding.firstSeen = before.map { $0.status == .resolved ? time : $0.firstSeen } ?? time
            finding.lastSeen = time
            finding.isNew = before == nil || before?.status == .resolved
            finding.resolvedAt = nil
            if let rule = rules.first(where: { $0.matches(finding) }) {
                finding.status = .archived
                finding.archivedBy = rule.name
            } else {
                finding.status = .active
                finding.archivedBy = nil
            }
            result.append(finding)
        }
        for var old in previous ?? [] where !seen.contains(old.id) {
            seen.insert(old.id)
            old.isNew = false
            if old.status == .resolved {
                guard let resolved = old.resolvedAt.flatMap(parse), now.timeIntervalSince(resolved) <= Double(resolvedRetentionDays) * 86_400 else {
                    continue
                }
            } else if !unanalysed.contains(old.resource) {
                old.status = .resolved
                old.resolvedAt = time
            }
            result.append(old)
        }
        return result
    }

    /// ISO 8601 in UTC, seconds precision: `2025-01-31T02:00:00Z`.
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    public static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
