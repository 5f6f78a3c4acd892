/// What a caller's session says of its source identity (`sts:SourceIdentity`, `aws:SourceIdentity`)
/// on one request of an access path (issue 18).
///
/// AWS (IAM User Guide, "Monitor and control actions taken with assumed roles",
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html):
/// "After a source identity is set, it is present in requests for any AWS action taken during the
/// role session. The value that is set persists when a role is used to assume another role …
/// known as role chaining. The value that is set cannot be changed during the role session." It is
/// set when a role is assumed, which needs `sts:SetSourceIdentity` allowed as well as the
/// `AssumeRole` call ("Permissions required to set source identity", same page). An IAM user's own
/// requests carry none (`aws:SourceIdentity`: "included in the request context after a source
/// identity has been set when a role is assumed", IAM User Guide, "AWS global condition context
/// keys").
///
/// ```swift
/// var pin = PrincipalPin(.user(arn: "arn:aws:iam::111122223333:user/alice"))
/// pin.sourceIdentity = .absent   // a user's requests carry no source identity
/// ```
public enum SourceIdentityState: String, Sendable, Hashable {
    /// Either key may be present with any value (an outside caller's choice, or an earlier hop
    /// that may have set one): the over-approximation, as before issue 18's item 3.
    case free
    /// Neither key is in the request: the session has none and does not set one.
    case absent
    /// The session has none (`aws:SourceIdentity` absent) but sets one on this `AssumeRole` or
    /// `SetSourceIdentity` request: `sts:SourceIdentity` free.
    case settingNow
}
