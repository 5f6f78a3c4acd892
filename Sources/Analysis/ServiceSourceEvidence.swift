import Authorizer
import Encoding
import Policy
import Z3

/// What a service request's source keys say about the account the service acts for.
///
/// IAM User Guide, "AWS global condition context keys": `aws:SourceAccount`, `aws:SourceOwner` and
/// the account segment of `aws:SourceArn` name the account on whose behalf a service calls;
/// `aws:SourceOrgID` its organization. They describe one source, so they never contradict each
/// other. A service whose source keys name no account of the zone may be acting for anyone (the
/// confused deputy); that is external. Only keys the policies read are considered: keys nothing
/// reads cannot change a decision.
struct ServiceSourceEvidence {
    static let sourceKeys = ["aws:SourceAccount", "aws:SourceOwner", "aws:SourceArn", "aws:SourceOrgID", "aws:SourceOrgPaths"]

    /// The same judgement on a concrete request's source keys (every source key it states).
    struct Concrete {
        var actsForZone = false
        var actsOutsideZone = false
    }

    static func concrete(_ context: RequestContext, zone: ZoneOfTrust) -> Concrete {
        var result = Concrete()
        func judge(account: String) {
            if zone.contains(account: account) { result.actsForZone = true } else { result.actsOutsideZone = true }
        }
        for key in ["aws:SourceAccount", "aws:SourceOwner"] {
            if let value = context[key]?.text { judge(account: value) }
        }
        if let value = context["aws:SourceArn"]?.text, let arn = ARN(parsing: value), !arn.account.isEmpty {
            judge(account: arn.account)
        }
        if let organization = zone.organizationID, let value = context["aws:SourceOrgID"]?.text {
            if value == organization { result.actsForZone = true } else { result.actsOutsideZone = true }
        }
        return result
    }

    /// Some source key names an account (or the organization) of the zone.
    let actsForZone: Z3Bool
    /// Some source key names an account (or organization) outside the zone.
    let actsOutsideZone: Z3Bool

    init(authorization: SymbolicAuthorization, zone: ZoneOfTrust, context: Z3Context) throws {
        let request = authorization.request
        var inside: [Z3Bool] = [], outside: [Z3Bool] = []
        let zoneAccounts = try ARNAccountRegex(accounts: zone.accounts, in: context)
        for key in ["aws:SourceAccount", "aws:SourceOwner"] where authorization.policiesRead(key) {
            let values = try request.values(of: key)
            guard let term = values.slots[0].text else { continue }
            inside.append(try context.and([values.present, zoneAccounts.accountIsListed(term)]))
            outside.append(try context.and([values.present, zoneAccounts.accountIsListed(term).not()]))
        }
        if authorization.policiesRead("aws:SourceArn") {
            let values = try request.values(of: "aws:SourceArn")
            if let term = values.slots[0].text {
                inside.append(try context.and([values.present, zoneAccounts.arnAccountIsListed(term)]))
                outside.append(try context.and([values.present, zoneAccounts.arnHasAccount(term), zoneAccounts.arnAccountIsListed(term).not()]))
            }
        }
        if let organization = zone.organizationID, authorization.policiesRead("aws:SourceOrgID") {
            let values = try request.values(of: "aws:SourceOrgID")
            if let term = values.slots[0].text {
                let ours = try term.equals(context.string(organization))
                inside.append(try context.and([values.present, ours]))
                outside.append(try context.and([values.present, ours.not()]))
            }
        }
        actsForZone = try context.or(inside)
        actsOutsideZone = try context.or(outside)
    }
}
