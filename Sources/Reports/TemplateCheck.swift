import Analysis
import Environment
import Findings
import Policy
import Templates

/// `rampart iac`: the resources of CloudFormation templates (and Terraform plans), each judged as
/// `rampart check` judges a resource, with the template's unknown values approximated so that
/// no "no external access" answer depends on a guessed value (`UnknownValueApproximation`).
public enum TemplateCheck {
    /// One resource of a template and its answer.
    public struct Outcome: Sendable {
        public var subject: TemplateSubject
        /// The resource as analysed (ARN with placeholders for unknown parts of its name).
        public var resource: AnalyzedResource?
        public var result: ExternalAccessResult?
        public var status: ExternalAccessResult.Status
        /// What was approximated for unknown values, and why.
        public var unknowns: [UnknownValueApproximation.Change]
        /// Placeholders standing for unknown parts of the resource's ARN.
        public var placeholders: [(placeholder: String, reason: String)]
        /// Problems that kept the resource from being analysed (malformed policy), or notes.
        public var problems: [String]
        /// Each statement of the analysed policy: where it is in the file.
        public var statementLocations: [Int: (path: String, position: SourcePosition?)]
        /// `--baseline`: the comparison with the deployed resource.
        public var preview: AccessPreview?
        /// The files' RCPs were applied to the resource.
        public var cappedByTemplateRCPs = false
    }

    public struct Run: Sendable {
        public var outcomes: [Outcome]
        public var diagnostics: [TemplateDiagnostic]
        /// The SCPs, RCPs and identity policies of the files, validated.
        public var attachedPolicies: [AttachedPolicyCheck.Outcome] = []
    }

    /// Reads each file (path and bytes) and judges every resource of it, `jobs` resources at a
    /// time (each on one thread with its own solver context), results in file order. The files'
    /// SCPs, RCPs and identity policies are validated first; the RCPs that certainly apply to
    /// the deploy account cap its resources (`TemplateResourceControlPolicies`).
    /// `managementAccount`: the organization's management account, when known. `stacksHoldNoRCPs`:
    /// the user says the stacks the templates update hold no RCP or RCP attachment, so the
    /// baseline's deployed RCPs stay after deploy (`TemplateResourceControlPolicies`).
    public static func run(files: [(path: String, bytes: [UInt8])], context: DeploymentContext, zone: ZoneOfTrust,
                           options: AnalysisOptions, baseline: Snapshot? = nil, managementAccount: String? = nil,
                           stacksHoldNoRCPs: Bool = false, jobs: Int = 1) -> Run {
        var run = Run(outcomes: [], diagnostics: [])
        var subjects: [TemplateSubject] = []
        var attached: [AttachedPolicy] = []
        var changesRCPs = false
        var cloudFormation = false
        for file in files {
            let (document, diagnostics) = InfrastructureDocument.read(bytes: file.bytes, file: file.path)
            run.diagnostics += diagnostics
            guard let document else { continue }
            let contents = document.contents(context: context)
            run.diagnostics += contents.diagnostics
            subjects += contents.subjects
            attached += contents.attachedPolicies
            changesRCPs = changesRCPs || contents.changesResourceControlPolicies
            cloudFormation = cloudFormation || contents.deletesWhatItOmits
        }
        run.attachedPolicies = attached.map {
            AttachedPolicyCheck.check($0, context: context, zone: zone, managementAccount: managementAccount, baseline: baseline,
                                      timeoutMilliseconds: options.timeoutMilliseconds)
        }
        var controls = TemplateResourceControlPolicies(account: context.account)
        controls.deployedNotCounted = TemplateResourceControlPolicies.reasonDeployedNotCounted(
            changesRCPs: changesRCPs, cloudFormation: cloudFormation, stacksHoldNoRCPs: stacksHoldNoRCPs)
        controls.applied = run.attachedPolicies.filter { $0.document.kind == .resourceControlPolicy && $0.notApplied == nil }.compactMap(\.policy)
        let all = subjects
        let rcps = controls
        run.outcomes = ParallelWorkers.run(count: all.count, workers: jobs) { index in
            judge(all[index], context: context, zone: zone, options: options, baseline: baseline, controls: rcps)
        }
        for index in run.attachedPolicies.indices where run.attachedPolicies[index].document.kind == .resourceControlPolicy
            && run.attachedPolicies[index].notApplied == nil {
            run.attachedPolicies[index].appliedTo = run.outcomes.filter(\.cappedByTemplateRCPs).compactMap { $0.resource?.arn }
        }
        return run
    }

    /// Placeholder text for an unknown part of a resource's ARN, valid where it stands.
    private static func placeholder(for unknown: UnknownValue, number: Int) -> String {
        if unknown.reason.hasPrefix("AWS::Region") { return "unknown-region-\(number)" }
        if unknown.reason.hasPrefix("AWS::AccountId") { return String(format: "%012d", 999_000_000_000 + number) }
        if unknown.reason.contains("key id") { return String(format: "00000000-0000-4000-8000-%012d", number) }
        return "rampart-unknown-\(number)"
    }

    static func judge(_ subject: TemplateSubject, context: DeploymentContext, zone: ZoneOfTrust, options: AnalysisOptions,
                      baseline: Snapshot? = nil, controls: TemplateResourceControlPolicies = TemplateResourceControlPolicies()) -> Outcome {
        var outcome = Outcome(subject: subject, resource: nil, result: nil, status: .error, unknowns: [], placeholders: [],
                              problems: [], statementLocations: [:])
        guard let type = ResourceType(rawValue: subject.resourceType) else {
            outcome.problems.append("\(subject.resourceType) is not a resource type Rampart analyses")
            return outcome
        }
        // The resource's own unknowns (its generated name, an unknown region) get placeholders,
        // used alike in its ARN and in the policy entries that name it.
        var placeholders: [String: String] = [:]
        var arn = ""
        for part in subject.arn {
            switch part {
            case .literal(let text): arn += text
            case .unknown(let unknown):
                if placeholders[unknown.reason] == nil {
                    let text = placeholder(for: unknown, number: placeholders.count + 1)
                    placeholders[unknown.reason] = text
                    outcome.placeholders.append((text, unknown.reason))
                }
                arn += placeholders[unknown.reason] ?? ""
            }
        }
        if let conditional = subject.conditional {
            outcome.problems.append("created only under \(conditional.reason): analysed as if created")
        }
        guard let policyValue = subject.policy else {
            outcome.problems.append("no policy")
            return outcome
        }
        let reading = TemplatePolicyReading.read(policyValue, type: type.policyType, file: subject.file,
                                                 resourceUnknowns: placeholders, resourceService: ARN(parsing: arn)?.service)
        var subject = subject
        subject.policyIsString = reading.isString
        outcome.subject.policyIsString = reading.isString
        if let notJSON = reading.notJSON {
            outcome.problems.append("\(subject.file): the policy string is not JSON: \(notJSON) (at \(subject.policyPath))")
            return outcome
        }
        outcome.unknowns = reading.unknowns
        if let wholeUnknown = reading.wholeUnknown {
            outcome.status = .unproven
            outcome.problems.append("the policy is known only at deploy time: " + wholeUnknown.map(\.reason).joined(separator: "; "))
            return outcome
        }
        guard let policy = reading.policy else {
            outcome.problems += reading.errors.map { TemplatePolicyReading.describe($0, file: subject.file, location: subject.location(of:)) }
            return outcome
        }
        for statement in policy.statements {
            let origin = reading.statementOrigins.indices.contains(statement.index) ? reading.statementOrigins[statement.index] : statement.index
            outcome.statementLocations[statement.index] = (subject.location(of: JSONPath([.key("Statement"), .index(origin)])),
                                                           statement.location.position)
        }
        let account = ARN(parsing: arn).flatMap { AccountID.isValid($0.account) ? $0.account : nil } ?? context.account
        var resource = AnalyzedResource(arn: arn, type: type, account: account, policy: policy)
        resource.blockPublicAccess = subject.blockPublicAccess
        // With a baseline, the deployed resource's other facts (its ACL, grants, RCPs, organization,
        // Block Public Access unless the template sets the bucket's own) stay as they are; only
        // the policy (and the settings the template sets) change.
        let deployed = baseline.flatMap { AccessPreview.deployed(arn, type: type, in: $0) }
        if let existing = deployed?.resource {
            var changed = existing
            changed.policy = policy
            if let settings = subject.blockPublicAccess { changed.blockPublicAccess = settings }
            resource = changed
        }
        let (levels, capped) = controls.levels(for: type, owner: account, deployed: resource.resourceControlPolicies)
        if let reason = controls.deployedNotCounted, resource.resourceControlPolicies != nil {
            outcome.problems.append(reason)
        }
        resource.resourceControlPolicies = levels
        outcome.cappedByTemplateRCPs = capped
        if capped { outcome.problems.append("capped by the files' RCPs attached to \(account ?? "the deploy account")") }
        let result = ExternalAccessAnalyzer.analyze(resource, zone: zone, options: options)
        outcome.resource = resource
        outcome.result = result
        outcome.status = result.status
        if baseline != nil {
            let deployedResult = deployed?.resource.map { ExternalAccessAnalyzer.analyze($0, zone: zone, options: options) }
            outcome.preview = AccessPreview.compare(template: result, templatePolicy: policy, deployed: deployed?.resource,
                                                    deployedResult: deployedResult, unusable: deployed?.unusable,
                                                    existsInBaseline: deployed != nil, timeoutMilliseconds: options.timeoutMilliseconds)
        }
        return outcome
    }
}
