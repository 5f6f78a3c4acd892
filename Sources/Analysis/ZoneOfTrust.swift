/// The principals a resource owner trusts: one account, a set of accounts, or an
/// organization (its id plus its member accounts). Everything else — other accounts,
/// anonymous callers, federated identities, services acting for accounts outside the zone —
/// is external (IAM Access Analyzer User Guide, "Zone of trust").
///
/// ```swift
/// let zone = ZoneOfTrust.organization("o-a1b2c3d4e5", accounts: ["111122223333", "444455556666"])
/// zone.contains(account: "999988887777")   // false
/// ```
public struct ZoneOfTrust: Sendable, Hashable {
    public var accounts: [String]
    /// For an organization zone: its id. Principals of accounts outside `accounts` are never in it.
    public var organizationID: String?

    public init(accounts: [String], organizationID: String? = nil) {
        self.accounts = Array(Set(accounts)).sorted()
        self.organizationID = organizationID
    }

    public static func account(_ account: String) -> ZoneOfTrust { ZoneOfTrust(accounts: [account]) }

    public static func organization(_ id: String, accounts: [String]) -> ZoneOfTrust {
        ZoneOfTrust(accounts: accounts, organizationID: id)
    }

    public var isOrganization: Bool { organizationID != nil }

    public func contains(account: String) -> Bool { accounts.contains(account) }

    /// The organization of a resource owned by `account` (`aws:ResourceOrgID`), as far as the zone
    /// knows it: an organization zone's id for its member accounts; nil (unknown) otherwise.
    public func organization(ofOwner account: String?) -> String? {
        guard let account, contains(account: account) else { return nil }
        return organizationID
    }

    public var description: String {
        if let organizationID { return "organization \(organizationID) (\(accounts.count) accounts)" }
        return accounts.count == 1 ? "account \(accounts[0])" : "accounts \(accounts.joined(separator: ", "))"
    }
}
