import Policy

/// When a web-identity principal is public: anyone can sign in with most identity providers
/// (Facebook, Google, Amazon, GitHub Actions' OIDC provider, a Cognito identity pool), so a trust
/// in the provider alone lets every one of its users in. S3 User Guide, "The meaning of public"
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html),
/// gives `{"Federated": "graph.facebook.com"}` as its first example of a public policy.
///
/// The subject is pinned by a positive condition (not `...IfExists`, not `ForAllValues:`) on the
/// provider's subject key — `PROVIDER:sub`, or `graph.facebook.com:id` and
/// `www.amazon.com:user_id` (IAM User Guide, "Available keys for AWS web identity federation",
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif)
/// — whose values are all fixed (no wildcard, no policy variable). For GitHub's provider a value
/// `repo:OWNER/…` with a fixed OWNER pins the subject too: only that owner's workflows get tokens
/// whose subject starts so (GitHub Docs, "Configuring OpenID Connect in Amazon Web Services").
/// SAML providers are the account's own identity provider and are not judged public here.
public enum PublicSubjectRule {
    /// A `Federated` entry naming a web-identity provider (not a SAML provider).
    public static func isWebIdentity(_ entry: PrincipalEntry) -> Bool {
        entry.type == .federated && !entry.value.contains(":saml-provider/")
    }

    /// The provider's host as condition keys name it: `token.actions.githubusercontent.com` for
    /// `arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com`.
    static func host(of provider: String) -> String {
        if let range = provider.range(of: ":oidc-provider/") { return String(provider[range.upperBound...]).lowercased() }
        return provider.lowercased()
    }

    static let githubHost = "token.actions.githubusercontent.com"

    /// Whether `condition` confines the provider's users to fixed subjects.
    public static func pinsSubject(_ condition: Condition, provider: String) -> Bool {
        let op = condition.conditionOperator
        guard !op.ifExists, op.qualifier != .forAllValues, !op.base.isNegated, op.base != .null,
              !condition.values.isEmpty else { return false }
        guard [.stringEquals, .stringLike, .stringEqualsIgnoreCase].contains(op.base) else { return false }
        let host = host(of: provider)
        let key = condition.key.value.lowercased()
        let subjectKeys = ["\(host):sub", "\(host):id", "\(host):user_id"]
        guard subjectKeys.contains(key) else { return false }
        return condition.values.allSatisfy { value in
            let text = value.text
            if !text.contains("*") && !text.contains("?") && !text.contains("${") { return true }
            return host == githubHost && op.base == .stringLike && fixesGitHubOwner(text)
        }
    }

    /// `repo:OWNER/…` with OWNER free of wildcards and variables.
    private static func fixesGitHubOwner(_ text: String) -> Bool {
        guard text.hasPrefix("repo:"), let slash = text.dropFirst(5).firstIndex(of: "/") else { return false }
        let owner = text[text.index(text.startIndex, offsetBy: 5)..<slash]
        return !owner.isEmpty && !owner.contains("*") && !owner.contains("?") && !owner.contains("$")
    }
}
