import Analysis
import Environment
import Findings
import Policy
import Templates

/// The RCPs of `rampart iac`'s files that cap the resources the files deploy, applied as scans
/// apply RCPs (`AnalyzedResource.resourceControlPolicies`, read alike by the Authorizer and the
/// encoding).
///
/// An RCP only removes access, so one applied where it may not apply would be a wrong "no
/// external access". It is applied only where it certainly applies (AWS Organizations User Guide,
/// "Resource control policies (RCPs)",
/// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html):
/// - to resources of the deploy account (`--account`), which is known not to be the
///   organization's management account ("RCPs don't affect resources in the management
///   account"): `--management-account`, or the baseline's organization, says which it is;
/// - when one of its targets, known before deploy, covers that account: the account's own id;
///   the organization root, when the account is a member of the zone's organization (an
///   organization has one root, and the files' policies are created in the deploy account's
///   organization) or of the baseline's organization with that root; an OU on the account's path
///   in the baseline's organization tree. An unknown target covers nothing;
/// - to resource types whose services RCPs govern (`AnalyzedResourceBuilder.servicesUnderRCPs`),
///   KMS keys excepted: "The kms:RetireGrant permission isn't effective in an RCP, even if the
///   Action element specifies an asterisk (*) as a wildcard" (AWS KMS Developer Guide,
///   "Resource control policies in AWS KMS",
///   https://docs.aws.amazon.com/kms/latest/developerguide/resource-control-policies.html), an
///   exception the two semantics do not model yet: an RCP denying `kms:*` would hide a key
///   policy's `kms:RetireGrant` grant. Left out, the RCP can only add findings.
///
/// Every root, OU and account keeps `RCPFullAWSAccess`, which cannot be detached (AWS
/// Organizations User Guide, "RCP syntax",
/// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html):
/// each level allows, and what an applied RCP changes is its Deny statements. The applied RCPs
/// therefore make one level together with a full-access policy — exact for their denies, and
/// read from their approximations, whose denies are never wider than the deployed ones'.
///
/// With a baseline, deployed RCPs are not counted (`deployedNotCounted` says why) when:
/// - the files create, change or delete any RCP or (Terraform) policy attachment: a template's
///   policy may be the new version of a deployed one (under another name or targets), a plan may
///   detach or delete one, and keeping the old denies could hide access the change adds;
/// - a file is a CloudFormation template, unless the user says the stacks it updates hold no RCP
///   or attachment (`stacksHoldNoRCPs`, `rampart iac --stacks-hold-no-rcps`): a stack update
///   deletes what its template no longer declares (`InfrastructureDocument.Contents.deletesWhatItOmits`),
///   so a deployed RCP the old template declared is gone after deploy and the template cannot say
///   so. Only the management account and the member accounts it delegates policy management to
///   can hold RCPs ("From the organization's management account, you can delegate policy
///   management for Organizations to specified member accounts to perform policy actions that are
///   by default available only to the management account", AWS Organizations User Guide,
///   "Delegated administrator for AWS Organizations",
///   https://docs.aws.amazon.com/organizations/latest/userguide/orgs_delegate_policies.html), and
///   a snapshot does not say which members those are.
struct TemplateResourceControlPolicies {
    /// The RCPs applied to the deploy account's resources.
    var applied: [Policy] = []
    /// Why the deployed RCPs are not counted, or nil when they are.
    var deployedNotCounted: String?
    /// The deploy account.
    var account: String?

    /// Why the deployed RCPs are not counted (see above), or nil: `changesRCPs`, the files create,
    /// change or delete RCPs or their attachments; `cloudFormation`, a file is a template.
    static func reasonDeployedNotCounted(changesRCPs: Bool, cloudFormation: Bool, stacksHoldNoRCPs: Bool) -> String? {
        if changesRCPs { return "the files create, change or delete RCPs or their attachments: the deployed RCPs are not counted" }
        if cloudFormation && !stacksHoldNoRCPs {
            return "a stack update deletes the RCPs and attachments its template no longer declares: the deployed RCPs are not counted (give --stacks-hold-no-rcps if the stacks hold none)"
        }
        return nil
    }

    /// The services whose resources the files' RCPs cap (see above: KMS is left out).
    static let governedServices = AnalyzedResourceBuilder.servicesUnderRCPs

    /// `RCPFullAWSAccess`, as AWS attaches it to every root, OU and account.
    static let fullAccess: Policy? = PolicyParser.parse(
        text: #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}"#,
        source: "RCPFullAWSAccess", type: .rcp).policy

    /// Why an RCP read as `policy` is not applied to the deploy account's resources, or nil when it is.
    static func reasonNotApplied(targets: [[TextPart]], account: String?, managementAccount: String?, zone: ZoneOfTrust,
                                 organization: Organization?) -> String? {
        guard let account else { return "the deploy account is unknown" }
        guard let managementAccount = managementAccount ?? organization?.managementAccountID else {
            return "the organization's management account is unknown (RCPs do not apply to its resources): give --management-account or --baseline"
        }
        if managementAccount == account { return "\(account) is the management account: RCPs do not apply to its resources" }
        let known = targets.compactMap { parts -> String? in
            guard parts.count == 1, case .literal(let text) = parts[0] else { return nil }
            return text
        }
        let covers = known.contains { target in
            if target == account { return true }
            if target.hasPrefix("r-") {
                if zone.isOrganization && zone.accounts.contains(account) { return true }
                if let organization, organization.rootID == target, organization.accountIDs.contains(account) { return true }
            }
            if target.hasPrefix("ou-"), let organization, organization.treeProblem == nil, organization.accountIDs.contains(account) {
                return organization.path(to: account).contains(target)
            }
            return false
        }
        if covers { return nil }
        let listed = targets.map(TextPart.identity).joined(separator: ", ")
        return "no target known before deploy covers \(account) (targets: \(listed.isEmpty ? "none" : listed))"
    }

    /// The RCP levels of a resource of `type` owned by `owner`: the deployed ones (unless
    /// `deployedNotCounted`) and, where the applied RCPs govern it, their level.
    func levels(for type: ResourceType, owner: String?, deployed: [[Policy]]?) -> (levels: [[Policy]]?, applied: Bool) {
        var levels = deployedNotCounted == nil ? deployed : nil
        guard !applied.isEmpty, let account, owner == account, let fullAccess = Self.fullAccess,
              type.servicePrefixes.allSatisfy({ Self.governedServices.contains($0) }) else { return (levels, false) }
        levels = (levels ?? []) + [applied + [fullAccess]]
        return (levels, true)
    }
}
