import Policy

/// A policy document of a template or plan that is not a resource's own policy but is attached
/// to something: an AWS Organizations SCP or RCP (attached to roots, OUs and accounts) or an IAM
/// identity policy (managed or inline, attached to roles, users and groups). Each is validated
/// as its policy type; an RCP whose targets certainly cover the deploy account also caps the
/// template's resources (`rampart iac`, docs/IAC.md).
///
/// ```swift
/// // AWS::Organizations::Policy, Type RESOURCE_CONTROL_POLICY, TargetIds ["111122223333"]
/// policy.kind        // .resourceControlPolicy
/// policy.targets     // [[.literal("111122223333")]]
/// ```
public struct AttachedPolicy: Sendable {
    public enum Kind: String, Sendable, Codable {
        case serviceControlPolicy = "SERVICE_CONTROL_POLICY"
        case resourceControlPolicy = "RESOURCE_CONTROL_POLICY"
        case identity = "IDENTITY"
        /// An `AWS::Organizations::Policy` whose `Type` is known only at deploy time: an SCP, an
        /// RCP or a policy of another type. Neither validated nor applied.
        case organizationPolicyOfUnknownType = "UNKNOWN_ORGANIZATION_POLICY"

        /// The policy type the validator checks it as; nil when unknown.
        public var policyType: PolicyType? {
            switch self {
            case .serviceControlPolicy: return .scp
            case .resourceControlPolicy: return .rcp
            case .identity: return .identity
            case .organizationPolicyOfUnknownType: return nil
            }
        }
    }

    public var file: String
    /// The template's logical id (with the inline policy's path), or the plan's resource address.
    public var name: String
    public var kind: Kind
    /// The document as resolved (not yet approximated); nil when absent.
    public var policy: TemplateValue?
    /// Where the document is in the file.
    public var policyPath: JSONPath
    public var position: SourcePosition
    /// The document is a JSON string of the file (Organizations' `Content` as text, Terraform's `policy`).
    public var policyIsString = false
    /// Organizations policies: the policy's `Name`; identity policies: the inline policy's name
    /// or the managed policy's name.
    public var policyName: [TextPart]?
    /// SCPs and RCPs: the root, OU and account ids it is attached to, each possibly unknown.
    public var targets: [[TextPart]] = []
    /// Identity policies: what it is attached to (`role NAME`, `user NAME`, `group NAME`).
    public var attachedTo: [String] = []
    /// Customer managed policies: the policy's ARN (parts possibly unknown).
    public var managedPolicyARN: [TextPart]?
    /// The resource is created only under a condition whose value is unknown.
    public var conditional: UnknownValue?

    public init(file: String, name: String, kind: Kind, policy: TemplateValue?, policyPath: JSONPath, position: SourcePosition) {
        self.file = file
        self.name = name
        self.kind = kind
        self.policy = policy
        self.policyPath = policyPath
        self.position = position
    }

    /// Where a path inside the document is in the file (as `TemplateSubject.location(of:)`).
    public func location(of path: JSONPath) -> String {
        if policyIsString { return "\(policyPath) → \(path)" }
        return JSONPath(policyPath.components + path.components).description
    }
}
