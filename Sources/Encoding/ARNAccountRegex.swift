import Z3

/// Tests of a string term against a set of account ids: as the whole string
/// (`aws:SourceAccount`), or as the account segment of an ARN (`aws:SourceArn`), whose first
/// four segments (`arn:partition:service:region:`) hold no colon (IAM User Guide, "IAM ARNs").
///
/// ```swift
/// let accounts = try ARNAccountRegex(accounts: ["111122223333"], in: context)
/// try accounts.arnAccountIsListed(sourceArn)   // arn:aws:sns:us-east-1:111122223333:topic
/// ```
public struct ARNAccountRegex {
    private let listed: Z3Regex
    private let prefix: Z3Regex
    private let rest: Z3Regex
    private let withAccount: Z3Regex
    private let arnWithListedAccount: Z3Regex

    public init(accounts: [String], in context: Z3Context) throws {
        // The empty language as well, so that no account at all is a regex too.
        listed = try context.regexUnion(accounts.map { try context.regex($0) } + [context.regexEmpty()])
        let notColon = try GlobRegex.anyCharacter(except: ":", in: context)
        let segment = try notColon.star().concat(context.regex(":"))
        prefix = try context.regexConcat([context.regex("arn:"), segment, segment, segment])
        rest = try context.regex(":").concat(context.regexAllChar().star())
        arnWithListedAccount = try context.regexConcat([prefix, listed, rest])
        withAccount = try context.regexConcat([prefix, notColon.plus(), rest])
    }

    /// `text` is one of the accounts.
    public func accountIsListed(_ text: Z3String) throws -> Z3Bool { try text.matches(listed) }

    /// `text` is an ARN whose account segment is one of the accounts.
    public func arnAccountIsListed(_ text: Z3String) throws -> Z3Bool { try text.matches(arnWithListedAccount) }

    /// `text` is an ARN with a non-empty account segment.
    public func arnHasAccount(_ text: Z3String) throws -> Z3Bool { try text.matches(withAccount) }
}
