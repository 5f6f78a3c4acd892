import Authorizer
import Policy

/// One distinct external access to a resource, like an Access Analyzer finding.
public struct ExternalAccessFinding: Sendable, Hashable {
    /// Who gets in: `"*"` (anyone, or any account), an account id, a service principal, a
    /// federated identity provider, or `CanonicalUser:<id>` (S3 ACLs).
    public var principal: String
    public var principalKind: PrincipalClassKind
    /// The actions granted, expanded from globs against the action catalog, sorted.
    public var actions: [String]
    /// The conditions of the statements that grant the access, as `operator key: values`.
    public var conditions: [String]
    public var isPublic: Bool
    /// A request that has this access, replayed through the Authorizer (for `source == .policy`);
    /// for other sources an illustration of it (the ACL grant, share or KMS grant is the evidence).
    public var witness: Request
    /// The statements that grant it.
    public var statements: [StatementReference]
    public var source: FindingSource
    /// For access through an S3 access point: which one (Access Analyzer's `FindingSourceDetail`).
    public var sourceDetail: FindingSourceDetail? = nil
    /// For access through roles (`ROLE_CHAIN`): the path, hop by hop, from the outside principal
    /// to the resource.
    public var accessPath: [AccessPathStep]? = nil
    /// The actions whose witness is a service-linked role of the principal's account (or its
    /// session, `ServiceLinkedRole`): access an AWS service has through that account's role,
    /// which neither RCPs nor SCPs restrict, and which the account's other principals may lack.
    /// Nil when no action's witness is one.
    public var serviceLinkedRoleActions: [String]? = nil

    public init(principal: String, principalKind: PrincipalClassKind, actions: [String], conditions: [String], isPublic: Bool,
                witness: Request, statements: [StatementReference], source: FindingSource) {
        self.principal = principal
        self.principalKind = principalKind
        self.actions = actions
        self.conditions = conditions
        self.isPublic = isPublic
        self.witness = witness
        self.statements = statements
        self.source = source
    }
}

/// Printed as their raw values (`Everyone`, `Account`), the words every output uses.
public enum PrincipalClassKind: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case everyone = "Everyone"
    case account = "Account"
    case service = "Service"
    case federated = "Federated"
    case canonicalUser = "CanonicalUser"

    public var description: String { rawValue }
}

/// Where an access comes from, spelled as IAM Access Analyzer's `FindingSourceType` spells it
/// (https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_FindingSource.html:
/// `POLICY | BUCKET_ACL | S3_ACCESS_POINT | S3_ACCESS_POINT_ACCOUNT`), plus `KMS_GRANT` (the
/// issue's name for access through a KMS grant) and `SNAPSHOT_SHARING`, Rampart's own name for
/// EBS/RDS snapshot sharing lists, which Access Analyzer reports without a source type.
///
/// Earlier versions wrote `policy`, `acl` and `sharing`: `findings.json` files of theirs are read
/// back (`init(spelling:)`, `Decodable`), and finding ids keep those tokens (`identityToken`), so
/// the same access keeps its id across the rename.
public enum FindingSource: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case policy = "POLICY"
    case bucketACL = "BUCKET_ACL"
    case s3AccessPoint = "S3_ACCESS_POINT"
    case s3AccessPointAccount = "S3_ACCESS_POINT_ACCOUNT"
    case kmsGrant = "KMS_GRANT"
    case snapshotSharing = "SNAPSHOT_SHARING"
    /// Access through chains of roles (issue 18): an outside principal may assume a role whose
    /// sessions, possibly through more roles, reach the resource. Rampart's own source (Access
    /// Analyzer judges each resource policy alone and has none).
    case roleChain = "ROLE_CHAIN"

    public var description: String { rawValue }

    /// A source by its spelling, today's or an earlier version's (`policy`, `acl`, `sharing`).
    ///
    /// ```swift
    /// FindingSource(spelling: "acl")         // .bucketACL
    /// FindingSource(spelling: "BUCKET_ACL")  // .bucketACL
    /// ```
    public init?(spelling: String) {
        if let source = FindingSource(rawValue: spelling) {
            self = source
            return
        }
        guard let legacy = Self.allCases.first(where: { $0.legacyToken == spelling }) else { return nil }
        self = legacy
    }

    /// The token earlier versions wrote for the sources they had.
    public var legacyToken: String? {
        switch self {
        case .policy: return "policy"
        case .bucketACL: return "acl"
        case .snapshotSharing: return "sharing"
        case .s3AccessPoint, .s3AccessPointAccount, .kmsGrant, .roleChain: return nil
        }
    }

    /// The token a finding's id is computed from (`FindingIdentity`): the earlier version's token
    /// where there was one, so ids do not change with the spelling; the new spelling otherwise.
    public var identityToken: String { legacyToken ?? rawValue }

    /// Every spelling a filter (an archive rule's `source`) may use for this source.
    public var spellings: [String] { [rawValue] + (legacyToken.map { [$0] } ?? []) }
}

extension FindingSource: Codable {
    /// Reads today's spelling or an earlier version's; anything else is an error naming the value.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let source = FindingSource(spelling: text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "unknown finding source \"\(text)\" (expected one of \(Self.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        self = source
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Which access point a finding's access goes through, as Access Analyzer's
/// `FindingSourceDetail` says it: the access point's ARN, and its account when it is in another
/// account than the bucket ("The account of the cross-account access point that generated the
/// finding"; https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_FindingSourceDetail.html).
/// Rampart adds the access point's network origin (`Internet`, `VPC`), which Access Analyzer's
/// access previews take as part of an access point's configuration.
public struct FindingSourceDetail: Sendable, Hashable, Codable {
    public var accessPointArn: String
    public var accessPointAccount: String?
    public var networkOrigin: String?

    public init(accessPointArn: String, accessPointAccount: String? = nil, networkOrigin: String? = nil) {
        self.accessPointArn = accessPointArn
        self.accessPointAccount = accessPointAccount
        self.networkOrigin = networkOrigin
    }
}

/// A statement of a policy, as findings and explanations cite it.
public struct StatementReference: Sendable, Hashable, Comparable {
    public var policy: String
    public var index: Int
    public var sid: String?

    public init(policy: String, index: Int, sid: String?) {
        self.policy = policy
        self.index = index
        self.sid = sid
    }

    public static func < (lhs: StatementReference, rhs: StatementReference) -> Bool {
        (lhs.policy, lhs.index) < (rhs.policy, rhs.index)
    }

    public var label: String {
        if let sid, !sid.isEmpty { return "statement \(index) (\(sid))" }
        return "statement \(index)"
    }
}

/// The answer for one resource.
public struct ExternalAccessResult: Sendable {
    public enum Status: String, Sendable, Hashable, Codable {
        case externalAccess = "EXTERNAL_ACCESS"
        case noExternalAccess = "NO_EXTERNAL_ACCESS"
        case unproven = "UNPROVEN"
        case error = "ERROR"
    }

    public var status: Status
    public var findings: [ExternalAccessFinding]
    /// Why the answer holds: for NO_EXTERNAL_ACCESS, the statements and conditions that keep
    /// outsiders out (from unsat cores); for UNPROVEN and ERROR, the reason.
    public var explanation: [String]
    /// False when enumeration stopped early (solver unknown): the findings listed are real,
    /// but others may exist.
    public var complete: Bool
    /// Solver calls made.
    public var solverCalls: Int
    /// What decided the resource policy's part: the solver, `ZoneScreen` without it, or the
    /// Authorizer and a screen without it (`SolverFreeFindings`).
    public var decidedBy: Engine
    /// What the user should know whatever the answer: for instance that no statement of the
    /// policy can apply to the resource's ARN (a mistyped name proves nothing).
    public var warnings: [String] = []

    public enum Engine: String, Sendable, Hashable, Codable {
        case solver
        case screen
        case concrete
    }

    public init(status: Status, findings: [ExternalAccessFinding], explanation: [String], complete: Bool,
                solverCalls: Int, decidedBy: Engine = .solver) {
        self.status = status
        self.findings = findings
        self.explanation = explanation
        self.complete = complete
        self.solverCalls = solverCalls
        self.decidedBy = decidedBy
    }

    public var isExternal: Bool { !findings.isEmpty }
    public var isPublic: Bool { findings.contains(where: \.isPublic) }
    public var externalPrincipals: [String] { Array(Set(findings.map(\.principal))).sorted() }
}
