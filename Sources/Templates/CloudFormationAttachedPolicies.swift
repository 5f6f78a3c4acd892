import Policy

/// The SCPs, RCPs and identity policies of a CloudFormation template, from the template
/// reference's properties of each type
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html):
///
/// - `AWS::Organizations::Policy`: `Type` (`SERVICE_CONTROL_POLICY`, `RESOURCE_CONTROL_POLICY`;
///   the other types — tag, backup, AI opt-out policies — are not IAM policies), `Content` (a
///   JSON object or a JSON string), `TargetIds` (root, OU and account ids), `Name`.
/// - `AWS::IAM::ManagedPolicy`: `PolicyDocument`, `ManagedPolicyName`, `Path`, `Roles`, `Users`, `Groups`.
/// - `AWS::IAM::Policy`: `PolicyDocument`, `PolicyName`, `Roles`, `Users`, `Groups`.
/// - `AWS::IAM::RolePolicy`, `AWS::IAM::UserPolicy`, `AWS::IAM::GroupPolicy`: `PolicyDocument`,
///   `PolicyName`, `RoleName`/`UserName`/`GroupName`.
/// - `AWS::IAM::Role`, `AWS::IAM::User`, `AWS::IAM::Group`: each entry of `Policies`
///   (`PolicyName`, `PolicyDocument`), attached to that principal.
extension CloudFormationSubjects {
    /// The types whose policy documents `attachedPolicies()` reads (all of their documents).
    static let attachedPolicyTypes: Set<String> = [
        "AWS::Organizations::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::Policy", "AWS::IAM::RolePolicy",
        "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy", "AWS::IAM::User", "AWS::IAM::Group",
    ]

    public func attachedPolicies() -> [AttachedPolicy] {
        var found: [AttachedPolicy] = []
        for resource in template.resources {
            let (created, conditional) = creation(resource)
            guard created else { continue }
            func document(_ kind: AttachedPolicy.Kind, key: String, name: String) -> AttachedPolicy? {
                guard let (policy, path) = property(resource, key) else { return nil }
                var document = AttachedPolicy(file: template.file, name: name, kind: kind, policy: policy, policyPath: path, position: resource.position)
                document.conditional = conditional
                return document
            }
            func names(_ key: String, _ what: String) -> [String] {
                guard let (value, _) = property(resource, key) else { return [] }
                return (value.elements ?? [value]).map { "\(what) " + ($0.textParts.map(TextPart.identity) ?? "(unreadable)") }
            }
            switch resource.type {
            case "AWS::Organizations::Policy":
                let type = property(resource, "Type")?.0
                let kind: AttachedPolicy.Kind
                switch type?.stringValue {
                case "SERVICE_CONTROL_POLICY": kind = .serviceControlPolicy
                case "RESOURCE_CONTROL_POLICY": kind = .resourceControlPolicy
                case .some: continue
                case nil: kind = .organizationPolicyOfUnknownType
                }
                guard var policy = document(kind, key: "Content", name: resource.logicalID) else { continue }
                policy.policyName = property(resource, "Name")?.0.textParts
                if let (targets, _) = property(resource, "TargetIds") {
                    policy.targets = (targets.elements ?? [targets]).map {
                        $0.textParts ?? [.unknown(UnknownValue("a target of \(resource.logicalID) that is not a string", at: $0.position))]
                    }
                }
                found.append(policy)
            case "AWS::IAM::ManagedPolicy":
                guard var policy = document(.identity, key: "PolicyDocument", name: resource.logicalID) else { continue }
                let name = property(resource, "ManagedPolicyName")?.0.textParts
                    ?? [.unknown(UnknownValue("the name CloudFormation generates for \(resource.logicalID) (AWS::IAM::ManagedPolicy) at deploy time", at: resource.position))]
                let path = property(resource, "Path")?.0.textParts ?? [.literal("/")]
                policy.policyName = name
                policy.managedPolicyARN = [.literal("arn:aws:iam::"), account, .literal(":policy")] + path + name
                policy.attachedTo = names("Roles", "role") + names("Users", "user") + names("Groups", "group")
                found.append(policy)
            case "AWS::IAM::Policy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy":
                guard var policy = document(.identity, key: "PolicyDocument", name: resource.logicalID) else { continue }
                policy.policyName = property(resource, "PolicyName")?.0.textParts
                policy.attachedTo = names("Roles", "role") + names("Users", "user") + names("Groups", "group")
                    + names("RoleName", "role") + names("UserName", "user") + names("GroupName", "group")
                found.append(policy)
            case "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group":
                guard let (policies, path) = property(resource, "Policies"), let entries = policies.elements else { continue }
                let what = resource.type.split(separator: ":").last.map { $0.lowercased() } ?? "principal"
                let nameKey = ["AWS::IAM::Role": "RoleName", "AWS::IAM::User": "UserName", "AWS::IAM::Group": "GroupName"][resource.type] ?? ""
                let owner = property(resource, nameKey)?.0.textParts.map(TextPart.identity) ?? "\(resource.logicalID) (name generated at deploy time)"
                for (index, entry) in entries.enumerated() {
                    guard let document = entry.member("PolicyDocument") else { continue }
                    var policy = AttachedPolicy(file: template.file, name: "\(resource.logicalID).Policies[\(index)]", kind: .identity, policy: document,
                                                policyPath: path.appending(index).appending("PolicyDocument"), position: entry.position)
                    policy.conditional = conditional
                    policy.policyName = entry.member("PolicyName")?.textParts
                    policy.attachedTo = ["\(what) \(owner)"]
                    found.append(policy)
                }
            default:
                continue
            }
        }
        return found
    }
}
