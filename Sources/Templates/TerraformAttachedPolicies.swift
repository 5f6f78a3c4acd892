import Policy

/// The SCPs, RCPs and identity policies of a Terraform plan, from the AWS provider's resource
/// documentation (https://registry.terraform.io/providers/hashicorp/aws/latest/docs):
///
/// - `aws_organizations_policy` (`content`, `name`, `type`: `SERVICE_CONTROL_POLICY` when not
///   set, `RESOURCE_CONTROL_POLICY`; other types are not IAM policies), attached by
///   `aws_organizations_policy_attachment` (`policy_id`, `target_id`).
/// - `aws_iam_policy` (`policy`, `name`, `path`), `aws_iam_role_policy` (`role`),
///   `aws_iam_user_policy` (`user`), `aws_iam_group_policy` (`group`), each `inline_policy` block
///   of `aws_iam_role`; managed policies are attached by `aws_iam_role_policy_attachment`,
///   `aws_iam_user_policy_attachment`, `aws_iam_group_policy_attachment` and
///   `aws_iam_policy_attachment` (`policy_arn`).
///
/// An attachment's target counts as a target of the policy (`AttachedPolicy.targets`, which RCPs
/// are applied by) only when the plan knows its `policy_id` and it is the policy's own id. A new
/// policy's id is known only after apply; the configuration then says which policy the
/// attachment refers to, but not how its `policy_id` is computed from it, so such targets are
/// listed (`attachedTo`) and not counted: an RCP applied where it may not apply would be a wrong
/// "no external access".
extension TerraformSubjects {
    static let attachedPolicyTypes: Set<String> = [
        "aws_organizations_policy", "aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy",
    ]

    public func attachedPolicies() -> [AttachedPolicy] {
        var found: [AttachedPolicy] = []
        for resource in plan.resources {
            func document(_ kind: AttachedPolicy.Kind, key: String = "policy", value: TemplateValue? = nil, path: JSONPath? = nil,
                          name: String? = nil) -> AttachedPolicy? {
                guard let policy = value ?? resource.value(key), !policy.kind.isNull else { return nil }
                return AttachedPolicy(file: plan.file, name: name ?? resource.address, kind: kind, policy: policy,
                                      policyPath: path ?? resource.path.appending(key), position: resource.position)
            }
            switch resource.type {
            case "aws_organizations_policy":
                let kind: AttachedPolicy.Kind
                switch resource.value("type")?.stringValue {
                case nil, "SERVICE_CONTROL_POLICY": kind = .serviceControlPolicy
                case "RESOURCE_CONTROL_POLICY": kind = .resourceControlPolicy
                default: continue
                }
                guard var policy = document(kind, key: "content") else { continue }
                policy.policyName = resource.value("name")?.textParts
                let id = resource.value("id")?.stringValue
                for attachment in plan.resources where attachment.type == "aws_organizations_policy_attachment" {
                    let target = attachment.value("target_id")?.textParts
                        ?? [.unknown(UnknownValue("\(attachment.address).target_id (known after apply)", at: attachment.position))]
                    if let id, attachment.value("policy_id")?.stringValue == id {
                        policy.targets.append(target)
                    } else if plan.references.references(of: attachment.address, argument: "policy_id")?.contains(resource.address) == true {
                        policy.attachedTo.append("target \(TextPart.identity(target)) by \(attachment.address), whose policy_id is known only after apply (not counted)")
                    }
                }
                found.append(policy)
            case "aws_iam_policy":
                guard var policy = document(.identity) else { continue }
                let name = resource.value("name")?.textParts ?? [.unknown(UnknownValue("\(resource.address).name (known after apply)", at: resource.position))]
                policy.policyName = name
                policy.managedPolicyARN = resource.value("arn")?.stringValue.map { [TextPart.literal($0)] }
                    ?? [.literal("arn:aws:iam::"), account, .literal(":policy")] + (resource.value("path")?.textParts ?? [.literal("/")]) + name
                policy.attachedTo = attachments(of: resource, arn: policy.managedPolicyARN)
                found.append(policy)
            case "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy":
                guard var policy = document(.identity) else { continue }
                policy.policyName = resource.value("name")?.textParts
                let what = ["aws_iam_role_policy": "role", "aws_iam_user_policy": "user", "aws_iam_group_policy": "group"][resource.type] ?? "role"
                policy.attachedTo = ["\(what) " + (resource.value(what)?.textParts.map(TextPart.identity) ?? "(known after apply)")]
                found.append(policy)
            case "aws_iam_role":
                let role = resource.value("name")?.textParts.map(TextPart.identity) ?? "\(resource.address).name (known after apply)"
                for (index, block) in (resource.value("inline_policy")?.elements ?? []).enumerated() {
                    guard var policy = document(.identity, value: block.member("policy"),
                                                path: resource.path.appending("inline_policy").appending(index).appending("policy"),
                                                name: "\(resource.address).inline_policy[\(index)]") else { continue }
                    policy.policyName = block.member("name")?.textParts
                    policy.attachedTo = ["role \(role)"]
                    found.append(policy)
                }
            default:
                continue
            }
        }
        return found
    }

    /// The principals a managed policy is attached to: attachments whose `policy_arn` is its
    /// known ARN, or refers to it in the configuration.
    private func attachments(of policy: TerraformPlan.Resource, arn: [TextPart]?) -> [String] {
        let types = ["aws_iam_role_policy_attachment": ["role"], "aws_iam_user_policy_attachment": ["user"],
                     "aws_iam_group_policy_attachment": ["group"], "aws_iam_policy_attachment": ["roles", "users", "groups"]]
        var found: [String] = []
        for attachment in plan.resources {
            guard let keys = types[attachment.type] else { continue }
            let byARN = arn.map(TextPart.identity) != nil && attachment.value("policy_arn")?.stringValue == arn.map(TextPart.identity)
            let byReference = plan.references.references(of: attachment.address, argument: "policy_arn")?.contains(policy.address) == true
            guard byARN || byReference else { continue }
            for key in keys {
                let what = key.hasSuffix("s") ? String(key.dropLast()) : key
                let value = attachment.value(key)
                for entry in value?.elements ?? (value.map { [$0] } ?? []) {
                    found.append("\(what) " + (entry.textParts.map(TextPart.identity) ?? "(unreadable)") + " (\(attachment.address))")
                }
            }
        }
        return found
    }
}
