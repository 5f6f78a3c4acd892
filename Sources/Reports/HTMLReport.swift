import Analysis
import Environment
import Findings

/// `report.html`: one self-contained page (inline CSS and script, no external asset, works
/// offline) with the content of `report.md`, laid out for reports of up to 100,000 findings:
///
/// - the summary counts and charts (`HTMLReportCharts`), rendered here as HTML, script or not;
/// - the findings table: the findings as data (`HTMLReportData`, in a
///   `<script type="application/json">` element, `ScriptEmbeddedJSON`) that the page's script
///   (`HTMLReportScript`) shows one page at a time — sortable, filterable, grouped by resource,
///   each row expanding to its statements, conditions, witness, severity and remediation;
/// - resources not proven or with incomplete findings, document diagnostics, and resources
///   without external access, rendered here as HTML.
///
/// Every string from the snapshot is escaped: in HTML by `HTMLEscaping`, in the data by
/// `ScriptEmbeddedJSON` (so it cannot close the data element), and the script writes it into the
/// page as text only. docs/REPORTS.md, "report.html".
public enum HTMLReport {
    public static func render(_ report: ScanReport) -> String {
        var h: [String] = []
        h.append("<!DOCTYPE html>")
        h.append("<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        h.append("<title>Rampart scan: \(e(report.modelName))</title><style>\(HTMLReportStyle.css)</style></head><body><main>")
        h.append("<h1>Rampart scan: \(e(report.modelName))</h1>")
        var zone = "Zone of trust: <strong>\(e(report.zoneMode.rawValue))</strong>"
        if report.zoneMode == .organization, let organization = report.organizationID { zone += " (<code>\(e(organization))</code>)" }
        let accounts = report.accounts.count <= 20
            ? report.accounts.map { "<code>\(e($0))</code>" }.joined(separator: ", ")
            : "\(report.accounts.count) (" + report.accounts.prefix(5).map { "<code>\(e($0))</code>" }.joined(separator: ", ") + ", …)"
        h.append("<div class=\"meta\">\(zone) · accounts: \(accounts) · generated \(e(report.generatedAt)) · rampart \(e(report.toolVersion))</div>")
        h.append("<div id=\"script-error\" class=\"script-error\" role=\"alert\" hidden></div>")

        h.append("<h2>Summary</h2><div class=\"overview\"><table class=\"counts\">")
        for (label, value) in ReportText.summaryRows(report) { h.append("<tr><th>\(e(label))</th><td class=\"n\">\(e(value))</td></tr>") }
        h.append("</table>")
        h.append(HTMLReportCharts.render(report))
        h.append("</div>")
        h += CoverageReport.html(report.coverage, escape: e)

        h.append("<h2 id=\"findings\">Findings (\(report.findings.count))</h2>")
        h.append("<noscript><p>The findings table needs JavaScript. <code>report.md</code> and <code>findings.json</code> beside this page hold the same findings.</p></noscript>")
        h += findingsTable()

        let troubled = report.troubledOutcomes
        h.append("<h2>Resources not proven or with incomplete findings (\(troubled.count))</h2>")
        if troubled.isEmpty { h.append("<p>None: every resource got a proof or a complete list of findings.</p>") } else {
            h.append("<table><tr><th>Status</th><th>Resource</th><th>Type</th><th>Reason</th></tr>")
            for outcome in troubled {
                h.append("<tr><td class=\"ERROR\">\(e(ReportText.troubleLabel(outcome)))</td><td><code>\(e(outcome.arn))</code></td><td>\(e(outcome.type))</td><td>\(e(outcome.explanation.joined(separator: " ")))</td></tr>")
            }
            h.append("</table>")
        }

        h.append("<h2>Document diagnostics (\(report.diagnostics.count))</h2>")
        if report.diagnostics.isEmpty { h.append("<p>None: every document was read.</p>") } else {
            h.append("<table><tr><th>Severity</th><th>Code</th><th>File</th><th>Where</th><th>Message</th></tr>")
            for diagnostic in report.diagnostics {
                let position = diagnostic.line.map { ":\($0)" + (diagnostic.column.map { ":\($0)" } ?? "") } ?? ""
                var message = e(diagnostic.message)
                if let resource = diagnostic.resource { message += "<br>affects <code>\(e(resource))</code>" }
                h.append("<tr><td class=\"\(e(diagnostic.severity.rawValue))\">\(e(diagnostic.severity.rawValue))</td><td><code>\(e(diagnostic.code))</code></td><td><code>\(e(diagnostic.file + position))</code></td><td><code>\(e(diagnostic.jsonPath))</code></td><td>\(message)</td></tr>")
            }
            h.append("</table>")
        }

        // Collapsed: in a large scan this is most resources, and no one reads it first.
        let safe = report.outcomes.filter { $0.status == .noExternalAccess }
        h.append("<h2>Resources without external access (\(safe.count))</h2>")
        if !safe.isEmpty {
            h.append("<details><summary>Show the \(safe.count) resources and why</summary><table><tr><th>Resource</th><th>Type</th><th>Why</th></tr>")
            for outcome in safe {
                h.append("<tr><td><code>\(e(outcome.arn))</code></td><td>\(e(outcome.type))</td><td>\(outcome.explanation.map(e).joined(separator: "<br>"))</td></tr>")
            }
            h.append("</table></details>")
        }
        h.append("</main>")
        h.append("<script type=\"application/json\" id=\"report-data\">\(HTMLReportData.json(report))</script>")
        h.append("<script>\(HTMLReportScript.source)</script>")
        h.append("</body></html>")
        return h.joined(separator: "\n") + "\n"
    }

    /// The table's controls and an empty body the script fills; hidden until the script has run.
    private static func findingsTable() -> [String] {
        func select(_ key: String, _ label: String, _ options: [(value: String, text: String)]) -> String {
            "<label>\(label)<select id=\"f-\(key)\">" + options.map { "<option value=\"\(e($0.value))\">\(e($0.text))</option>" }.joined() + "</select></label>"
        }
        let any = [(value: "", text: "all")]
        let yesNo = any + [("yes", "yes"), ("no", "no")]
        var h = ["<div id=\"findings-app\" hidden>", "<form class=\"filters\" id=\"filters\" role=\"search\" onsubmit=\"return false\">"]
        h.append("<label>Search<input type=\"search\" id=\"f-q\" placeholder=\"ARN, principal, action, condition, Sid, statement text\"></label>")
        h.append(select("type", "Resource type", any))
        h.append(select("account", "Account", any))
        h.append(select("kind", "Principal kind", any))
        h.append(select("status", "Status", any + [("open", "active or archived"), ("ACTIVE", "ACTIVE"), ("ARCHIVED", "ARCHIVED"), ("RESOLVED", "RESOLVED")]))
        h.append(select("severity", "Severity", any + FindingSeverity.Label.allCases.map { ($0.rawValue, $0.rawValue) }))
        h.append(select("public", "Public", yesNo))
        h.append(select("new", "New", yesNo))
        h.append(select("sort", "Sort by", [("order", "report order"), ("severity", "severity"), ("resource", "resource"), ("resourceType", "resource type"),
                                           ("account", "account"), ("principal", "principal"), ("principalKind", "principal kind"), ("status", "status"),
                                           ("actions", "number of actions"), ("public", "public"), ("new", "new")]))
        h.append(select("dir", "Order", [("asc", "ascending"), ("desc", "descending")]))
        h.append("<label class=\"inline\"><input type=\"checkbox\" id=\"f-group\" checked>Group by resource</label>")
        h.append("<button type=\"button\" id=\"f-reset\">Reset</button></form>")
        h.append(pager())
        let columns: [(key: String?, label: String)] = [
            (nil, ""), ("severity", "Severity"), ("status", "Status"), ("resource", "Resource"), ("resourceType", "Type"), ("account", "Account"),
            ("principal", "Principal"), ("principalKind", "Kind"), ("actions", "Actions"), ("public", "Public"), ("new", "New"),
        ]
        let headers = columns.map { column in
            column.key.map { "<th data-sort=\"\($0)\" class=\"c-\($0)\" aria-sort=\"none\"><button type=\"button\">\(column.label)</button></th>" } ?? "<th></th>"
        }
        h.append("<table class=\"findings\" id=\"findings-table\"><thead><tr>\(headers.joined())</tr></thead><tbody id=\"findings-body\"></tbody></table>")
        h.append("</div>")
        return h
    }

    private static func pager() -> String {
        let sizes = [50, 100, 200, 500, 1000].map { "<option value=\"\($0)\"\($0 == 200 ? " selected" : "")>\($0) per page</option>" }.joined()
        return "<div class=\"pager\"><span class=\"status\" id=\"table-status\" role=\"status\"></span>"
            + "<button type=\"button\" id=\"page-first\">« First</button><button type=\"button\" id=\"page-previous\">‹ Previous</button>"
            + "<button type=\"button\" id=\"page-next\">Next ›</button><button type=\"button\" id=\"page-last\">Last »</button>"
            + "<select id=\"f-size\" aria-label=\"rows per page\">\(sizes)</select></div>"
    }

    private static func e(_ text: String) -> String { HTMLEscaping.escape(ControlCharacters.escaped(text, keepingLineBreaks: true)) }
}
