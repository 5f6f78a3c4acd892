import Authorizer
import Encoding
import Policy
import Z3

/// "Outside the zone of trust", once concretely and once symbolically, side by side: the
/// question's `external` (`symbolic`) and the Analysis's and scan's checks of a concrete
/// request (`contains`: witness candidates, the `*` principal class, the scan's replay of a
/// reused analysis) must agree, and `OutsideZoneAgreementTests` pins every request kind in the
/// symbolic form and compares it with the concrete one.
///
/// IAM Access Analyzer User Guide, "Zone of trust": principals of accounts outside the zone,
/// anonymous callers and federated identities (web identity, SAML) are outside. A service is
/// judged by whom it acts for (`ServiceSourceEvidence`: its source keys); in a role's trust
/// policy, a service with no source key that takes on a role only when a caller with
/// `iam:PassRole` in the role's account passed it acts for that account (`RolePassingServices`;
/// IAM User Guide, "Grant a user permissions to pass a role to an AWS service"), any other
/// service may act for anyone (the cross-service confused deputy, "The confused deputy problem").
public enum OutsideZone {
    /// The concrete definition: `request`'s caller is outside `zone` for a resource of `type`.
    public static func contains(_ request: Request, type: ResourceType, zone: ZoneOfTrust) -> Bool {
        let principal = request.principal
        switch principal.kind {
        case .anonymous, .webIdentity, .samlFederated: return true
        case .awsService:
            let evidence = ServiceSourceEvidence.concrete(request.context, zone: zone)
            guard type.isRoleTrust else { return !evidence.actsForZone }
            return evidence.actsOutsideZone
                || (!evidence.actsForZone && !RolePassingServices.needsPassRole(principal.serviceName ?? ""))
        case .accountRoot, .iamUser, .iamRole, .assumedRoleSession, .federatedUser:
            return principal.account.map { !zone.contains(account: $0) } ?? false
        }
    }

    /// The symbolic definition over the question's request: the same cases as `contains`.
    /// - Parameters:
    ///   - accountKinds: the caller is of a kind with an account (`Principal.Kind.hasAccount`).
    ///   - evidence: what the request's source keys say (read from the compiled policies).
    ///   - trustedServices: the service principals the policies name (`roleServiceNames`): in a
    ///     trust policy, those that need `iam:PassRole` act for the role's account without a source key.
    static func symbolic(_ authorization: SymbolicAuthorization, type: ResourceType, zone: ZoneOfTrust,
                         accountKinds: Z3Bool, evidence: ServiceSourceEvidence, trustedServices: [String],
                         context: Z3Context) throws -> Z3Bool {
        let p = authorization.request.principal
        let isService = try p.isKind(.awsService)
        let outsideAccount = try context.and(zone.accounts.map { try p.account.notEquals(context.string($0)) })
        var outsiders = [
            try p.isOneOf([.anonymous, .webIdentity, .samlFederated]),
            try context.and([accountKinds, outsideAccount]),
        ]
        if !type.isRoleTrust {
            outsiders.append(try context.and([isService, evidence.actsForZone.not()]))
        } else {
            let passing = trustedServices.filter(RolePassingServices.needsPassRole)
            let passed = try context.or(passing.map { try p.serviceName.equals(context.string($0)) })
            outsiders.append(try context.and([isService, context.or([
                evidence.actsOutsideZone,
                context.and([evidence.actsForZone.not(), passed.not()]),
            ])]))
        }
        return try context.or(outsiders)
    }
}
