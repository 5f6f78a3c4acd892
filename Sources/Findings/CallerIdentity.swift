import Analysis
import Authorizer
import Encoding
import Environment
import Policy

/// One IAM user or role of a snapshot as a caller (issue 18): who it is (`pin`, for
/// `PrincipalReach`) and its side of every request — identity policies, permissions boundary,
/// the SCPs on its account's path.
///
/// What the snapshot does not say is never read as "no permission": when part of the identity
/// side is unknown (`IdentityPolicies.unknown`), the identity policies are left unknown and
/// assumed to allow and the boundary left out; SCPs that cannot all be read are left out. Each
/// such part is named in `unknown`, and an access that depends on it is UNPROVEN, not found.
public struct CallerIdentity: Sendable {
    /// The user's or role's ARN.
    public var arn: String
    public var account: String
    public var isRole: Bool
    /// The caller: the user, or any session of the role (its name chosen by its assumer).
    public var pin: PrincipalPin
    /// Nil: unknown, assumed to allow (see `unknown`).
    public var identityPolicies: [Policy]?
    public var permissionsBoundary: Policy?
    /// Nil: none apply (no organization, the management account) or not known (see `unknown`).
    public var serviceControlPolicies: [[Policy]]?
    /// What of the caller's side is not known; empty when all of it is.
    public var unknown: [String]

    /// The policies of a request by this caller to `resource`: its side and the resource's.
    public func policies(toward resource: AnalyzedResource) -> PolicySet {
        var set = resource.policies
        set.identityPolicies = identityPolicies
        set.permissionsBoundary = permissionsBoundary
        set.serviceControlPolicies = serviceControlPolicies
        return set
    }

    /// Every user and role of the snapshot's accounts, in account and file order; the accounts
    /// on `workers` threads (each reads only its own account and the organization).
    public static func all(in snapshot: Snapshot, workers: Int = 1) -> [CallerIdentity] {
        ParallelWorkers.run(count: snapshot.accounts.count, workers: workers) { index in
            all(in: snapshot.accounts[index], organization: snapshot.organization)
        }.flatMap { $0 }
    }

    /// The users and roles of one account, in file order.
    static func all(in account: AccountSnapshot, organization: Organization?) -> [CallerIdentity] {
        guard let details = account.iam else { return [] }
        // What every caller of the account shares, found once per account.
        let side = AccountSide(account: account.id, organization: organization)
        return (details.roles + details.users).compactMap { principal in
            IdentityPolicies.resolve(principal.arn, in: details).map { make($0, account: account.id, side: side) }
        }
    }

    /// The organization position and SCP levels of an account's callers, and what of them is
    /// not known.
    struct AccountSide {
        var owner: OwnerOrganization?
        var serviceControlPolicies: [[Policy]]?
        var unknown: [String] = []

        init(account: String, organization: Organization?) {
            owner = AnalyzedResourceBuilder.ownerOrganization(of: account, in: organization)
            serviceControlPolicies = CallerIdentity.serviceControlPolicies(account: account, organization: organization, unknown: &unknown)
        }
    }

    static func make(_ resolved: IdentityPolicies, account: String, side: AccountSide) -> CallerIdentity {
        let principal = resolved.principal
        var unknown = resolved.unknown
        var caller: Principal
        if resolved.isRole {
            // Any session of the role: the name is the assumer's choice (`anySessionName`).
            caller = .assumedRole(roleArn: principal.arn, sessionName: "session")
        } else {
            caller = .user(arn: principal.arn)
        }
        caller.userID = principal.id
        caller.tags = principal.tags
        var anyOrganization = true, anyPaths = true
        if let owner = side.owner {
            caller.orgID = owner.id
            anyOrganization = false
            if let paths = owner.paths {
                caller.orgPaths = paths
                anyPaths = false
            }
        }
        if resolved.isRole && principal.id == nil { unknown.append("role \(principal.arn) has no RoleId in the snapshot: its sessions' aws:userid is unknown") }
        let pin = PrincipalPin(caller, anySessionName: resolved.isRole, anyOrganization: anyOrganization, anyOrganizationPaths: anyPaths)
        let scps = side.serviceControlPolicies
        unknown += side.unknown
        let complete = resolved.isComplete
        return CallerIdentity(arn: principal.arn, account: account, isRole: resolved.isRole, pin: pin,
                              identityPolicies: complete ? resolved.policies : nil,
                              permissionsBoundary: complete ? resolved.permissionsBoundary : nil,
                              serviceControlPolicies: scps, unknown: unknown)
    }

    /// The SCP levels from the root to `account` (AWS Organizations User Guide, "SCP evaluation":
    /// every level must allow), or nil when none apply — no organization, an account it does not
    /// list, the management account ("SCPs don't affect users or roles in the management
    /// account") — or when they are not all known: a level without a readable SCP would deny
    /// everything, a false "cannot", so the whole layer is left out and the cause recorded.
    static func serviceControlPolicies(account: String, organization: Organization?, unknown: inout [String]) -> [[Policy]]? {
        guard let organization, organization.accountIDs.contains(account), organization.managementAccountID != account else { return nil }
        if organization.managementAccountID == nil {
            unknown.append("the organization's management account is unknown, so whether SCPs apply to \(account) is unknown")
            return nil
        }
        if let problem = organization.treeProblem {
            unknown.append("the SCPs of \(account) are unknown: \(problem)")
            return nil
        }
        let nodes = Set(organization.path(to: account))
        for unreadable in organization.unreadablePolicies where unreadable.kind != .resourceControlPolicy {
            if unreadable.targets.map({ !nodes.isDisjoint(with: $0) }) ?? true {
                unknown.append("policy \(unreadable.id), which may be an SCP on the path of \(account), could not be fully read")
                return nil
            }
        }
        let levels = organization.policies(.serviceControlPolicy, forAccount: account)
        guard !levels.isEmpty, levels.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.policy != nil } }) else {
            unknown.append("the SCPs on the path of \(account) are not all in the snapshot")
            return nil
        }
        return levels.map { $0.compactMap(\.policy) }
    }
}
