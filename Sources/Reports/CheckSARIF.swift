import Analysis
import Environment
import Findings
import Foundation
import Policy

/// `rampart check --format sarif` and `check-no-public-access --format sarif`: one resource's
/// answer as the scan's `findings.sarif` would give it (`SARIFReport`, same rules and
/// severities): a result per finding, located at the granting statement's line in the policy
/// file as given (relative to the folder the command ran in), and one per UNPROVEN answer.
public enum CheckSARIF {
    /// - Parameters:
    ///   - status: the answer (`EXTERNAL_ACCESS`, `NO_EXTERNAL_ACCESS`, `UNPROVEN`, `ERROR`).
    ///   - policyFile: the policy file as named on the command line (`-` for standard input).
    public static func render(status: ExternalAccessResult.Status, findings: [ExternalAccessFinding], explanation: [String],
                              complete: Bool, resource: AnalyzedResource, zone: ZoneOfTrust, policyFile: String?, toolVersion: String,
                              informationURI: String?, now: Date = Date()) -> String {
        let file = policyFile.map(PolicyFileReader.path(ofArgument:)) ?? ""
        let statements = resource.policy?.statements ?? []
        let account = resource.account ?? ""
        let scanFindings = findings.map { finding -> ScanFinding in
            let located = finding.statements.map { reference -> GrantingStatement in
                let line = reference.index < statements.count ? statements[reference.index].location.position?.line : nil
                return GrantingStatement(file: file, documentPath: "$", statementIndex: reference.index, sid: reference.sid, line: line, text: "")
            }
            let id = FindingIdentity.id(resource: resource.arn, principal: finding.principal, actions: finding.actions,
                                        conditions: finding.conditions, source: finding.source)
            return ScanFinding(id: id, resource: resource.arn, resourceType: resource.type.rawValue, account: account, access: finding,
                               statements: located, firstSeen: FindingLifecycle.timestamp(now), lastSeen: FindingLifecycle.timestamp(now))
        }
        let outcomeStatus = ResourceOutcome.Status(rawValue: status.rawValue) ?? .unproven
        let outcome = ResourceOutcome(arn: resource.arn, type: resource.type.rawValue, account: account, status: outcomeStatus,
                                      explanation: explanation, complete: complete, findingIDs: scanFindings.map(\.id),
                                      files: file.isEmpty ? [] : [file], reused: false)
        let report = ScanReport(modelName: resource.arn, modelPath: ".", toolVersion: toolVersion,
                                zoneMode: zone.isOrganization ? .organization : .account, generatedAt: FindingLifecycle.timestamp(now),
                                hasPrevious: false, findings: scanFindings, outcomes: [outcome], diagnostics: [],
                                organizationID: zone.organizationID, accounts: zone.accounts, analyses: 1, seconds: 0,
                                informationURI: informationURI)
        return SARIFReport.render(report)
    }
}
