/// The access level the Service Authorization Reference gives each action, its "Access level"
/// column (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html;
/// the levels are defined in the IAM User Guide, "Access levels in policy summaries",
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html):
/// what the action does, which a finding's severity reads (`FindingSeverity`).
///
/// ```swift
/// ActionCatalog.shipped.accessLevel(of: "s3:PutBucketPolicy")  // .permissionsManagement
/// ```
public enum ActionAccessLevel: String, Sendable, Hashable, CaseIterable, Codable {
    /// List resources, without reading their contents (`s3:ListBucket`).
    case list = "List"
    /// Read the contents and attributes of resources (`s3:GetObject`).
    case read = "Read"
    /// Create, delete or modify resources (`s3:PutObject`, `sts:AssumeRole`, `sqs:SendMessage`).
    case write = "Write"
    /// Grant or modify permissions on resources (`s3:PutBucketPolicy`, `kms:CreateGrant`).
    case permissionsManagement = "Permissions management"
    /// Change the tags of resources only (`sqs:TagQueue`).
    case tagging = "Tagging"

    /// True for the levels that change the resource or who may use it: Write, Permissions
    /// management, and Tagging (tags can decide access, through `aws:ResourceTag` conditions).
    public var changesResource: Bool { self != .list && self != .read }
}
