import Policy

/// Who makes a request.
///
/// `arn` is the ARN AWS authenticates the caller as: `arn:aws:iam::A:root`, `arn:aws:iam::A:user/path/name`,
/// `arn:aws:iam::A:role/path/name`, `arn:aws:sts::A:assumed-role/name/session`,
/// `arn:aws:sts::A:federated-user/name`; nil for services, web-identity/SAML callers and anonymous callers.
/// An assumed-role session also carries `roleArn`, the IAM ARN of its role (with the role's path),
/// because AWS reports the role, not the session, as `aws:PrincipalArn` and a policy naming the role
/// covers its sessions.
///
/// ```swift
/// let caller = Principal.assumedRole(roleArn: "arn:aws:iam::444455556666:role/R", sessionName: "s")
/// caller.arn        // "arn:aws:sts::444455556666:assumed-role/R/s"
/// caller.account    // "444455556666"
/// ```
public struct Principal: Sendable, Hashable {
    /// The kinds of caller IAM distinguishes (IAM User Guide, "AWS JSON policy elements: Principal").
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case accountRoot, iamUser, iamRole, assumedRoleSession, federatedUser
        /// A caller of `AssumeRoleWithWebIdentity`; policies name its identity provider (`Federated`).
        case webIdentity
        /// A caller of `AssumeRoleWithSAML`; policies name its SAML provider ARN (`Federated`).
        case samlFederated
        case awsService
        case anonymous

        /// The kinds that belong to an account: its root, its users and roles, role sessions and
        /// federated users. They carry `aws:PrincipalAccount` (and `aws:PrincipalOrgID` when the
        /// account is in an organization); anonymous callers, services and web-identity or SAML
        /// callers before they assume a role do not (IAM User Guide, "AWS global condition context
        /// keys", aws:PrincipalAccount). The one list both semantics and the analysis read.
        public static let withAccount: Set<Kind> = [.accountRoot, .iamUser, .iamRole, .assumedRoleSession, .federatedUser]

        /// Whether this kind belongs to an account (`withAccount`).
        public var hasAccount: Bool { Kind.withAccount.contains(self) }

        /// The kinds that can carry principal tags (`aws:PrincipalTag/…`): IAM users and roles with
        /// attached tags, and sessions with session tags (role sessions, and federated users through
        /// `GetFederationToken`). An account's root user, anonymous callers, services and web-identity
        /// or SAML callers before they assume a role carry none (IAM User Guide, "AWS global condition
        /// context keys", aws:PrincipalTag: "included in the request context if the principal is using
        /// an IAM user with attached tags ... an IAM role with attached tags or session tags"; "Pass
        /// session tags in AWS STS"). The one list both semantics and `RequestRealism` read.
        public static let withTags: Set<Kind> = [.iamUser, .iamRole, .assumedRoleSession, .federatedUser]

        /// Whether a principal of this kind can carry principal tags (`withTags`).
        public var carriesTags: Bool { Kind.withTags.contains(self) }
    }

    public var kind: Kind
    public var arn: String?
    /// The twelve-digit account the caller belongs to; nil for services, federation callers, anonymous.
    public var account: String?
    /// For `assumedRoleSession`: the IAM ARN of the role.
    public var roleArn: String?
    /// For `awsService`: the service principal name, e.g. `cloudfront.amazonaws.com`.
    public var serviceName: String?
    /// For `webIdentity`/`samlFederated`: the provider as policies name it
    /// (`cognito-identity.amazonaws.com`, `arn:aws:iam::A:saml-provider/P`).
    public var provider: String?
    /// The S3 canonical user id, when the caller has one (matched by `CanonicalUser` principals).
    public var canonicalUserID: String?
    /// The value of `aws:userid` when known (`AIDA...` for users, `AROA...:session` for sessions).
    public var userID: String?
    /// The organization of `account`, when it is in one (`aws:PrincipalOrgID`).
    public var orgID: String?
    /// Organization paths (`aws:PrincipalOrgPaths`), e.g. `o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/`.
    public var orgPaths: [String]
    /// Tags on the user or role, and session tags (`aws:PrincipalTag/key`).
    public var tags: [String: String]

    public init(kind: Kind, arn: String? = nil, account: String? = nil, roleArn: String? = nil,
                serviceName: String? = nil, provider: String? = nil, canonicalUserID: String? = nil,
                userID: String? = nil, orgID: String? = nil, orgPaths: [String] = [], tags: [String: String] = [:]) {
        self.kind = kind
        self.arn = arn
        self.account = account
        self.roleArn = roleArn
        self.serviceName = serviceName
        self.provider = provider
        self.canonicalUserID = canonicalUserID
        self.userID = userID
        self.orgID = orgID
        self.orgPaths = orgPaths
        self.tags = tags
    }

    // MARK: Constructors

    public static let anonymous = Principal(kind: .anonymous)

    public static func accountRoot(_ account: String, partition: String = "aws") -> Principal {
        Principal(kind: .accountRoot, arn: "arn:\(partition):iam::\(account):root", account: account)
    }

    public static func user(arn: String) -> Principal {
        Principal(kind: .iamUser, arn: arn, account: ARN(parsing: arn)?.account)
    }

    public static func role(arn: String) -> Principal {
        Principal(kind: .iamRole, arn: arn, account: ARN(parsing: arn)?.account, roleArn: arn)
    }

    /// A session of `roleArn` (which may include a path) named `sessionName`.
    public static func assumedRole(roleArn: String, sessionName: String) -> Principal {
        let parsed = ARN(parsing: roleArn)
        let account = parsed?.account ?? ""
        let partition = parsed?.partition ?? "aws"
        let roleName = parsed.map { $0.resource.split(separator: "/").last.map(String.init) ?? $0.resource } ?? roleArn
        return Principal(kind: .assumedRoleSession,
                         arn: "arn:\(partition):sts::\(account):assumed-role/\(roleName)/\(sessionName)",
                         account: parsed?.account, roleArn: roleArn)
    }

    public static func federatedUser(arn: String) -> Principal {
        Principal(kind: .federatedUser, arn: arn, account: ARN(parsing: arn)?.account)
    }

    public static func service(_ name: String) -> Principal { Principal(kind: .awsService, serviceName: name) }

    public static func webIdentity(provider: String) -> Principal { Principal(kind: .webIdentity, provider: provider) }

    public static func saml(provider: String) -> Principal { Principal(kind: .samlFederated, provider: provider) }

    /// Reads `"anonymous"`, a twelve-digit account id (the account root), or the ARN of an account root,
    /// IAM user, IAM role, assumed-role session (`arn:aws:sts::A:assumed-role/R/S`; its role ARN is taken to
    /// have no path) or federated user. Returns nil for anything else.
    public init?(parsing text: String) {
        if text == "anonymous" { self = .anonymous; return }
        if AccountID.isValid(text) { self = .accountRoot(text); return }
        guard let arn = ARN(parsing: text), AccountID.isValid(arn.account) else { return nil }
        switch arn.service {
        case "iam":
            if arn.resource == "root" {
                self = .accountRoot(arn.account, partition: arn.partition)
            } else if arn.resource.hasPrefix("user/"), arn.resource.count > 5 {
                self = .user(arn: text)
            } else if arn.resource.hasPrefix("role/"), arn.resource.count > 5 {
                self = .role(arn: text)
            } else {
                return nil
            }
        case "sts":
            let parts = arn.resource.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count == 3, parts[0] == "assumed-role", !parts[1].isEmpty, !parts[2].isEmpty {
                self = Principal(kind: .assumedRoleSession, arn: text, account: arn.account,
                                 roleArn: "arn:\(arn.partition):iam::\(arn.account):role/\(parts[1])")
            } else if parts.count == 2, parts[0] == "federated-user", !parts[1].isEmpty {
                self = .federatedUser(arn: text)
            } else {
                return nil
            }
        default:
            return nil
        }
    }

    /// True for a service-linked role or its sessions (`ServiceLinkedRole`: role path
    /// `/aws-service-role/`); SCPs and RCPs do not restrict them.
    public var isServiceLinkedRole: Bool {
        guard kind == .iamRole || kind == .assumedRoleSession, let roleArn else { return false }
        return ServiceLinkedRole.isServiceLinked(roleArn: roleArn)
    }

    /// True for principals whose permissions come from IAM identity policies in their account
    /// (users, roles, sessions, federated users). The root user and non-IAM callers have none.
    public var hasIdentityPolicies: Bool {
        switch kind {
        case .iamUser, .iamRole, .assumedRoleSession, .federatedUser: return true
        case .accountRoot, .webIdentity, .samlFederated, .awsService, .anonymous: return false
        }
    }
}
