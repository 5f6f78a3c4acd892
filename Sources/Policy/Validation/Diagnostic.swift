/// How serious a diagnostic is, with Access Analyzer's ValidatePolicy finding types.
public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case error = "ERROR"
    case securityWarning = "SECURITY_WARNING"
    case warning = "WARNING"
    case suggestion = "SUGGESTION"

    private var rank: Int {
        switch self {
        case .error: return 0
        case .securityWarning: return 1
        case .warning: return 2
        case .suggestion: return 3
        }
    }

    /// Errors sort first.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One finding of the validator: severity, a stable code (documented in
/// docs/POLICY-LANGUAGE.md; codes never change meaning), a message for people,
/// and where it is.
public struct Diagnostic: Sendable, Hashable {
    public var severity: Severity
    public var code: DiagnosticCode
    public var message: String
    public var location: SourceLocation

    public init(_ severity: Severity, _ code: DiagnosticCode, _ message: String, at location: SourceLocation) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
    }
}

extension Array where Element == Diagnostic {
    /// True when any diagnostic is an ERROR: such a document is not analysed.
    public var containsError: Bool { contains { $0.severity == .error } }
}
