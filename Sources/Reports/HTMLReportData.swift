import Analysis
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
/// {"fields": ["id", "status", …], "statementFields": ["file", …], "hasPrevious": true,
///  "strings": ["arn:aws:s3:::b", "AWS::S3::Bucket", …],
///  "statements": [[fileIndex, pathIndex, 0, sidIndex, 2, textIndex], …],
///  "findings": [["rf-…", "ACTIVE", true, 0, 1, …], …]}
/// ```
///
/// A witness, unique to its finding but made of shared parts (its principal, action, resource,
/// the keys between them), is written as the indices of its `JSONTextSegments`, which the
/// script joins back into the same text.
///
/// Strings are shown as `report.md` shows them: control characters written as their JSON
/// escapes (`ControlCharacters`), line breaks and tabs kept.
enum HTMLReportData {
    /// The members of one finding's array, in order (their names are `fields` in the data).
    /// Index members point into `strings`; `actions` and `conditions` are arrays of such indices;
    /// `statements` an array of indices into `statements`.
    static let columns: [Column] = [
        Column("id") { json, finding, _ in json.string(finding.scan.id) },
        Column("status") { json, finding, _ in json.string(finding.scan.status.rawValue) },
        Column("isNew") { json, finding, _ in json.bool(finding.scan.isNew && finding.scan.status != .resolved) },
        Column("resource") { json, finding, tables in json.number(tables.strings.index(finding.scan.resource)) },
        Column("resourceType") { json, finding, tables in json.number(tables.strings.index(finding.scan.resourceType)) },
        Column("account") { json, finding, tables in json.number(tables.strings.index(finding.scan.account)) },
        Column("principal") { json, finding, tables in json.number(tables.strings.index(finding.scan.principal)) },
        Column("principalKind") { json, finding, tables in json.number(tables.strings.index(finding.scan.principalKind.rawValue)) },
        Column("actions") { json, finding, tables in json.array(finding.scan.actions) { json, action in json.number(tables.strings.index(action)) } },
        Column("conditions") { json, finding, tables in json.array(finding.scan.conditions) { json, condition in json.number(tables.strings.index(condition)) } },
        Column("isPublic") { json, finding, _ in json.bool(finding.scan.isPublic) },
        Column("witness") { json, finding, tables in
            json.array(JSONTextSegments.split(ReportText.witness(finding.scan))) { json, segment in json.number(tables.strings.index(segment)) }
        },
        Column("statements") { json, finding, tables in json.array(finding.scan.statements) { json, statement in json.number(tables.index(statement)) } },
        Column("source") { json, finding, tables in json.number(tables.strings.index(finding.scan.source.rawValue)) },
        Column("severity") { json, finding, _ in json.string(finding.severity.label.rawValue) },
        Column("severityScore") { json, finding, _ in json.number(finding.severity.score) },
        Column("severityReason") { json, finding, tables in json.number(tables.strings.index(finding.severity.reason)) },
        Column("remediation") { json, finding, tables in json.number(tables.strings.index(finding.remediation.text)) },
        Column("learnMoreLink") { json, finding, tables in json.number(tables.strings.index(finding.remediation.learnMoreLink)) },
        Column("seen") { json, finding, tables in json.number(tables.strings.index(ReportText.lifecycle(finding.scan))) },
        Column("path") { json, finding, tables in json.array(ReportText.pathHops(finding.scan)) { json, hop in json.number(tables.strings.index(hop)) } },
    ]

    static func json(_ report: ScanReport) -> String {
        var tables = Tables()
        var findings = ScriptEmbeddedJSON()
        findings.array(report.findings) { json, scan in
            let finding = JudgedFinding(scan: scan, severity: scan.severity, remediation: scan.remediation)
            json.array(columns) { json, column in column.write(&json, finding, &tables) }
        }
        var root = ScriptEmbeddedJSON()
        root.object([
            ("fields", { json in json.array(columns) { json, column in json.string(column.name) } }),
            ("statementFields", { json in json.array(statementFields) { json, field in json.string(field) } }),
            ("hasPrevious", { json in json.bool(report.hasPrevious) }),
            ("strings", { json in json.array(tables.strings.strings) { json, string in json.string(string) } }),
            ("statements", { json in json.array(tables.statements) { json, row in json.array(row) { json, index in json.number(index) } } }),
            ("findings", { json in json.append(findings) }),
        ])
        return root.text
    }

    /// One member of a finding's array: its name and how it is written.
    struct Column: Sendable {
        let name: String
        let write: @Sendable (inout ScriptEmbeddedJSON, JudgedFinding, inout Tables) -> Void
        init(_ name: String, _ write: @escaping @Sendable (inout ScriptEmbeddedJSON, JudgedFinding, inout Tables) -> Void) {
            self.name = name
            self.write = write
        }
    }

    /// A finding with its severity and remediation, judged once.
    struct JudgedFinding {
        var scan: ScanFinding
        var severity: FindingSeverity
        var remediation: FindingRemediation
    }

    /// The shared strings and statements the findings refer to.
    struct Tables {
        var strings = StringTable()
        /// Each distinct granting statement once, as `statementFields`.
        private(set) var statements: [[Int]] = []
        private var statementIndices: [GrantingStatement: Int] = [:]

        mutating func index(_ statement: GrantingStatement) -> Int {
            if let index = statementIndices[statement] { return index }
            let index = statements.count
            statements.append([strings.index(statement.file), strings.index(statement.documentPath), statement.statementIndex,
                               statement.sid.map { strings.index($0) } ?? -1, statement.line ?? -1, strings.index(statement.text)])
            statementIndices[statement] = index
            return index
        }
    }

    /// The members of a statement's array (`statementFields` in the data): string indices, but
    /// `statementIndex` and `line` (-1: not known), and `sid` (-1: none). The script writes the
    /// label as `ReportText.statementLabel` does.
    static let statementFields = ["file", "documentPath", "statementIndex", "sid", "line", "text"]

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
}
