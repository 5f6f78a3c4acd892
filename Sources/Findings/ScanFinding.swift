import Analysis
import Authorizer

/// One external access found by a scan, with its identity and life across runs: what
/// `findings.json` holds for each entry (docs/REPORTS.md). The access itself is the analysis's
/// typed finding (`ExternalAccessFinding`: principal kind, source, witness), as found or as read
/// back from an earlier run's `findings.json`; the scan adds where it was found and when.
public struct ScanFinding: Sendable {
    /// Stable across runs for the same access (`FindingIdentity`).
    public var id: String
    public var status: FindingStatus
    /// True when the finding was not ACTIVE or ARCHIVED in the previous run (or there was none).
    public var isNew: Bool
    public var resource: String
    public var resourceType: String
    public var account: String
    /// Who gets in, with which actions, under which conditions, through what, and a request that
    /// has the access (for policy findings, replayed through the Authorizer).
    public var access: ExternalAccessFinding
    /// The policy statements that grant it, located in the snapshot.
    public var statements: [GrantingStatement]
    /// ISO 8601 times (UTC): first and last scan that found it; when it was found fixed.
    public var firstSeen: String
    public var lastSeen: String
    public var resolvedAt: String?
    /// The archive rule that archived it.
    public var archivedBy: String?

    public init(id: String, status: FindingStatus = .active, isNew: Bool = true, resource: String, resourceType: String, account: String,
                access: ExternalAccessFinding, statements: [GrantingStatement], firstSeen: String = "", lastSeen: String = "",
                resolvedAt: String? = nil, archivedBy: String? = nil) {
        self.id = id
        self.status = status
        self.isNew = isNew
        self.resource = resource
        self.resourceType = resourceType
        self.account = account
        self.access = access
        self.statements = statements
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.resolvedAt = resolvedAt
        self.archivedBy = archivedBy
    }

    /// A finding from its parts (tests, and findings read back from `findings.json`); the
    /// access's statement references are the located statements' indices and Sids.
    public init(id: String, status: FindingStatus = .active, isNew: Bool = true, resource: String, resourceType: String, account: String,
                principal: String, principalKind: PrincipalClassKind, actions: [String], conditions: [String], isPublic: Bool, witness: Request,
                statements: [GrantingStatement], source: FindingSource, firstSeen: String = "", lastSeen: String = "",
                resolvedAt: String? = nil, archivedBy: String? = nil) {
        let references = statements.map { StatementReference(policy: $0.file, index: $0.statementIndex, sid: $0.sid) }
        self.init(id: id, status: status, isNew: isNew, resource: resource, resourceType: resourceType, account: account,
                  access: ExternalAccessFinding(principal: principal, principalKind: principalKind, actions: actions, conditions: conditions,
                                                isPublic: isPublic, witness: witness, statements: references, source: source),
                  statements: statements, firstSeen: firstSeen, lastSeen: lastSeen, resolvedAt: resolvedAt, archivedBy: archivedBy)
    }

    /// `"*"`, an account id, a service principal, an identity provider, or `CanonicalUser:<id>`.
    public var principal: String { access.principal }
    public var principalKind: PrincipalClassKind { access.principalKind }
    public var actions: [String] { access.actions }
    public var conditions: [String] { access.conditions }
    public var isPublic: Bool { access.isPublic }
    public var witness: Request { access.witness }
    public var source: FindingSource { access.source }
}

/// Access Analyzer's finding statuses.
public enum FindingStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Found by this run, not archived.
    case active = "ACTIVE"
    /// Found by this run and matched by an archive rule: expected access.
    case archived = "ARCHIVED"
    /// Found by an earlier run, no longer found: the access was removed.
    case resolved = "RESOLVED"
}

/// A policy statement that grants a finding's access, located in the snapshot.
public struct GrantingStatement: Sendable, Hashable, Codable {
    /// The snapshot file holding the policy, and the policy's JSON path in it.
    public var file: String
    public var documentPath: String
    public var statementIndex: Int
    public var sid: String?
    /// 1-based line in `file`, when known.
    public var line: Int?
    /// The statement as written (pretty-printed JSON).
    public var text: String

    public init(file: String, documentPath: String, statementIndex: Int, sid: String?, line: Int?, text: String) {
        self.file = file
        self.documentPath = documentPath
        self.statementIndex = statementIndex
        self.sid = sid
        self.line = line
        self.text = text
    }
}
