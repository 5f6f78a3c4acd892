/// Whether a concrete request is one AWS could evaluate, as far as the facts the symbolic
/// encoding states go (`OrganizationIdentifiers`, `ServiceRequestFacts`). The differential tests compare the two
/// semantics on real requests only; the encoding never produces another.
public enum RequestRealism {
    /// What is unreal about `request`; empty when nothing is.
    public static func problems(_ request: Request) -> [String] {
        var problems: [String] = []
        let principal = request.principal
        if ServiceRequestFacts.isUnsignedToSignedOnlyService(request) {
            problems.append("an anonymous caller: \(request.action)'s service takes signed requests only")
        }
        if !principal.tags.isEmpty && !principal.kind.carriesTags {
            problems.append("principal tags on a \(principal.kind.rawValue) caller: only IAM users, roles and sessions carry aws:PrincipalTag")
        }
        if let organization = principal.orgID {
            if !OrganizationIdentifiers.organization.matches(organization) {
                problems.append("principalOrgId '\(organization)' is not an organization id (o- and 10 to 32 lowercase letters or digits)")
            }
            for path in principal.orgPaths where !OrganizationIdentifiers.isPath(path, in: organization) {
                problems.append("principalOrgPaths entry '\(path)' is not a path of organization \(organization) (o-…/r-…/ou-…/)")
            }
        } else if !principal.orgPaths.isEmpty {
            problems.append("principalOrgPaths without principalOrgId: a caller outside every organization has neither")
        }
        // The owner's organization keys hold the same forms (`aws:ResourceOrgPaths` entries are
        // paths of the owner's `aws:ResourceOrgID`).
        if let organization = request.resourceOrgID {
            for path in request.resourceOrgPaths where !OrganizationIdentifiers.isPath(path, in: organization) {
                problems.append("resourceOrgPaths entry '\(path)' is not a path of organization \(organization) (o-…/r-…/ou-…/)")
            }
        } else if !request.resourceOrgPaths.isEmpty {
            problems.append("resourceOrgPaths without resourceOrgId: a resource outside every organization has neither")
        }
        return problems
    }
}
