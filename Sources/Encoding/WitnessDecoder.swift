import Authorizer
import Policy
import Z3

/// Turns a model of a symbolic request into a concrete `Request` of the Authorizer, which is
/// then replayed: a witness is only reported once the Authorizer allows it too.
struct WitnessDecoder {
    let request: SymbolicRequest

    func decode(_ model: Z3Model) throws -> Request {
        let p = request.principal
        let kindName = try model.value(of: p.kind).name
        guard let kind = p.kinds.kind(named: kindName) else {
            throw EncodingError.unsupported("a principal kind the decoder does not know: \(kindName)")
        }
        func text(_ term: Z3String) throws -> String { try model.value(of: term) }
        var principal: Principal
        switch kind {
        case .accountRoot: principal = .accountRoot(try text(p.account))
        case .iamUser: principal = .user(arn: try text(p.arn))
        case .iamRole: principal = .role(arn: try text(p.arn))
        case .assumedRoleSession: principal = .assumedRole(roleArn: try text(p.roleArn), sessionName: try text(p.sessionName))
        case .federatedUser: principal = .federatedUser(arn: try text(p.arn))
        case .awsService: principal = .service(try text(p.serviceName))
        case .webIdentity: principal = .webIdentity(provider: try text(p.provider))
        case .samlFederated: principal = .saml(provider: try text(p.provider))
        case .anonymous: principal = .anonymous
        }
        if try model.value(of: p.hasCanonicalUserID) { principal.canonicalUserID = try text(p.canonicalUserID) }
        if try model.value(of: p.hasOrgID) { principal.orgID = try text(p.orgID) }
        if try model.value(of: p.hasUserID) { principal.userID = try text(p.userID) }

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
        return Request(principal: principal, action: try text(request.action), resource: try text(request.resource),
                       resourceAccount: request.resourceAccount, context: context)
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
