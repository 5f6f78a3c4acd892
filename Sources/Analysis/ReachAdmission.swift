import Authorizer
import Encoding
import Policy

/// Whether a concrete request surely satisfies a reach question's formulas, decided without the
/// solver (issue 18's scale): an open hop is then witnessed by the request itself, with no Z3
/// context, compilation or search — as the principal sweep's `ConcreteAdmission` does for the
/// external-access questions. A request refused here goes to the solver, pinned and then free
/// (`PrincipalReach`); only "opens" can come from here, so nothing is ever closed by it.
///
/// Side by side with `PrincipalReach.compile`'s formulas, each stated here at least as strictly:
/// - `allowed`: the Authorizer allows the request (the reference semantics, which the encoding is
///   differential-tested against);
/// - the caller's pin and well-formedness: `PinnableRequest.callerProblems` (users and roles'
///   sessions as the pin fixes them, every part in IAM's characters);
/// - the actions asked about: the request's action matches one of the question's patterns
///   (ignoring case, as the encoding compares the lowercase action);
/// - the resource: one of the type's request resources, an object under an open-ended scope
///   being longer than its prefix;
/// - `ActionApplicability`'s constraint: its concrete side, `admits`;
/// - the realism (`ExternalAccessQuery.realism` with an empty zone): its key parts read only keys
///   the policies read — none here, below —, and a user's or session's request is not anonymous;
/// - RestrictPublicBuckets: the caller's account is one the setting lets in;
/// - the request's keys: only questions whose policies read no request key
///   (`PinnableRequest.readsNoRequestKeys`) are admitted, so the symbolic request has no free key
///   and nothing constrains or pins the context; a question with a condition or a policy
///   variable, and one with S3 access points, is left to the solver.
///
/// `ReachAdmissionTests` checks, on hand-worked questions and on every hop question of
/// Models/role-chains (`RAMPART_REACH_ADMISSION_CHECKS`), that every request admitted here is
/// confirmed by the pinned question.
enum ReachAdmission {
    /// Why `request` might not satisfy `question`'s formulas; empty when it surely does.
    /// `policies` are the question's with the resource policy's kind settled
    /// (`PrincipalReach.settledPolicies`).
    static func problems(_ request: Request, question: ReachQuestion, policies: PolicySet,
                         applicability: ActionApplicability) -> [String] {
        guard policies.accessPointPolicies?.isEmpty ?? true else { return ["S3 access points: left to the solver"] }
        guard PinnableRequest.readsNoRequestKeys(policies) else { return ["the policies read request keys: left to the solver"] }
        var problems = PinnableRequest.callerProblems(request.principal, pin: question.caller)
        if request.resourceAccount != question.resourceAccount { problems.append("the resource's account differs from the question's") }
        let type = question.resourceType
        let action = request.action.lowercased()
        let patterns = question.actions ?? ExternalAccessQuery.scopePatterns(type.servicePrefixes)
        if !patterns.contains(where: { GlobPattern($0.lowercased(), caseInsensitive: true).matches(action, subjectIsLowercased: true) }) {
            problems.append("an action the question does not ask about")
        }
        let inScope = type.requestResources(for: question.resourceARN).contains { scope in
            scope.anySuffix ? request.resource.hasPrefix(scope.prefix) && request.resource != scope.prefix : request.resource == scope.prefix
        }
        if !inScope { problems.append("a resource outside the question's") }
        if !applicability.admits(action: request.action, resource: request.resource) {
            problems.append("\(request.action) cannot be asked of \(request.resource)")
        }
        if let owners = question.restrictPublicBucketsOwners, !owners.contains(request.principal.account ?? "") {
            problems.append("S3 RestrictPublicBuckets lets in only \(owners.joined(separator: ", ")) and services")
        }
        problems += RequestRealism.problems(request)
        if Authorizer.evaluate(request, policies: policies).outcome != .allow { problems.append("the Authorizer does not allow it") }
        return problems
    }
}
