import Environment

/// What the snapshot did not cover, as every report shows it: from the coverage manifest, or
/// "coverage unknown" without one. A resource type not collected in an account is "not covered",
/// never "no findings".
public enum CoverageReport {
    /// Gaps grouped for reading: one row per account, reason and resource type (nil: the whole
    /// account), with the regions concerned (empty: global, or the whole account).
    public struct Row: Sendable, Hashable {
        public var account: String
        public var resourceType: String?
        public var regions: [String]
        public var reason: String
    }

    public static func rows(_ coverage: SnapshotCoverage) -> [Row] {
        var rows: [Row] = []
        var index: [String: Int] = [:]
        for gap in coverage.gaps {
            let key = [gap.account, gap.resourceType ?? "", gap.reason].joined(separator: "|")
            if let existing = index[key] {
                if let region = gap.region { rows[existing].regions.append(region) }
            } else {
                index[key] = rows.count
                rows.append(Row(account: gap.account, resourceType: gap.resourceType, regions: gap.region.map { [$0] } ?? [], reason: gap.reason))
            }
        }
        return rows.sorted { ($0.account, $0.resourceType ?? "", $0.reason) < ($1.account, $1.resourceType ?? "", $1.reason) }
    }

    /// One line for the text summary.
    public static func summaryLine(_ coverage: SnapshotCoverage) -> String {
        switch coverage {
        case .unknown(let reason):
            return "coverage unknown: \(reason)"
        case .known(let manifest, let gaps):
            let collected = manifest.accounts.filter { $0.status == "collected" }.count
            guard !gaps.isEmpty else { return "coverage: complete (\(collected) accounts collected, every resource type in every region)" }
            let accounts = Set(gaps.filter { $0.resourceType == nil }.map(\.account)).count
            let types = gaps.filter { $0.resourceType != nil }.count
            return "coverage: \(collected) accounts collected; NOT COVERED: \(accounts) accounts, \(types) resource types by account and region "
                + "(see report.md; no finding there means not looked at, not safe)"
        }
    }

    /// The `coverage` object of findings.json (docs/REPORTS.md).
    public struct Record: Encodable, Sendable, Hashable {
        public struct Gap: Encodable, Sendable, Hashable {
            public var account: String
            public var reason: String
            public var resourceType: String?
            public var region: String?
        }

        public var known: Bool
        /// Why coverage is unknown.
        public var reason: String?
        public var manifest: String?
        public var accountsCollected: [String]?
        public var tool: [String: String]?
        public var errors: Int?
        public var notCovered: [Gap]?
        public var startedAt: String?
        public var endedAt: String?
        public var calls: Int?

        public init(_ coverage: SnapshotCoverage) {
            switch coverage {
            case .unknown(let reason):
                known = false
                self.reason = reason
            case .known(let manifest, let gaps):
                known = true
                self.manifest = "coverage.json"
                accountsCollected = manifest.accounts.filter { $0.status == "collected" }.map(\.id)
                tool = manifest.tool
                errors = manifest.errors
                notCovered = gaps.map { Gap(account: $0.account, reason: $0.reason, resourceType: $0.resourceType, region: $0.region) }
                startedAt = manifest.startedAt
                endedAt = manifest.endedAt
                calls = manifest.calls
            }
        }
    }

    /// The HTML section: the same facts and rows as the Markdown one, every input escaped by `escape`.
    static func html(_ coverage: SnapshotCoverage, escape: (String) -> String) -> [String] {
        var out = ["<h2 id=\"coverage\">Coverage</h2>"]
        switch coverage {
        case .unknown(let reason):
            out.append("<p><strong>Coverage unknown</strong>: \(escape(reason)). Resources the snapshot does not hold were not looked at: "
                       + "no finding for them means nothing, not safe.</p>")
        case .known:
            out.append("<p>\(escape(summaryLine(coverage)))</p>")
            let rows = rows(coverage)
            if !rows.isEmpty {
                out.append("<p><strong>Not covered</strong> (\(rows.count)): no finding here means not looked at, not safe.</p>")
                out.append("<table><tr><th>Account</th><th>Resource type</th><th>Regions</th><th>Reason</th></tr>")
                for row in rows {
                    let regions = row.regions.isEmpty ? "all" : row.regions.joined(separator: ", ")
                    out.append("<tr><td><code>\(escape(row.account))</code></td><td>\(escape(row.resourceType ?? "every type"))</td>"
                               + "<td>\(escape(regions))</td><td>\(escape(row.reason))</td></tr>")
                }
                out.append("</table>")
            }
        }
        return out
    }

    /// The Markdown section.
    static func markdown(_ coverage: SnapshotCoverage, inline: (String) -> String) -> [String] {
        var out = ["## Coverage", ""]
        switch coverage {
        case .unknown(let reason):
            out.append("**Coverage unknown**: \(inline(reason)). Resources the snapshot does not hold were not looked at: "
                       + "no finding for them means nothing, not safe.")
        case .known(let manifest, _):
            let collected = manifest.accounts.filter { $0.status == "collected" }.count
            var facts = ["\(collected) accounts collected"]
            if let started = manifest.startedAt, let ended = manifest.endedAt { facts.append("from \(inline(started)) to \(inline(ended))") }
            if let calls = manifest.calls { facts.append("\(calls) calls") }
            facts.append("\(manifest.errors) errors")
            let tools = manifest.tool.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            if !tools.isEmpty { facts.append("by \(inline(tools))") }
            out.append("From `coverage.json`: " + facts.joined(separator: ", ") + ".")
            let rows = rows(coverage)
            out.append("")
            if rows.isEmpty {
                out.append("Every resource type was collected in every account and region listed.")
            } else {
                out.append("**Not covered** (\(rows.count)): no finding here means not looked at, not safe.")
                out.append("")
                out.append("| Account | Resource type | Regions | Reason |")
                out.append("|---|---|---|---|")
                for row in rows {
                    let type = row.resourceType.map(inline) ?? "every type"
                    let regions = row.regions.isEmpty ? (row.resourceType == nil ? "all" : "global") : row.regions.map(inline).joined(separator: ", ")
                    out.append("| \(inline(row.account)) | \(type) | \(regions) | \(inline(row.reason)) |")
                }
            }
        }
        out.append("")
        return out
    }
}
