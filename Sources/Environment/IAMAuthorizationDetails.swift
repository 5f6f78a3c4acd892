import Policy

/// What `aws iam get-account-authorization-details` says about an account's IAM principals.
/// Roles become `AWS::IAM::Role` resources (their trust policies are resource policies); users,
/// groups and managed policies are kept for reports and validated, since only resource policies
/// decide external access.
public struct IAMAuthorizationDetails: Sendable {
    public struct Principal: Sendable, Hashable {
        public var name: String
        public var arn: String
        /// Inline policy names and attached managed policy ARNs.
        public var inlinePolicies: [String]
        public var attachedPolicies: [String]
        public var permissionsBoundary: String?

        public init(name: String, arn: String, inlinePolicies: [String] = [], attachedPolicies: [String] = [],
                    permissionsBoundary: String? = nil) {
            self.name = name
            self.arn = arn
            self.inlinePolicies = inlinePolicies
            self.attachedPolicies = attachedPolicies
            self.permissionsBoundary = permissionsBoundary
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
