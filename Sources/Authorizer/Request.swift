import Policy

/// One request to authorize: who, what action, on which resource, and the request context.
///
/// `context` holds the keys the caller states explicitly. The keys AWS derives from the principal
/// (see `DerivedContextKeys`) are added by `effectiveContext`; an explicitly given key REPLACES the
/// derived key of the same name (so a test or a witness can state exactly what AWS would see).
///
/// ```swift
/// let request = Request(principal: .role(arn: "arn:aws:iam::444455556666:role/R"),
///                       action: "s3:GetObject", resource: "arn:aws:s3:::b/k", resourceAccount: "111122223333")
/// ```
public struct Request: Sendable, Hashable {
    public var principal: Principal
    /// `service:Operation`, compared case-insensitively with `Action` patterns.
    public var action: String
    /// The resource ARN, compared case-sensitively with `Resource` patterns.
    public var resource: String
    /// The account owning the resource; nil means "take it from the resource ARN" (S3 ARNs carry none).
    public var resourceAccount: String?
    /// The organization of the resource's owner (`aws:ResourceOrgID`), when known: a fact of the
    /// resource, not a value the caller chooses. Nil: not known (or the owner is in none).
    public var resourceOrgID: String?
    /// The organization paths of the resource's owner (`aws:ResourceOrgPaths`, multivalued:
    /// `o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/`), when known: a fact of the resource, like
    /// `resourceOrgID`. Empty: not known (or the owner is in no organization).
    public var resourceOrgPaths: [String]
    public var context: RequestContext

    public init(principal: Principal, action: String, resource: String, resourceAccount: String? = nil,
                resourceOrgID: String? = nil, resourceOrgPaths: [String] = [], context: RequestContext = RequestContext()) {
        self.principal = principal
        self.action = action
        self.resource = resource
        self.resourceAccount = resourceAccount
        self.resourceOrgID = resourceOrgID
        self.resourceOrgPaths = resourceOrgPaths
        self.context = context
    }

    /// `resourceAccount`, else the account segment of the resource ARN when it is twelve digits.
    public var effectiveResourceAccount: String? {
        if let resourceAccount { return resourceAccount }
        if let account = ARN(parsing: resource)?.account, AccountID.isValid(account) { return account }
        return nil
    }

    /// The derived keys overlaid with the explicit `context`.
    public var effectiveContext: RequestContext {
        DerivedContextKeys.derive(for: principal, resourceAccount: effectiveResourceAccount, action: action,
                                  resourceOrgID: resourceOrgID, resourceOrgPaths: resourceOrgPaths).merging(context)
    }
}
