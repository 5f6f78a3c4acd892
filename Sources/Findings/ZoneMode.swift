import Analysis
import Environment

/// Which zone of trust a scan uses (`rampart scan --zone`).
public enum ZoneMode: String, Sendable, CaseIterable, Codable {
    /// Each account is its own zone: access from any other account is external.
    case account
    /// The organization's member accounts (and its id) form one zone.
    case organization

    public struct MissingOrganization: Error, CustomStringConvertible {
        public init() {}
        public var description: String { "--zone organization needs an organization/ folder in the snapshot (docs/SNAPSHOT.md)" }
    }

    /// The zone that applies to resources of `account`. In organization mode, an account the
    /// organization does not list is its own zone (and the snapshot has a warning about it).
    public func zone(for account: String, in snapshot: Snapshot) throws -> ZoneOfTrust {
        switch self {
        case .account:
            return .account(account)
        case .organization:
            guard let organization = snapshot.organization else { throw MissingOrganization() }
            guard organization.accountIDs.contains(account) else { return .account(account) }
            return .organization(organization.id, accounts: organization.accountIDs)
        }
    }
}
