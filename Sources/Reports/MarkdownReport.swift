import Environment
import Findings

/// `report.md`: the report for people, as Markdown. Text from the snapshot is put in code
/// spans and fences long enough that it cannot end them, so a policy cannot inject markup.
public enum MarkdownReport {
    public static func render(_ report: ScanReport) -> String {
        var text = ""
        render(report) { text += $0 }
        return text
    }

    /// Writes the report to `writer` in chunks of about a megabyte as it is rendered.
    static func write(_ report: ScanReport, to writer: ReportFileWriter) throws {
        var failure: (any Error)?
        render(report) { chunk in
            guard failure == nil else { return }
            do { try writer.write(chunk) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Renders the report line by line into one buffer, handing it to `emit` whenever it grows
    /// past about a megabyte and at the end: the report is never held whole.
    static func render(_ report: ScanReport, emit: @escaping (String) -> Void) {
        var out = Lines(emit: emit)
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
        for line in CoverageReport.markdown(report.coverage, inline: inline) { out.append(line) }

        out.append("## New since last run")
        out.append("")
        let newFindings = report.newFindings
        if !report.hasPrevious {
            out.append("No previous run was given (`--previous`): every finding is new.")
        } else if newFindings.isEmpty {
            out.append("Nothing new.")
        } else {
            for finding in newFindings {
                out.append("- \(inline(finding.id)) **\(finding.severity.label.rawValue)** \(finding.isPublic ? "**PUBLIC** " : "")\(inline(finding.resource)): \(inline(finding.principal)) can \(inline(ReportText.actions(finding.actions)))")
            }
        }
        out.append("")

        for (title, status) in [("Active findings", FindingStatus.active), ("Archived findings", .archived), ("Resolved findings", .resolved)] {
            let count = report.findings.reduce(0) { $0 + ($1.status == status ? 1 : 0) }
            out.append("## \(title) (\(count))")
            out.append("")
            if count == 0 { out.append("None."); out.append("") }
            for index in report.findings.indices where report.findings[index].status == status {
                section(report.findings[index], hasPrevious: report.hasPrevious, into: &out)
            }
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
        out.finish()
    }

    /// Lines joined by LF (none after the last) in one buffer, handed on in chunks.
    struct Lines {
        private var buffer = ""
        private var started = false
        private let emit: (String) -> Void
        private let chunk = 1 << 20

        init(emit: @escaping (String) -> Void) {
            self.emit = emit
            buffer.reserveCapacity(chunk + chunk / 4)
        }

        mutating func append(_ line: String) {
            if started { buffer += "\n" }
            started = true
            buffer += line
            if buffer.utf8.count >= chunk {
                emit(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }

        mutating func finish() {
            if !buffer.isEmpty { emit(buffer) }
            buffer = ""
        }
    }

    private static func section(_ finding: ScanFinding, hasPrevious: Bool, into out: inout Lines) {
        let badges = ReportText.badges(finding, hasPrevious: hasPrevious).map { "**\($0)**" }.joined(separator: " · ")
        out.append("### \(badges) — \(inline(finding.resource))")
        out.append("")
        out.append("- Id: \(inline(finding.id))")
        out.append("- Resource: \(inline(finding.resourceType)) \(inline(finding.resource)) (account \(inline(finding.account)))")
        out.append("- Principal: \(inline(finding.principal)) (\(inline(finding.principalKind.rawValue)))")
        out.append("- Actions: \(inline(ReportText.actions(finding.actions)))")
        if !finding.conditions.isEmpty { out.append("- Conditions: \(finding.conditions.map(inline).joined(separator: "; "))") }
        out.append("- Severity: \(inline(ReportText.severity(finding)))")
        out.append("- Source: \(inline(finding.source.rawValue)); \(inline(ReportText.lifecycle(finding)))")
        let hops = ReportText.pathHops(finding)
        if !hops.isEmpty {
            out.append("- Path through roles, hop by hop:")
            for (index, hop) in hops.enumerated() { out.append("  \(index + 1). \(inline(hop))") }
        }
        let remediation = finding.remediation
        out.append("- Remediation: \(inline(remediation.text)) [Learn more](\(remediation.learnMoreLink))")
        out.append("")
        for statement in finding.statements {
            out.append("Granted by \(inline(ReportText.statementLabel(statement))):")
            out.append("")
            for line in fenced(statement.text, language: "json") { out.append(line) }
            out.append("")
        }
        out.append("Witness (a request that gets in; `rampart simulate --request` reads it):")
        out.append("")
        for line in fenced(ReportText.witness(finding), language: "json") { out.append(line) }
        out.append("")
    }

    /// A code span that holds `text` whatever backticks it contains. Every control character —
    /// CR and LF above all, since CommonMark ends a line at either and a new line can open a
    /// heading or an HTML block before the span closes — is written as its JSON escape
    /// (`\u000D`), and table pipes are escaped.
    static func inline(_ text: String) -> String {
        // Most text holds no backtick, pipe or control character (C1 ones start with the byte
        // 0xC2 in UTF-8): one backtick on each side, padded if it starts or ends with a space.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == UInt8(ascii: "`") || $0 == UInt8(ascii: "|") }) {
            let pad = text.utf8.first == UInt8(ascii: " ") || text.utf8.last == UInt8(ascii: " ") ? " " : ""
            return "`" + pad + text + pad + "`"
        }
        // One pass over the scalars: control characters escaped, pipes escaped, the longest run
        // of backticks counted.
        var flat = ""
        flat.reserveCapacity(text.utf8.count + 8)
        var longest = 0, run = 0
        for scalar in text.unicodeScalars {
            if scalar == "`" { run += 1; longest = max(longest, run) } else { run = 0 }
            if ControlCharacters.isControl(scalar) {
                flat += ControlCharacters.escape(scalar)
            } else {
                if scalar == "|" { flat.unicodeScalars.append("\\") }
                flat.unicodeScalars.append(scalar)
            }
        }
        let fence = String(repeating: "`", count: longest + 1)
        let first = flat.unicodeScalars.first, last = flat.unicodeScalars.last
        let pad = first == "`" || last == "`" || first == " " || last == " " ? " " : ""
        return fence + pad + flat + pad + fence
    }

    /// A fenced code block holding `text` line by line (split at LF only); other control
    /// characters, CR included, are written as escapes so no line of the text can end early.
    static func fenced(_ text: String, language: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { ControlCharacters.escaped(String($0)) }
        var longest = 2, run = 0
        for line in lines { run = 0; for scalar in line.unicodeScalars { run = scalar == "`" ? run + 1 : 0; longest = max(longest, run) } }
        let fence = String(repeating: "`", count: longest + 1)
        return [fence + language] + lines + [fence]
    }
}
