import Authorizer

/// One external access found by a scan, with its identity and life across runs: what
/// `findings.json` holds for each entry (docs/REPORTS.md).
public struct ScanFinding: Sendable {
    /// Stable across runs for the same access (`FindingIdentity`).
    public var id: String
    public var status: FindingStatus
    /// True when the finding was not ACTIVE or ARCHIVED in the previous run (or there was none).
    public var isNew: Bool
    public var resource: String
    public var resourceType: String
    public var account: String
    /// `"*"`, an account id, a service principal, an identity provider, or `CanonicalUser:<id>`.
    public var principal: String
    /// `Everyone`, `Account`, `Service`, `Federated`, `CanonicalUser`.
    public var principalKind: String
    public var actions: [String]
    public var conditions: [String]
    public var isPublic: Bool
    /// A request that has this access (for policy findings, replayed through the Authorizer).
    public var witness: Request
    public var statements: [GrantingStatement]
    /// `policy`, `acl` or `sharing`.
    public var source: String
    /// ISO 8601 times (UTC): first and last scan that found it; when it was found fixed.
    public var firstSeen: String
    public var lastSeen: String
    public var resolvedAt: String?
    /// The archive rule that archived it.
    public var archivedBy: String?

    public init(id: String, status: FindingStatus = .active, isNew: Bool = true, resource: String, resourceType: String, account: String,
                principal: String, principalKind: String, actions: [String], conditions: [String], isPublic: Bool, witness: Request,
                statements: [GrantingStatement], source: String, firstSeen: String = "", lastSeen: String = "",
                resolvedAt: String? = nil, archivedBy: String? = nil) {
        self.id = id
        self.status = status
        self.isNew = isNew
        self.resource = resource
        self.resourceType = resourceType
        self.account = account
        self.principal = principal
        self.principalKind = principalKind
        self.actions = actions
        self.conditions = conditions
        self.isPublic = isPublic
        self.witness = witness
        self.statements = statements
        self.source = source
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.resolvedAt = resolvedAt
        self.archivedBy = archivedBy
    }
}

/// Access Analyzer's finding statuses.
public enum FindingStatus: String, Sendable, Hashable, CaseIterable {
    /// Found by this run, not archived.
    case active = "ACTIVE"
    /// Found by this run and matched by an archive rule: expected access.
    case archived = "ARCHIVED"
    /// Found by an earlier run, no longer found: the access was removed.
    case resolved = "RESOLVED"
}

/// A policy statement that grants a finding's access, located in the snapshot.
public struct GrantingStatement: Sendable, Hashable {
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
