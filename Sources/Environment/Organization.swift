import Policy

/// An AWS Organizations tree: accounts, organizational units, and the SCPs and RCPs attached to them.
public struct Organization: Sendable {
    public var id: String
    public var managementAccountID: String?
    public var rootID: String?
    public var accounts: [OrganizationAccount]
    public var units: [OrganizationalUnit]
    public var policies: [OrganizationPolicy]
    /// Account or OU id → its parent (a root or OU id), from `list-accounts-for-parent` / `list-organizational-units-for-parent`.
    public var parents: [String: String]
    /// Policies whose output could not be fully read: their kind, content or targets are unknown.
    public var unreadablePolicies: [UnreadableOrganizationPolicy] = []
    /// Why the tree (`parents`) may be wrong — a parents file that could not be fully read or
    /// was ambiguous — or nil when it was read whole.
    public var treeProblem: String?

    public init(id: String, managementAccountID: String? = nil, rootID: String? = nil, accounts: [OrganizationAccount] = [],
                units: [OrganizationalUnit] = [], policies: [OrganizationPolicy] = [], parents: [String: String] = [:]) {
        self.id = id
        self.managementAccountID = managementAccountID
        self.rootID = rootID
        self.accounts = accounts
        self.units = units
        self.policies = policies
        self.parents = parents
    }

    /// The member account ids, sorted.
    public var accountIDs: [String] { accounts.map(\.id).sorted() }

    /// The path from the root to `target` (root, OUs…, the target itself), following `parents`.
    public func path(to target: String) -> [String] {
        var path = [target]
        var seen: Set<String> = [target]
        var current = target
        while let parent = parents[current], !seen.contains(parent) {
            path.insert(parent, at: 0)
            seen.insert(parent)
            current = parent
        }
        if let rootID, path.first != rootID { path.insert(rootID, at: 0) }
        return path
    }

    /// Why the RCPs that apply to `account` are not known, or nil when they are: the
    /// management account is unknown (RCPs do not apply to it), the tree could not be read, or a
    /// policy that may be an RCP attached on the account's path (or anywhere, when its targets
    /// are unknown) could not be read. Leaving such a policy out of its level could remove an
    /// Allow (RCPFullAWSAccess) and deny everything: a false "safe".
    public func resourceControlPoliciesUnknown(forAccount account: String) -> String? {
        if managementAccountID == nil { return "the management account is unknown (describe-organization has no MasterAccountId)" }
        if let treeProblem { return treeProblem }
        let nodes = Set(path(to: account))
        for unreadable in unreadablePolicies where unreadable.kind != .serviceControlPolicy {
            let what = "policy \(unreadable.id) (\(unreadable.files.joined(separator: ", ")))"
            guard let targets = unreadable.targets else {
                return "\(what) could not be fully read and its targets are unknown"
            }
            if !nodes.isDisjoint(with: targets) { return "\(what), attached on the account's path, could not be fully read" }
        }
        return nil
    }

    /// The policies of `type` that apply to an account, one list per level from the root down
    /// (AWS Organizations User Guide, "SCP evaluation": every level must allow).
    public func policies(_ type: OrganizationPolicy.Kind, forAccount account: String) -> [[OrganizationPolicy]] {
        path(to: account).map { node in policies.filter { $0.kind == type && $0.targets.contains(node) } }
    }
}

/// An SCP or RCP whose `describe-policy` or `list-targets-for-policy` output could not be fully
/// read (missing, truncated, a wrong or missing field, an unrecognised `Type`).
public struct UnreadableOrganizationPolicy: Sendable, Hashable {
    public var id: String
    /// Nil when the type is unknown: it may be an RCP.
    public var kind: OrganizationPolicy.Kind?
    /// Nil when the targets are unknown: it may be attached anywhere.
    public var targets: [String]?
    public var files: [String]

    public init(id: String, kind: OrganizationPolicy.Kind?, targets: [String]?, files: [String]) {
        self.id = id
        self.kind = kind
        self.targets = targets
        self.files = files
    }
}

public struct OrganizationAccount: Sendable, Hashable {
    public var id: String
    public var name: String?
    public var status: String?

    public init(id: String, name: String? = nil, status: String? = nil) {
        self.id = id
        self.name = name
        self.status = status
    }
}

public struct OrganizationalUnit: Sendable, Hashable {
    public var id: String
    public var name: String?
    public var parentID: String?

    public init(id: String, name: String? = nil, parentID: String? = nil) {
        self.id = id
        self.name = name
        self.parentID = parentID
    }
}

/// An SCP or RCP (`aws organizations describe-policy`) and its targets (`list-targets-for-policy`).
public struct OrganizationPolicy: Sendable {
    public enum Kind: String, Sendable, Hashable {
        case serviceControlPolicy = "SERVICE_CONTROL_POLICY"
        case resourceControlPolicy = "RESOURCE_CONTROL_POLICY"
    }

    public var id: String
    public var name: String?
    public var kind: Kind
    /// Nil when the content could not be read or has ERROR diagnostics.
    public var policy: Policy?
    /// Root, OU and account ids it is attached to.
    public var targets: [String]
    public var file: String

    public init(id: String, name: String?, kind: Kind, policy: Policy?, targets: [String], file: String) {
        self.id = id
        self.name = name
        self.kind = kind
        self.policy = policy
        self.targets = targets
        self.file = file
    }
}
