import Analysis
import Environment
import Findings
import Foundation

/// `findings.sarif`: SARIF 2.1.0 (OASIS), for code-scanning tools. Mapping (docs/REPORTS.md):
/// one result per ACTIVE or ARCHIVED finding (archived ones carry an accepted suppression), under
/// the rule of its severity rung (`SARIFRule`), per resource that could not be proven, and per
/// snapshot diagnostic; each is located at the snapshot file (and line, when known) it comes
/// from, relative to the base `%SRCROOT%`. `partialFingerprints` carry the stable finding id, so
/// tools track a finding across runs as Rampart does; `automationDetails.id` names the zone, so
/// uploads for several accounts or organizations are kept apart.
public enum SARIFReport {
    public static let schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    /// The base every artifact URI is relative to (`originalUriBaseIds` says where it is).
    static let sourceRoot = "%SRCROOT%"

    /// The snapshot file that holds a finding granted outside any policy statement: the ACL for
    /// `BUCKET_ACL`, the grants listing for `KMS_GRANT`; else the resource's first file.
    static func evidenceFile(of source: FindingSource, among files: [String]) -> String? {
        let suffix: String?
        switch source {
        case .bucketACL: suffix = ".get-bucket-acl.json"
        case .kmsGrant: suffix = ".list-grants.json"
        case .policy, .s3AccessPoint, .s3AccessPointAccount, .snapshotSharing: suffix = nil
        }
        return suffix.flatMap { suffix in files.first { $0.hasSuffix(suffix) } } ?? files.first
    }

    public static func render(_ report: ScanReport) -> String {
        let base = ArtifactBase(report)
        var results: [[String: Any]] = []
        for finding in report.findings where finding.status != .resolved {
            let severity = finding.severity, remediation = finding.remediation
            let rule = SARIFRule.index(of: severity.rung)
            let actions = finding.actions.count <= 6 ? finding.actions.joined(separator: ", ") : finding.actions.prefix(5).joined(separator: ", ") + ", … (\(finding.actions.count) actions)"
            var text = "\(severity.label.rawValue): \(finding.isPublic ? "Public access" : "External access") to \(finding.resourceType) \(finding.resource): \(finding.principal) (\(finding.principalKind.rawValue)) can \(actions)"
            if !finding.conditions.isEmpty { text += " when \(finding.conditions.joined(separator: "; "))" }
            text += ". \(remediation.text)"
            let statement = finding.statements.first
            let files = report.outcomes.first(where: { $0.arn == finding.resource })?.files ?? []
            let file = statement?.file ?? Self.evidenceFile(of: finding.source, among: files) ?? ""
            var result = result(rule: rule, text: text, file: file, line: statement?.line, base: base)
            result["partialFingerprints"] = ["rampartFindingId/v1": finding.id]
            result["properties"] = ["findingId": finding.id, "status": finding.status.rawValue, "isNew": finding.isNew,
                                    "principal": finding.principal, "resource": finding.resource, "actions": finding.actions,
                                    "source": finding.source.rawValue,
                                    "severity": severity.label.rawValue, "severityScore": severity.score, "severityReason": severity.reason,
                                    "remediation": remediation.text, "learnMoreLink": remediation.learnMoreLink]
            if finding.status == .archived {
                result["suppressions"] = [["kind": "external", "status": "accepted",
                                           "justification": "archive rule \(finding.archivedBy ?? "")"]]
            }
            results.append(result)
        }
        let unproven = SARIFRule.all.firstIndex { $0.id == "RAMPART003" } ?? 2
        for outcome in report.outcomes where outcome.status == .unproven {
            let text = "\(outcome.type) \(outcome.arn): external access could not be proven or refuted: \(outcome.explanation.joined(separator: " "))"
            results.append(result(rule: unproven, text: text, file: outcome.files.first ?? "", line: nil, base: base))
        }
        for outcome in report.outcomes where outcome.status == .externalAccess && !outcome.complete {
            let text = "\(outcome.type) \(outcome.arn): the list of findings is incomplete (other external access may exist; earlier findings are kept): \(outcome.explanation.joined(separator: " "))"
            var entry = result(rule: unproven, text: text, file: outcome.files.first ?? "", line: nil, base: base)
            entry["properties"] = ["resource": outcome.arn, "complete": false]
            results.append(entry)
        }
        for diagnostic in report.diagnostics {
            let rule = SARIFRule.all.firstIndex { $0.id == (diagnostic.severity == .error ? "RAMPART004" : "RAMPART005") } ?? 3
            var text = "\(diagnostic.code): \(diagnostic.message) (at \(diagnostic.jsonPath))"
            if let resource = diagnostic.resource { text += " — affects \(resource)" }
            results.append(result(rule: rule, text: text, file: diagnostic.file, line: diagnostic.line, base: base))
        }
        var driver: [String: Any] = [
            "name": "rampart",
            "version": report.toolVersion,
            "rules": SARIFRule.all.map(ruleObject),
        ]
        if let information = report.informationURI { driver["informationUri"] = information }
        let run: [String: Any] = [
            "tool": ["driver": driver],
            "automationDetails": ["id": automationID(report)],
            "originalUriBaseIds": [sourceRoot: ["uri": base.rootURI,
                                                "description": ["text": base.describesWorkingFolder ? "The folder rampart scan ran in: artifact URIs start with the snapshot folder as given."
                                                                                                     : "The snapshot folder."]]],
            "results": results,
            "columnKind": "unicodeCodePoints",
            "properties": ["model": report.modelName, "zone": report.zoneMode.rawValue, "generatedAt": report.generatedAt,
                           "coverage": CoverageReport.summaryLine(report.coverage)],
        ]
        return ReportJSON.encode(object: ["version": "2.1.0", "$schema": schema, "runs": [run]])
    }

    private static func ruleObject(_ rule: SARIFRule) -> [String: Any] {
        var properties: [String: Any] = ["tags": rule.tags, "precision": "very-high"]
        if let severity = rule.securitySeverity { properties["security-severity"] = severity }
        var object: [String: Any] = [
            "id": rule.id, "name": rule.name,
            "shortDescription": ["text": rule.short], "fullDescription": ["text": rule.full],
            "help": ["text": rule.help + (rule.helpURI.map { " Learn more: \($0)" } ?? ""), "markdown": rule.helpMarkdown],
            "defaultConfiguration": ["level": rule.level],
            "properties": properties,
        ]
        if let uri = rule.helpURI { object["helpUri"] = uri }
        return object
    }

    /// `rampart/<zone mode>/<zone>/<scan time>`: GitHub code scanning takes what comes before the
    /// last `/` as the upload's category, so scans of other accounts (or organizations) are kept
    /// apart while scans of one zone replace each other. The zone is the organization's id in
    /// organization mode, else the snapshot's accounts, sorted and joined with `+`.
    static func automationID(_ report: ScanReport) -> String {
        let zone: String
        if report.zoneMode == .organization, let organization = report.organizationID {
            zone = organization
        } else {
            zone = report.accounts.sorted().joined(separator: "+")
        }
        func segment(_ text: String) -> String {
            let kept = text.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-._+".contains($0)) ? $0 : "_" }
            return kept.isEmpty ? "_" : String(kept)
        }
        return "rampart/\(segment(report.zoneMode.rawValue))/\(segment(zone))/\(segment(report.generatedAt))"
    }

    /// `result` with a location at `file` (relative to `%SRCROOT%` unless absolute: then a
    /// `file://` URI of its own) and, when known, its line and column.
    static func located(_ result: [String: Any], file: String, line: Int?, column: Int?) -> [String: Any] {
        var artifact: [String: Any] = ["uri": percentEncoded(file)]
        if file.hasPrefix("/") { artifact["uri"] = "file://" + percentEncoded(file) } else { artifact["uriBaseId"] = sourceRoot }
        var physical: [String: Any] = ["artifactLocation": artifact]
        if let line, line >= 1 {
            var region: [String: Any] = ["startLine": line]
            if let column, column >= 1 { region["startColumn"] = column }
            physical["region"] = region
        }
        var located = result
        located["locations"] = [["physicalLocation": physical]]
        return located
    }

    private static func result(rule: Int, text: String, file: String, line: Int?, base: ArtifactBase) -> [String: Any] {
        var physical: [String: Any] = ["artifactLocation": ["uri": base.uri(for: file), "uriBaseId": sourceRoot]]
        if let line, line >= 1 { physical["region"] = ["startLine": line] }
        return ["ruleId": SARIFRule.all[rule].id, "ruleIndex": rule, "level": SARIFRule.all[rule].level, "message": ["text": text],
                "locations": [["physicalLocation": physical]]]
    }

    /// Where artifact URIs are relative to. A snapshot folder given as a relative path is kept in
    /// every URI (`Models/startup/accounts/…`), relative to the folder the scan ran in, so a scan
    /// run at a repository's root locates files as GitHub does (paths from the root); an
    /// absolute snapshot folder is itself the base.
    struct ArtifactBase {
        var prefix: String
        var rootURI: String
        var describesWorkingFolder: Bool

        init(_ report: ScanReport) {
            var model = report.modelPath
            while model.count > 1 && model.hasSuffix("/") { model.removeLast() }
            if model.hasPrefix("/") {
                prefix = ""
                rootURI = SARIFReport.fileURI(directory: model)
                describesWorkingFolder = false
            } else {
                prefix = model == "." || model.isEmpty ? "" : model + "/"
                rootURI = SARIFReport.fileURI(directory: report.workingDirectory)
                describesWorkingFolder = true
            }
        }

        func uri(for file: String) -> String { SARIFReport.percentEncoded(prefix + file) }
    }

    /// `file:///abs/dir/` for an absolute directory path.
    static func fileURI(directory: String) -> String {
        var path = directory.hasPrefix("/") ? directory : "/" + directory
        if !path.hasSuffix("/") { path += "/" }
        return "file://" + percentEncoded(path)
    }

    /// A path as a URI reference: what a URI cannot hold as is, percent-encoded byte by byte.
    static func percentEncoded(_ path: String) -> String {
        var encoded = ""
        for byte in path.utf8 {
            let char = Character(Unicode.Scalar(byte))
            if char.isASCII && (char.isLetter || char.isNumber || "-._~/@!$&'()*+,;=".contains(char)) {
                encoded.append(char)
            } else {
                encoded += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return encoded
    }
}
