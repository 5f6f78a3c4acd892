import Policy

/// S3's documented notion of a public policy (S3 User Guide, "Blocking public access to your
/// Amazon S3 storage", "The meaning of public"): an Allow statement is public unless it grants
/// only to fixed principals (accounts, users, roles, services: not `"*"`, not NotPrincipal), or
/// it carries a condition that pins one of these keys to fixed values — values with no wildcard
/// and no policy variable, under a positive operator that is not `...IfExists`:
/// `aws:SourceIp` (not broader than /8 for IPv4 or /32 for IPv6, RFC 1918 ranges excepted),
/// `aws:SourceArn`, `aws:SourceVpc`, `aws:SourceVpce`, `aws:SourceOwner`, `aws:SourceAccount`,
/// `aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:PrincipalArn`,
/// `aws:userid` (outside the pattern `AROLEID:*`), `s3:DataAccessPointArn`,
/// `s3:DataAccessPointAccount`, `s3:x-amz-server-side-encryption-aws-kms-key-id`.
/// Access Analyzer uses the same notion for the other resource types. A whole policy is judged by
/// `PublicPolicyRule`, after its Deny statements.
public enum PublicStatementRule {
    static let restrictingKeys: Set<String> = [
        "aws:sourceip", "aws:sourcearn", "aws:sourcevpc", "aws:sourcevpce", "aws:sourceowner", "aws:sourceaccount",
        "aws:principalorgid", "aws:principalaccount", "aws:principalarn", "aws:userid", "s3:dataaccesspointarn",
        "s3:dataaccesspointaccount", "s3:x-amz-server-side-encryption-aws-kms-key-id",
    ]

    /// Whether the Allow statement, read alone, grants to callers not fixed by its principals or
    /// conditions. A web-identity provider counts as everyone: S3's page gives
    /// `{"Federated": "graph.facebook.com"}` as its first example of a public policy (anyone can
    /// sign in there) unless a condition pins the subject (`PublicSubjectRule`).
    public static func isPublic(_ statement: Statement) -> Bool {
        guard statement.effect == .allow, let principal = statement.principal else { return false }
        let everyone = principal.isNegated || principal.namesEveryone
        let webIdentities = principal.isNegated ? [] : principal.entries.filter(PublicSubjectRule.isWebIdentity)
        if everyone {
            return !statement.conditions.contains(where: restricts)
        }
        return webIdentities.contains { provider in
            !statement.conditions.contains { PublicSubjectRule.pinsSubject($0, provider: provider.value) }
        }
    }

    /// Whether one condition pins a restricting key to fixed values.
    static func restricts(_ condition: Condition) -> Bool {
        let op = condition.conditionOperator
        let key = condition.key.value.lowercased()
        guard restrictingKeys.contains(key), !op.ifExists, !op.base.isNegated, op.qualifier != .forAllValues,
              op.base != .null, !condition.values.isEmpty else { return false }
        for value in condition.values {
            let text = value.text
            if text.contains("*") || text.contains("?") || text.contains("${") { return false }
            if key == "aws:userid" && text.hasPrefix("AROA") && text.hasSuffix(":*") { return false }
            if key == "aws:sourceip" {
                guard let range = IPAddressRange(parsing: text) else { return false }
                if !isNarrowEnough(range) { return false }
            }
        }
        return true
    }

    private static func isNarrowEnough(_ range: IPAddressRange) -> Bool {
        if range.address.isIPv4 {
            let privateRanges = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].compactMap(IPAddressRange.init(parsing:))
            if privateRanges.contains(where: { $0.contains(range.address) && range.prefixLength >= $0.prefixLength }) { return true }
            return range.prefixLength >= 8
        }
        return range.prefixLength >= 32
    }
}
