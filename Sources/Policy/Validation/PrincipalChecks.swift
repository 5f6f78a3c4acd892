/// Checks on `Principal`/`NotPrincipal` values.
///
/// IAM User Guide, "AWS JSON policy elements: Principal": an AWS principal is `"*"`, an
/// account id, or the ARN of an account root, user, role, assumed-role session or federated
/// user; "You cannot use a wildcard to match part of a principal name or ARN".
enum PrincipalChecks {
    static func check(_ statement: Statement, type: PolicyType) -> [Diagnostic] {
        guard let principal = statement.principal else { return [] }
        var diagnostics: [Diagnostic] = []
        if type == .rcp && !(principal.namesEveryone && !principal.isNegated) {
            diagnostics.append(Diagnostic(.error, .invalidPrincipal,
                                          "an RCP statement's Principal must be \"*\" (AWS Organizations, \"RCP syntax\")",
                                          at: principal.location))
        }
        for entry in principal.entries {
            if let problem = problem(with: entry) {
                diagnostics.append(problem)
            }
        }
        return diagnostics
    }

    private static func hasWildcard(_ text: String) -> Bool { text.contains("*") || text.contains("?") }

    static func problem(with entry: PrincipalEntry) -> Diagnostic? {
        let value = entry.value
        switch entry.type {
        case .aws:
            if value == "*" || AccountID.isValid(value) { return nil }
            if let arn = ARN(parsing: value) {
                if hasWildcard(value) {
                    return Diagnostic(.error, .wildcardInPrincipalARN,
                                      "wildcards are not allowed inside a principal ARN (\"\(value)\"); use \"*\" alone, or a condition such as ArnLike on aws:PrincipalArn",
                                      at: entry.location)
                }
                let validService = arn.service == "iam" || arn.service == "sts"
                let resourceKinds = ["root", "user/", "role/", "assumed-role/", "federated-user/"]
                let validResource = resourceKinds.contains { arn.resource == $0 || ($0.hasSuffix("/") && arn.resource.hasPrefix($0)) }
                if !validService || !AccountID.isValid(arn.account) || !validResource {
                    return Diagnostic(.error, .invalidPrincipal,
                                      "\"\(value)\" is not a valid AWS principal: expected an account id or the ARN of an account root, user, role, assumed-role session or federated user",
                                      at: entry.location)
                }
                return nil
            }
            if hasWildcard(value) {
                return Diagnostic(.error, .wildcardInPrincipalARN,
                                  "wildcards are not allowed in a principal (\"\(value)\"); use \"*\" alone", at: entry.location)
            }
            // Unique ids (AIDA..., AROA...) appear where a named principal was deleted and recreated.
            if value.count >= 16, value.hasPrefix("A"), value.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) {
                return Diagnostic(.warning, .invalidPrincipal,
                                  "\"\(value)\" looks like the unique id of a deleted principal: it matches no current principal",
                                  at: entry.location)
            }
            return Diagnostic(.error, .invalidPrincipal,
                              "\"\(value)\" is not a valid AWS principal: expected \"*\", an account id or an IAM/STS ARN",
                              at: entry.location)
        case .service:
            if value == "*" {
                return nil
            }
            if hasWildcard(value) {
                return Diagnostic(.error, .wildcardInPrincipalARN,
                                  "wildcards are not allowed in a service principal (\"\(value)\")", at: entry.location)
            }
            if !value.contains(".") || value.contains(" ") {
                return Diagnostic(.error, .invalidPrincipal,
                                  "\"\(value)\" is not a service principal (expected a name such as cloudfront.amazonaws.com)",
                                  at: entry.location)
            }
            return nil
        case .federated:
            if hasWildcard(value) {
                return Diagnostic(.error, .wildcardInPrincipalARN,
                                  "wildcards are not allowed in a federated principal (\"\(value)\")", at: entry.location)
            }
            if let arn = ARN(parsing: value) {
                let ok = arn.service == "iam" && AccountID.isValid(arn.account)
                    && (arn.resource.hasPrefix("saml-provider/") || arn.resource.hasPrefix("oidc-provider/"))
                return ok ? nil : Diagnostic(.error, .invalidPrincipal,
                                             "\"\(value)\" is not a SAML or OIDC provider ARN", at: entry.location)
            }
            if !value.contains(".") || value.contains(" ") {
                return Diagnostic(.error, .invalidPrincipal,
                                  "\"\(value)\" is not a federated principal (expected a provider ARN or a domain such as cognito-identity.amazonaws.com)",
                                  at: entry.location)
            }
            return nil
        case .canonicalUser:
            let isHex = value.utf8.count == 64 && value.unicodeScalars.allSatisfy { $0.properties.isASCIIHexDigit }
            return isHex ? nil : Diagnostic(.error, .invalidPrincipal,
                                            "\"\(value)\" is not a canonical user id (64 hexadecimal characters)",
                                            at: entry.location)
        }
    }
}
