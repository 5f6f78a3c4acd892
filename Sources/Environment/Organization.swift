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

    /// The policies of `type` that apply to an account, one list per level from the root down
    /// (AWS Organizations User Guide, "SCP evaluation": every level must allow).
    public func policies(_ type: OrganizationPolicy.Kind, forAccount account: String) -> [[OrganizationPolicy]] {
        path(to: account).map { node in policies.filter { $0.kind == type && $0.targets.contains(node) } }
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
