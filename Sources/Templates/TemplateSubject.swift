import Environment
import Policy

/// A resource of a template or plan whose access Rampart judges: its type as Access Analyzer
/// names it, its ARN (parts of which may be unknown), the policy that governs it (resolved, not
/// yet approximated), and where in the file it is.
public struct TemplateSubject: Sendable {
    public var file: String
    /// The template's logical id, or the plan's resource address.
    public var name: String
    /// `AWS::S3::Bucket`, `AWS::IAM::Role`, ...
    public var resourceType: String
    public var arn: [TextPart]
    public var policy: TemplateValue?
    /// The JSON/YAML path of the policy in the file (for statement locations).
    public var policyPath: JSONPath
    public var position: SourcePosition
    /// S3 buckets: the template's own Block Public Access settings for the bucket, if set.
    public var blockPublicAccess: PublicAccessBlockSettings?
    /// The resource is created only under a condition whose value is unknown.
    public var conditional: UnknownValue?
    /// When the policy's statements come from several places (one `AWS::Lambda::Permission`
    /// each): the file path of each statement, by its index in the policy.
    public var statementPaths: [JSONPath]?

    /// The policy is a JSON document inside a string of the file (Terraform's `policy`,
    /// CloudFormation's `RepositoryPolicyText` given as text).
    public var policyIsString = false

    /// Where a path inside the policy is in the file: one path, or for a policy inside a string,
    /// the string's path, ` → ` and the path inside the policy (as snapshot diagnostics write it).
    public func location(of path: JSONPath) -> String {
        if let statementPaths, path.components.count >= 2, path.components[0] == .key("Statement"),
           case .index(let index) = path.components[1], statementPaths.indices.contains(index) {
            return JSONPath(statementPaths[index].components + path.components.dropFirst(2)).description
        }
        if policyIsString { return "\(policyPath) → \(path)" }
        return JSONPath(policyPath.components + path.components).description
    }

    public init(file: String, name: String, resourceType: String, arn: [TextPart], policy: TemplateValue?,
                policyPath: JSONPath, position: SourcePosition, blockPublicAccess: PublicAccessBlockSettings? = nil,
                conditional: UnknownValue? = nil) {
        self.file = file
        self.name = name
        self.resourceType = resourceType
        self.arn = arn
        self.policy = policy
        self.policyPath = policyPath
        self.position = position
        self.blockPublicAccess = blockPublicAccess
        self.conditional = conditional
    }
}
