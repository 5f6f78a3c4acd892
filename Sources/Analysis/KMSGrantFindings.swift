import Authorizer
import Environment
import Policy

/// External access through a KMS key's grants: a grant whose grantee principal is outside the
/// zone of trust (`OutsideZone.contains`, the one definition) lets it call the grant's operations
/// on the key; a retiring principal outside the zone may call `RetireGrant` on it, nothing else.
/// Findings of source `KMS_GRANT`, built without the solver: a grant names its principal and its
/// operations outright, so the grant itself is the finding's evidence (its witness only
/// illustrates it; the Authorizer models policies, not grants).
///
/// AWS sources:
/// - "Grants in AWS KMS" (https://docs.aws.amazon.com/kms/latest/developerguide/grants.html): a
///   grant allows its grantee principal the grant operations on one key, and never denies; the
///   grantee may be in another account.
/// - `GrantListEntry` (https://docs.aws.amazon.com/kms/latest/APIReference/API_GrantListEntry.html):
///   for a grant an AWS service holds, `GranteePrincipal` is a service principal.
/// - `GrantConstraints` (https://docs.aws.amazon.com/kms/latest/APIReference/API_GrantConstraints.html):
///   encryption-context constraints apply only to cryptographic operations that take an encryption
///   context, "not ... management operations, such as DescribeKey or RetireGrant".
/// - `RetireGrant` (https://docs.aws.amazon.com/kms/latest/APIReference/API_RetireGrant.html): the
///   retiring principal may retire the grant.
///
/// A service principal grantee is judged like a service in a policy: a grant carries no source
/// key, so nothing says whom the service acts for, and it is outside the zone (a `Service`
/// finding). A grantee of a form Rampart cannot read is never taken to be inside: it is a finding.
public enum KMSGrantFindings {
    /// The grant operations that take an encryption context (cryptographic operations with a
    /// symmetric key), to which a grant's constraints apply (`GrantConstraints`). Every other
    /// operation — `DescribeKey`, `CreateGrant`, `RetireGrant`, `Sign`, `Verify`, `GetPublicKey`,
    /// the MAC operations, and any name not listed here — is listed without the constraints.
    public static let contextOperations: Set<String> = [
        "Decrypt", "Encrypt", "GenerateDataKey", "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext",
        "GenerateDataKeyWithoutPlaintext", "ReEncryptFrom", "ReEncryptTo",
    ]

    public static func findings(for resource: AnalyzedResource, zone: ZoneOfTrust) -> [ExternalAccessFinding] {
        guard resource.type == .kmsKey, !resource.kmsGrants.isEmpty else { return [] }
        var byAccess: [String: ExternalAccessFinding] = [:]
        func add(_ text: String, actions: [String], conditions: [String]) {
            guard !actions.isEmpty else { return }
            let (principal, kind) = Self.principal(text)
            let witness = Request(principal: principal, action: actions[0], resource: resource.arn, resourceAccount: resource.account)
            if kind != .unknown, !OutsideZone.contains(witness, type: resource.type, zone: zone) { return }
            let key = ([text] + conditions).joined(separator: "\u{1F}")
            if var existing = byAccess[key] {
                existing.actions = Array(Set(existing.actions + actions)).sorted()
                byAccess[key] = existing
            } else {
                byAccess[key] = ExternalAccessFinding(principal: text, principalKind: kind.findingKind, actions: Array(Set(actions)).sorted(),
                                                      conditions: conditions, isPublic: false, witness: witness, statements: [],
                                                      source: .kmsGrant)
            }
        }
        for grant in resource.kmsGrants {
            let conditions = Self.conditions(of: grant)
            let constrained = grant.operations.filter { !conditions.isEmpty && contextOperations.contains($0) }
            let unconstrained = grant.operations.filter { !constrained.contains($0) }
            for grantee in grant.granteePrincipals {
                add(grantee, actions: constrained.map { "kms:" + $0 }, conditions: conditions)
                add(grantee, actions: unconstrained.map { "kms:" + $0 }, conditions: [])
            }
            for retiring in grant.retiringPrincipals {
                add(retiring, actions: ["kms:RetireGrant"], conditions: [])
            }
        }
        return byAccess.values.sorted { ($0.principal, $0.conditions.joined(), $0.actions.joined()) < ($1.principal, $1.conditions.joined(), $1.actions.joined()) }
    }

    /// The grant's constraints as findings print conditions (`operator key: value`): the
    /// constraint's name, then each pair, e.g. `EncryptionContextSubset Department: IT`.
    public static func conditions(of grant: KMSGrant) -> [String] {
        let subset = grant.encryptionContextSubset.sorted { $0.key < $1.key }.map { "EncryptionContextSubset \($0.key): \($0.value)" }
        let equals = grant.encryptionContextEquals.sorted { $0.key < $1.key }.map { "EncryptionContextEquals \($0.key): \($0.value)" }
        return subset + equals
    }

    private enum GranteeKind {
        case identity, service, unknown

        var findingKind: PrincipalClassKind { self == .service ? .service : .account }
    }

    /// A grantee or retiring principal as a caller: an account id or an IAM/STS principal ARN
    /// (`Principal(parsing:)`), else a service principal (`dynamodb.us-east-1.amazonaws.com`: a
    /// dotted name, no ARN), else a form not known to read — outside the zone, never guessed inside.
    private static func principal(_ text: String) -> (Principal, GranteeKind) {
        if let parsed = Principal(parsing: text), parsed.kind != .anonymous { return (parsed, .identity) }
        if !text.hasPrefix("arn:"), text.contains("."), !text.contains("/") { return (.service(text), .service) }
        return (.accountRoot("999999999999"), .unknown)
    }
}
