/// A problem found while reading a snapshot: which file, where in it, and what is wrong.
/// A bad document never stops a scan; its diagnostics appear in every report.
///
/// ```swift
/// SnapshotDiagnostic(.error, "MALFORMED_JSON", "expected a value", file: "accounts/111122223333/s3/b.get-bucket-policy.json",
///                    jsonPath: "$", line: 3, column: 7)
/// ```
public struct SnapshotDiagnostic: Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Hashable, Comparable, Codable {
        /// The document (or part of it) could not be used: a resource is analysed without it, or not at all.
        case error = "ERROR"
        /// Something was skipped or guessed; the scan is still complete for what was read.
        case warning = "WARNING"

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .error && rhs == .warning }
    }

    public var severity: Severity
    /// A stable code: the snapshot codes documented in docs/SNAPSHOT.md, or a policy diagnostic
    /// code (docs/POLICY-LANGUAGE.md) for a policy document with errors.
    public var code: String
    public var message: String
    /// The file, relative to the snapshot folder.
    public var file: String
    /// Where in the file: a JSON path; for a policy embedded as a JSON string, the string's path,
    /// then ` → ` and the path inside the policy document.
    public var jsonPath: String
    /// 1-based position in the file, when known.
    public var line: Int?
    public var column: Int?
    /// The ARN of the resource the problem affects, when it affects one.
    public var resource: String?

    public init(_ severity: Severity, _ code: String, _ message: String, file: String, jsonPath: String = "$",
                line: Int? = nil, column: Int? = nil, resource: String? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.file = file
        self.jsonPath = jsonPath
        self.line = line
        self.column = column
        self.resource = resource
    }

    /// `file:line:column: SEVERITY CODE: message (at path)`, the shape `rampart validate` prints.
    public var text: String {
        let position = line.map { ":\($0)" + (column.map { ":\($0)" } ?? "") } ?? ""
        return "\(file)\(position): \(severity.rawValue) \(code): \(message) (at \(jsonPath))"
    }
}

/// Snapshot diagnostic codes (docs/SNAPSHOT.md).
public enum SnapshotDiagnosticCode {
    public static let unreadableFile = "UNREADABLE_FILE"
    public static let malformedJSON = "MALFORMED_JSON"
    public static let wrongType = "WRONG_TYPE"
    public static let missingField = "MISSING_FIELD"
    public static let undecodableDocument = "UNDECODABLE_DOCUMENT"
    public static let unknownFile = "UNKNOWN_FILE"
    public static let unknownAccountFolder = "UNKNOWN_ACCOUNT_FOLDER"
    public static let accountNotInOrganization = "ACCOUNT_NOT_IN_ORGANIZATION"
    public static let unreadableFolder = "UNREADABLE_FOLDER"
    public static let duplicateKey = "DUPLICATE_KEY"
    public static let ambiguousResource = "AMBIGUOUS_RESOURCE"
    public static let policyTooLarge = "POLICY_TOO_LARGE"
    public static let unknownPolicyType = "UNKNOWN_POLICY_TYPE"
    public static let truncatedListing = "TRUNCATED_LISTING"
    public static let unknownConstraint = "UNKNOWN_CONSTRAINT"
}
