import Analysis

/// The stable id of a finding: the same access to the same resource gets the same id in every
/// run, so statuses and first-seen times can follow it.
///
/// The id is `"rf-"` and the first 24 hex digits of the SHA-256 of a canonical text made of the
/// resource ARN, the principal, the sorted actions, the sorted conditions, the source's
/// `identityToken` (`policy`, `acl`, `sharing` as earlier versions spelled those sources, so
/// their findings keep their ids after the rename to `POLICY`, `BUCKET_ACL`, `SNAPSHOT_SHARING`;
/// `KMS_GRANT` and the access point sources as spelled), and for access through an S3 access
/// point its ARN (two access points granting the same are two findings, as in Access Analyzer),
/// and for access through roles the roles of its path in order (two chains are two findings) —
/// a `ROLE_CHAIN` finding's actions are left out (an empty list): they are its last hop's
/// witness's, which says one action the path allows, not which access it is.
/// The witness and the statement positions are not part of it:
/// reformatting a policy does not change its findings' ids.
///
/// ```swift
/// FindingIdentity.id(resource: "arn:aws:s3:::b", principal: "*", actions: ["s3:GetObject"], conditions: [], source: .policy)
/// // "rf-…" (24 hex digits)
/// ```
public enum FindingIdentity {
    public static func id(resource: String, principal: String, actions: [String], conditions: [String], source: FindingSource,
                          accessPoint: String? = nil, roles: [String]? = nil) -> String {
        let canonical = (["rampart-finding/v1", resource, principal, actions.sorted().joined(separator: ","),
                          conditions.sorted().joined(separator: "\u{1F}"), source.identityToken] + [accessPoint].compactMap { $0 }
                         + [roles?.joined(separator: ",")].compactMap { $0 })
            .joined(separator: "\u{1E}")
        let digest = SHA256.hash(Array(canonical.utf8))
        return "rf-" + digest.prefix(12).map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }
}
