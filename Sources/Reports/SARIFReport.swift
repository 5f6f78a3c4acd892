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
        case .policy, .s3AccessPoint, .s3AccessPointAccount, .snapshotSharing, .roleChain: suffix = nil
        }
        return suffix.flatMap { suffix in files.first { $0.hasSuffix(suffix) } } ?? files.first
    }

    public static func render(_ report: ScanReport) -> String {
        var results: [SARIFLog.Result] = []
        forEachResult(of: report) { results.append($0) }
        return ReportJSON.encode(log(report, results: results))
    }

    /// Writes the same bytes as `render`, one result at a time (`JSONArrayStream`).
    static func write(_ report: ScanReport, to writer: ReportFileWriter) throws {
        var stream = JSONArrayStream(header: ReportJSON.encode(log(report, results: [])), key: "results", depth: 3, writer: writer)
        var failure: (any Error)?
        forEachResult(of: report) { result in
            guard failure == nil else { return }
            do { try stream.append(result) } catch { failure = error }
        }
        if let failure { throw failure }
        try stream.finish()
    }

    /// The log of `report` around `results`.
    static func log(_ report: ScanReport, results: [SARIFLog.Result]) -> SARIFLog {
        let base = ArtifactBase(report)
        let driver = SARIFLog.Driver(name: "rampart", version: report.toolVersion, informationUri: report.informationURI,
                                     rules: SARIFRule.all.map(ruleObject))
        let description = base.describesWorkingFolder ? "The folder rampart scan ran in: artifact URIs start with the snapshot folder as given."
                                                      : "The snapshot folder."
        let run = SARIFLog.Run(
            tool: SARIFLog.Tool(driver: driver),
            automationDetails: SARIFLog.AutomationDetails(id: automationID(report)),
            originalUriBaseIds: [sourceRoot: SARIFLog.BaseURI(uri: base.rootURI, description: SARIFLog.Message(text: description))],
            results: results,
            properties: SARIFLog.RunProperties(model: report.modelName, zone: report.zoneMode.rawValue, generatedAt: report.generatedAt,
                                               coverage: CoverageReport.summaryLine(report.coverage)))
        return SARIFLog(runs: [run])
    }

    /// The results of `report` in the log's order: findings, UNPROVEN resources, incomplete
    /// resources, diagnostics.
    static func forEachResult(of report: ScanReport, _ body: (SARIFLog.Result) -> Void) {
        let base = ArtifactBase(report)
        // A resource's files by its ARN, looked up once per finding.
        var filesByResource: [String: [String]] = [:]
        for outcome in report.outcomes where filesByResource[outcome.arn] == nil { filesByResource[outcome.arn] = outcome.files }
        for finding in report.findings where finding.status != .resolved {
            let severity = finding.severity, remediation = finding.remediation
            let rule = SARIFRule.index(of: severity.rung)
            let actions = finding.actions.count <= 6 ? finding.actions.joined(separator: ", ") : finding.actions.prefix(5).joined(separator: ", ") + ", … (\(finding.actions.count) actions)"
            var text = "\(severity.label.rawValue): \(finding.isPublic ? "Public access" : "External access") to \(finding.resourceType) \(finding.resource): \(finding.principal) (\(finding.principalKind.rawValue)) can \(actions)"
            if !finding.conditions.isEmpty { text += " when \(finding.conditions.joined(separator: "; "))" }
            text += ". \(remediation.text)"
            let statement = finding.statements.first
            let file = statement?.file ?? Self.evidenceFile(of: finding.source, among: filesByResource[finding.resource] ?? []) ?? ""
            var result = result(rule: rule, text: text, file: file, line: statement?.line, base: base)
            result.partialFingerprints = ["rampartFindingId/v1": finding.id]
            result.properties = .finding(SARIFLog.FindingProperties(
                findingId: finding.id, status: finding.status.rawValue, isNew: finding.isNew,
                principal: finding.principal, resource: finding.resource, actions: finding.actions,
                source: finding.source.rawValue,
                severity: severity.label.rawValue, severityScore: severity.score, severityReason: severity.reason,
                remediation: remediation.text, learnMoreLink: remediation.learnMoreLink))
            if finding.status == .archived {
                result.suppressions = [SARIFLog.Suppression(kind: "external", status: "accepted",
                                                            justification: "archive rule \(finding.archivedBy ?? "")")]
            }
            body(result)
        }
        let unproven = SARIFRule.all.firstIndex { $0.id == "RAMPART003" } ?? 2
        for outcome in report.outcomes where outcome.status == .unproven {
            let text = "\(outcome.type) \(outcome.arn): external access could not be proven or refuted: \(outcome.explanation.joined(separator: " "))"
            body(result(rule: unproven, text: text, file: outcome.files.first ?? "", line: nil, base: base))
        }
        for outcome in report.outcomes where outcome.status == .externalAccess && !outcome.complete {
            let text = "\(outcome.type) \(outcome.arn): the list of findings is incomplete (other external access may exist; earlier findings are kept): \(outcome.explanation.joined(separator: " "))"
            var entry = result(rule: unproven, text: text, file: outcome.files.first ?? "", line: nil, base: base)
            entry.properties = .incomplete(resource: outcome.arn)
            body(entry)
        }
        for diagnostic in report.diagnostics {
            let rule = SARIFRule.all.firstIndex { $0.id == (diagnostic.severity == .error ? "RAMPART004" : "RAMPART005") } ?? 3
            var text = "\(diagnostic.code): \(diagnostic.message) (at \(diagnostic.jsonPath))"
            if let resource = diagnostic.resource { text += " — affects \(resource)" }
            body(result(rule: rule, text: text, file: diagnostic.file, line: diagnostic.line, base: base))
        }
    }

    private static func ruleObject(_ rule: SARIFRule) -> SARIFLog.Rule {
        SARIFLog.Rule(id: rule.id, name: rule.name,
                      shortDescription: SARIFLog.Message(text: rule.short), fullDescription: SARIFLog.Message(text: rule.full),
                      help: SARIFLog.Message(text: rule.help + (rule.helpURI.map { " Learn more: \($0)" } ?? ""), markdown: rule.helpMarkdown),
                      helpUri: rule.helpURI, defaultConfiguration: SARIFLog.Configuration(level: rule.level),
                      properties: SARIFLog.RuleProperties(tags: rule.tags, precision: "very-high", securitySeverity: rule.securitySeverity))
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

    /// A location at `file` (relative to `%SRCROOT%` unless absolute: then a `file://` URI of
    /// its own) and, when known, its line and column.
    static func location(file: String, line: Int?, column: Int?) -> SARIFLog.Location {
        let artifact = file.hasPrefix("/") ? SARIFLog.ArtifactLocation(uri: "file://" + percentEncoded(file), uriBaseId: nil)
                                           : SARIFLog.ArtifactLocation(uri: percentEncoded(file), uriBaseId: sourceRoot)
        var physical = SARIFLog.PhysicalLocation(artifactLocation: artifact, region: nil)
        if let line, line >= 1 {
            physical.region = SARIFLog.Region(startLine: line, startColumn: column.flatMap { $0 >= 1 ? $0 : nil })
        }
        return SARIFLog.Location(physicalLocation: physical)
    }

    private static func result(rule: Int, text: String, file: String, line: Int?, base: ArtifactBase) -> SARIFLog.Result {
        var physical = SARIFLog.PhysicalLocation(artifactLocation: SARIFLog.ArtifactLocation(uri: base.uri(for: file), uriBaseId: sourceRoot))
        if let line, line >= 1 { physical.region = SARIFLog.Region(startLine: line) }
        return SARIFLog.Result(ruleId: SARIFRule.all[rule].id, ruleIndex: rule, level: SARIFRule.all[rule].level, message: SARIFLog.Message(text: text),
                               locations: [SARIFLog.Location(physicalLocation: physical)])
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
        let hex = Array("0123456789ABCDEF".utf8)
        var encoded: [UInt8] = []
        encoded.reserveCapacity(path.utf8.count)
        for byte in path.utf8 {
            if uriCharacters.contains(byte) {
                encoded.append(byte)
            } else {
                encoded += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// The bytes a URI reference holds as they are: ASCII letters and digits and `-._~/@!$&'()*+,;=`.
    private static let uriCharacters: Set<UInt8> = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/@!$&'()*+,;=".utf8))
}
