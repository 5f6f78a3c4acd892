/// What to do about a finding, in one line, with a link to the AWS page that says how: the
/// advice IAM Access Analyzer gives with its findings (`learnMoreLink` on policy-validation
/// findings, https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ValidatePolicyFinding.html).
/// Chosen by how the access is granted (an ACL, snapshot sharing, a KMS grant, a policy) and to whom. The
/// text names no input, so it needs no escaping beyond what every renderer does.
///
/// ```swift
/// FindingRemediation(access).learnMoreLink  // the S3 Block Public Access page for a public bucket
/// ```
public struct FindingRemediation: Sendable, Hashable {
    public var text: String
    public var learnMoreLink: String

    public init(text: String, learnMoreLink: String) {
        self.text = text
        self.learnMoreLink = learnMoreLink
    }

    /// Amazon S3 User Guide, "Blocking public access to your Amazon S3 storage".
    static let blockPublicAccess = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html"
    /// Amazon S3 User Guide, "Controlling ownership of objects and disabling ACLs for your bucket".
    static let objectOwnership = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html"
    /// AWS KMS Developer Guide, "Retiring and revoking grants": RevokeGrant deletes a grant.
    static let kmsRetireRevokeGrants = "https://docs.aws.amazon.com/kms/latest/developerguide/grant-delete.html"
    /// Amazon EBS User Guide, "Share an Amazon EBS snapshot" (cited by the ModifySnapshotAttribute API reference).
    static let ebsSnapshotSharing = "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html"
    /// Amazon RDS API Reference, ModifyDBSnapshotAttribute: `all` in the `restore` attribute makes a snapshot public.
    static let rdsSnapshotSharing = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBSnapshotAttribute.html"
    /// Amazon RDS API Reference, ModifyDBClusterSnapshotAttribute.
    static let rdsClusterSnapshotSharing = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBClusterSnapshotAttribute.html"
    /// IAM User Guide, "The confused deputy problem": `aws:SourceArn`, `aws:SourceAccount`, `aws:SourceOrgID`.
    static let confusedDeputy = "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html"
    /// IAM User Guide, "Create a role for OpenID Connect federation": conditions on the provider's `aud` and `sub`.
    static let webIdentityRole = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html"
    /// IAM User Guide, "Resolve IAM Access Analyzer findings": change the policy statement, or the role's trust policy.
    static let resolveFindings = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-findings-remediate.html"
    /// IAM User Guide, "Methods to assume a role" (role chaining).
    static let roleChaining = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_manage-assume.html"

    public init(_ access: GrantedAccess) {
        let snapshot = "Stop sharing the snapshot with \(access.isPublic ? "all accounts (remove the value all)" : "that account")"
        switch (access.source, access.resourceType) {
        case (.bucketACL, _):
            self.init(text: "Remove the ACL grant, or disable ACLs: set S3 Object Ownership to Bucket owner enforced, so only policies grant access.",
                      learnMoreLink: Self.objectOwnership)
        case (.kmsGrant, _):
            self.init(text: "Revoke the grant (RevokeGrant) if the principal outside your zone of trust should not use the key, or recreate it for a principal inside the zone.",
                      learnMoreLink: Self.kmsRetireRevokeGrants)
        case (.roleChain, _):
            self.init(text: "Break the chain where it should not hold: narrow who may assume the first role (its trust policy), which roles each role's sessions may assume (their identity policies and the next role's trust policy), or what the last role may do on this resource (its identity policy, the resource's policy, a permissions boundary).",
                      learnMoreLink: Self.roleChaining)
        case (.snapshotSharing, "AWS::EC2::Snapshot"):
            self.init(text: "\(snapshot): remove it from the snapshot's createVolumePermission (ModifySnapshotAttribute).",
                      learnMoreLink: Self.ebsSnapshotSharing)
        case (.snapshotSharing, "AWS::RDS::DBClusterSnapshot"):
            self.init(text: "\(snapshot): remove it from the snapshot's restore attribute (ModifyDBClusterSnapshotAttribute).",
                      learnMoreLink: Self.rdsClusterSnapshotSharing)
        case (.snapshotSharing, _):
            self.init(text: "\(snapshot): remove it from the snapshot's restore attribute (ModifyDBSnapshotAttribute).",
                      learnMoreLink: Self.rdsSnapshotSharing)
        default:
            self = Self.policyAdvice(access)
        }
    }

    private static func policyAdvice(_ access: GrantedAccess) -> FindingRemediation {
        let role = ResourceType(rawValue: access.resourceType)?.isRoleTrust ?? false
        let policy = role ? "the role's trust policy" : "the resource policy"
        if access.isPublic && access.resourceType == "AWS::S3::Bucket" {
            return FindingRemediation(text: "Remove or confine the statement that grants access to everyone (for example to your organization with aws:PrincipalOrgID), and turn on S3 Block Public Access for the bucket and the account.",
                                      learnMoreLink: blockPublicAccess)
        }
        if access.isPublic {
            return FindingRemediation(text: "Remove or confine the statement of \(policy) that grants access to everyone: name the principals meant, or add a condition such as aws:PrincipalOrgID.",
                                      learnMoreLink: resolveFindings)
        }
        switch access.principalKind {
        case .service where !access.hasSourceCondition:
            return FindingRemediation(text: "Add a condition on aws:SourceAccount, aws:SourceArn or aws:SourceOrgID naming your own account, resource or organization, so the service acts on it only for you.",
                                      learnMoreLink: confusedDeputy)
        case .federated where !access.principal.contains(":saml-provider/"):
            return FindingRemediation(text: "Confine \(policy) with conditions on the identity provider's claims (its audience and subject, such as token.actions.githubusercontent.com:sub) to the identities meant.",
                                      learnMoreLink: webIdentityRole)
        default:
            return FindingRemediation(text: "If this principal is not meant to have the access, remove it from \(policy) or narrow the statement's actions and conditions; if it is, archive the finding with an archive rule.",
                                      learnMoreLink: resolveFindings)
        }
    }
}
