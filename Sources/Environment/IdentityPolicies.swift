import Policy

/// The identity side of one IAM user or role, gathered from its account's
/// `get-account-authorization-details`: the policies that may allow its requests and the
/// boundary that caps them, with what could not be known.
///
/// IAM User Guide, "Policy evaluation logic" and "Identity-based policies": a user's permissions
/// are its inline policies, the managed policies attached to it, and the inline and managed
/// policies of every group it belongs to; a role's are its inline and attached policies (groups
/// hold only users). A permissions boundary is one managed policy that caps them ("Permissions
/// boundaries for IAM entities").
///
/// What is not known is never read as "nothing": a document that could not be read, a managed
/// policy the file does not hold, a group it does not list — each names its cause in `unknown`,
/// and an answer that depends on them must be UNPROVEN, never "cannot".
///
/// ```swift
/// let resolved = IdentityPolicies.resolve("arn:aws:iam::111122223333:user/dev", in: details)
/// resolved?.policies        // inline + attached + the groups' documents
/// resolved?.unknown         // [] when every document was read
/// ```
public struct IdentityPolicies: Sendable, Hashable {
    /// The user or role.
    public var principal: IAMAuthorizationDetails.Principal
    /// Whether it is a role (else a user).
    public var isRole: Bool
    /// Every identity policy that applies, as far as it is known (see `unknown`).
    public var policies: [Policy]
    /// The permissions boundary's document; nil when none is attached or it is not known (see `unknown`).
    public var permissionsBoundary: Policy?
    /// Why part of the identity side is not known; empty when all of it is.
    public var unknown: [String]

    public var isComplete: Bool { unknown.isEmpty }

    /// The identity side of the user or role `arn`; nil when `details` lists neither.
    public static func resolve(_ arn: String, in details: IAMAuthorizationDetails) -> IdentityPolicies? {
        let role = details.roles.first { $0.arn == arn }
        guard let principal = role ?? details.users.first(where: { $0.arn == arn }) else { return nil }
        var resolved = IdentityPolicies(principal: principal, isRole: role != nil, policies: [], permissionsBoundary: nil,
                                        unknown: principal.unreadable)
        resolved.gather(principal, owner: principal.arn, details: details)
        if role == nil {
            if let groups = principal.groups {
                for name in groups {
                    // GroupList names groups; names are unique in an account (IAM User Guide, "IAM identifiers").
                    guard let group = details.groups.first(where: { $0.name == name }) else {
                        resolved.unknown.append("group \(name) of \(arn) is not in the account's GroupDetailList")
                        continue
                    }
                    resolved.unknown += group.unreadable
                    resolved.gather(group, owner: group.arn, details: details)
                }
            }
        }
        if let boundary = principal.permissionsBoundary {
            if case .some(.some(let document)) = details.managedPolicies[boundary] {
                resolved.permissionsBoundary = document
            } else {
                resolved.unknown.append(Self.missing(boundary, use: "permissions boundary", of: arn, details: details))
            }
        }
        return resolved
    }

    /// Adds `holder`'s inline documents and attached managed policies.
    private mutating func gather(_ holder: IAMAuthorizationDetails.Principal, owner: String, details: IAMAuthorizationDetails) {
        policies += holder.inlineDocuments.compactMap(\.policy)
        for attached in holder.attachedPolicies {
            if case .some(.some(let document)) = details.managedPolicies[attached] {
                policies.append(document)
            } else {
                unknown.append(Self.missing(attached, use: "managed policy", of: owner, details: details))
            }
        }
    }

    private static func missing(_ policy: String, use: String, of owner: String, details: IAMAuthorizationDetails) -> String {
        details.managedPolicies.keys.contains(policy)
            ? "\(use) \(policy) of \(owner): its default version could not be read"
            : "\(use) \(policy) of \(owner) is not in the account's Policies (collected without AWS managed policies?)"
    }
}
