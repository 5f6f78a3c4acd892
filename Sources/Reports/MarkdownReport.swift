import Environment
import Findings

/// `report.md`: the report for people, as Markdown. Text from the snapshot is put in code
/// spans and fences long enough that it cannot end them, so a policy cannot inject markup.
public enum MarkdownReport {
    public static func render(_ report: ScanReport) -> String {
        var out: [String] = []
        out.append("# Rampart scan: \(inline(report.modelName))")
        out.append("")
        var zone = "Zone of trust: **\(report.zoneMode.rawValue)**"
        if report.zoneMode == .organization, let organization = report.organizationID { zone += " (\(inline(organization)))" }
        out.append("\(zone) · accounts: \(report.accounts.map(inline).joined(separator: ", ")) · generated \(report.generatedAt) · rampart \(report.toolVersion)")
        out.append("")
        out.append("## Summary")
        out.append("")
        out.append("| | |")
        out.append("|---|---:|")
        for (label, value) in ReportText.summaryRows(report) { out.append("| \(label) | \(value) |") }
        out.append("")
        out += CoverageReport.markdown(report.coverage, inline: inline)

        out.append("## New since last run")
        out.append("")
        if !report.hasPrevious {
            out.append("No previous run was given (`--previous`): every finding is new.")
        } else if report.newFindings.isEmpty {
            out.append("Nothing new.")
        } else {
            for finding in report.newFindings {
                out.append("- \(inline(finding.id)) **\(finding.severity.label.rawValue)** \(finding.isPublic ? "**PUBLIC** " : "")\(inline(finding.resource)): \(inline(finding.principal)) can \(inline(ReportText.actions(finding.actions)))")
            }
        }
        out.append("")

        for (title, status) in [("Active findings", FindingStatus.active), ("Archived findings", .archived), ("Resolved findings", .resolved)] {
            let findings = report.findings.filter { $0.status == status }
            out.append("## \(title) (\(findings.count))")
            out.append("")
            if findings.isEmpty { out.append("None."); out.append("") }
            for finding in findings { out += section(finding, report: report) }
        }

        let troubled = report.troubledOutcomes
        out.append("## Resources not proven or with incomplete findings (\(troubled.count))")
        out.append("")
        if troubled.isEmpty { out.append("None: every resource got a proof or a complete list of findings.") }
        for outcome in troubled {
            out.append("- **\(ReportText.troubleLabel(outcome))** \(inline(outcome.type)) \(inline(outcome.arn)): \(outcome.explanation.map(inline).joined(separator: " "))")
        }
        out.append("")

        out.append("## Document diagnostics (\(report.diagnostics.count))")
        out.append("")
        if report.diagnostics.isEmpty { out.append("None: every document was read.") }
        for diagnostic in report.diagnostics {
            let position = diagnostic.line.map { ":\($0)" + (diagnostic.column.map { ":\($0)" } ?? "") } ?? ""
            var line = "- **\(diagnostic.severity.rawValue)** \(inline(diagnostic.code)) \(inline(diagnostic.file + position)) at \(inline(diagnostic.jsonPath)): \(inline(diagnostic.message))"
            if let resource = diagnostic.resource { line += " (affects \(inline(resource)))" }
            out.append(line)
        }
        out.append("")

        let safe = report.outcomes.filter { $0.status == .noExternalAccess }
        out.append("## Resources without external access (\(safe.count))")
        out.append("")
        if !safe.isEmpty {
            out.append("| Resource | Type | Why |")
            out.append("|---|---|---|")
            for outcome in safe {
                out.append("| \(inline(outcome.arn)) | \(inline(outcome.type)) | \(outcome.explanation.map(inline).joined(separator: "<br>")) |")
            }
        }
        out.append("")
        return out.joined(separator: "\n")
    }

    private static func section(_ finding: ScanFinding, report: ScanReport) -> [String] {
        var out: [String] = []
        let badges = ReportText.badges(finding, hasPrevious: report.hasPrevious).map { "**\($0)**" }.joined(separator: " · ")
        out.append("### \(badges) — \(inline(finding.resource))")
        out.append("")
        out.append("- Id: \(inline(finding.id))")
        out.append("- Resource: \(inline(finding.resourceType)) \(inline(finding.resource)) (account \(inline(finding.account)))")
        out.append("- Principal: \(inline(finding.principal)) (\(inline(finding.principalKind.rawValue)))")
        out.append("- Actions: \(inline(ReportText.actions(finding.actions)))")
        if !finding.conditions.isEmpty { out.append("- Conditions: \(finding.conditions.map(inline).joined(separator: "; "))") }
        out.append("- Severity: \(inline(ReportText.severity(finding)))")
        out.append("- Source: \(inline(finding.source.rawValue)); \(inline(ReportText.lifecycle(finding)))")
        let remediation = finding.remediation
        out.append("- Remediation: \(inline(remediation.text)) [Learn more](\(remediation.learnMoreLink))")
        out.append("")
        for statement in finding.statements {
            out.append("Granted by \(inline(ReportText.statementLabel(statement))):")
            out.append("")
            out += fenced(statement.text, language: "json")
            out.append("")
        }
        out.append("Witness (a request that gets in; `rampart simulate --request` reads it):")
        out.append("")
        out += fenced(ReportText.witness(finding), language: "json")
        out.append("")
        return out
    }

    /// A code span that holds `text` whatever backticks it contains. Every control character —
    /// CR and LF above all, since CommonMark ends a line at either and a new line can open a
    /// heading or an HTML block before the span closes — is written as its JSON escape
    /// (`\u000D`), and table pipes are escaped.
    static func inline(_ text: String) -> String {
        let flat = ControlCharacters.escaped(text).replacingOccurrences(of: "|", with: "\\|")
        var longest = 0, run = 0
        for char in flat { run = char == "`" ? run + 1 : 0; longest = max(longest, run) }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") || flat.hasPrefix(" ") || flat.hasSuffix(" ") ? " " : ""
        return fence + pad + flat + pad + fence
    }

    /// A fenced code block holding `text` line by line (split at LF only); other control
    /// characters, CR included, are written as escapes so no line of the text can end early.
    static func fenced(_ text: String, language: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { ControlCharacters.escaped(String($0)) }
        var longest = 2, run = 0
        for line in lines { run = 0; for char in line { run = char == "`" ? run + 1 : 0; longest = max(longest, run) } }
        let fence = String(repeating: "`", count: longest + 1)
        return [fence + language] + lines + [fence]
    }
}
