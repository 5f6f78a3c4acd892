import Analysis
import Authorizer
import Foundation
import Policy

/// One entry of `findings.json`'s `findings` (docs/REPORTS.md), as `rampart scan` writes it and
/// reads it back with `--previous`. The witness is the request-file shape `rampart simulate
/// --request` reads. Severity and remediation are judged afresh on every write
/// (`ScanFindingJudgement`) and not read back.
public struct FindingRecord: Codable, Sendable, Hashable {
    public var id: String
    public var status: FindingStatus
    public var isNew: Bool
    public var resource: String
    public var resourceType: String
    public var account: String
    public var principal: String
    public var principalKind: PrincipalClassKind
    public var actions: [String]
    public var conditions: [String]
    public var isPublic: Bool
    public var witness: JSONFragment?
    public var statements: [GrantingStatement]
    public var source: FindingSource
    /// Access through an S3 access point: which one (absent otherwise).
    public var sourceDetail: FindingSourceDetail?
    /// Access through roles: the path, hop by hop (absent otherwise).
    public var accessPath: [AccessPathStep]?
    /// The actions a service-linked role of the principal's account witnessed, which RCPs and
    /// SCPs do not restrict (`ExternalAccessFinding.serviceLinkedRoleActions`; absent otherwise).
    public var serviceLinkedRoleActions: [String]?
    public var firstSeen: String
    public var lastSeen: String
    public var resolvedAt: String?
    public var archivedBy: String?
    public var severity: String?
    public var severityScore: Double?
    public var severityReason: String?
    public var remediation: String?
    public var learnMoreLink: String?

    public init(_ finding: ScanFinding) {
        id = finding.id
        status = finding.status
        isNew = finding.isNew
        resource = finding.resource
        resourceType = finding.resourceType
        account = finding.account
        principal = finding.principal
        principalKind = finding.principalKind
        actions = finding.actions
        conditions = finding.conditions
        isPublic = finding.isPublic
        witness = JSONFragment(request: finding.witness)
        statements = finding.statements
        source = finding.source
        sourceDetail = finding.access.sourceDetail
        accessPath = finding.access.accessPath
        serviceLinkedRoleActions = finding.access.serviceLinkedRoleActions
        firstSeen = finding.firstSeen
        lastSeen = finding.lastSeen
        resolvedAt = finding.resolvedAt
        archivedBy = finding.archivedBy
        let judged = finding.severity, remediation = finding.remediation
        severity = judged.label.rawValue
        severityScore = judged.score
        severityReason = judged.reason
        self.remediation = remediation.text
        learnMoreLink = remediation.learnMoreLink
    }

    /// Fields an earlier version may not have written take their defaults; the finding's
    /// identity, status, resource, principal, kind and times must be there.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        status = try c.decode(FindingStatus.self, forKey: .status)
        isNew = try c.decodeIfPresent(Bool.self, forKey: .isNew) ?? false
        resource = try c.decode(String.self, forKey: .resource)
        resourceType = try c.decode(String.self, forKey: .resourceType)
        account = try c.decodeIfPresent(String.self, forKey: .account) ?? ""
        principal = try c.decode(String.self, forKey: .principal)
        principalKind = try c.decode(PrincipalClassKind.self, forKey: .principalKind)
        actions = try c.decodeIfPresent([String].self, forKey: .actions) ?? []
        conditions = try c.decodeIfPresent([String].self, forKey: .conditions) ?? []
        isPublic = try c.decodeIfPresent(Bool.self, forKey: .isPublic) ?? false
        witness = try c.decodeIfPresent(JSONFragment.self, forKey: .witness)
        statements = try c.decodeIfPresent([GrantingStatement].self, forKey: .statements) ?? []
        source = try c.decodeIfPresent(FindingSource.self, forKey: .source) ?? .policy
        sourceDetail = try c.decodeIfPresent(FindingSourceDetail.self, forKey: .sourceDetail)
        accessPath = try c.decodeIfPresent([AccessPathStep].self, forKey: .accessPath)
        serviceLinkedRoleActions = try c.decodeIfPresent([String].self, forKey: .serviceLinkedRoleActions)
        firstSeen = try c.decode(String.self, forKey: .firstSeen)
        lastSeen = try c.decode(String.self, forKey: .lastSeen)
        resolvedAt = try c.decodeIfPresent(String.self, forKey: .resolvedAt)
        archivedBy = try c.decodeIfPresent(String.self, forKey: .archivedBy)
        severity = nil
        severityScore = nil
        severityReason = nil
        remediation = nil
        learnMoreLink = nil
    }

    /// The finding it records. A witness that does not read as a request (an earlier version's,
    /// edited by hand) becomes an empty anonymous request: the witness only illustrates a
    /// finding read back, its identity and status come from the other fields.
    public var finding: ScanFinding {
        var request = Request(principal: .anonymous, action: "", resource: "")
        if let witness, let data = try? JSONEncoder().encode(witness), let decoded = try? RequestFile.decode(bytes: Array(data)) {
            request = decoded
        }
        var finding = ScanFinding(id: id, status: status, isNew: isNew, resource: resource, resourceType: resourceType, account: account,
                                  principal: principal, principalKind: principalKind, actions: actions, conditions: conditions, isPublic: isPublic,
                                  witness: request, statements: statements, source: source, firstSeen: firstSeen, lastSeen: lastSeen,
                                  resolvedAt: resolvedAt, archivedBy: archivedBy)
        finding.access.sourceDetail = sourceDetail
        finding.access.accessPath = accessPath
        finding.access.serviceLinkedRoleActions = serviceLinkedRoleActions
        return finding
    }
}
