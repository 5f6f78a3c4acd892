import Analysis
import Environment
import Policy
import Templates

/// `rampart iac`'s reading of the SCPs, RCPs and identity policies of templates and plans
/// (`AttachedPolicy`): each validated as its policy type, as `rampart validate` does, with its
/// diagnostics located in the file; an RCP applied to the deploy account's resources where it
/// certainly applies (`TemplateResourceControlPolicies`); an identity policy compared, with a
/// baseline, against the deployed version of the same managed policy (no new access).
///
/// SCPs are validated and reported, never applied: they cap the principals of the
/// organization's member accounts, not callers from outside it, and not resources (AWS
/// Organizations User Guide, "Authorization policies in AWS Organizations",
/// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_authorization_policies.html:
/// "SCPs are principal-centric controls … on the maximum permissions available to principals in
/// your member accounts"). Leaving one out can only add findings.
public enum AttachedPolicyCheck {
    public enum Status: String, Sendable, Codable {
        /// Read, with no ERROR diagnostic.
        case valid = "VALID"
        /// ERROR diagnostics, or a string that is not JSON: not applied.
        case invalid = "INVALID"
        /// Known only at deploy time: not validated, not applied.
        case unknown = "UNKNOWN"
    }

    public struct Outcome: Sendable {
        public var document: AttachedPolicy
        public var status: Status
        /// The validator's diagnostics (positions in the file; `document.location(of:)` places their paths).
        public var diagnostics: [Diagnostic]
        /// Why it could not be read, when it could not.
        public var problems: [String]
        public var unknowns: [UnknownValueApproximation.Change]
        /// SCPs and RCPs: why it is not applied to the deploy account's resources (nil for an RCP
        /// that is applied).
        public var notApplied: String?
        /// RCPs: the resources of the files it was applied to.
        public var appliedTo: [String]
        /// Identity policies with a baseline: the new version against the deployed one.
        public var newAccess: CustomCheckResult?
        /// Identity policies with a baseline: why there is no comparison, when there is none.
        public var baselineNote: String?
        /// The policy as read (approximated), when valid.
        var policy: Policy?
    }

    static func check(_ document: AttachedPolicy, context: DeploymentContext, zone: ZoneOfTrust, managementAccount: String?,
                      baseline: Snapshot?, timeoutMilliseconds: UInt32) -> Outcome {
        var outcome = Outcome(document: document, status: .invalid, diagnostics: [], problems: [], unknowns: [], notApplied: nil,
                              appliedTo: [], newAccess: nil, baselineNote: nil, policy: nil)
        if let conditional = document.conditional {
            outcome.problems.append("created only under \(conditional.reason): read as if created")
        }
        guard let value = document.policy else {
            outcome.problems.append("no policy document")
            return outcome
        }
        guard let type = document.kind.policyType else {
            outcome.status = .unknown
            outcome.problems.append("its Type is known only at deploy time: neither validated nor applied (if it is an RCP, no answer counts on it)")
            return outcome
        }
        // Named apart from the resource policies of the same file, so that explanations say
        // which Deny is the RCP's.
        let reading = TemplatePolicyReading.read(value, type: type, file: document.file, source: "\(document.file) \(document.name)")
        outcome.document.policyIsString = reading.isString
        outcome.unknowns = reading.unknowns
        outcome.diagnostics = reading.diagnostics
        if let notJSON = reading.notJSON {
            outcome.problems.append("\(document.file): the policy string is not JSON: \(notJSON) (at \(document.policyPath))")
        } else if let wholeUnknown = reading.wholeUnknown {
            outcome.status = .unknown
            outcome.problems.append("the policy is known only at deploy time: " + wholeUnknown.map(\.reason).joined(separator: "; "))
        } else if let policy = reading.policy {
            outcome.status = .valid
            outcome.policy = policy
        }
        switch document.kind {
        case .serviceControlPolicy:
            outcome.notApplied = "an SCP caps principals of the organization's member accounts, not callers outside the zone: not applied to external access"
        case .resourceControlPolicy:
            if outcome.status != .valid {
                outcome.notApplied = "not read: not applied (the answers do not count on it)"
            } else if let conditional = document.conditional {
                outcome.notApplied = "created only under \(conditional.reason): it may not exist, so it is not applied"
            } else {
                outcome.notApplied = TemplateResourceControlPolicies.reasonNotApplied(
                    targets: document.targets, account: context.account, managementAccount: managementAccount, zone: zone,
                    organization: baseline?.organization)
            }
        case .organizationPolicyOfUnknownType:
            break
        case .identity:
            if let baseline { compare(&outcome, baseline: baseline, context: context, timeoutMilliseconds: timeoutMilliseconds) }
        }
        return outcome
    }

    /// The no-new-access check of an identity policy against the deployed version of the same
    /// customer managed policy (`get-account-authorization-details` holds managed policies'
    /// default versions, not inline policies' documents).
    private static func compare(_ outcome: inout Outcome, baseline: Snapshot, context: DeploymentContext, timeoutMilliseconds: UInt32) {
        guard let new = outcome.policy else { return }
        guard let parts = outcome.document.managedPolicyARN else {
            outcome.baselineNote = "an inline policy: the snapshot holds no inline policy documents, so it is not compared"
            return
        }
        guard parts.allSatisfy({ if case .literal = $0 { return true } else { return false } }) else {
            outcome.baselineNote = "its ARN is known only at deploy time (\(TextPart.identity(parts))): not compared"
            return
        }
        let arn = TextPart.identity(parts)
        let accounts = baseline.accounts.filter { $0.id == context.account }
        guard let iam = accounts.first?.iam else {
            outcome.baselineNote = "the baseline holds no IAM details of \(context.account ?? "the deploy account"): not compared"
            return
        }
        guard let deployed = iam.managedPolicies[arn] else {
            outcome.baselineNote = "a new managed policy (\(arn) is not in the baseline)"
            return
        }
        guard let existing = deployed else {
            outcome.baselineNote = "the deployed version of \(arn) could not be read: not compared"
            return
        }
        outcome.newAccess = CustomChecks.noNewAccess(existing: existing, new: new, timeoutMilliseconds: timeoutMilliseconds)
    }
}
