import Analysis
import Authorizer
import Environment
import Findings
import Foundation
import Policy
import Templates

/// `rampart iac`'s output: text for people, JSON (docs/IAC.md), and SARIF whose results point
/// at the granting statements' lines in the templates, so that code scanning annotates them.
public enum TemplateCheckReport {
    struct Document: Encodable {
        struct Unknown: Encodable {
            var path: String
            var unknown: String
            var reading: String
        }

        struct Placeholder: Encodable {
            var placeholder: String
            var standsFor: String
        }

        struct Preview: Encodable {
            struct NewAccess: Encodable {
                var result: CustomCheckResult.Outcome
                var reasons: [String]
                var counterexample: JSONFragment?
            }

            var existsInBaseline: Bool
            var baselineUnusable: String?
            /// One per finding, in the order of `findings`.
            var changeTypes: [AccessPreview.ChangeType]
            var removed: [AccessFindingRecord]
            var newAccess: NewAccess?
        }

        struct Resource: Encodable {
            var file: String
            var name: String
            var type: String
            var arn: String?
            var line: Int
            var column: Int
            var status: ExternalAccessResult.Status
            var external: Bool
            var `public`: Bool
            var findings: [AccessFindingRecord]
            var explanation: [String]
            var complete: Bool
            var unknowns: [Unknown]
            var placeholders: [Placeholder]
            var problems: [String]
            var preview: Preview?
        }

        struct Diagnostic: Encodable {
            var severity: String
            var file: String
            var path: String
            var line: Int?
            var column: Int?
            var message: String
        }

        var resources: [Resource]
        /// The files' SCPs, RCPs and identity policies.
        var policies: [AttachedPolicyReport.Document]
        var diagnostics: [Diagnostic]
        var zone: ExternalAccessReport.Document.Zone
    }

    public static func json(_ run: TemplateCheck.Run, zone: ZoneOfTrust) -> String {
        let resources = run.outcomes.map { outcome -> Document.Resource in
            let type = outcome.resource?.type
            return Document.Resource(
                file: outcome.subject.file, name: outcome.subject.name, type: outcome.subject.resourceType, arn: outcome.resource?.arn,
                line: outcome.subject.position.line, column: outcome.subject.position.column, status: outcome.status,
                external: outcome.result?.isExternal ?? false, public: outcome.result?.isPublic ?? false,
                findings: (outcome.result?.findings ?? []).map { finding in
                    var record = AccessFindingRecord(finding, resourceType: type)
                    record.statements = record.statements.map { statement in
                        var located = statement
                        if let location = outcome.statementLocations[statement.statementIndex] {
                            located.policy = outcome.subject.file + ":" + (location.position.map { "\($0.line):\($0.column)" } ?? "")
                                + " " + location.path
                        }
                        return located
                    }
                    return record
                },
                explanation: outcome.result?.explanation ?? [], complete: outcome.result?.complete ?? false,
                unknowns: outcome.unknowns.map { Document.Unknown(path: outcome.subject.location(of: $0.path),
                                                                   unknown: $0.unknown.reason, reading: $0.reading) },
                placeholders: outcome.placeholders.map { Document.Placeholder(placeholder: $0.placeholder, standsFor: $0.reason) },
                problems: outcome.problems,
                preview: outcome.preview.map { preview in
                    Document.Preview(existsInBaseline: preview.existsInBaseline, baselineUnusable: preview.baselineUnusable,
                                     changeTypes: preview.changes, removed: preview.removed.map { AccessFindingRecord($0, resourceType: type) },
                                     newAccess: preview.newAccess.map {
                                         .init(result: $0.outcome, reasons: $0.reasons, counterexample: $0.counterexample.map(JSONFragment.init(request:)))
                                     })
                })
        }
        let diagnostics = run.diagnostics.map {
            Document.Diagnostic(severity: $0.severity.rawValue, file: $0.file, path: $0.path.description, line: $0.position?.line,
                                column: $0.position?.column, message: $0.message)
        }
        return ReportJSON.encode(Document(resources: resources, policies: run.attachedPolicies.map(AttachedPolicyReport.document), diagnostics: diagnostics,
                                          zone: .init(accounts: zone.accounts, organizationId: zone.organizationID)))
    }

    public static func text(_ run: TemplateCheck.Run, zone: ZoneOfTrust) -> String {
        var lines = ["zone of trust: \(zone.description)"]
        for diagnostic in run.diagnostics { lines.append(diagnostic.description) }
        for outcome in run.outcomes {
            let subject = outcome.subject
            lines.append("")
            let arn = outcome.resource.map { " " + $0.arn } ?? ""
            lines.append("\(subject.file):\(subject.position.line):\(subject.position.column): \(subject.name) (\(subject.resourceType)\(arn)): \(outcome.status.rawValue)")
            for problem in outcome.problems { lines.append("  note: \(problem)") }
            for placeholder in outcome.placeholders {
                lines.append("  \(placeholder.placeholder) stands for \(placeholder.reason)")
            }
            if !outcome.unknowns.isEmpty {
                lines.append("  unknown values, read so that no answer depends on a guess:")
                for change in outcome.unknowns {
                    lines.append("    \(subject.location(of: change.path)): \(change.unknown.reason) — \(change.reading)")
                }
            }
            guard let result = outcome.result else { continue }
            if let preview = outcome.preview {
                if !preview.existsInBaseline {
                    lines.append("  preview: a new resource (not in the baseline): every finding is NEW")
                } else if let unusable = preview.baselineUnusable {
                    lines.append("  preview: the deployed resource is no baseline (\(unusable)): every finding is NEW")
                }
                if let newAccess = preview.newAccess {
                    lines.append("  preview: no new access: \(newAccess.outcome.rawValue) — \(newAccess.reasons.joined(separator: " "))")
                    if let request = newAccess.counterexample {
                        lines.append("    counterexample: \(RequestFile.encode(request).replacingOccurrences(of: "\n", with: " "))")
                    }
                }
                for old in preview.removed { lines.append("  REMOVED: \(old.principal) (\(old.principalKind.rawValue)): \(old.actions.joined(separator: ", "))") }
            }
            for (index, finding) in result.findings.enumerated() {
                let change = outcome.preview.map { $0.changes.indices.contains(index) ? " [\($0.changes[index].rawValue)]" : "" } ?? ""
                lines.append("  finding \(index + 1)\(change): \(finding.principal) (\(finding.principalKind.rawValue))\(finding.isPublic ? " — public" : "")")
                lines.append("    actions: \(finding.actions.count <= 8 ? finding.actions.joined(separator: ", ") : finding.actions.prefix(6).joined(separator: ", ") + ", … (\(finding.actions.count) actions)")")
                if !finding.conditions.isEmpty { lines.append("    when: \(finding.conditions.joined(separator: "; "))") }
                for statement in finding.statements {
                    let location = outcome.statementLocations[statement.index]
                    let place = location?.position.map { "\(subject.file):\($0.line):\($0.column)" } ?? subject.file
                    lines.append("    granted by: \(place) \(location?.path ?? statement.label)")
                }
                lines.append("    witness: \(RequestFile.encode(finding.witness).replacingOccurrences(of: "\n", with: " "))")
            }
            if !result.explanation.isEmpty {
                lines.append(result.status == .noExternalAccess ? "  why no external access:" : "  notes:")
                lines += result.explanation.map { "    - \($0)" }
            }
        }
        for outcome in run.attachedPolicies {
            lines.append("")
            lines += AttachedPolicyReport.textLines(outcome)
        }
        let counts = Dictionary(grouping: run.outcomes, by: \.status).mapValues(\.count)
        lines.append("")
        lines.append("\(run.outcomes.count) resources: " + [ExternalAccessResult.Status.externalAccess, .noExternalAccess, .unproven, .error].compactMap { status in
            counts[status].map { "\($0) \(status.rawValue)" }
        }.joined(separator: ", ") + (run.attachedPolicies.isEmpty ? "" : "; \(run.attachedPolicies.count) SCPs, RCPs and identity policies")
            + (run.diagnostics.isEmpty ? "" : "; \(run.diagnostics.count) diagnostics"))
        return lines.joined(separator: "\n") + "\n"
    }

    /// SARIF 2.1.0: one result per finding at its granting statements' lines, one per resource
    /// left UNPROVEN or in error, and the templates' diagnostics.
    public static func sarif(_ run: TemplateCheck.Run, zone: ZoneOfTrust, toolVersion: String, informationURI: String?,
                             now: Date = Date()) -> String {
        var findings: [ScanFinding] = []
        var outcomes: [ResourceOutcome] = []
        for outcome in run.outcomes {
            let arn = outcome.resource?.arn ?? "\(outcome.subject.file)#\(outcome.subject.name)"
            let account = outcome.resource?.account ?? ""
            var ids: [String] = []
            for finding in outcome.result?.findings ?? [] {
                let statements = finding.statements.map { reference -> GrantingStatement in
                    let location = outcome.statementLocations[reference.index]
                    return GrantingStatement(file: outcome.subject.file, documentPath: location?.path ?? outcome.subject.policyPath.description,
                                             statementIndex: reference.index, sid: reference.sid,
                                             line: location?.position?.line ?? outcome.subject.position.line, text: "")
                }
                let id = FindingIdentity.id(resource: arn, principal: finding.principal, actions: finding.actions,
                                            conditions: finding.conditions, source: finding.source)
                ids.append(id)
                findings.append(ScanFinding(id: id, resource: arn, resourceType: outcome.subject.resourceType, account: account, access: finding,
                                            statements: statements, firstSeen: FindingLifecycle.timestamp(now), lastSeen: FindingLifecycle.timestamp(now)))
            }
            let status = ResourceOutcome.Status(rawValue: outcome.status.rawValue) ?? .unproven
            outcomes.append(ResourceOutcome(arn: arn, type: outcome.subject.resourceType, account: account, status: status,
                                            explanation: (outcome.result?.explanation ?? []) + outcome.problems,
                                            complete: outcome.result?.complete ?? false, findingIDs: ids, files: [outcome.subject.file], reused: false))
        }
        let diagnostics = run.diagnostics.map {
            SnapshotDiagnostic($0.severity == .error ? .error : .warning, "TEMPLATE", $0.message, file: $0.file, jsonPath: $0.path.description,
                               line: $0.position?.line, column: $0.position?.column)
        } + run.outcomes.filter { $0.status == .error }.map {
            SnapshotDiagnostic(.error, "TEMPLATE_RESOURCE", $0.problems.joined(separator: "; "), file: $0.subject.file,
                               jsonPath: $0.subject.policyPath.description, line: $0.subject.position.line, column: $0.subject.position.column)
        } + run.attachedPolicies.flatMap(AttachedPolicyReport.sarifDiagnostics)
        let report = ScanReport(modelName: "templates", modelPath: ".", toolVersion: toolVersion,
                                zoneMode: zone.isOrganization ? .organization : .account, generatedAt: FindingLifecycle.timestamp(now),
                                hasPrevious: false, findings: findings, outcomes: outcomes, diagnostics: diagnostics,
                                organizationID: zone.organizationID, accounts: zone.accounts, analyses: outcomes.count, seconds: 0,
                                informationURI: informationURI)
        return SARIFReport.render(report)
    }

    /// `--fail-on`: which findings make the exit status 1.
    public enum FailOn: String, Sendable, CaseIterable {
        /// Any finding (with `--baseline`: a NEW or CHANGED one). The default.
        case external
        /// Public findings only (with `--baseline`: NEW or CHANGED ones).
        case `public`
        /// No finding: the status says only whether the files could be read and the answers proven.
        case never
    }

    /// 1 when a finding matches `failOn` (with `--baseline`, only NEW or CHANGED findings: access
    /// the change adds); else 2 when a template, a resource's policy, or an SCP, RCP or identity
    /// policy could not be read (ERROR diagnostics); else 3
    /// when a resource is UNPROVEN; else 0.
    public static func exitCode(_ run: TemplateCheck.Run, failOn: FailOn = .external) -> Int32 {
        let statuses = Set(run.outcomes.map(\.status))
        let alerting = failOn != .never && run.outcomes.contains { outcome in
            let findings = outcome.result?.findings ?? []
            return findings.indices.contains { index in
                if failOn == .public && !findings[index].isPublic { return false }
                guard let preview = outcome.preview else { return true }
                return preview.changes.indices.contains(index) ? preview.changes[index] != .unchanged : true
            }
        }
        if alerting { return 1 }
        if statuses.contains(.error) || run.diagnostics.contains(where: { $0.severity == .error })
            || run.attachedPolicies.contains(where: { $0.status == .invalid }) { return 2 }
        if statuses.contains(.unproven) { return 3 }
        return 0
    }
}
