/// Facts about requests to particular services, stated once for both semantics.
public enum ServiceRequestFacts {
    /// Services that take only signed requests: no anonymous caller reaches them. AWS KMS API
    /// Reference, "Signing AWS API requests" / AWS KMS Developer Guide: every AWS KMS request is
    /// signed with Signature Version 4 (an unsigned, anonymous request is refused before any
    /// policy is read).
    public static let signedOnly: Set<String> = ["kms"]

    /// Condition keys a service sets from the calling identity, with the service whose requests
    /// carry them: `kms:CallerAccount` is "the AWS account of the calling identity" (AWS KMS
    /// Developer Guide, "AWS KMS condition keys", kms:CallerAccount) — a fact of the caller, not a
    /// value the caller chooses.
    public static let callerAccountKeys: [String: String] = ["kms:calleraccount": "kms"]

    /// The service prefix of `action` (`kms` of `kms:Decrypt`), lowercased.
    public static func service(of action: String) -> String? {
        action.firstIndex(of: ":").map { action[..<$0].lowercased() }
    }

    /// Whether `request` is one a service would refuse unsigned.
    static func isUnsignedToSignedOnlyService(_ request: Request) -> Bool {
        request.principal.kind == .anonymous && service(of: request.action).map(signedOnly.contains) == true
    }
}
