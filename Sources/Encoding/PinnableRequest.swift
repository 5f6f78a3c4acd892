import Authorizer
import Policy
import Z3

/// Whether a concrete request is one the symbolic request admits when pinned to it, decided
/// without the solver: the concrete side of `SymbolicPrincipal.wellFormedness`, the free keys'
/// constraints of `SymbolicRequest` and the cases `RequestPinning` cannot represent.
///
/// It is deliberately **stricter** than the symbolic side, never looser: a request it accepts
/// meets every one of those constraints, so the pinned well-formedness is satisfiable; a request
/// it refuses may still be one the solver would confirm (it then is, by a pin). Only the caller
/// kinds whose form is fully fixed by their ARN are accepted — an account's root, an IAM user, an
/// IAM role — with no `aws:userid`, no canonical user id, and no explicit value replacing a key
/// AWS derives from the caller.
///
/// What it does not cover is the question's own frame (scope, realism, the zone): that is
/// `ConcreteAdmission` in Analysis, which calls this. `PinnableRequestTests` in AnalysisTests
/// samples requests and checks each one accepted here (with that frame) is confirmed by the pin.
public enum PinnableRequest {
    /// The caller kinds accepted: their fields are the account and the ARN's path and name.
    public static let kinds: [Principal.Kind] = [.accountRoot, .iamUser, .iamRole]

    /// Why `request` might not satisfy the well-formedness of `authorization`'s request when
    /// pinned to it; empty when it surely does.
    public static func problems(_ request: Request, in authorization: SymbolicAuthorization) -> [String] {
        var problems = principalProblems(request.principal)
        let symbolic = authorization.request
        if request.resourceAccount != symbolic.resourceAccount {
            problems.append("the resource's account differs from the question's")
        }
        if request.resourceOrgID != symbolic.resourceOrgID || request.resourceOrgPaths != (symbolic.resourceOrgPaths ?? []) {
            problems.append("the owner's organization differs from the question's")
        }
        if let actionClass = symbolic.actionClass, actionClass.partition.classIndex(of: request.action) == nil {
            problems.append("the action \(request.action) is in no action class")
        }
        if let resourceClass = symbolic.resourceClass, resourceClass.partition.classIndex(of: request.resource) == nil {
            problems.append("the resource \(request.resource) is in no resource class")
        }
        // A request's own value replaces a derived key (`Request.effectiveContext`); the pin
        // lets derived keys follow the caller, so such a request is not the pinned one.
        let derived = DerivedContextKeys.derive(for: request.principal, resourceAccount: request.effectiveResourceAccount,
                                                action: request.action, resourceOrgID: request.resourceOrgID,
                                                resourceOrgPaths: request.resourceOrgPaths)
        for entry in request.context.entries where derived.contains(entry.key) {
            if derived.values(for: entry.key) != entry.values { problems.append("\(entry.key) stated against the caller's") }
        }
        let effective = request.effectiveContext
        for (key, values) in symbolic.freeKeys {
            let concrete = effective.values(for: key) ?? []
            if concrete.count > values.slots.count {
                problems.append("\(key) has \(concrete.count) values; the model holds \(values.slots.count)")
                continue
            }
            for (value, slot) in zip(concrete, values.slots) {
                // Typed values only as the pin reads them readable (`RequestPinning`): a value it
                // reads as unreadable is left to the solver rather than reasoned about here.
                switch slot {
                case .text:
                    break
                case .number:
                    if PolicyNumber(parsing: value.text) == nil { problems.append("\(key): not a number") }
                case .date:
                    // Dates the encoding holds: years 0001 to 9999 (`SymbolicRequest.makeScalar`).
                    if let date = PolicyDate.parse(value.text) {
                        if date < DateText.minimumMilliseconds || date > DateText.maximumMilliseconds {
                            problems.append("\(key): a date outside years 0001-9999")
                        }
                    } else {
                        problems.append("\(key): not a date")
                    }
                case .ipAddress:
                    if value.text.contains("/") || IPAddress(parsing: value.text) == nil { problems.append("\(key): not an address") }
                }
            }
            if !concrete.isEmpty, key.hasPrefix("aws:principaltag/"), !request.principal.kind.carriesTags {
                problems.append("\(key) on a caller that carries no tags")
            }
            if !concrete.isEmpty, key == "aws:principalorgpaths" {
                guard let organization = request.principal.orgID else {
                    problems.append("organization paths without an organization")
                    continue
                }
                for path in concrete where !path.text.hasPrefix(organization + "/") {
                    problems.append("organization path \(path.text) outside \(organization)")
                }
            }
        }
        return problems
    }

    /// The caller's fields against `SymbolicPrincipal`'s well-formedness (`PrincipalAlphabets`).
    public static func principalProblems(_ principal: Principal) -> [String] {
        guard kinds.contains(principal.kind) else { return ["a \(principal.kind.rawValue) caller (only roots, users and roles are checked without the solver)"] }
        guard let account = principal.account, PrincipalAlphabets.matches(account, .accountID) else {
            return ["no twelve-digit account"]
        }
        var problems: [String] = []
        if principal.userID != nil { problems.append("aws:userid stated") }
        if principal.canonicalUserID != nil { problems.append("a canonical user id") }
        if principal.serviceName != nil || principal.provider != nil { problems.append("a service or provider on an account's caller") }
        if let organization = principal.orgID, !OrganizationIdentifiers.organization.matches(organization) {
            problems.append("organization id \(organization) not of the form o-…")
        }
        let prefix = "arn:aws:iam::\(account):"
        switch principal.kind {
        case .accountRoot:
            if principal.arn != prefix + "root" { problems.append("a root ARN not arn:aws:iam::ACCOUNT:root") }
            if principal.roleArn != nil { problems.append("a role ARN on a root") }
        case .iamUser, .iamRole:
            let type = principal.kind == .iamUser ? "user/" : "role/"
            guard let arn = principal.arn, arn.hasPrefix(prefix + type) else {
                problems.append("an ARN not \(prefix)\(type)…")
                break
            }
            let (path, name) = PrincipalARNParts.pathAndName(arn.dropFirst(prefix.count + type.count))
            if !PrincipalAlphabets.matches(path, .path) || !PrincipalAlphabets.matches(name, .name) {
                problems.append("a path or name outside IAM's characters")
            }
            if principal.roleArn != (principal.kind == .iamRole ? arn : nil) { problems.append("a role ARN that is not the caller's") }
        default:
            break
        }
        return problems
    }
}

extension PinnableRequest {
    /// Whether the policies of `set` read no request key at all: no condition, no policy variable
    /// (`KeyUniverse`, the keys the symbolic request is built with). The symbolic request then has
    /// no free keys, so the keys' constraints — `SymbolicRequest`'s, the realism's on keys the
    /// policies read, `RequestPinning`'s on the caller's keys — are all empty, and a request's
    /// context cannot change what the policies decide.
    public static func readsNoRequestKeys(_ set: PolicySet) -> Bool {
        KeyUniverse(policies: EvaluationCompiler.policies(of: set)).uses.isEmpty
    }

    /// Why `candidate` might not be a caller the symbolic request admits when pinned by `pin`
    /// (`SymbolicAuthorization.pin`, `RequestPinning.pinPrincipal`) with the principal's
    /// well-formedness (`SymbolicPrincipal.wellFormedness`); empty when it surely is. Only IAM
    /// users and roles' sessions, the callers of access-path hops, are accepted, and only as the
    /// pin fixes them: the pin's kind, account, ARNs, ids and organization; for a session of any
    /// name (`anySessionName`), a name of 2 to 64 name characters (the pin's length bound; STS
    /// `RoleSessionName`) with `aws:userid` the role's id, `:` and the name, as the pin states it.
    /// Every ARN part in IAM's characters (`PrincipalAlphabets`), the account twelve digits, an
    /// organization id of its form; no canonical user id, service or provider. The caller's tags
    /// and organization paths are not read here: with `readsNoRequestKeys` nothing pins them.
    public static func callerProblems(_ candidate: Principal, pin: PrincipalPin) -> [String] {
        let pinned = pin.principal
        guard pinned.kind == .iamUser || pinned.kind == .assumedRoleSession, candidate.kind == pinned.kind else {
            return ["a \(candidate.kind.rawValue) caller (only users and roles' sessions are checked without the solver)"]
        }
        guard let account = candidate.account, account == pinned.account, PrincipalAlphabets.matches(account, .accountID) else {
            return ["not the pin's twelve-digit account"]
        }
        var problems: [String] = []
        if candidate.canonicalUserID != nil || pinned.canonicalUserID != nil { problems.append("a canonical user id") }
        if candidate.serviceName != nil || candidate.provider != nil { problems.append("a service or provider on an account's caller") }
        if candidate.roleArn != pinned.roleArn { problems.append("another role than the pin's") }
        if !pin.anyOrganization && candidate.orgID != pinned.orgID { problems.append("another organization than the pin's") }
        if let organization = candidate.orgID, !OrganizationIdentifiers.organization.matches(organization) {
            problems.append("organization id \(organization) not of the form o-…")
        }
        /// Whether `text` is `prefix` then a path and name in IAM's characters; the name.
        func name(in text: String?, after prefix: String) -> String? {
            guard let text, text.hasPrefix(prefix) else { return nil }
            let (path, name) = PrincipalARNParts.pathAndName(text.dropFirst(prefix.count))
            guard PrincipalAlphabets.matches(path, .path), PrincipalAlphabets.matches(name, .name) else { return nil }
            return name
        }
        switch candidate.kind {
        case .iamUser:
            if candidate.arn != pinned.arn || name(in: candidate.arn, after: "arn:aws:iam::\(account):user/") == nil {
                problems.append("not the pin's user ARN in IAM's characters")
            }
            if candidate.userID != pinned.userID { problems.append("another aws:userid than the pin's") }
        default:
            guard let role = name(in: candidate.roleArn, after: "arn:aws:iam::\(account):role/") else {
                problems.append("a role ARN not in IAM's characters")
                break
            }
            let sessionPrefix = "arn:aws:sts::\(account):assumed-role/\(role)/"
            guard let arn = candidate.arn, arn.hasPrefix(sessionPrefix) else {
                problems.append("a session ARN that does not name its role")
                break
            }
            let session = String(arn.dropFirst(sessionPrefix.count))
            if !PrincipalAlphabets.matches(session, .name) { problems.append("a session name outside IAM's characters") }
            if pin.anySessionName {
                // Z3's length counts characters; IAM's name characters are ASCII, one byte each.
                if !(2...64).contains(session.utf8.count) { problems.append("a session name not of 2 to 64 characters") }
                let userID = pinned.userID.map { $0 + ":" + session }
                if userID == nil || candidate.userID != userID { problems.append("aws:userid not the role's id and the session's name") }
            } else if arn != pinned.arn || candidate.userID != pinned.userID {
                problems.append("not the pin's session")
            }
        }
        return problems
    }
}
