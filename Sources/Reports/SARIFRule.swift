import Analysis

/// One rule of `findings.sarif` (SARIF 2.1.0 §3.49 reportingDescriptor), with what GitHub code
/// scanning reads to rank and explain its alerts ("SARIF support for code scanning",
/// https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning):
/// `properties.security-severity` (a score as a string; GitHub shows it as critical, high,
/// medium or low) and `properties.tags` (`security` makes the alert a security alert), `help`
/// in text and Markdown, and `helpUri`. The access rules follow the rungs of `FindingSeverity`,
/// since GitHub reads the severity from the rule, not from the result.
struct SARIFRule {
    var id: String
    var name: String
    var short: String
    var full: String
    var level: String
    /// The `FindingSeverity` rung whose findings this rule reports; nil for the other rules.
    var rung: FindingSeverity.Rung?
    var tags: [String]
    var help: String
    var helpURI: String?

    /// `security-severity`, from the rung's score.
    var securitySeverity: String? {
        guard let rung else { return nil }
        return String(format: "%.1f", rung.score)
    }

    var helpMarkdown: String {
        guard let helpURI else { return help }
        return help + "\n\n[Learn more](\(helpURI))"
    }

    static let resolveFindings = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-findings-remediate.html"
    static let confusedDeputy = "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html"

    private static let access = "Rampart proved it with a witness: a request the policy allows, replayed through its reference authorizer (the result's properties hold the finding; `rampart simulate --request` replays it)."

    /// In `ruleIndex` order. RAMPART001–005 keep the ids of earlier versions (001 and 002 now
    /// hold only the findings that change the resource; 006 and 007 those that only read it).
    static let all: [SARIFRule] = [
        SARIFRule(id: "RAMPART001", name: "PublicWriteAccess", short: "Anyone can change the resource or its permissions.",
                  full: "A resource policy, ACL or snapshot sharing lets anyone (S3's meaning of public) use an action whose access level is Write, Permissions management or Tagging.",
                  level: "error", rung: .publicChange, tags: ["security", "external-access", "public"],
                  help: "Anyone can change this resource or who may use it. \(access) Remove or confine the statement, grant or sharing that lets everyone in; for S3, turn on Block Public Access.",
                  helpURI: resolveFindings),
        SARIFRule(id: "RAMPART002", name: "ExternalWriteAccess", short: "A principal outside the zone of trust can change the resource or its permissions.",
                  full: "An account, identity provider or canonical user outside the zone of trust (or a service acting for one) can use an action whose access level is Write, Permissions management or Tagging.",
                  level: "warning", rung: .crossAccountChange, tags: ["security", "external-access", "cross-account"],
                  help: "A principal outside the zone of trust can change this resource. \(access) If the access is not meant, remove the principal or narrow the statement; if it is, archive the finding with an archive rule.",
                  helpURI: resolveFindings),
        SARIFRule(id: "RAMPART003", name: "UnprovenResource", short: "The analysis could not prove or refute external access, or its list of findings is incomplete (timeout, finding cap, unsupported construct, a part of the snapshot that could not be read).",
                  full: "The resource may have external access that is not reported: its analysis ended without an answer, or stopped listing findings early.",
                  level: "warning", rung: nil, tags: ["external-access", "unproven"],
                  help: "The analysis could not decide this resource. The result's message gives the reason; a longer solver timeout (--timeout-ms) or a readable snapshot usually settles it.",
                  helpURI: nil),
        SARIFRule(id: "RAMPART004", name: "DocumentError", short: "A snapshot document could not be read or has errors; what depends on it was not analysed.",
                  full: "A file of the snapshot is malformed or over a limit; the resources it describes were not analysed.",
                  level: "error", rung: nil, tags: ["snapshot"], help: "Fix or re-collect the file named by the result; the message gives the JSON path of the problem.", helpURI: nil),
        SARIFRule(id: "RAMPART005", name: "DocumentWarning", short: "A snapshot file was skipped or is inconsistent.",
                  full: "A file of the snapshot was skipped or disagrees with another; the analysis went on without it.",
                  level: "note", rung: nil, tags: ["snapshot"], help: "Check the file named by the result; the message says what was skipped.", helpURI: nil),
        SARIFRule(id: "RAMPART006", name: "PublicReadAccess", short: "Anyone can read or list the resource.",
                  full: "A resource policy, ACL or snapshot sharing lets anyone (S3's meaning of public) use actions whose access level is Read or List only.",
                  level: "error", rung: .publicRead, tags: ["security", "external-access", "public"],
                  help: "Anyone can read or list this resource. \(access) Remove or confine the statement, grant or sharing that lets everyone in, unless the resource is meant to be public (a website); for S3, turn on Block Public Access.",
                  helpURI: resolveFindings),
        SARIFRule(id: "RAMPART007", name: "ExternalReadAccess", short: "A principal outside the zone of trust can read or list the resource.",
                  full: "An account, identity provider or canonical user outside the zone of trust (or a service acting for one) can use actions whose access level is Read or List only.",
                  level: "warning", rung: .crossAccountRead, tags: ["security", "external-access", "cross-account"],
                  help: "A principal outside the zone of trust can read or list this resource. \(access) If the access is not meant, remove the principal or narrow the statement; if it is, archive the finding with an archive rule.",
                  helpURI: resolveFindings),
        SARIFRule(id: "RAMPART008", name: "ServiceWithoutSourceCondition", short: "An AWS service can act on the resource for any account.",
                  full: "A service principal is allowed with no aws:SourceAccount, aws:SourceArn or aws:SourceOrgID condition, so the service may act for any of its customers (the confused deputy).",
                  level: "warning", rung: .serviceWithoutSourceCondition, tags: ["security", "external-access", "confused-deputy"],
                  help: "An AWS service can use this resource on behalf of any account. \(access) Add a condition on aws:SourceAccount, aws:SourceArn or aws:SourceOrgID naming your own account, resource or organization.",
                  helpURI: confusedDeputy),
    ]

    /// The index in `all` of the rule for findings of `rung`.
    static func index(of rung: FindingSeverity.Rung) -> Int {
        all.firstIndex { $0.rung == rung } ?? 0
    }
}
