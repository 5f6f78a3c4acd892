import Policy

/// A file `rampart iac` reads: a CloudFormation template (JSON or YAML) or a Terraform plan
/// (`terraform show -json` output), told apart by their contents.
public enum InfrastructureDocument {
    case cloudFormation(CloudFormationTemplate)
    case terraformPlan(TerraformPlan)

    /// What a template or plan may be: CloudFormation takes templates up to 1 MB (from S3) and
    /// plans of large configurations are bigger; module trees and nested values go deeper than a
    /// policy; inline code and policies as strings are long.
    public static let limits = InputLimits(maxDocumentBytes: 64 << 20, maxNestingDepth: 256, maxStringBytes: 1 << 20)

    public static func read(bytes: [UInt8], file: String) -> (document: InfrastructureDocument?, diagnostics: [TemplateDiagnostic]) {
        let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        if first == UInt8(ascii: "{") {
            let root: JSONValue
            do {
                root = try JSONParser.parse(bytes, limits: limits)
            } catch {
                return (nil, [TemplateDiagnostic(.error, "not valid JSON: \(error.message)", file: file, path: .root, position: error.position)])
            }
            if TerraformPlan.isPlan(root) {
                let (plan, diagnostics) = TerraformPlan.read(root, file: file)
                return (plan.map(InfrastructureDocument.terraformPlan), diagnostics)
            }
            let (template, diagnostics) = CloudFormationTemplate.read(root, file: file)
            return (template.map(InfrastructureDocument.cloudFormation), diagnostics)
        }
        let (template, diagnostics) = CloudFormationTemplate.read(bytes: bytes, file: file)
        return (template.map(InfrastructureDocument.cloudFormation), diagnostics)
    }

    /// What the file holds: the resources to judge, the SCPs, RCPs and identity policies to
    /// validate (`AttachedPolicy`), and the problems met resolving them.
    public struct Contents: Sendable {
        public var subjects: [TemplateSubject]
        public var attachedPolicies: [AttachedPolicy]
        public var diagnostics: [TemplateDiagnostic]
        /// The file creates, changes or deletes RCPs or Organizations policy attachments (or
        /// Organizations policies whose type is unknown): deployed RCPs may not stay as they are.
        public var changesResourceControlPolicies = false
        /// A CloudFormation template: deploying it as a stack update deletes what the stack holds
        /// and the template no longer declares, RCPs and their attachments included ("if you
        /// remove the resource from the stack template, and then update the stack with the
        /// template", AWS CloudFormation User Guide, DeletionPolicy attribute,
        /// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html).
        /// A Terraform plan lists its deletions instead (`changesResourceControlPolicies`).
        public var deletesWhatItOmits = false
    }

    public func contents(context: DeploymentContext) -> Contents {
        switch self {
        case .cloudFormation(let template):
            let subjects = CloudFormationSubjects(template: template, context: context)
            let found = subjects.subjects()
            let attached = subjects.attachedPolicies()
            let unchecked = subjects.uncheckedPolicies()
            var contents = Contents(subjects: found, attachedPolicies: attached, diagnostics: subjects.diagnostics + unchecked)
            contents.changesResourceControlPolicies = attached.contains { $0.kind == .resourceControlPolicy || $0.kind == .organizationPolicyOfUnknownType }
            contents.deletesWhatItOmits = true
            return contents
        case .terraformPlan(let plan):
            let subjects = TerraformSubjects(plan: plan, context: context)
            let attached = subjects.attachedPolicies()
            var contents = Contents(subjects: subjects.subjects(), attachedPolicies: attached, diagnostics: subjects.uncheckedPolicies)
            // An attachment may attach or detach an RCP; a deleted policy may be an RCP.
            let organizations: Set<String> = ["aws_organizations_policy", "aws_organizations_policy_attachment"]
            contents.changesResourceControlPolicies = attached.contains { $0.kind == .resourceControlPolicy }
                || plan.resources.contains { $0.type == "aws_organizations_policy_attachment" }
                || !plan.deletedTypes.isDisjoint(with: organizations)
            return contents
        }
    }
}
