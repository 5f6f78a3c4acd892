import Findings

/// The findings of `report.html` as data for its script (`HTMLReportScript`), written as
/// `ScriptEmbeddedJSON` into `<script type="application/json" id="report-data">`.
///
/// Sized for 100,000 findings: every string is written once, in `strings`, and findings refer to
/// it by index (a resource's ARN, an account, an action, a remediation line); a granting
/// statement's text is written once in `statements` however many findings it grants. A finding is
/// an array in the order of `fields`, so keys are not repeated per finding either:
///
/// ```json
/// {"fields": ["id", "status", …], "hasPrevious": true,
///  "strings": ["arn:aws:s3:::b", "AWS::S3::Bucket", …],
///  "statements": [[labelIndex, textIndex], …],
///  "findings": [["rf-…", "ACTIVE", true, 0, 1, …], …]}
/// ```
///
/// Strings are shown as `report.md` shows them: control characters written as their JSON
/// escapes (`ControlCharacters`), line breaks and tabs kept.
enum HTMLReportData {
    /// The members of one finding's array, in order. Index fields (`String` index) point into
    /// `strings`; `actions` and `conditions` are arrays of such indices; `statements` an array of
    /// indices into `statements`.
    static let fields = [
        "id", "status", "isNew", "resource", "resourceType", "account", "principal", "principalKind", "actions", "conditions",
        "isPublic", "witness", "statements", "source", "severity", "severityScore", "severityReason", "remediation",
        "learnMoreLink", "seen",
    ]

    static func json(_ report: ScanReport) -> String {
        var strings = StringTable()
        var statements = StatementTable()
        var findings = ScriptEmbeddedJSON()
        findings.array(report.findings) { json, finding in
            let severity = finding.severity
            let remediation = finding.remediation
            json.array(0..<fields.count) { json, field in
                switch fields[field] {
                case "id": json.string(finding.id)
                case "status": json.string(finding.status.rawValue)
                case "isNew": json.bool(finding.isNew && finding.status != .resolved)
                case "resource": json.number(strings.index(finding.resource))
                case "resourceType": json.number(strings.index(finding.resourceType))
                case "account": json.number(strings.index(finding.account))
                case "principal": json.number(strings.index(finding.principal))
                case "principalKind": json.number(strings.index(finding.principalKind))
                case "actions": json.array(finding.actions) { json, action in json.number(strings.index(action)) }
                case "conditions": json.array(finding.conditions) { json, condition in json.number(strings.index(condition)) }
                case "isPublic": json.bool(finding.isPublic)
                case "witness": json.number(strings.index(ReportText.witness(finding)))
                case "statements": json.array(finding.statements) { json, statement in json.number(statements.index(statement, strings: &strings)) }
                case "source": json.number(strings.index(finding.source))
                case "severity": json.string(severity.label.rawValue)
                case "severityScore": json.number(severity.score)
                case "severityReason": json.number(strings.index(severity.reason))
                case "remediation": json.number(strings.index(remediation.text))
                case "learnMoreLink": json.number(strings.index(remediation.learnMoreLink))
                default: json.number(strings.index(ReportText.lifecycle(finding)))
                }
            }
        }
        var root = ScriptEmbeddedJSON()
        root.object([
            ("fields", { json in json.array(fields) { json, field in json.string(field) } }),
            ("hasPrevious", { json in json.bool(report.hasPrevious) }),
            ("strings", { json in json.array(strings.strings) { json, string in json.string(string) } }),
            ("statements", { json in json.array(statements.rows) { json, row in json.array(row) { json, index in json.number(index) } } }),
            ("findings", { json in json.append(findings) }),
        ])
        return root.text
    }

    /// Each distinct string once, in order of first use.
    struct StringTable {
        private(set) var strings: [String] = []
        private var indices: [String: Int] = [:]

        mutating func index(_ text: String) -> Int {
            if let index = indices[text] { return index }
            let index = strings.count
            strings.append(ControlCharacters.escaped(text, keepingLineBreaks: true))
            indices[text] = index
            return index
        }
    }

    /// Each distinct granting statement once, as `[label, text]` string indices.
    struct StatementTable {
        private(set) var rows: [[Int]] = []
        private var indices: [GrantingStatement: Int] = [:]

        mutating func index(_ statement: GrantingStatement, strings: inout StringTable) -> Int {
            if let index = indices[statement] { return index }
            let index = rows.count
            rows.append([strings.index(ReportText.statementLabel(statement)), strings.index(statement.text)])
            indices[statement] = index
            return index
        }
    }
}
