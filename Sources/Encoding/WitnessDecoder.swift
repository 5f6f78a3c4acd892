import Authorizer
import Policy
import Z3

/// Turns a model of a symbolic request into a concrete `Request` of the Authorizer, which is
/// then replayed: a witness is only reported once the Authorizer allows it too.
struct WitnessDecoder {
    let request: SymbolicRequest

    /// - Parameter repairing: for a model found without the alphabet constraints: a name, path
    ///   or account outside its alphabet (`PrincipalAlphabets`) is replaced by the well-formed
    ///   fallback, ARNs are rebuilt from their parts, and the action is lowercased. The result
    ///   is then a guess, to be pinned and checked again, not a decoded model.
    ///   - fallbackAccount: the account of a principal whose account no formula read, or (when
    ///     repairing) whose account is not a well-formed account id.
    func decode(_ model: Z3Model, repairing: Bool = false, fallbackAccount: String = "123456789012") throws -> Request {
        let p = request.principal
        let kindName = try model.value(of: p.kind).name
        guard let kind = p.kinds.kind(named: kindName) else {
            throw EncodingError.unsupported("a principal kind the decoder does not know: \(kindName)")
        }
        let used = p.usedFields
        /// A field's value in the model, or `fallback` when no formula read the field (then
        /// nothing constrains it and any well-formed value is as good).
        func field(_ name: SymbolicPrincipal.Field, _ term: @autoclosure () throws -> Z3String, or fallback: String) throws -> String {
            guard used.contains(name) else { return fallback }
            if repairing && (name == .arn || name == .roleArn) { return fallback }
            let value = try model.value(of: try term())
            if repairing, let rule = PrincipalAlphabets.rule(for: name), !PrincipalAlphabets.matches(value, rule.alphabet) {
                return fallback
            }
            return value
        }
        let account = try field(.account, p.account, or: fallbackAccount)
        var principal: Principal
        switch kind {
        case .accountRoot:
            principal = .accountRoot(account)
        case .iamUser:
            let name = try field(.userName, p.userName, or: "rampart-witness-user")
            let path = try field(.userPath, p.userPath, or: "")
            principal = .user(arn: try field(.arn, p.arn, or: "arn:aws:iam::\(account):user/\(path)\(name)"))
        case .iamRole:
            let name = try field(.roleName, p.roleName, or: "rampart-witness-role")
            let path = try field(.rolePath, p.rolePath, or: "")
            let roleArn = try field(.roleArn, p.roleArn, or: "arn:aws:iam::\(account):role/\(path)\(name)")
            principal = .role(arn: try field(.arn, p.arn, or: roleArn))
        case .assumedRoleSession:
            let name = try field(.roleName, p.roleName, or: "rampart-witness-role")
            let path = try field(.rolePath, p.rolePath, or: "")
            let roleArn = try field(.roleArn, p.roleArn, or: "arn:aws:iam::\(account):role/\(path)\(name)")
            principal = .assumedRole(roleArn: roleArn, sessionName: try field(.sessionName, p.sessionName, or: "rampart-witness-session"))
        case .federatedUser:
            let name = try field(.userName, p.userName, or: "rampart-witness-user")
            principal = .federatedUser(arn: try field(.arn, p.arn, or: "arn:aws:sts::\(account):federated-user/\(name)"))
        case .awsService:
            principal = .service(try field(.serviceName, p.serviceName, or: "rampart-witness.amazonaws.com"))
        case .webIdentity:
            principal = .webIdentity(provider: try field(.provider, p.provider, or: "rampart-witness-provider.example.com"))
        case .samlFederated:
            principal = .saml(provider: try field(.provider, p.provider, or: "arn:aws:iam::\(account):saml-provider/rampart-witness"))
        case .anonymous:
            principal = .anonymous
        }
        if used.contains(.canonicalUserID), try model.value(of: p.hasCanonicalUserID) { principal.canonicalUserID = try model.value(of: p.canonicalUserID) }
        if used.contains(.orgID), try model.value(of: p.hasOrgID) { principal.orgID = try model.value(of: p.orgID) }
        if used.contains(.userID), try model.value(of: p.hasUserID) { principal.userID = try model.value(of: p.userID) }

        var context = RequestContext()
        for (key, values) in request.freeKeys.sorted(by: { $0.key < $1.key }) {
            var decoded: [ContextValue] = []
            for (index, slot) in values.slots.enumerated() where try model.value(of: values.active[index]) {
                decoded.append(try value(slot, model))
            }
            if decoded.isEmpty { continue }
            if key.hasPrefix("aws:principaltag/") {
                principal.tags[String(values.key.dropFirst("aws:PrincipalTag/".count))] = decoded[0].text
            } else if key == "aws:principalorgpaths" {
                principal.orgPaths = decoded.map(\.text)
            } else if values.isMultivalued {
                context.set(values.key, values: decoded, multivalued: true)
            } else {
                context[values.key] = decoded[0]
            }
        }
        var action = try model.value(of: request.actionString)
        // With classes the class decides; the string is the pinned value when there was a pin,
        // else whatever Z3 completed it to, and then the class's representative stands for it.
        if let actionClass = request.actionClass { action = try actionClass.decode(model, string: action) }
        var resource = try model.value(of: request.resource)
        if let resourceClass = request.resourceClass { resource = try resourceClass.decode(model, string: resource) }
        return Request(principal: principal, action: repairing ? action.lowercased() : action, resource: resource,
                       resourceAccount: request.resourceAccount, resourceOrgID: request.resourceOrgID,
                       resourceOrgPaths: request.resourceOrgPaths ?? [], context: context)
    }

    private func value(_ slot: SymbolicScalar, _ model: Z3Model) throws -> ContextValue {
        switch slot {
        case .text(let term):
            return .string(try model.value(of: term))
        case .number(let readable, let scaled):
            guard try model.value(of: readable) else { return ContextValue(text: "not-a-number", type: .string) }
            return .number(text: NumberText.decimal(scaled: try model.value(of: scaled)))
        case .date(let readable, let milliseconds):
            guard try model.value(of: readable) else { return ContextValue(text: "not-a-date", type: .string) }
            return .date(DateText.iso8601(milliseconds: try model.value(of: milliseconds)))
        case .ipAddress(let readable, let isIPv4, let high, let low):
            guard try model.value(of: readable) else { return ContextValue(text: "not-an-address", type: .string) }
            return .ipAddress(AddressText.text(high: try model.value(of: high), low: try model.value(of: low),
                                               isIPv4: try model.value(of: isIPv4)))
        }
    }
}
