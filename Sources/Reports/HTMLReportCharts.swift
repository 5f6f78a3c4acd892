import Analysis
import Findings
import Foundation

/// The summary charts at the top of `report.html`: horizontal bars drawn with CSS (a filled span
/// whose width is the share of the largest bar), no script and no library, so they show even
/// where scripts are off. Each bar links to the findings table filtered to what it counts
/// (`#type=…`, read by `HTMLReportScript`).
///
/// The charts count ACTIVE findings (what needs attention), except "Against the previous run",
/// which counts every finding by its place in the lifecycle.
enum HTMLReportCharts {
    /// A chart lists its largest bars and sums the rest in one line.
    static let barsPerChart = 10

    struct Bar {
        var label: String
        var count: Int
        /// The table's filter this bar links to (`type=AWS%3A%3AS3%3A%3ABucket&status=ACTIVE`); nil: no link.
        var filter: String?
        /// A CSS class for the bar's colour.
        var tone = ""
    }

    static func render(_ report: ScanReport) -> String {
        let active = report.findings.filter { $0.status == .active }
        var charts: [String] = []
        charts.append(chart("Active findings by severity", FindingSeverity.Label.allCases.map { label in
            Bar(label: label.rawValue, count: active.filter { $0.severity.label == label }.count,
                filter: "severity=\(label.rawValue)&status=ACTIVE", tone: label.rawValue)
        }, keepEmpty: true))
        charts.append(chart("Active findings by resource type", counted(active.map(\.resourceType), key: "type")))
        charts.append(chart("Active findings by account", counted(active.map(\.account), key: "account")))
        charts.append(chart("Active findings by principal kind", counted(active.map(\.principalKind.rawValue), key: "kind")))
        charts.append(chart("Public or cross-account (active)", [
            Bar(label: "Public (anyone)", count: active.filter(\.isPublic).count, filter: "public=yes&status=ACTIVE", tone: "public"),
            Bar(label: "Cross-account", count: active.filter { !$0.isPublic }.count, filter: "public=no&status=ACTIVE", tone: "cross"),
        ], keepEmpty: true))
        let open = report.findings.filter { $0.status != .resolved }
        var lifecycle = [
            Bar(label: report.hasPrevious ? "New since the previous run" : "New (first run)",
                count: open.filter(\.isNew).count, filter: "new=yes&status=open", tone: "new"),
            Bar(label: "Seen before", count: open.filter { !$0.isNew }.count, filter: "new=no&status=open", tone: "old"),
            Bar(label: "Resolved", count: report.findings.filter { $0.status == .resolved }.count, filter: "status=RESOLVED", tone: "resolved"),
        ]
        if !report.hasPrevious { lifecycle.removeLast() }
        charts.append(chart("Against the previous run (ACTIVE and ARCHIVED; RESOLVED)", lifecycle, keepEmpty: true))
        return "<section class=\"charts\">\n" + charts.joined(separator: "\n") + "\n</section>"
    }

    /// One bar per distinct value, largest first (ties by value), the rest summed.
    static func counted(_ values: [String], key: String) -> [Bar] {
        var counts: [String: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        let sorted = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        var bars = sorted.prefix(barsPerChart).map { Bar(label: $0.key, count: $0.value, filter: "\(key)=\(percentEncoded($0.key))&status=ACTIVE") }
        if sorted.count > barsPerChart {
            let rest = sorted.dropFirst(barsPerChart)
            bars.append(Bar(label: "\(rest.count) more", count: rest.reduce(0) { $0 + $1.value }, filter: nil, tone: "rest"))
        }
        return bars
    }

    static func chart(_ title: String, _ bars: [Bar], keepEmpty: Bool = false) -> String {
        var h = ["<figure class=\"chart\"><figcaption>\(e(title))</figcaption>"]
        let shown = keepEmpty ? bars : bars.filter { $0.count > 0 }
        if shown.isEmpty {
            h.append("<p class=\"empty\">No active findings.</p></figure>")
            return h.joined(separator: "\n")
        }
        let largest = max(1, shown.map(\.count).max() ?? 1)
        h.append("<table class=\"bars\">")
        for bar in shown {
            let label = bar.filter.map { "<a href=\"#\(e($0))\" title=\"\(e(bar.label))\">\(e(bar.label))</a>" } ?? e(bar.label)
            let width = Double(bar.count) / Double(largest) * 100
            h.append("<tr><th>\(label)</th><td class=\"bar\"><span class=\"fill \(e(bar.tone))\" style=\"width:\(String(format: "%.1f", width))%\"></span></td><td class=\"n\">\(bar.count)</td></tr>")
        }
        h.append("</table></figure>")
        return h.joined(separator: "\n")
    }

    /// A value in the page's `#key=value&…` state: everything but letters, digits and `-._~`
    /// percent-encoded (as `encodeURIComponent` does, which the script reverses).
    static func percentEncoded(_ value: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    private static func e(_ text: String) -> String { HTMLEscaping.escape(ControlCharacters.escaped(text, keepingLineBreaks: true)) }
}
