import Policy

/// A problem with a request file, naming the field it is about.
public struct RequestFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A JSON path such as `$.principal` or `$.context['aws:SourceIp'][1]`.
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

/// The JSON shape of one request, read by `rampart simulate --request` and written for witnesses
/// (documented in docs/SIMULATE.md).
///
/// ```json
/// {"principal": "arn:aws:iam::444455556666:role/R", "action": "s3:GetObject",
///  "resource": "arn:aws:s3:::b/k", "resourceAccount": "111122223333",
///  "context": {"aws:SourceIp": "203.0.113.7", "aws:TagKeys": ["a", "b"]}}
/// ```
/// `principal` is `"anonymous"`, an account id, a principal ARN, or an object: `{"service": name}`,
/// `{"federated": provider}`, or `{"arn": ARN, "roleArn": ..., "userId": ..., "canonicalUserId": ...}`.
/// Optional: `principalOrgId`, `principalOrgPaths` (list), `principalTags` (object of strings).
/// Context values are strings, numbers, booleans, or lists of them (a list makes a multivalued key).
public enum RequestFile {
    private static let topLevelKeys: Set<String> = [
        "principal", "action", "resource", "resourceAccount", "resourceOrgId", "resourceOrgPaths", "context",
        "principalOrgId", "principalOrgPaths", "principalTags",
    ]

    /// Reads a request from JSON text.
    public static func decode(_ text: String) throws(RequestFileError) -> Request {
        try decode(bytes: Array(text.utf8))
    }

    /// Reads a request from JSON bytes.
    public static func decode(bytes: [UInt8]) throws(RequestFileError) -> Request {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            throw RequestFileError(field: "$", message: "not valid JSON: \(error.message) (line \(error.position.line), column \(error.position.column))")
        }
        return try decode(json: json)
    }

    /// Reads a request from parsed JSON.
    public static func decode(json: JSONValue) throws(RequestFileError) -> Request {
        guard let members = json.members else {
            throw RequestFileError(field: "$", message: "a request must be a JSON object, found \(json.typeName)")
        }
        var fields: [String: JSONValue] = [:]
        for member in members {
            guard topLevelKeys.contains(member.key) else {
                throw RequestFileError(field: "$.\(member.key)",
                                       message: "unknown field (expected one of \(topLevelKeys.sorted().joined(separator: ", ")))")
            }
            guard fields[member.key] == nil else {
                throw RequestFileError(field: "$.\(member.key)", message: "duplicate field")
            }
            fields[member.key] = member.value
        }
        guard let principalJSON = fields["principal"] else {
            throw RequestFileError(field: "$.principal", message: "missing (expected \"anonymous\", an account id, a principal ARN, or {\"service\": ...})")
        }
        var principal = try readPrincipal(principalJSON)
        let action = try requiredString(fields["action"], "$.action")
        guard action.contains(":") || action == "*" else {
            throw RequestFileError(field: "$.action", message: "\"\(action)\" is not an action (expected service:Operation)")
        }
        let resource = try requiredString(fields["resource"], "$.resource")
        var resourceAccount: String?
        if let value = fields["resourceAccount"] {
            let account = try requiredString(value, "$.resourceAccount")
            guard AccountID.isValid(account) else {
                throw RequestFileError(field: "$.resourceAccount", message: "\"\(account)\" is not a 12-digit account id")
            }
            resourceAccount = account
        }
        let resourceOrgID = try fields["resourceOrgId"].map { value throws(RequestFileError) in try requiredString(value, "$.resourceOrgId") }
        var resourceOrgPaths: [String] = []
        if let value = fields["resourceOrgPaths"] {
            guard let elements = value.elements else {
                throw RequestFileError(field: "$.resourceOrgPaths", message: "must be a list of strings, found \(value.typeName)")
            }
            resourceOrgPaths = try elements.enumerated().map { index, element throws(RequestFileError) in
                try requiredString(element, "$.resourceOrgPaths[\(index)]")
            }
        }
        if let value = fields["principalOrgId"] { principal.orgID = try requiredString(value, "$.principalOrgId") }
        if let value = fields["principalOrgPaths"] {
            guard let elements = value.elements else {
                throw RequestFileError(field: "$.principalOrgPaths", message: "must be a list of strings, found \(value.typeName)")
            }
            principal.orgPaths = try elements.enumerated().map { index, element throws(RequestFileError) in
                try requiredString(element, "$.principalOrgPaths[\(index)]")
            }
        }
        if let value = fields["principalTags"] {
            guard let tagMembers = value.members else {
                throw RequestFileError(field: "$.principalTags", message: "must be an object of strings, found \(value.typeName)")
            }
            for member in tagMembers {
                principal.tags[member.key] = try requiredString(member.value, "$.principalTags\(pathKey(member.key))")
            }
        }
        var context = RequestContext()
        if let value = fields["context"] {
            guard let keys = value.members else {
                throw RequestFileError(field: "$.context", message: "must be an object, found \(value.typeName)")
            }
            for member in keys {
                let path = "$.context\(pathKey(member.key))"
                guard !member.key.isEmpty else { throw RequestFileError(field: path, message: "empty key") }
                guard context.entry(for: member.key) == nil else {
                    throw RequestFileError(field: path, message: "duplicate key (keys compare case-insensitively)")
                }
                if let elements = member.value.elements {
                    let values = try elements.enumerated().map { index, element throws(RequestFileError) in
                        try contextValue(element, "\(path)[\(index)]")
                    }
                    context.set(member.key, values: values, multivalued: true)
                } else {
                    context[member.key] = try contextValue(member.value, path)
                }
            }
        }
        return Request(principal: principal, action: action, resource: resource, resourceAccount: resourceAccount,
                       resourceOrgID: resourceOrgID, resourceOrgPaths: resourceOrgPaths, context: context)
    }

    private static func pathKey(_ key: String) -> String { "['\(key)']" }

    private static func requiredString(_ value: JSONValue?, _ field: String) throws(RequestFileError) -> String {
        guard let value else { throw RequestFileError(field: field, message: "missing") }
        guard let text = value.stringValue else {
            throw RequestFileError(field: field, message: "must be a string, found \(value.typeName)")
        }
        guard !text.isEmpty else { throw RequestFileError(field: field, message: "must not be empty") }
        return text
    }

    private static func contextValue(_ value: JSONValue, _ field: String) throws(RequestFileError) -> ContextValue {
        switch value.kind {
        case .string(let text): return .string(text)
        case .number(let text): return .number(text: text)
        case .bool(let flag): return .bool(flag)
        default:
            throw RequestFileError(field: field, message: "a context value must be a string, number or boolean (or a list of them), found \(value.typeName)")
        }
    }

    private static func readPrincipal(_ value: JSONValue) throws(RequestFileError) -> Principal {
        let field = "$.principal"
        if let text = value.stringValue {
            guard let principal = Principal(parsing: text) else {
                throw RequestFileError(field: field, message: "\"\(text)\" is not \"anonymous\", an account id, or the ARN of an account root, IAM user, IAM role, assumed-role session or federated user")
            }
            return principal
        }
        guard let members = value.members else {
            throw RequestFileError(field: field, message: "must be a string or an object, found \(value.typeName)")
        }
        var fields: [String: String] = [:]
        for member in members {
            let allowed: Set<String> = ["service", "federated", "arn", "roleArn", "userId", "canonicalUserId"]
            guard allowed.contains(member.key) else {
                throw RequestFileError(field: "\(field).\(member.key)", message: "unknown field (expected one of \(allowed.sorted().joined(separator: ", ")))")
            }
            fields[member.key] = try requiredString(member.value, "\(field).\(member.key)")
        }
        var principal: Principal
        let kinds = ["service", "federated", "arn"].filter { fields[$0] != nil }
        guard kinds.count == 1 else {
            throw RequestFileError(field: field, message: "must have exactly one of \"service\", \"federated\", \"arn\"")
        }
        if let service = fields["service"] {
            guard service.contains("."), !service.contains(" ") else {
                throw RequestFileError(field: "\(field).service", message: "\"\(service)\" is not a service principal name (e.g. cloudfront.amazonaws.com)")
            }
            principal = .service(service)
        } else if let provider = fields["federated"] {
            principal = provider.contains(":saml-provider/") ? .saml(provider: provider) : .webIdentity(provider: provider)
        } else {
            let arn = fields["arn"] ?? ""
            guard let parsed = Principal(parsing: arn) else {
                throw RequestFileError(field: "\(field).arn", message: "\"\(arn)\" is not a principal ARN")
            }
            principal = parsed
        }
        if let roleArn = fields["roleArn"] {
            guard principal.kind == .assumedRoleSession else {
                throw RequestFileError(field: "\(field).roleArn", message: "only an assumed-role session has a roleArn")
            }
            principal.roleArn = roleArn
        }
        if let userID = fields["userId"] { principal.userID = userID }
        if let canonical = fields["canonicalUserId"] { principal.canonicalUserID = canonical }
        return principal
    }
}
