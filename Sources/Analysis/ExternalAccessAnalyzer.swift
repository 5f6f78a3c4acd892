import Foundation
import Authorizer
import Encoding
import Policy
import Z3

/// Options of an analysis.
public struct AnalysisOptions: Sendable {
    /// The time one question (one resource's analysis) may take as a whole — building its
    /// formulas and classes, its witness candidates, every solver call and the enumeration
    /// between them (`QuestionBudget`); past it the answer is UNPROVEN (findings found so far are
    /// kept, marked incomplete), never safe.
    public var timeoutMilliseconds: UInt32
    /// Stop after this many findings for one resource (the result is then marked incomplete).
    public var maximumFindings: Int
    public var catalog: ActionCatalog
    /// Try the solver-free proofs of `ZoneScreen` first (on by default; off to measure or to
    /// cross-check the solver alone).
    public var screen: Bool
    /// Try concrete witnesses built from the policy (`WitnessCandidates`), pinned, before each
    /// free solver search for one (on by default).
    public var witnessCandidates: Bool
    /// Tell the solver which combinations of the policy's action patterns an action can match
    /// (`GlobCombinations`), a fact about strings meant to spare it regex reasoning. Off by
    /// default: measured mixed (docs/BENCHMARKS.md) — a shorter latency tail on the 160-case
    /// sample, but scans ~12 % slower and one managed policy's searches 1.7 s → 4.4 s.
    public var actionCombinations: Bool
    /// Give each free witness search of the finding enumeration a new solver, which Z3
    /// preprocesses as a whole (on by default; off to measure the incremental solver).
    public var freshSearches: Bool
    /// Ask each free question first without the alphabet constraints of names and actions
    /// (`SymbolicAuthorization.wellFormedness(alphabets:)`), and in full only when that does not
    /// settle it (on by default; off to measure, and in `solverOnly`).
    public var relaxedAlphabets: Bool
    /// With `relaxedAlphabets` and `freshSearches`: a free question is first asked of a new
    /// solver of kind `firstSolver` (cheap to set up) within this much of Z3's deterministic
    /// resource count (`rlimit`), and of a general one only when that does not answer; 0 skips
    /// the first try.
    public var firstTryBudget: UInt32
    /// The kind of solver of that first try.
    public var firstSolver: Z3Solver.Kind
    /// State the request's action as one of the finitely many classes the policy's action
    /// patterns tell apart (`ActionClasses`), instead of a string under regular expressions:
    /// exact, and propositional where Z3's string theory was slowest (on by default; off in
    /// `solverOnly`, the string encoding the class encoding is cross-checked against).
    public var actionClasses: Bool
    /// Likewise the resource, as one of the classes of the policies' `Resource` patterns within
    /// the question's scope (`ResourceClasses`), where no pattern holds a policy variable (on by
    /// default; off in `solverOnly`).
    public var resourceClasses: Bool
    /// When the policies name several outside accounts, services or providers, visit the
    /// principal classes they tell apart before the free searches (`PrincipalClasses`,
    /// `PrincipalClassSweep`): everyone and any account first, then each named class from the
    /// policy's candidates (on by default; off in `solverOnly`). Changes how witnesses are
    /// found, not the findings: the enumeration still ends on the free UNSAT.
    public var principalClasses: Bool
    /// State only the zone's accounts the resource mentions (and its owner) in the formulas, and
    /// the others when a model names one (`ZoneRefinement`): a question's size then does not grow
    /// with an organization's member accounts. Exact (on by default; off in `solverOnly`, which
    /// states every account).
    public var zoneRefinement: Bool
    /// In the principal class sweep, take a candidate the Authorizer allows as a witness without
    /// a pinned question when `ConcreteAdmission` finds it satisfies the question's formulas (on
    /// by default; off to measure, or to have every witness confirmed by the solver).
    public var concreteAdmission = true
    /// Decide a resource policy's findings without Z3 where that is exact (`SolverFreeFindings`:
    /// a fragment of condition-free policies granting literal accounts), falling back to the
    /// solver path whenever it is not sure (on by default; off in `solverOnly`, to measure, or to
    /// compare the two).
    public var solverFreeFindings = true
    /// After the principal class sweep, take the closing "next finding" question as UNSAT when
    /// `CoverageScreen` proves it from the findings and the policy text, without asking the
    /// solver (on by default; off in `solverOnly`, to measure, or to compare the two).
    public var coverageScreen = true
    /// Where every solver call is recorded as an SMT-LIB2 benchmark (`rampart-bench
    /// --export-smt`); nil (the default): nothing is recorded.
    public var recorder: SolverQuestionRecorder? = nil

    public init(timeoutMilliseconds: UInt32 = 10_000, maximumFindings: Int = 64, catalog: ActionCatalog = .shipped,
                screen: Bool = true, witnessCandidates: Bool = true, actionCombinations: Bool = false,
                freshSearches: Bool = true, relaxedAlphabets: Bool = true, firstTryBudget: UInt32 = 100_000,
                firstSolver: Z3Solver.Kind = .preprocessed, actionClasses: Bool = true, resourceClasses: Bool = true,
                principalClasses: Bool = true, zoneRefinement: Bool = true) {
        self.timeoutMilliseconds = timeoutMilliseconds
        self.maximumFindings = maximumFindings
        self.catalog = catalog
        self.screen = screen
        self.witnessCandidates = witnessCandidates
        self.actionCombinations = actionCombinations
        self.freshSearches = freshSearches
        self.relaxedAlphabets = relaxedAlphabets
        self.firstTryBudget = firstTryBudget
        self.firstSolver = firstSolver
        self.actionClasses = actionClasses
        self.resourceClasses = resourceClasses
        self.principalClasses = principalClasses
        self.zoneRefinement = zoneRefinement
    }

    /// The faithful encoding alone: no screen, no candidate witnesses, no action combinations.
    public static func solverOnly(timeoutMilliseconds: UInt32 = 10_000) -> AnalysisOptions {
        var options = AnalysisOptions(timeoutMilliseconds: timeoutMilliseconds, screen: false, witnessCandidates: false, actionCombinations: false,
                                      relaxedAlphabets: false, actionClasses: false, resourceClasses: false, principalClasses: false,
                                      zoneRefinement: false)
        options.solverFreeFindings = false
        options.coverageScreen = false
        return options
    }
}

/// Answers "can anyone outside the zone of trust reach this resource?" with a proof or with
/// findings whose witnesses the Authorizer has replayed.
///
/// ```swift
/// let result = ExternalAccessAnalyzer.analyze(bucket, zone: .account("111122223333"))
/// result.status            // .externalAccess
/// result.externalPrincipals // ["*"]
/// ```
public enum ExternalAccessAnalyzer {
    public static func analyze(_ resource: AnalyzedResource, zone: ZoneOfTrust,
                               options: AnalysisOptions = AnalysisOptions()) -> ExternalAccessResult {
        var resource = resource
        if let unknown = expandShorthand(&resource) { return unknown }
        if resource.accessPoint != nil {
            // ACL grants and sharing are the bucket's own, judged on requests made to it directly.
            resource.aclGrants = []
            resource.sharedWith = []
        }
        var result = answer(resource, zone: zone, options: options)
        result = AccessPointFindings.attribute(result, to: resource)
        result.warnings = warnings(resource)
        if result.status == .noExternalAccess && !resource.kmsGrants.isEmpty {
            let count = resource.kmsGrants.count
            result.explanation.append("Its \(count) grant\(count == 1 ? "" : "s") name\(count == 1 ? "s" : "") only grantee and retiring principals inside the zone of trust.")
        }
        return result
    }

    /// A REST API's policy as AWS evaluates it: its abbreviated resources expanded to the API's
    /// ARN (`APIGatewayResourceShorthand`). Without the ARN (any API, `*`) they cannot be: the
    /// answer is UNPROVEN, never read as granting nothing.
    static func expandShorthand(_ resource: inout AnalyzedResource) -> ExternalAccessResult? {
        guard resource.type == .apiGatewayRestApi, let policy = resource.policy,
              APIGatewayResourceShorthand.isUsed(in: policy) else { return nil }
        guard resource.arn != "*" else {
            return ExternalAccessResult(status: .unproven, findings: [], explanation: [
                "The policy names resources as execute-api:/…, which API Gateway expands to the API's own ARN: "
                    + "give the API's ARN (--resource-arn arn:aws:execute-api:REGION:ACCOUNT:API-ID).",
            ], complete: false, solverCalls: 0)
        }
        resource.policy = APIGatewayResourceShorthand.expanded(policy, apiARN: resource.arn)
        return nil
    }

    /// A policy none of whose statements can apply to the resource's ARN says nothing about
    /// that resource: the ARN is likely mistyped (or of another type), and "no external access"
    /// would hold of any such ARN.
    static func warnings(_ resource: AnalyzedResource) -> [String] {
        guard resource.arn != "*", let policy = resource.policy, !policy.statements.isEmpty,
              !policy.statements.contains(where: { ZoneScreen.canApply($0, to: resource) }) else { return [] }
        return ["No statement of the policy can apply to \(resource.arn) (its actions or resources name other "
                + "resources): is the ARN or --resource-type mistyped? The answer holds for this ARN only."]
    }

    private static func answer(_ resource: AnalyzedResource, zone: ZoneOfTrust, options: AnalysisOptions) -> ExternalAccessResult {
        var findings = SharedAccessFindings.findings(for: resource, zone: zone)
        guard resource.policy != nil else {
            let explanation = findings.isEmpty
                ? ["The resource has no resource policy: no principal outside its account is granted access."] : []
            return ExternalAccessResult(status: findings.isEmpty ? .noExternalAccess : .externalAccess, findings: findings,
                                        explanation: explanation, complete: true, solverCalls: 0)
        }
        if options.screen, let explanation = ZoneScreen.proof(for: resource, zone: zone) {
            return ExternalAccessResult(status: findings.isEmpty ? .noExternalAccess : .externalAccess, findings: findings,
                                        explanation: findings.isEmpty ? explanation : [], complete: true, solverCalls: 0,
                                        decidedBy: .screen)
        }
        // Findings decided exactly without a Z3 context, where the Authorizer and a screen suffice.
        let solverFreeStart = ContinuousClock.now
        if options.solverFreeFindings, let found = SolverFreeFindings(resource: resource, zone: zone, options: options)?.findings() {
            SolverFreeFindings.trace("\(found.count) findings", since: solverFreeStart)
            return ExternalAccessResult(status: .externalAccess, findings: findings + found, explanation: [], complete: true,
                                        solverCalls: 0, decidedBy: .concrete)
        }
        // The question's own time bound, from its start: every phase below checks it.
        let budget = QuestionBudget(milliseconds: options.timeoutMilliseconds)
        do {
            let started = ContinuousClock.now
            let context = try Z3Context()
            trace("context made", since: started)
            // The zone's accounts the formulas state: those the resource mentions, grown when a
            // model names another (`ZoneRefinement`), then all of them.
            var encoded: [String]? = options.zoneRefinement ? ZoneRefinement.initialAccounts(for: resource, zone: zone) : nil
            var refinements = 0, earlierCalls = 0
            var asked: (enumerator: FindingEnumerator, outcome: FindingEnumerator.Outcome, explanation: [String])?
            while asked == nil {
                let query = try ExternalAccessQuery(resource: resource, zone: zone, context: context,
                                                    catalog: options.catalog, actionClasses: options.actionClasses,
                                                    resourceClasses: options.resourceClasses, budget: budget,
                                                    encodedAccounts: encoded)
                let classes = [query.authorization.actionClassCount.map { "\($0) action classes" } ?? "action as a string",
                               query.authorization.resourceClassCount.map { "\($0) resource classes" } ?? "resource as a string"]
                trace("query built (\(classes.joined(separator: ", ")); \(query.encodedZone.accounts.count) of the zone's "
                      + "\(zone.accounts.count) accounts)", since: started)
                let enumerator = try FindingEnumerator(query: query, options: options, budget: budget)
                trace("encoded", since: started)
                do {
                    let outcome = try enumerator.enumerate()
                    trace("enumerated", since: started)
                    var explanation: [String] = []
                    if outcome.unknownReason == nil, findings.isEmpty, outcome.findings.isEmpty {
                        explanation = try Explanation.whyNoExternalAccess(query: query, options: options, budget: budget)
                        trace("explained", since: started)
                    }
                    asked = (enumerator, outcome, explanation)
                } catch let needed as ZoneRefinementNeeded {
                    earlierCalls += enumerator.solverCalls
                    refinements += 1
                    encoded = refinements >= ZoneRefinement.maximumRounds ? nil : (encoded ?? []) + needed.accounts
                    trace("zone refined (\(needed.accounts.joined(separator: ", ")))", since: started)
                }
            }
            // The loop above ends only with an answer.
            guard let (enumerator, outcome, proofExplanation) = asked else { throw AnalysisError.noAnswer }
            var explanation = proofExplanation
            findings += outcome.findings
            var status: ExternalAccessResult.Status
            if let unknown = outcome.unknownReason, findings.isEmpty {
                status = .unproven
                explanation = unknown.hasPrefix(QuestionBoundReached.prefix)
                    ? ["The question's time bound (--timeout-ms \(options.timeoutMilliseconds)) was reached: \(unknown); no answer is given."]
                    : ["The solver could not decide (\(unknown)); no answer is given."]
            } else if findings.isEmpty {
                status = .noExternalAccess
            } else {
                status = .externalAccess
                if let unknown = outcome.unknownReason {
                    explanation = ["Enumeration stopped early (\(unknown)): other external accesses may exist."]
                } else if outcome.truncated {
                    explanation = ["Enumeration stopped at the limit of \(options.maximumFindings) findings (--max-findings): "
                                   + "other external accesses may exist."]
                }
                if resource.type.isRoleTrust { explanation += serviceRuleNotes(outcome.findings) }
                explanation += serviceLinkedRoleNotes(outcome.findings)
            }
            return ExternalAccessResult(status: status, findings: findings, explanation: explanation,
                                        complete: outcome.unknownReason == nil && !outcome.truncated,
                                        solverCalls: earlierCalls + enumerator.solverCalls)
        } catch let bound as QuestionBoundReached {
            // Past the question's time bound outside a solver call: no answer, never a proof.
            return ExternalAccessResult(status: .unproven, findings: findings,
                                        explanation: ["The question's time bound (--timeout-ms \(options.timeoutMilliseconds)) was reached: "
                                                      + "\(bound); no answer is given."],
                                        complete: false, solverCalls: 0)
        } catch let error as EncodingError {
            return ExternalAccessResult(status: .unproven, findings: findings, explanation: [error.description],
                                        complete: false, solverCalls: 0)
        } catch let error as AnalysisError {
            return ExternalAccessResult(status: .unproven, findings: findings, explanation: [error.description],
                                        complete: false, solverCalls: 0)
        } catch let error as Z3Error where error.isMemoryOut {
            // Over the memory limit (`Z3Global.setMemoryLimit`): no answer, and never a proof.
            return ExternalAccessResult(status: .unproven, findings: findings,
                                        explanation: ["The solver ran out of memory (\(error)); no answer is given."],
                                        complete: false, solverCalls: 0)
        } catch {
            return ExternalAccessResult(status: .error, findings: findings, explanation: ["\(error)"],
                                        complete: false, solverCalls: 0)
        }
    }
}

/// Which rule made a service in a trust policy an outside caller: its source keys, or no source
/// key while the service is not known to need `iam:PassRole` (`ExternalAccessQuery`).
private func serviceRuleNotes(_ findings: [ExternalAccessFinding]) -> [String] {
    findings.filter { $0.principalKind == .service }.map { finding in
        let name = finding.witness.principal.serviceName ?? finding.principal
        let sources = ServiceSourceEvidence.sourceKeys.compactMap { key in
            finding.witness.context[key].map { "\(key) = \($0)" }
        }
        if !sources.isEmpty {
            return "\(name): its source keys (\(sources.joined(separator: ", "))) name a caller outside the zone of trust, "
                + "for whom the service assumes the role (the cross-service confused deputy, IAM User Guide \"The confused deputy problem\")."
        }
        return "\(name): no source key confines it, and it is not known to assume roles only for a caller allowed "
            + "iam:PassRole in the role's account, so it may act for anyone (add an aws:SourceAccount or aws:SourceArn condition)."
    }
}

/// Which findings' actions were witnessed by a service-linked role (`ExternalAccessFinding.serviceLinkedRoleActions`):
/// access that is an AWS service's, through a role of the account, and that RCPs and SCPs do not
/// restrict — said, so that a user who sees an RCP's Deny is not told the RCP failed.
private func serviceLinkedRoleNotes(_ findings: [ExternalAccessFinding]) -> [String] {
    findings.compactMap { finding in
        guard let actions = finding.serviceLinkedRoleActions else { return nil }
        let whose = finding.principalKind == .account ? "the account" : "any account"
        return "\(finding.principal): \(actions.joined(separator: ", ")) by a service-linked role of \(whose) (an AWS service "
            + "acting through a role at the path /aws-service-role/), which RCPs and SCPs do not restrict (AWS Organizations User Guide, "
            + "\"Resources and entities not restricted by RCPs\"): a Deny of the RCPs does not stop it."
    }
}

/// With `RAMPART_TRACE_SOLVER=1`, the time since `start` at a phase's end, on standard error.
private func trace(_ phase: String, since start: ContinuousClock.Instant) {
    guard SolverTrace.enabled else { return }
    SolverTrace.write("analysis \(phase) at +\(ContinuousClock.now - start)")
}

/// Failures of the analysis itself; reported as UNPROVEN.
public enum AnalysisError: Error, CustomStringConvertible {
    /// A witness the Authorizer does not allow: the two semantics disagree. Never a finding.
    case witnessRejected(String)
    /// The analysis ended without an answer (not expected: reported as UNPROVEN).
    case noAnswer

    public var description: String {
        switch self {
        case .witnessRejected(let request):
            return "internal error: the solver's witness is not allowed by the Authorizer, so no answer is given: \(request)"
        case .noAnswer:
            return "internal error: the analysis ended without an answer"
        }
    }
}
