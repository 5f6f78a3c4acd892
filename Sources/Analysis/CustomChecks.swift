import Authorizer
import Encoding
import Policy
import Z3

/// The answer of a custom policy check, like Access Analyzer's custom policy checks.
public struct CustomCheckResult: Sendable {
    public enum Outcome: String, Sendable, Codable {
        case pass = "PASS"
        case fail = "FAIL"
        case unproven = "UNPROVEN"
    }

    public var outcome: Outcome
    public var reasons: [String]
    /// For FAIL: a request that shows it, replayed through the Authorizer.
    public var counterexample: Request?
    public var findings: [ExternalAccessFinding]
}

/// `check-no-public-access`, `check-access-not-granted`, `check-no-new-access`.
public enum CustomChecks {
    /// An account id that `policies` do not mention, for a resource or caller whose account does
    /// not matter to the question.
    static func placeholderAccount(avoiding policies: [Policy]) -> String {
        var texts: [String] = []
        for statement in policies.flatMap(\.statements) {
            texts += statement.principal?.entries.map(\.value) ?? []
            texts += statement.resources?.values ?? []
            for condition in statement.conditions { texts += condition.values.map(\.text) }
        }
        let joined = texts.joined(separator: " ")
        let mentioned = Set(joined.split(whereSeparator: { !$0.isNumber }).map(String.init))
        return ["123456789012", "210987654321", "314159265358"].first { !mentioned.contains($0) } ?? "271828182845"
    }

    /// PASS when the resource policy grants no public access (S3's notion of public, which Access
    /// Analyzer uses for every type): no finding is public.
    public static func noPublicAccess(policy: Policy, type: ResourceType, resourceArn: String?,
                                      options: AnalysisOptions = AnalysisOptions()) -> CustomCheckResult {
        let account = placeholderAccount(avoiding: [policy])
        var arn = resourceArn ?? "*"
        // A REST API policy that names no API but its own (`execute-api:/…` and `*` only) is
        // judged on one API's ARN, which stands for any (APIGatewayResourceShorthand).
        if type == .apiGatewayRestApi, resourceArn == nil, APIGatewayResourceShorthand.isUsed(in: policy),
           APIGatewayResourceShorthand.namesOnlyItsOwnAPI(policy) {
            arn = ResourceARNForm.placeholder(for: type, account: account)
        }
        let resource = AnalyzedResource(arn: arn, type: type, account: account, policy: policy)
        let result = ExternalAccessAnalyzer.analyze(resource, zone: .account(account), options: options)
        let publicFindings = result.findings.filter(\.isPublic)
        if let finding = publicFindings.first {
            return CustomCheckResult(outcome: .fail, reasons: publicFindings.map {
                "public access: \($0.actions.joined(separator: ", ")) granted by \($0.statements.map(\.label).joined(separator: ", "))"
            }, counterexample: finding.witness, findings: publicFindings)
        }
        if result.status == .unproven || !result.complete {
            return CustomCheckResult(outcome: .unproven, reasons: result.explanation, counterexample: nil, findings: [])
        }
        let reasons = result.findings.isEmpty
            ? ["The policy grants no access outside the resource's account."] + result.explanation
            : ["Every access the policy grants is restricted to fixed principals or fixed conditions: "
                + result.findings.map { finding in
                    let confinement = finding.principalKind == .everyone && finding.conditions.isEmpty
                        ? "confined to fixed values by a Deny statement" : "named principal"
                    return "\(finding.principal) (\(finding.conditions.isEmpty ? confinement : finding.conditions.joined(separator: "; ")))"
                }
                .joined(separator: ", ")]
        return CustomCheckResult(outcome: .pass, reasons: reasons, counterexample: nil, findings: result.findings)
    }

    /// How a single policy is evaluated on its own: an identity policy for a principal of one
    /// account on that account's resources; a resource policy for any caller whose own identity
    /// policies are assumed to allow.
    static func policySet(for policy: Policy, account: String) -> (PolicySet, String) {
        switch policy.type {
        case .identity, .boundary, .scp:
            return (PolicySet(identityPolicies: [policy]), account)
        case .trust:
            return (PolicySet(identityPolicies: nil, resourcePolicy: policy, resourcePolicyKind: .roleTrust), account)
        case .resource, .rcp:
            return (PolicySet(identityPolicies: nil, resourcePolicy: policy), account)
        }
    }

    /// PASS when no request for any of `actions` (on any of `resources`, when given) is allowed.
    public static func accessNotGranted(policy: Policy, actions: [String], resources: [String],
                                        timeoutMilliseconds: UInt32 = 10_000,
                                        recorder: SolverQuestionRecorder? = nil) -> CustomCheckResult {
        let account = placeholderAccount(avoiding: [policy])
        let (set, resourceAccount) = policySet(for: policy, account: account)
        do {
            let context = try Z3Context()
            // The check's time bound covers compiling too (`QuestionBudget`).
            let budget = QuestionBudget(milliseconds: timeoutMilliseconds)
            let authorization = try EvaluationCompiler.compile(set, resourceAccount: resourceAccount, budget: budget, in: context)
            let request = authorization.request
            var parts = [authorization.allowed]
            parts.append(try context.or(actions.map { try request.action.equals(context.string($0.lowercased())) }))
            if !resources.isEmpty {
                parts.append(try context.or(resources.map { try request.resource.equals(context.string($0)) }))
            }
            parts += try sameAccountCaller(for: policy, authorization: authorization, account: account)
            return try solve(parts, authorization: authorization, budget: budget, timeoutMilliseconds: timeoutMilliseconds, recorder: recorder,
                             replay: { Authorizer.evaluate($0, policies: set).outcome == .allow },
                             failReason: { "the policy grants \($0.action) on \($0.resource)" },
                             passReason: "No request for \(actions.joined(separator: ", "))\(resources.isEmpty ? "" : " on \(resources.joined(separator: ", "))") is allowed by the policy.")
        } catch {
            return CustomCheckResult(outcome: .unproven, reasons: ["\(error)"], counterexample: nil, findings: [])
        }
    }

    /// PASS when `new` allows no request that `existing` denies.
    public static func noNewAccess(existing: Policy, new: Policy, timeoutMilliseconds: UInt32 = 10_000,
                                   recorder: SolverQuestionRecorder? = nil) -> CustomCheckResult {
        let account = placeholderAccount(avoiding: [existing, new])
        let (oldSet, resourceAccount) = policySet(for: existing, account: account)
        let (newSet, _) = policySet(for: new, account: account)
        do {
            let context = try Z3Context()
            let budget = QuestionBudget(milliseconds: timeoutMilliseconds)
            let compiled = try EvaluationCompiler.compile([oldSet, newSet], resourceAccount: resourceAccount, budget: budget, in: context)
            var parts = [compiled[1].allowed, try compiled[0].allowed.not()]
            parts += try sameAccountCaller(for: new, authorization: compiled[1], account: account)
            return try solve(parts, authorization: compiled[1], budget: budget, timeoutMilliseconds: timeoutMilliseconds, recorder: recorder,
                             replay: { Authorizer.evaluate($0, policies: newSet).outcome == .allow
                                 && Authorizer.evaluate($0, policies: oldSet).outcome != .allow },
                             failReason: { "the new policy allows \($0.action) on \($0.resource), which the existing policy does not" },
                             passReason: "Every request the new policy allows, the existing policy allows too.")
        } catch {
            return CustomCheckResult(outcome: .unproven, reasons: ["\(error)"], counterexample: nil, findings: [])
        }
    }

    /// For identity policies: the caller is an IAM principal of the account the policy is in.
    private static func sameAccountCaller(for policy: Policy, authorization: SymbolicAuthorization, account: String) throws -> [Z3Bool] {
        guard [.identity, .boundary, .scp].contains(policy.type) else { return [] }
        let p = authorization.request.principal
        let context = authorization.request.context
        return [try p.isOneOf([.iamUser, .iamRole, .assumedRoleSession]), try p.account.equals(context.string(account))]
    }

    private static func solve(_ parts: [Z3Bool], authorization: SymbolicAuthorization, budget: QuestionBudget, timeoutMilliseconds: UInt32,
                              recorder: SolverQuestionRecorder?,
                              replay: (Request) -> Bool, failReason: (Request) -> String, passReason: String) throws -> CustomCheckResult {
        let asker = SolverAsker(authorization: authorization, options: SolverAskingOptions(timeoutMilliseconds: timeoutMilliseconds, recorder: recorder),
                                subject: "custom check")
        asker.budget = budget
        switch try asker.ask(SolverQuestion(parts, purpose: "custom check")) {
        case .unsat:
            return CustomCheckResult(outcome: .pass, reasons: [passReason], counterexample: nil, findings: [])
        case .unknown(let reason):
            return CustomCheckResult(outcome: .unproven, reasons: ["The solver could not decide (\(reason))."], counterexample: nil, findings: [])
        case .sat(let model):
            var request = try authorization.decode(model)
            request.action = ActionCatalog.shipped.spelling(of: request.action)
            guard replay(request) else {
                throw AnalysisError.witnessRejected(RequestFile.encode(request))
            }
            return CustomCheckResult(outcome: .fail, reasons: [failReason(request)], counterexample: request, findings: [])
        }
    }
}
