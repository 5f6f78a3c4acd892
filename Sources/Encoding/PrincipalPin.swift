import Authorizer
import Z3

/// One known caller, fixed in a symbolic request while its action, resource and context stay
/// free: the caller of an access-path edge ("can this role's sessions reach that bucket?").
///
/// A role session's name and its session tags are chosen by whoever assumes the role (STS
/// `AssumeRole`'s `RoleSessionName` and `Tags`; IAM User Guide, "Pass session tags in AWS STS"):
/// `anySessionName` and `anyTags` leave them free — more requests, never fewer.
///
/// ```swift
/// let session = Principal.assumedRole(roleArn: "arn:aws:iam::111122223333:role/Etl", sessionName: "any")
/// let pinned = try authorization.pin(PrincipalPin(session, anySessionName: true))
/// ```
public struct PrincipalPin: Sendable {
    /// The caller's kind, account, ARNs, organization, ids and tags. For a session with
    /// `anySessionName`, `userID` is the role's id (`aws:userid` is it, `:` and the session name).
    public var principal: Principal
    public var anySessionName: Bool
    /// `aws:PrincipalTag/…` left free (tags the assumer may pass); else exactly `principal.tags`.
    public var anyTags: Bool
    /// The caller's organization is not known (an account the snapshot's organization files do
    /// not list may be in another): `aws:PrincipalOrgID` and `aws:PrincipalOrgPaths` left free.
    public var anyOrganization: Bool
    /// The caller's organization is `principal.orgID` but its paths are not known (the tree was
    /// not read whole): `aws:PrincipalOrgPaths` left free.
    public var anyOrganizationPaths: Bool
    /// The request's source identity keys: free (default), absent, or set on this request.
    public var sourceIdentity: SourceIdentityState = .free

    public init(_ principal: Principal, anySessionName: Bool = false, anyTags: Bool = false,
                anyOrganization: Bool = false, anyOrganizationPaths: Bool = false) {
        self.principal = principal
        self.anySessionName = anySessionName
        self.anyTags = anyTags
        self.anyOrganization = anyOrganization
        self.anyOrganizationPaths = anyOrganizationPaths
    }
}

extension PrincipalPin {
    /// The caller of a witness decoded under this pin, with what the pin fixes stated in full:
    /// the decoder writes only the fields and keys the policies read (an unread tag is left out),
    /// so the pinned caller's own values are put back — its tags, organization, ids and ARN —
    /// except where the pin leaves them free (the session's name and `aws:userid`, free tags,
    /// an unknown organization), which stay as decoded. The result is what is replayed.
    public func caller(of decoded: Principal) -> Principal {
        var caller = principal
        if anySessionName && principal.kind == .assumedRoleSession {
            caller.arn = decoded.arn
            caller.userID = decoded.userID
        }
        if anyTags { caller.tags = decoded.tags }
        if anyOrganization {
            caller.orgID = decoded.orgID
            caller.orgPaths = decoded.orgPaths
        } else if anyOrganizationPaths {
            caller.orgPaths = decoded.orgPaths
        }
        return caller
    }
}

extension PrincipalPin {
    /// The request keys (lowercased) that `state` says are not in the request.
    public static func absentKeys(_ state: SourceIdentityState) -> [String] {
        switch state {
        case .free: return []
        case .absent: return ["aws:sourceidentity", "sts:sourceidentity"]
        case .settingNow: return ["aws:sourceidentity"]
        }
    }
}

extension SymbolicAuthorization {
    /// The request's caller is `pin`'s: its fields and the keys that belong to it (tags,
    /// organization paths); the action, resource and the other keys are left free. Build it after
    /// compiling (it pins the keys the policies read).
    public func pin(_ pin: PrincipalPin) throws -> Z3Bool {
        let pinning = RequestPinning(request: request)
        let parts = try pinning.pinPrincipal(pin.principal, anySessionName: pin.anySessionName, anyOrganization: pin.anyOrganization)
            + pinning.pinPrincipalKeys(pin.principal, anyTags: pin.anyTags,
                                       anyOrganizationPaths: pin.anyOrganization || pin.anyOrganizationPaths)
            + pinning.pinAbsent(PrincipalPin.absentKeys(pin.sourceIdentity))
        return try request.context.and(parts)
    }
}
