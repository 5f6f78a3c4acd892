/// The kind of policy a document is. It decides which elements are required or
/// forbidden (a resource policy names a `Principal`; an identity policy must not)
/// and which size quota applies.
public enum PolicyType: String, Sendable, Hashable, CaseIterable, Codable {
    /// Attached to a user, group or role (managed or inline).
    case identity
    /// Attached to a resource: bucket, key, queue, topic, function, secret, repository...
    case resource
    /// An IAM role's trust policy (the role's resource policy for `sts:AssumeRole*`).
    case trust
    /// A service control policy (AWS Organizations): caps principals of member accounts.
    case scp
    /// A resource control policy (AWS Organizations): caps resources of member accounts.
    case rcp
    /// A permissions boundary: a managed policy used as the cap of a user's or role's identity policies.
    case boundary

    /// Whether statements of this type must name a principal (`Principal` or `NotPrincipal`).
    ///
    /// IAM User Guide, "IAM JSON policy elements: Principal": "You must use the Principal element
    /// in resource-based policies"; "You cannot use the Principal element in an identity-based policy".
    /// RCPs require `"Principal": "*"` (AWS Organizations User Guide, "RCP syntax").
    public var requiresPrincipal: Bool {
        switch self {
        case .resource, .trust, .rcp: return true
        case .identity, .scp, .boundary: return false
        }
    }

    /// Whether statements of this type must name a `Resource` or `NotResource`.
    /// Trust policies name none (the role is the resource); resource policies may omit it
    /// (the resource the policy is attached to is implied; IAM User Guide, "Resource").
    public var requiresResource: Bool {
        switch self {
        case .identity, .scp, .rcp, .boundary: return true
        case .resource, .trust: return false
        }
    }

    /// Whether a `Principal` element may appear at all.
    public var allowsPrincipal: Bool { requiresPrincipal }
}
