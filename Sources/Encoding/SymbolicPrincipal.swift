import Authorizer
import Z3

/// The caller of a symbolic request: its kind and every field the policies can observe,
/// tied together by well-formedness constraints so that every model is a principal that
/// can exist (an assumed-role session's ARN names its role; `aws:username` is the last
/// segment of the user's ARN; accounts are twelve digits).
///
/// Only the `aws` partition is modelled: principals of another partition cannot reach a
/// resource of this one (IAM User Guide, "IAM identifiers", partitions).
public final class SymbolicPrincipal {
    public let context: Z3Context
    public let kinds: PrincipalKindSort
    public let kind: Z3Enum
    public let account: Z3String
    /// The caller's own ARN (root, user, role, session or federated user).
    public let arn: Z3String
    /// The role of a session, and a role's own ARN.
    public let roleArn: Z3String
    /// `role/` path prefix ("" or ending in "/") and the role's name, for sessions and roles.
    public let rolePath: Z3String
    public let roleName: Z3String
    public let sessionName: Z3String
    /// User path and name (`aws:username`); federated user name.
    public let userPath: Z3String
    public let userName: Z3String
    public let serviceName: Z3String
    public let provider: Z3String
    public let hasCanonicalUserID: Z3Bool
    public let canonicalUserID: Z3String
    public let hasOrgID: Z3Bool
    public let orgID: Z3String
    public let hasUserID: Z3Bool
    public let userID: Z3String

    init(context: Z3Context) throws {
        self.context = context
        kinds = try PrincipalKindSort(context: context)
        kind = try context.enumVariable("principal.kind", sort: kinds.sort)
        account = try context.stringVariable("principal.account")
        arn = try context.stringVariable("principal.arn")
        roleArn = try context.stringVariable("principal.roleArn")
        rolePath = try context.stringVariable("principal.rolePath")
        roleName = try context.stringVariable("principal.roleName")
        sessionName = try context.stringVariable("principal.sessionName")
        userPath = try context.stringVariable("principal.userPath")
        userName = try context.stringVariable("principal.userName")
        serviceName = try context.stringVariable("principal.serviceName")
        provider = try context.stringVariable("principal.provider")
        hasCanonicalUserID = try context.boolVariable("principal.hasCanonicalUserID")
        canonicalUserID = try context.stringVariable("principal.canonicalUserID")
        hasOrgID = try context.boolVariable("principal.hasOrgID")
        orgID = try context.stringVariable("principal.orgID")
        hasUserID = try context.boolVariable("principal.hasUserID")
        userID = try context.stringVariable("principal.userID")
    }

    public func isKind(_ candidate: Principal.Kind) throws -> Z3Bool {
        try kind.equals(kinds.value(candidate))
    }

    public func isOneOf(_ candidates: [Principal.Kind]) throws -> Z3Bool {
        try context.or(candidates.map { try isKind($0) })
    }

    private func lit(_ text: String) throws -> Z3String { try context.string(text) }

    /// Constraints every model satisfies, so that it decodes into a real principal.
    func wellFormedness() throws -> Z3Bool {
        let digit = try context.regexRange("0", "9")
        let twelveDigits = try digit.repeated(min: 12, max: 12)
        let notSlash = try GlobRegex(context: context, excluding: "/").wildcardCharacter
        let name = try notSlash.plus()
        // "" or anything ending in "/".
        let path = try context.regexUnion([try context.regex(""), try context.regexConcat([try context.regexAllChar().star(), try context.regex("/")])])
        let iamPrefix = try context.concat([lit("arn:aws:iam::"), account])
        let stsPrefix = try context.concat([lit("arn:aws:sts::"), account])
        var constraints: [Z3Bool] = []
        constraints.append(try isOneOf(Principal.Kind.allCases.filter(\.hasAccount)).implies(account.matches(twelveDigits)))
        constraints.append(try isKind(.accountRoot).implies(arn.equals(context.concat([iamPrefix, lit(":root")]))))
        constraints.append(try isKind(.iamUser).implies(context.and([
            arn.equals(context.concat([iamPrefix, lit(":user/"), userPath, userName])),
            userPath.matches(path), userName.matches(name),
        ])))
        let roleShape = try context.and([
            roleArn.equals(context.concat([iamPrefix, lit(":role/"), rolePath, roleName])),
            rolePath.matches(path), roleName.matches(name),
        ])
        constraints.append(try isKind(.iamRole).implies(context.and([roleShape, arn.equals(roleArn)])))
        constraints.append(try isKind(.assumedRoleSession).implies(context.and([
            roleShape, sessionName.matches(name),
            arn.equals(context.concat([stsPrefix, lit(":assumed-role/"), roleName, lit("/"), sessionName])),
        ])))
        constraints.append(try isKind(.federatedUser).implies(context.and([
            userName.matches(name), arn.equals(context.concat([stsPrefix, lit(":federated-user/"), userName])),
        ])))
        constraints.append(try isKind(.awsService).implies(serviceName.matches(try context.regexAllChar().plus())))
        constraints.append(try isOneOf([.webIdentity, .samlFederated]).implies(provider.matches(try context.regexAllChar().plus())))
        // Organizations hold accounts; only principals of an account can be in one.
        constraints.append(try hasOrgID.implies(isOneOf(Principal.Kind.allCases.filter(\.hasAccount))))
        // Canonical user ids belong to accounts (S3 User Guide, "Finding the canonical user ID").
        constraints.append(try hasCanonicalUserID.implies(isOneOf(Principal.Kind.allCases.filter(\.hasAccount))))
        // aws:userid is derived for the root user, federated users and anonymous callers.
        constraints.append(try hasUserID.implies(isOneOf([.iamUser, .iamRole, .assumedRoleSession, .webIdentity, .samlFederated, .awsService])))
        return try context.and(constraints)
    }
}
