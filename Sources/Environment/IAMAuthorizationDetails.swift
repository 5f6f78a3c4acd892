import Policy

/// What `aws iam get-account-authorization-details` says about an account's IAM principals.
/// Roles become `AWS::IAM::Role` resources (their trust policies are resource policies); users,
/// groups, roles and managed policies are kept with their documents, tags and group membership:
/// the identity side of the account (`IdentityPolicies` gathers each principal's policies).
public struct IAMAuthorizationDetails: Sendable {
    public struct Principal: Sendable, Hashable {
        public var name: String
        public var arn: String
        /// Inline policy names and attached managed policy ARNs.
        public var inlinePolicies: [String]
        public var attachedPolicies: [String]
        public var permissionsBoundary: String?
        /// The unique id (`UserId`, `RoleId`, `GroupId`): the first part of `aws:userid`.
        public var id: String? = nil
        /// The inline policies' documents, in `inlinePolicies`' order: nil for one that could not be read.
        public var inlineDocuments: [InlinePolicy] = []
        /// For a user: the names of its groups (`GroupList`); nil when the file does not say.
        public var groups: [String]? = []
        /// Tags on the user or role (`Tags`): they become `aws:PrincipalTag/…` of its requests.
        public var tags: [String: String] = [:]
        /// Why some of this principal's own documents are not known (an unreadable inline
        /// document, an unreadable group list); empty when every one was read.
        public var unreadable: [String] = []

        public init(name: String, arn: String, inlinePolicies: [String] = [], attachedPolicies: [String] = [],
                    permissionsBoundary: String? = nil) {
            self.name = name
            self.arn = arn
            self.inlinePolicies = inlinePolicies
            self.attachedPolicies = attachedPolicies
            self.permissionsBoundary = permissionsBoundary
        }
    }

    /// An inline policy: its name and its document (nil when it could not be read).
    public struct InlinePolicy: Sendable, Hashable {
        public var name: String
        public var policy: Policy?

        public init(name: String, policy: Policy?) {
            self.name = name
            self.policy = policy
        }
    }

    public var users: [Principal]
    public var groups: [Principal]
    public var roles: [Principal]
    /// Customer managed policies: ARN → the default version's document (nil when unreadable).
    public var managedPolicies: [String: Policy?]

    public init(users: [Principal] = [], groups: [Principal] = [], roles: [Principal] = [], managedPolicies: [String: Policy?] = [:]) {
        self.users = users
        self.groups = groups
        self.roles = roles
        self.managedPolicies = managedPolicies
    }
}
