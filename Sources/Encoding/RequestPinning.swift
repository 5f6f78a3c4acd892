import Authorizer
import Policy
import Z3

/// Constraints that fix a symbolic request to one concrete `Request`: used to check the
/// encoding against the Authorizer request by request (differential testing). Throws
/// `EncodingError.unsupported` for a request the symbolic model cannot represent (for example a
/// single-valued key given several values), so a test can never pass by not checking.
struct RequestPinning {
    let request: SymbolicRequest
    var context: Z3Context { request.context }

    func pin(_ concrete: Request) throws -> Z3Bool {
        var parts = try pinPrincipal(concrete.principal, anySessionName: false, anyOrganization: false)
        parts.append(try request.actionString.equals(context.string(concrete.action.lowercased())))
        if let actionClass = request.actionClass { parts.append(try actionClass.pin(concrete.action)) }
        parts.append(try request.resource.equals(context.string(concrete.resource)))
        if let resourceClass = request.resourceClass { parts.append(try resourceClass.pin(concrete.resource)) }

        let effective = concrete.effectiveContext
        for key in request.keys.keys {
            let values = try request.values(of: key)
            guard request.freeKeys[key] != nil else { continue }  // derived keys follow the principal
            parts.append(try pin(values, to: effective.values(for: key) ?? [], key: key))
        }
        return try context.and(parts)
    }

    /// The caller's fields fixed to `c`'s (not the context keys). With `anySessionName`, a role
    /// session's name is left free (its ARN's last part, and `aws:userid` after the role id and
    /// `:`): `c.arn` is then not pinned, and `c.userID` is read as the role id.
    func pinPrincipal(_ c: Principal, anySessionName: Bool, anyOrganization: Bool) throws -> [Z3Bool] {
        let p = request.principal
        func equal(_ term: Z3String, _ value: String?) throws -> Z3Bool {
            guard let value else { return try context.bool(true) }
            return try term.equals(context.string(value))
        }
        let freeSession = anySessionName && c.kind == .assumedRoleSession
        var parts: [Z3Bool] = [try p.isKind(c.kind)]
        if c.kind.hasAccount { parts.append(try equal(p.account, c.account)) }
        switch c.kind {
        case .accountRoot, .iamUser, .iamRole, .federatedUser, .assumedRoleSession:
            if let arn = c.arn, !freeSession { parts.append(try p.arnEquals(arn)) }
            if c.kind == .assumedRoleSession || c.kind == .iamRole, let roleArn = c.roleArn { parts.append(try p.roleArnEquals(roleArn)) }
        case .awsService: parts.append(try equal(p.serviceName, c.serviceName))
        case .webIdentity, .samlFederated: parts.append(try equal(p.provider, c.provider))
        case .anonymous: break
        }
        parts += try pinNameParts(c, anySessionName: freeSession)
        parts.append(try pinOptional(p.hasCanonicalUserID, p.canonicalUserID, c.canonicalUserID))
        if !anyOrganization {
            parts.append(try pinOptional(p.hasOrgID, p.orgID, c.kind == .anonymous || c.kind == .awsService ? nil : c.orgID))
        }
        if freeSession {
            // The name its assumer gives: 2 to 64 characters (AWS STS API Reference, AssumeRole,
            // RoleSessionName: "Minimum length of 2. Maximum length of 64"); its characters are
            // the well-formedness's.
            let length = try p.sessionName.length()
            parts.append(try context.and([length.greaterThanOrEqual(context.int(2)), length.lessThanOrEqual(context.int(64))]))
            // "role-id:caller-specified-role-name" (IAM User Guide, "AWS global condition context keys", aws:userid).
            if let roleID = c.userID {
                parts.append(try context.and([p.hasUserID, p.userID.equals(context.concat([context.string(roleID + ":"), p.sessionName]))]))
            } else {
                parts.append(p.hasUserID)
            }
        } else {
            parts.append(try pinOptional(p.hasUserID, p.userID, [.iamUser, .iamRole, .assumedRoleSession, .webIdentity, .samlFederated, .awsService].contains(c.kind) ? c.userID : nil))
        }
        return parts
    }

    /// The free keys that belong to the caller (`aws:PrincipalTag/…`, `aws:PrincipalOrgPaths`)
    /// fixed to `c`'s; with `anyTags`, the tags are left free, with `anyOrganizationPaths` the paths.
    func pinPrincipalKeys(_ c: Principal, anyTags: Bool, anyOrganizationPaths: Bool) throws -> [Z3Bool] {
        let effective = Request(principal: c, action: "", resource: "").effectiveContext
        var parts: [Z3Bool] = []
        for key in request.keys.keys where request.freeKeys[key] != nil {
            let isTag = key.hasPrefix("aws:principaltag/")
            guard (isTag && !anyTags) || (key == "aws:principalorgpaths" && !anyOrganizationPaths) else { continue }
            parts.append(try pin(try request.values(of: key), to: effective.values(for: key) ?? [], key: key))
        }
        return parts
    }

    /// The free keys among `keys` (lowercased) that the policies read, stated absent.
    func pinAbsent(_ keys: [String]) throws -> [Z3Bool] {
        try keys.filter { request.keys.keys.contains($0) && request.freeKeys[$0] != nil }.map {
            try pin(try request.values(of: $0), to: [], key: $0)
        }
    }

    /// The path and name parts of the caller's ARN. Well-formedness already determines them
    /// (a name has no `/`, a path is empty or ends in `/`), but stating them makes a pinned request
    /// ground: without them Z3 4.8.12 must solve the ARN's word equation, which took seconds for
    /// some models. A malformed ARN matches no parts and stays unrepresentable, as before.
    private func pinNameParts(_ c: Principal, anySessionName: Bool) throws -> [Z3Bool] {
        let p = request.principal
        /// `(path, name)` of the text after `marker`: the name is after the last `/`.
        func split(_ text: String?, after marker: String) -> (path: String, name: String)? {
            guard let text, let range = text.range(of: marker) else { return nil }
            let rest = text[range.upperBound...]
            guard let slash = rest.lastIndex(of: "/") else { return ("", String(rest)) }
            return (String(rest[...slash]), String(rest[rest.index(after: slash)...]))
        }
        var parts: [Z3Bool] = []
        switch c.kind {
        case .iamUser:
            if let (path, name) = split(c.arn, after: ":user/") {
                parts += [try p.userPath.equals(context.string(path)), try p.userName.equals(context.string(name))]
            }
        case .iamRole, .assumedRoleSession:
            if let (path, name) = split(c.roleArn, after: ":role/") {
                parts += [try p.rolePath.equals(context.string(path)), try p.roleName.equals(context.string(name))]
            }
            if c.kind == .assumedRoleSession, !anySessionName, let (_, session) = split(c.arn, after: ":assumed-role/") {
                parts.append(try p.sessionName.equals(context.string(session)))
            }
        case .federatedUser:
            if let (_, name) = split(c.arn, after: ":federated-user/") {
                parts.append(try p.userName.equals(context.string(name)))
            }
        case .accountRoot, .awsService, .webIdentity, .samlFederated, .anonymous:
            break
        }
        return parts
    }

    private func pinOptional(_ has: Z3Bool, _ term: Z3String, _ value: String?) throws -> Z3Bool {
        guard let value else { return try has.not() }
        return try context.and([has, term.equals(context.string(value))])
    }

    private func pin(_ values: SymbolicKeyValues, to concrete: [ContextValue], key: String) throws -> Z3Bool {
        guard concrete.count <= values.slots.count else {
            throw EncodingError.unsupported("request key \(key) has \(concrete.count) values; the model holds \(values.slots.count)")
        }
        var parts: [Z3Bool] = []
        // Implied by the active flags below; stated so that rewriting alone can fix it.
        if let count = values.count { parts.append(try count.equals(context.int(concrete.count))) }
        for index in 0..<values.slots.count {
            let isActive = index < concrete.count
            parts.append(isActive ? values.active[index] : try values.active[index].not())
            guard isActive else { continue }
            let value = concrete[index]
            switch values.slots[index] {
            case .text(let term):
                parts.append(try term.equals(context.string(value.text)))
            case .number(let readable, let scaled):
                if let number = PolicyNumber(parsing: value.text) {
                    parts.append(try context.and([readable, scaled.equals(context.int(Int(number.scaled)))]))
                } else {
                    parts.append(try readable.not())
                }
            case .date(let readable, let milliseconds):
                if let date = PolicyDate.parse(value.text), date >= DateText.minimumMilliseconds, date <= DateText.maximumMilliseconds {
                    parts.append(try context.and([readable, milliseconds.equals(context.int(Int(date)))]))
                } else if PolicyDate.parse(value.text) != nil {
                    throw EncodingError.unsupported("a date outside years 0001-9999 in \(key)")
                } else {
                    parts.append(try readable.not())
                }
            case .ipAddress(let readable, let isIPv4, let high, let low):
                if !value.text.contains("/"), let address = IPAddress(parsing: value.text) {
                    let (h, l) = IPHalves.split(address.bytes)
                    parts.append(try context.and([readable, isIPv4.equals(context.bool(address.isIPv4)),
                                                  high.equals(context.bitVector(h, width: 64)), low.equals(context.bitVector(l, width: 64))]))
                } else {
                    parts.append(try readable.not())
                }
            }
        }
        return try context.and(parts)
    }
}
