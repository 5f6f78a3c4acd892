import Policy

/// The outcome of evaluating one request (IAM User Guide, "Policy evaluation logic").
///
/// ```swift
/// let decision = Authorizer.evaluate(request, policies: policies)
/// decision.outcome               // .allow
/// decision.matchedStatements     // the allow statements that granted it
/// ```
public struct Decision: Sendable, Hashable {
    public enum Outcome: String, Sendable, Hashable, CaseIterable {
        case allow = "Allow"
        case explicitDeny = "ExplicitDeny"
        case implicitDeny = "ImplicitDeny"
    }

    public var outcome: Outcome
    /// For `explicitDeny`: every matching Deny statement. For `allow`: every matching Allow statement of
    /// the policies that count for this request. For `implicitDeny`: empty.
    public var matchedStatements: [MatchedStatement]
    /// For `implicitDeny`: the first requirement that was not met.
    public var reason: ImplicitDenyReason?

    public init(outcome: Outcome, matchedStatements: [MatchedStatement] = [], reason: ImplicitDenyReason? = nil) {
        self.outcome = outcome
        self.matchedStatements = matchedStatements
        self.reason = reason
    }

    public var isAllowed: Bool { outcome == .allow }
}

/// Why nothing allowed the request.
public enum ImplicitDenyReason: String, Sendable, Hashable, CaseIterable {
    /// Some level of the resource's organization path has no RCP allowing the request.
    case resourceControlPolicies = "RCP"
    /// Some level of the principal's organization path has no SCP allowing the request.
    case serviceControlPolicies = "SCP"
    /// A role trust policy or KMS key policy must allow explicitly, and does not.
    case resourcePolicyMustAllow = "ResourcePolicyMustAllow"
    /// Cross-account (or a caller without identity policies): the resource policy does not allow.
    case resourcePolicy = "ResourcePolicy"
    /// No identity policy allows (and the resource policy does not grant the caller directly).
    case identityPolicies = "IdentityPolicies"
    /// The permissions boundary does not allow.
    case permissionsBoundary = "PermissionsBoundary"
    /// The session policy does not allow.
    case sessionPolicy = "SessionPolicy"
    /// The policy of the S3 access point the request goes through does not allow (`PolicySet.accessPointPolicies`).
    case accessPointPolicy = "AccessPointPolicy"
}

/// Which policy of the request a statement came from.
public enum PolicyRole: String, Sendable, Hashable, CaseIterable {
    case identity, resource, boundary, session, scp, rcp
    /// An S3 access point's policy (`PolicySet.accessPointPolicies`).
    case accessPoint
}

/// A statement that took part in a decision.
public struct MatchedStatement: Sendable, Hashable {
    /// The policy's `source` (a file name, or a snapshot path).
    public var policy: String
    public var role: PolicyRole
    public var statementIndex: Int
    public var sid: String?
    public var effect: Effect

    public init(policy: String, role: PolicyRole, statementIndex: Int, sid: String?, effect: Effect) {
        self.policy = policy
        self.role = role
        self.statementIndex = statementIndex
        self.sid = sid
        self.effect = effect
    }
}
