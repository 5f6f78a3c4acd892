import Environment
import Findings

/// `report.html`: one self-contained page (inline CSS, no script, no external asset) with the
/// same content as `report.md`. Every string from the snapshot is escaped (`HTMLEscaping`).
public enum HTMLReport {
    static let style = """
        body{font:15px/1.45 -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
        main{max-width:1100px;margin:0 auto;padding:24px}
        h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 10px;border-bottom:1px solid #d8dce3;padding-bottom:4px}
        .meta{color:#5b6475;margin-bottom:16px}
        table{border-collapse:collapse;background:#fff}td,th{border:1px solid #d8dce3;padding:5px 9px;text-align:left;vertical-align:top}
        td.n{text-align:right;font-variant-numeric:tabular-nums}
        .finding{background:#fff;border:1px solid #d8dce3;border-left:5px solid #c98a00;border-radius:4px;padding:12px 16px;margin:12px 0}
        .finding.public{border-left-color:#c62828}.finding.archived{border-left-color:#7a8699}.finding.resolved{border-left-color:#2e7d32}
        .badge{display:inline-block;font-size:12px;font-weight:600;padding:1px 7px;border-radius:10px;margin-right:6px;background:#e6e9ef}
        .badge.CRITICAL{background:#7f0000;color:#fff}.badge.HIGH{background:#d84315;color:#fff}.badge.MEDIUM{background:#f9a825}.badge.LOW{background:#cfd8dc}
        .badge.PUBLIC{background:#c62828;color:#fff}.badge.NEW{background:#1565c0;color:#fff}.badge.RESOLVED{background:#2e7d32;color:#fff}
        code,pre{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
        pre{background:#f0f2f5;border:1px solid #e0e3e8;padding:8px 10px;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:8px 0}dt{color:#5b6475}dd{margin:0}
        .ERROR{color:#c62828;font-weight:600}.WARNING{color:#a66a00;font-weight:600}
        """

    public static func render(_ report: ScanReport) -> String {
        var h: [String] = []
        h.append("<!DOCTYPE html>")
        h.append("<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        h.append("<title>Rampart scan: \(e(report.modelName))</title><style>\(style)</style></head><body><main>")
        h.append("<h1>Rampart scan: \(e(report.modelName))</h1>")
        var zone = "Zone of trust: <strong>\(e(report.zoneMode.rawValue))</strong>"
        if report.zoneMode == .organization, let organization = report.organizationID { zone += " (<code>\(e(organization))</code>)" }
        h.append("<div class=\"meta\">\(zone) · accounts: \(report.accounts.map { "<code>\(e($0))</code>" }.joined(separator: ", ")) · generated \(e(report.generatedAt)) · rampart \(e(report.toolVersion))</div>")

        h.append("<h2>Summary</h2><table>")
        for (label, value) in ReportText.summaryRows(report) { h.append("<tr><th>\(e(label))</th><td class=\"n\">\(e(value))</td></tr>") }
        h.append("</table>")

        h.append("<h2>New since last run</h2>")
        if !report.hasPrevious {
            h.append("<p>No previous run was given (<code>--previous</code>): every finding is new.</p>")
        } else if report.newFindings.isEmpty {
            h.append("<p>Nothing new.</p>")
        } else {
            h.append("<ul>")
            for finding in report.newFindings {
                h.append("<li><a href=\"#\(e(finding.id))\"><code>\(e(finding.id))</code></a> <span class=\"badge \(e(finding.severity.label.rawValue))\">\(e(finding.severity.label.rawValue))</span>\(finding.isPublic ? "<span class=\"badge PUBLIC\">PUBLIC</span>" : "")<code>\(e(finding.resource))</code>: <code>\(e(finding.principal))</code> can \(e(ReportText.actions(finding.actions)))</li>")
            }
            h.append("</ul>")
        }

        for (title, status) in [("Active findings", FindingStatus.active), ("Archived findings", .archived), ("Resolved findings", .resolved)] {
            let findings = report.findings.filter { $0.status == status }
            h.append("<h2>\(title) (\(findings.count))</h2>")
            if findings.isEmpty { h.append("<p>None.</p>") }
            for finding in findings { h += section(finding, report: report) }
        }

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

        let safe = report.outcomes.filter { $0.status == .noExternalAccess }
        h.append("<h2>Resources without external access (\(safe.count))</h2>")
        if !safe.isEmpty {
            h.append("<table><tr><th>Resource</th><th>Type</th><th>Why</th></tr>")
            for outcome in safe {
                h.append("<tr><td><code>\(e(outcome.arn))</code></td><td>\(e(outcome.type))</td><td>\(outcome.explanation.map(e).joined(separator: "<br>"))</td></tr>")
            }
            h.append("</table>")
        }
        h.append("</main></body></html>")
        return h.joined(separator: "\n") + "\n"
    }

    private static func section(_ finding: ScanFinding, report: ScanReport) -> [String] {
        let classes = ["finding", finding.isPublic ? "public" : "", finding.status == .archived ? "archived" : "", finding.status == .resolved ? "resolved" : ""]
            .filter { !$0.isEmpty }.joined(separator: " ")
        var h = ["<section class=\"\(classes)\" id=\"\(e(finding.id))\">"]
        h.append("<div>" + ReportText.badges(finding, hasPrevious: report.hasPrevious).map { "<span class=\"badge \(e($0))\">\(e($0))</span>" }.joined()
                 + "<code>\(e(finding.resource))</code></div>")
        h.append("<dl>")
        func row(_ label: String, _ html: String) { h.append("<dt>\(label)</dt><dd>\(html)</dd>") }
        row("Id", "<code>\(e(finding.id))</code>")
        row("Resource", "\(e(finding.resourceType)) <code>\(e(finding.resource))</code> (account <code>\(e(finding.account))</code>)")
        row("Principal", "<code>\(e(finding.principal))</code> (\(e(finding.principalKind.rawValue)))")
        row("Actions", "<code>\(e(ReportText.actions(finding.actions)))</code>")
        if !finding.conditions.isEmpty { row("Conditions", finding.conditions.map { "<code>\(e($0))</code>" }.joined(separator: "<br>")) }
        row("Severity", e(ReportText.severity(finding)))
        let remediation = finding.remediation
        row("Remediation", "\(e(remediation.text)) <a href=\"\(e(remediation.learnMoreLink))\">Learn more</a>")
        row("Source", e(finding.source.rawValue))
        row("Seen", e(ReportText.lifecycle(finding)))
        h.append("</dl>")
        for statement in finding.statements {
            h.append("<div>Granted by \(e(ReportText.statementLabel(statement))):</div><pre>\(e(statement.text))</pre>")
        }
        h.append("<div>Witness (a request that gets in; <code>rampart simulate --request</code> reads it):</div><pre>\(e(ReportText.witness(finding)))</pre>")
        h.append("</section>")
        return h
    }

    private static func e(_ text: String) -> String { HTMLEscaping.escape(ControlCharacters.escaped(text, keepingLineBreaks: true)) }
}
