import Policy

/// Writes a `Request` in the request-file shape that `RequestFile.decode` reads (the inverse), with
/// keys in a fixed order so the output is deterministic.
extension RequestFile {
    /// The request as JSON text. Derived context keys are not written: only the explicit `context`.
    public static func encode(_ request: Request) -> String {
        var fields: [String] = []
        fields.append("\"principal\": \(encodePrincipal(request.principal))")
        fields.append("\"action\": \(quote(request.action))")
        fields.append("\"resource\": \(quote(request.resource))")
        if let account = request.resourceAccount { fields.append("\"resourceAccount\": \(quote(account))") }
        if let organization = request.resourceOrgID { fields.append("\"resourceOrgId\": \(quote(organization))") }
        if !request.resourceOrgPaths.isEmpty {
            fields.append("\"resourceOrgPaths\": [\(request.resourceOrgPaths.map(quote).joined(separator: ", "))]")
        }
        let principal = request.principal
        if let orgID = principal.orgID { fields.append("\"principalOrgId\": \(quote(orgID))") }
        if !principal.orgPaths.isEmpty {
            fields.append("\"principalOrgPaths\": [\(principal.orgPaths.map(quote).joined(separator: ", "))]")
        }
        if !principal.tags.isEmpty {
            let tags = principal.tags.keys.sorted().map { "\(quote($0)): \(quote(principal.tags[$0] ?? ""))" }
            fields.append("\"principalTags\": {\(tags.joined(separator: ", "))}")
        }
        if !request.context.isEmpty {
            let entries = request.context.entries.map { entry -> String in
                let value = entry.isMultivalued
                    ? "[\(entry.values.map(encodeValue).joined(separator: ", "))]"
                    : entry.values.first.map(encodeValue) ?? "[]"
                return "\(quote(entry.key)): \(value)"
            }
            fields.append("\"context\": {\(entries.joined(separator: ", "))}")
        }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    static func encodePrincipal(_ principal: Principal) -> String {
        var extras: [String] = []
        if let userID = principal.userID { extras.append("\"userId\": \(quote(userID))") }
        if let canonical = principal.canonicalUserID { extras.append("\"canonicalUserId\": \(quote(canonical))") }
        let head: String
        switch principal.kind {
        case .anonymous:
            return "\"anonymous\""
        case .awsService:
            head = "\"service\": \(quote(principal.serviceName ?? ""))"
        case .webIdentity, .samlFederated:
            head = "\"federated\": \(quote(principal.provider ?? ""))"
        case .assumedRoleSession:
            let arn = principal.arn ?? ""
            let pathless = Principal(parsing: arn)?.roleArn
            if principal.roleArn != pathless, let roleArn = principal.roleArn {
                extras.insert("\"roleArn\": \(quote(roleArn))", at: 0)
            }
            head = "\"arn\": \(quote(arn))"
        case .accountRoot, .iamUser, .iamRole, .federatedUser:
            head = "\"arn\": \(quote(principal.arn ?? ""))"
        }
        if extras.isEmpty && !head.hasPrefix("\"service\"") && !head.hasPrefix("\"federated\"") {
            return quote(principal.arn ?? "")
        }
        return "{" + ([head] + extras).joined(separator: ", ") + "}"
    }

    static func encodeValue(_ value: ContextValue) -> String {
        switch value.type {
        case .bool where value.text == "true" || value.text == "false":
            return value.text
        case .number where PolicyNumberText.isJSONNumber(value.text):
            return value.text
        default:
            return quote(value.text)
        }
    }

    /// A JSON string literal.
    public static func quote(_ text: String) -> String { JSONText.quoted(text) }
}

/// Whether a number's text can be written as a JSON number as is.
enum PolicyNumberText {
    static func isJSONNumber(_ text: String) -> Bool {
        var rest = Substring(text)
        if rest.first == "-" { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy({ $0.isASCII && $0.isNumber }),
              whole == "0" || whole.first != "0" else { return false }
        if parts.count == 2 { return !parts[1].isEmpty && parts[1].allSatisfy { $0.isASCII && $0.isNumber } }
        return true
    }
}
