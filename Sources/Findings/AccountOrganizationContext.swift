import Analysis
import Environment
import Policy

/// What the analysed form of every resource of one account takes from the organization
/// (`AnalyzedResourceBuilder`): whether RCPs govern the account's resources (it is a member and
/// not the management account), the RCP levels on its path or why they are not known, and the
/// account's organization for `aws:ResourceOrgID`/`aws:ResourceOrgPaths`. None of it depends on
/// the resource but for its service, so a scan works it out once per account, not once per
/// resource (each time sorting and searching the organization's member list).
///
/// ```swift
/// let context = AccountOrganizationContext(account: "111122223333", organization: snapshot.organization)
/// context.resourceControlPolicies(for: .s3Bucket)   // the RCP levels from the root down, or nil
/// ```
public struct AccountOrganizationContext: Sendable {
    public let account: String
    /// A member of the organization other than its management account ("RCPs don't apply to
    /// resources in the management account").
    private let governedAccount: Bool
    /// The RCP levels when the account is governed and every RCP on its path was read.
    private let levels: [[Policy]]?
    /// Why the RCPs on the path of a governed account are not known, or nil.
    private let unknownLevels: String?
    /// The account's organization (`AnalyzedResourceBuilder.ownerOrganization`).
    public let ownerOrganization: OwnerOrganization?

    public init(account: String, organization: Organization?) {
        self.account = account
        guard let organization else {
            governedAccount = false
            levels = nil
            unknownLevels = nil
            ownerOrganization = nil
            return
        }
        let member = organization.accounts.contains { $0.id == account }
        governedAccount = member && organization.managementAccountID != account
        ownerOrganization = AnalyzedResourceBuilder.ownerOrganization(of: account, in: organization)
        guard governedAccount else {
            levels = nil
            unknownLevels = nil
            return
        }
        if let reason = organization.resourceControlPoliciesUnknown(forAccount: account) {
            levels = nil
            unknownLevels = reason
            return
        }
        let found = organization.policies(.resourceControlPolicy, forAccount: account)
        if !found.isEmpty, found.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.policy != nil } }) {
            levels = found.map { $0.compactMap(\.policy) }
        } else {
            levels = nil
        }
        let unreadable = found.joined().filter { $0.policy == nil }
        unknownLevels = unreadable.isEmpty ? nil
            : "RCP \(unreadable.map { "\($0.id) (\($0.file))" }.joined(separator: ", ")) on the account's path could not be read"
    }

    /// Whether RCPs govern the account's resources of `type` (`AnalyzedResourceBuilder.servicesUnderRCPs`).
    public func governs(_ type: ResourceType) -> Bool {
        governedAccount && type.servicePrefixes.allSatisfy { AnalyzedResourceBuilder.servicesUnderRCPs.contains($0) }
    }

    /// The RCP levels from the root to the account, or nil when none apply (see
    /// `AnalyzedResourceBuilder.resourceControlPolicies`).
    public func resourceControlPolicies(for type: ResourceType) -> [[Policy]]? {
        governs(type) ? levels : nil
    }

    /// Why RCPs that would apply to the account's resources of `type` were left out, or nil (see
    /// `AnalyzedResourceBuilder.unknownResourceControlPolicies`).
    public func unknownResourceControlPolicies(for type: ResourceType) -> String? {
        governs(type) ? unknownLevels : nil
    }
}
