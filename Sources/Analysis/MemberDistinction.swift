import Authorizer
import Encoding
import Policy

/// What in some policies can tell apart the members of a class of callers (issue 18's scale;
/// `ReachAnswers`): IAM users, or roles' sessions, of one account with the same identity
/// policies, boundary, SCPs and organization, differing only in their ARN, name, unique id and tags.
///
/// A `PrincipalReach` question fixes the caller (`PrincipalPin`) and leaves the rest of the request
/// free. What the pin fixes that differs between such members reaches the evaluation only through:
/// - a `Principal`/`NotPrincipal` entry naming one of them (`PrincipalMatcher`: its ARN, its role's
///   ARN, its session's ARN; `CanonicalUser` entries are read as naming anyone) — `named`;
/// - the condition keys derived from the caller's own identity (`DerivedContextKeys`;
///   IAM User Guide, "AWS global condition context keys"): `aws:PrincipalArn`, `aws:userid`,
///   `aws:username`, and — read conservatively — every other `aws:Principal…` key but those that
///   belong to the account, the organization or the kind (`aws:PrincipalAccount`,
///   `aws:PrincipalOrgID`, `aws:PrincipalOrgPaths`, `aws:PrincipalType`,
///   `aws:PrincipalIsAWSService`, `aws:PrincipalServiceName`, `aws:PrincipalServiceNamesList`),
///   equal for every member — `readsIdentity`;
/// - any policy variable (`${…}`), read as naming the caller — `readsIdentity`;
/// - `aws:PrincipalTag/…` keys — `readsTags` (then members with other tags differ, unless the
///   question leaves the tags free).
/// Everything else a policy reads (the action, the resource, the request's other keys, the
/// account, the organization) is the same for every member, so when none of the above applies,
/// a question has one answer for all of them.
struct MemberDistinction: Sendable {
    var readsIdentity = false
    var readsTags = false
    /// `AWS` principal entries that name a principal rather than everyone or an account, and
    /// `CanonicalUser` entries.
    var named: [PrincipalEntry] = []

    static let classKeys: Set<String> = [
        "aws:principalaccount", "aws:principalorgid", "aws:principalorgpaths", "aws:principaltype",
        "aws:principalisawsservice", "aws:principalservicename", "aws:principalservicenameslist",
    ]

    init(_ policies: [Policy]) {
        for statement in policies.lazy.flatMap(\.statements) {
            if let element = statement.principal {
                for entry in element.entries where !Self.namesAllOrAccount(entry) { named.append(entry) }
            }
            for condition in statement.conditions {
                let key = condition.key.value.lowercased()
                if key.hasPrefix("aws:principaltag/") {
                    readsTags = true
                } else if key == "aws:userid" || key == "aws:username"
                            || (key.hasPrefix("aws:principal") && !Self.classKeys.contains(key)) {
                    readsIdentity = true
                }
                if condition.values.contains(where: { $0.text.contains("${") }) { readsIdentity = true }
            }
            if let resources = statement.resources, resources.values.contains(where: { $0.contains("${") }) { readsIdentity = true }
            if let actions = statement.actions, actions.values.contains(where: { $0.contains("${") }) { readsIdentity = true }
        }
    }

    /// The reading of `a` and `b` together.
    func merged(with other: MemberDistinction) -> MemberDistinction {
        var merged = self
        merged.readsIdentity = readsIdentity || other.readsIdentity
        merged.readsTags = readsTags || other.readsTags
        merged.named += other.named
        return merged
    }

    /// Whether some entry of `named` could name `pin`'s caller (by `StatementScreen`'s reading of
    /// `Principal`, which errs towards "could").
    func names(_ pin: PrincipalPin) -> Bool {
        named.contains { StatementScreen.entryCouldName($0, caller: pin) }
    }

    /// `"*"`, an account id or an account's root ARN (an `AWS` entry), or a service or identity
    /// provider (which never names an IAM user or role session).
    private static func namesAllOrAccount(_ entry: PrincipalEntry) -> Bool {
        switch entry.type {
        case .service, .federated: return true
        case .canonicalUser: return false
        case .aws:
            if entry.value == "*" { return true }
            if entry.value.count == 12 && entry.value.allSatisfy(\.isASCIIDigit) { return true }
            if let arn = ARN(parsing: entry.value), arn.service == "iam", arn.resource == "root", !entry.value.contains("*") { return true }
            return false
        }
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
