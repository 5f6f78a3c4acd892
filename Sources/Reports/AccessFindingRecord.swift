import Analysis
import Authorizer
import Findings
import Policy

/// One finding of `rampart check` and the custom checks in their JSON output (docs/CLI.md):
/// the analysis's `ExternalAccessFinding`, its witness in the request-file shape `rampart
/// simulate --request` reads, and — when the resource's type is known — its severity and
/// remediation (docs/REPORTS.md, "Severity and remediation").
struct AccessFindingRecord: Encodable {
    struct Statement: Encodable {
        var policy: String
        var statementIndex: Int
        var sid: String?
    }

    var principal: String
    var principalKind: PrincipalClassKind
    var actions: [String]
    var conditions: [String]
    var isPublic: Bool
    var witness: JSONFragment?
    var statements: [Statement]
    var source: FindingSource
    /// Access through an S3 access point: which one (Access Analyzer's `FindingSourceDetail`).
    var sourceDetail: FindingSourceDetail?
    /// The actions a service-linked role of the account witnessed (`ExternalAccessFinding`).
    var serviceLinkedRoleActions: [String]?
    var severity: String?
    var severityScore: Double?
    var severityReason: String?
    var remediation: String?
    var learnMoreLink: String?

    init(_ finding: ExternalAccessFinding, resourceType: ResourceType?) {
        principal = finding.principal
        principalKind = finding.principalKind
        actions = finding.actions
        conditions = finding.conditions
        isPublic = finding.isPublic
        witness = JSONFragment(request: finding.witness)
        statements = finding.statements.map { Statement(policy: $0.policy, statementIndex: $0.index, sid: $0.sid) }
        source = finding.source
        sourceDetail = finding.sourceDetail
        serviceLinkedRoleActions = finding.serviceLinkedRoleActions
        if let resourceType {
            let access = GrantedAccess(finding, resourceType: resourceType)
            let judged = FindingSeverity(access), advice = FindingRemediation(access)
            severity = judged.label.rawValue
            severityScore = judged.score
            severityReason = judged.reason
            remediation = advice.text
            learnMoreLink = advice.learnMoreLink
        }
    }
}
