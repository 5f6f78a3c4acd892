import Authorizer
import Encoding
import Policy

/// Concrete requests of a reach question's caller that the Authorizer allows and that replay as
/// the question's witnesses would (`PrincipalReach.replayProblems`): for every reach question
/// (issue 18's scale), each is the witness without the solver when `ReachAdmission` admits it,
/// else tried pinned before a free search.
///
/// As with `WitnessCandidates` for findings: a free search for a SAT answer is the slow part on
/// Z3's string theory (hundreds of milliseconds on a bucket under every `s3` action), a pinned
/// one takes milliseconds. A pinned answer is still the solver's — the same formulas with the
/// request fixed — and its model is decoded and replayed like any witness; a candidate that fails
/// anywhere leaves the free search to run as before. Only "opens" can come from a candidate, so
/// a candidate never closes anything. The order below is fixed, so the witness chosen is the
/// same run to run.
///
/// The caller is the question's (a role's session named `session`, its `aws:userid` the role's
/// id and that name), with the keys AWS always sends; actions are those the policies name
/// literally, then the first of each pattern's, then the first the resource admits
/// (`ActionApplicability`, the solver's own domain); resources the resource and, where the scope
/// is open-ended, an object under it.
enum ReachWitnessCandidates {
    static func requests(_ question: ReachQuestion, policies: PolicySet, applicability: ActionApplicability, limit: Int = 4) -> [Request] {
        let pin = question.caller
        var principal = pin.principal
        if pin.anySessionName, principal.kind == .assumedRoleSession, let roleArn = principal.roleArn {
            principal.arn = Principal.assumedRole(roleArn: roleArn, sessionName: "session").arn
            if let roleID = principal.userID?.split(separator: ":").first { principal.userID = roleID + ":session" }
        }
        let scope = ReachScreen.actionGlobs(ReachScreen.actionScope(question.actions, resourceType: question.resourceType))
        let requestable = applicability.domain.filter { action in scope.contains { $0.matches(action, subjectIsLowercased: true) } }
        let requestableSet = Set(requestable)
        var actions: [String] = [], seen: Set<String> = []
        func add(_ action: String) { if seen.insert(action).inserted { actions.append(action) } }
        let patterns = ActionClasses.actionValues(of: [policies]).map { $0.lowercased() }
        for pattern in patterns where !pattern.contains("*") && !pattern.contains("?") && requestableSet.contains(pattern) { add(pattern) }
        for pattern in patterns where pattern.contains("*") || pattern.contains("?") {
            let glob = GlobPattern(pattern, caseInsensitive: true)
            if let first = requestable.first(where: { glob.matches($0, subjectIsLowercased: true) }) { add(first) }
        }
        requestable.prefix(2).forEach(add)
        let resources = question.resourceType.requestResources(for: question.resourceARN).map { $0.anySuffix ? $0.prefix + "x" : $0.prefix }
        var context = AlwaysPresentKeys.example
        for key in PrincipalPin.absentKeys(pin.sourceIdentity) { context.remove(key) }
        var found: [Request] = []
        for action in actions {
            for resource in resources where applicability.admits(action: action, resource: resource) {
                let spelled = applicability.policySpelling(of: action) ?? ActionCatalog.shipped.spelling(of: action)
                let request = Request(principal: principal, action: spelled, resource: resource, resourceAccount: question.resourceAccount,
                                      context: context)
                guard PrincipalReach.replayProblems(request, decoded: principal, question: question, policies: policies,
                                                    applicability: applicability).isEmpty else { continue }
                found.append(request)
                if found.count >= limit { return found }
            }
        }
        return found
    }
}
