import Authorizer
import Encoding
import Policy

/// Whether a concrete request satisfies the external-access question's formulas, decided without
/// the solver: the concrete side of `ExternalAccessQuery`'s `frame` (scope, realism, the action on
/// its resource) and `external`, with the request's well-formedness (`PinnableRequest`). It lets
/// the principal class sweep take a candidate the Authorizer allows as a witness without a pinned
/// question (issue 17 item 3: at 500 statements a pin cost 40-100 ms, the Authorizer ~0.1 ms).
///
/// Side by side with the symbolic parts (`ExternalAccessQuery.init` and `realism`), each stated
/// here at least as strictly:
/// - scope: the action is one of the resource's services, the resource one of its scope's parts;
/// - `actionsApply` and the access point keys: `ExternalAccessQuery.admits`;
/// - source keys (`aws:SourceAccount`, …) only for service callers: none may be present, since
///   only accounts' callers are accepted (`PinnableRequest.kinds`); so neither `actsForZone` nor
///   `actsOutsideZone` holds;
/// - `aws:SecureTransport`, `aws:CurrentTime`, `aws:EpochTime` present when the policies read them,
///   `aws:SecureTransport` `true` or `false`;
/// - in an organization zone, a caller outside the zone does not carry its id in
///   `aws:PrincipalOrgID`;
/// - what `RequestRealism` checks (organization forms, tags, signed-only services);
/// - `external`: `OutsideZone.contains` (the definition `external` is differential-tested against).
/// A resource read through an access point, a bucket under RestrictPublicBuckets and a question
/// about any resource of a type (`*`) are not admitted here (their pins decide).
///
/// `ConcreteAdmissionTests` samples candidate requests and checks every one admitted here is
/// confirmed by the pinned question.
struct ConcreteAdmission {
    let query: ExternalAccessQuery

    /// Why `request` might not satisfy `base ∧ external` (the Authorizer's allow aside, which the
    /// caller decides); empty when it surely does.
    func problems(_ request: Request) -> [String] {
        let resource = query.resource
        guard resource.accessPoint == nil, resource.restrictPublicBucketsOwners == nil, resource.arn != "*" else {
            return ["an access point, RestrictPublicBuckets or any resource: left to the solver"]
        }
        var problems = PinnableRequest.problems(request, in: query.authorization)
        let action = request.action.lowercased()
        if !resource.type.servicePrefixes.contains(where: { action.hasPrefix($0.lowercased() + ":") }) {
            problems.append("an action outside the resource's services")
        }
        let inScope = resource.type.requestResources(for: resource.arn).contains { scope in
            scope.anySuffix ? request.resource.hasPrefix(scope.prefix) : request.resource == scope.prefix
        }
        if !inScope { problems.append("a resource outside the scope") }
        if !query.admits(request) { problems.append("an action that does not apply to the resource") }
        let effective = request.effectiveContext
        let authorization = query.authorization
        for key in ServiceSourceEvidence.sourceKeys where authorization.policiesRead(key) && effective.contains(key) {
            problems.append("\(key) on a caller that is not a service")
        }
        for key in AlwaysPresentKeys.names where authorization.policiesRead(key) {
            guard let values = effective.values(for: key), values.count == 1 else {
                problems.append("\(key) absent (AWS always sends it)")
                continue
            }
            if key == "aws:SecureTransport", !["true", "false"].contains(values[0].text) {
                problems.append("aws:SecureTransport neither true nor false")
            }
        }
        if let organization = query.zone.organizationID, request.principal.orgID == organization {
            problems.append("a caller outside the zone carrying its organization's id")
        }
        problems += RequestRealism.problems(request)
        if !OutsideZone.contains(request, type: resource.type, zone: query.zone) { problems.append("a caller in the zone") }
        return problems
    }
}
