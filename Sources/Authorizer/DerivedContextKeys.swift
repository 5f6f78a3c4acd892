import Policy

/// The global condition keys AWS puts in the request context because of who the caller is.
///
/// Every key here follows the IAM User Guide page "AWS global condition context keys":
/// - `aws:PrincipalArn`: the root, user or role ARN, or the federated-user ARN; for an assumed-role
///   session it is the ROLE's ARN ("Do not specify the assumed role session ARN"). Absent for
///   anonymous callers and service principals.
/// - `aws:PrincipalAccount`: the caller's account; absent for anonymous callers and services.
/// - `aws:PrincipalOrgID`, `aws:PrincipalOrgPaths` (multivalued): only when the account is in an organization.
/// - `aws:PrincipalType`: `Account`, `User`, `FederatedUser`, `AssumedRole` (roles and their sessions)
///   or `Anonymous`.
/// - `aws:userid`: the account id for the root user, `account:name` for federated users, `anonymous`
///   for anonymous callers, otherwise the unique id when `Principal.userID` gives it.
/// - `aws:username`: IAM users only, the friendly name (last segment of the user ARN).
/// - `aws:PrincipalTag/key`: the principal's tags.
/// - `aws:PrincipalIsAWSService`: `true` for service principals, `false` for other signed requests,
///   absent for anonymous ones; `aws:PrincipalServiceName` for service principals.
/// `aws:SourceAccount`, `aws:SourceArn`, `aws:SourceIp` and the like describe the request, not the
/// principal, and are never derived: the caller supplies them. `kms:CallerAccount` is derived on
/// KMS requests (`ServiceRequestFacts`).
/// The keys of the resource's owner come from the request's resource fields, never from the
/// caller: `aws:ResourceAccount`, `aws:ResourceOrgID` (the organization of the account that owns
/// the resource) and `aws:ResourceOrgPaths` (multivalued: the owner account's organization paths,
/// `o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/`), the last two only when the owner is in an
/// organization (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceorgpaths).
public enum DerivedContextKeys {
    /// The keys (lower-cased) `derive` sets from the caller's identity and the resource's
    /// account, one value each: a request's own value for one of them replaces AWS's
    /// (`Request.effectiveContext`), which AWS never lets a caller do, so witnesses and their
    /// candidates never state them. Tags and organization paths, multivalued and several per
    /// caller, are stated by requests in the encoding and are not among them.
    public static let callerAndOwnerKeys: Set<String> = [
        "aws:principalarn", "aws:principalaccount", "aws:principalorgid", "aws:principaltype", "aws:userid", "aws:username",
        "aws:principalisawsservice", "aws:principalservicename", "aws:resourceaccount",
    ]

    /// The keys derived from `principal` (and `aws:ResourceAccount` from `resourceAccount`, when
    /// known; with `action`, the keys its service sets from the caller, `ServiceRequestFacts.callerAccountKeys`).
    public static func derive(for principal: Principal, resourceAccount: String? = nil, action: String? = nil,
                              resourceOrgID: String? = nil, resourceOrgPaths: [String] = []) -> RequestContext {
        var context = RequestContext()
        if let service = action.flatMap(ServiceRequestFacts.service(of:)), let account = principal.account,
           principal.kind.hasAccount {
            for (key, keyService) in ServiceRequestFacts.callerAccountKeys.sorted(by: { $0.key < $1.key }) where keyService == service {
                context[spelling(of: key)] = .string(account)
            }
        }
        switch principal.kind {
        case .accountRoot, .iamUser, .iamRole, .federatedUser:
            if let arn = principal.arn { context["aws:PrincipalArn"] = .arn(arn) }
        case .assumedRoleSession:
            if let roleArn = principal.roleArn { context["aws:PrincipalArn"] = .arn(roleArn) }
        case .webIdentity, .samlFederated, .awsService, .anonymous:
            break
        }
        if principal.kind != .anonymous && principal.kind != .awsService, let account = principal.account {
            context["aws:PrincipalAccount"] = .string(account)
        }
        if principal.kind != .anonymous && principal.kind != .awsService {
            if let orgID = principal.orgID { context["aws:PrincipalOrgID"] = .string(orgID) }
            if !principal.orgPaths.isEmpty {
                context.set("aws:PrincipalOrgPaths", values: principal.orgPaths.map(ContextValue.string))
            }
        }
        if let type = principalType(principal.kind) { context["aws:PrincipalType"] = .string(type) }
        if let userID = userID(principal) { context["aws:userid"] = .string(userID) }
        if principal.kind == .iamUser, let arn = principal.arn, let parsed = ARN(parsing: arn),
           let name = parsed.resource.split(separator: "/").last {
            context["aws:username"] = .string(String(name))
        }
        for (key, value) in principal.tags { context["aws:PrincipalTag/\(key)"] = .string(value) }
        switch principal.kind {
        case .awsService:
            context["aws:PrincipalIsAWSService"] = .bool(true)
            if let name = principal.serviceName { context["aws:PrincipalServiceName"] = .string(name) }
        case .anonymous:
            break
        default:
            context["aws:PrincipalIsAWSService"] = .bool(false)
        }
        if let resourceAccount, !resourceAccount.isEmpty { context["aws:ResourceAccount"] = .string(resourceAccount) }
        // "aws:ResourceOrgID": the organization of the account that owns the resource.
        if let resourceOrgID, !resourceOrgID.isEmpty { context["aws:ResourceOrgID"] = .string(resourceOrgID) }
        if !resourceOrgPaths.isEmpty {
            context.set("aws:ResourceOrgPaths", values: resourceOrgPaths.map(ContextValue.string))
        }
        return context
    }

    private static func spelling(of key: String) -> String { key == "kms:calleraccount" ? "kms:CallerAccount" : key }

    static func principalType(_ kind: Principal.Kind) -> String? {
        switch kind {
        case .accountRoot: return "Account"
        case .iamUser: return "User"
        case .federatedUser: return "FederatedUser"
        case .iamRole, .assumedRoleSession: return "AssumedRole"
        case .anonymous: return "Anonymous"
        case .webIdentity, .samlFederated, .awsService: return nil
        }
    }

    static func userID(_ principal: Principal) -> String? {
        if let given = principal.userID { return given }
        switch principal.kind {
        case .anonymous: return "anonymous"
        case .accountRoot: return principal.account
        case .federatedUser:
            guard let account = principal.account, let arn = principal.arn, let parsed = ARN(parsing: arn),
                  let name = parsed.resource.split(separator: "/").last else { return nil }
            return "\(account):\(name)"
        default: return nil
        }
    }
}
