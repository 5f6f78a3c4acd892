/// How serious a finding is, on Rampart's scale (docs/REPORTS.md, "Severity"): first whether
/// anyone can use the access (public) or one principal outside the zone, then whether the
/// actions change the resource or its permissions (by the Service Authorization Reference's
/// access levels, `ActionAccessLevel`) or only read or list it. From most to least serious:
///
/// | rung | who, what | score | label |
/// |---|---|---|---|
/// | `publicChange` | anyone; Write, Permissions management or Tagging | 9.5 | CRITICAL |
/// | `publicRead` | anyone; Read or List only | 8.0 | HIGH |
/// | `crossAccountChange` | an account, identity provider or canonical user outside the zone; a change | 7.0 | HIGH |
/// | `crossAccountRead` | the same; Read or List only | 5.0 | MEDIUM |
/// | `serviceWithoutSourceCondition` | an AWS service, with no source key naming whom it acts for | 3.0 | LOW |
///
/// The label is the score's band on both scales that read it: AWS Security Hub's severity
/// labels by normalized score (×10: 90–100 CRITICAL, 70–89 HIGH, 40–69 MEDIUM, 1–39 LOW;
/// https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_Severity.html) and GitHub code
/// scanning's `security-severity` bands (0.1–3.9 low, 4.0–6.9 medium, 7.0–8.9 high, 9.0–10.0
/// critical; https://github.blog/changelog/2021-07-19-codeql-code-scanning-new-severity-levels-for-security-alerts/).
/// An action the catalog does not know counts as a change: the level cannot be read, and the
/// scale errs towards attention.
///
/// ```swift
/// FindingSeverity(access).label   // .critical for anyone with s3:PutObject
/// ```
public struct FindingSeverity: Sendable, Hashable {
    public enum Rung: String, Sendable, Hashable, CaseIterable {
        case publicChange, publicRead, crossAccountChange, crossAccountRead, serviceWithoutSourceCondition

        /// GitHub's `security-severity` (0.1–10).
        public var score: Double {
            switch self {
            case .publicChange: return 9.5
            case .publicRead: return 8.0
            case .crossAccountChange: return 7.0
            case .crossAccountRead: return 5.0
            case .serviceWithoutSourceCondition: return 3.0
            }
        }

        /// The band `score` falls in (see the type's comment).
        public var label: Label {
            switch score {
            case 9.0...: return .critical
            case 7.0..<9.0: return .high
            case 4.0..<7.0: return .medium
            default: return .low
            }
        }
    }

    public enum Label: String, Sendable, Hashable, CaseIterable {
        case critical = "CRITICAL", high = "HIGH", medium = "MEDIUM", low = "LOW"
    }

    public var rung: Rung
    /// The actions that decided the rung: the changing ones for a change, else all of them.
    public var decidingActions: [String]

    public init(_ access: GrantedAccess, catalog: ActionCatalog = .shipped) {
        let changing = access.actions.filter { catalog.accessLevel(of: $0)?.changesResource ?? true }
        let changes = !changing.isEmpty
        decidingActions = changes ? changing : access.actions
        if access.isPublic {
            rung = changes ? .publicChange : .publicRead
        } else if access.principalKind == .service && !access.hasSourceCondition {
            rung = .serviceWithoutSourceCondition
        } else {
            rung = changes ? .crossAccountChange : .crossAccountRead
        }
    }

    /// GitHub's `security-severity` (0.1–10).
    public var score: Double { rung.score }

    /// CRITICAL, HIGH, MEDIUM or LOW: the band of `score`.
    public var label: Label { rung.label }

    /// One line saying why: `anyone can change it (s3:PutObject)`.
    public var reason: String {
        let shown = decidingActions.count <= 3 ? decidingActions.joined(separator: ", ")
            : decidingActions.prefix(3).joined(separator: ", ") + ", … (\(decidingActions.count) actions)"
        switch rung {
        case .publicChange: return "anyone can change the resource or its permissions (\(shown))"
        case .publicRead: return "anyone can read or list it (\(shown))"
        case .crossAccountChange: return "a principal outside the zone can change the resource or its permissions (\(shown))"
        case .crossAccountRead: return "a principal outside the zone can read or list it (\(shown))"
        case .serviceWithoutSourceCondition: return "an AWS service can act on it for any account: no source condition names whom it acts for (\(shown))"
        }
    }
}
