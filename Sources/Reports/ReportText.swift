import Analysis
import Authorizer
import Findings

/// Short phrases the Markdown and HTML reports share.
enum ReportText {
    static func actions(_ actions: [String]) -> String {
        actions.count <= 8 ? actions.joined(separator: ", ") : actions.prefix(6).joined(separator: ", ") + ", … (\(actions.count) actions)"
    }

    /// Access through roles, hop by hop: "999900001111 → role/A (sts:AssumeRole)", one line each;
    /// empty for other findings.
    static func pathHops(_ finding: ScanFinding) -> [String] {
        (finding.access.accessPath ?? []).map { step in
            "\(step.caller) → \(step.target)" + (step.action.map { " (\($0)\(step.resource.map { " on \($0)" } ?? ""))" } ?? "")
        }
    }

    static func witness(_ finding: ScanFinding) -> String {
        var text = RequestFile.encode(finding.witness)
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// `HIGH · PUBLIC · ACTIVE · NEW`: the severity label first.
    static func badges(_ finding: ScanFinding, hasPrevious: Bool) -> [String] {
        var badges: [String] = [finding.severity.label.rawValue]
        if finding.isPublic { badges.append("PUBLIC") }
        badges.append(finding.status.rawValue)
        if finding.isNew && finding.status != .resolved && hasPrevious { badges.append("NEW") }
        return badges
    }

    /// `HIGH (8.0): anyone can read or list it (s3:GetObject)`
    static func severity(_ finding: ScanFinding) -> String {
        let severity = finding.severity
        return "\(severity.label.rawValue) (\(severity.score)): \(severity.reason)"
    }

    static func statementLabel(_ statement: GrantingStatement) -> String {
        let sid = statement.sid.map { " (\($0))" } ?? ""
        let line = statement.line.map { ":\($0)" } ?? ""
        let path = statement.documentPath == "$" ? "" : " \(statement.documentPath)"
        return "statement \(statement.statementIndex)\(sid) in \(statement.file)\(line)\(path)"
    }

    static func lifecycle(_ finding: ScanFinding) -> String {
        var text = "first seen \(finding.firstSeen), last seen \(finding.lastSeen)"
        if let resolved = finding.resolvedAt { text += ", resolved \(resolved)" }
        if let rule = finding.archivedBy { text += ", archived by rule \"\(rule)\"" }
        return text
    }

    /// `UNPROVEN`, `ERROR`, or `INCOMPLETE` for a resource with findings whose list stopped early.
    static func troubleLabel(_ outcome: ResourceOutcome) -> String {
        outcome.status == .externalAccess || outcome.status == .noExternalAccess ? "INCOMPLETE" : outcome.status.rawValue
    }

    static func summaryRows(_ report: ScanReport) -> [(String, String)] {
        let summary = report.summary
        return [
            ("Resources scanned", "\(summary.resources)"),
            ("Resources with external access", "\(summary.resourcesWithExternalAccess)"),
            ("Active findings", "\(summary.active)"),
            ("Active public findings", "\(summary.activePublic)"),
            ("Active findings by severity", FindingSeverity.Label.allCases.map { "\(summary.activeBySeverity[$0.rawValue] ?? 0) \($0.rawValue)" }.joined(separator: ", ")),
            (report.hasPrevious ? "New since last run" : "New (first run)", "\(summary.new)"),
            ("Archived findings", "\(summary.archived)"),
            ("Resolved findings", "\(summary.resolved)"),
            ("Resources unproven", "\(summary.resourcesUnproven)"),
            ("Resources with an incomplete list of findings", "\(summary.resourcesIncomplete)"),
            ("Resources not analysed (document errors)", "\(summary.resourcesNotAnalysed)"),
            ("Document errors / warnings", "\(summary.documentErrors) / \(summary.documentWarnings)"),
        ]
    }
}
