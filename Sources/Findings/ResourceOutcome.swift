import Analysis

/// What a scan concluded about one resource.
public struct ResourceOutcome: Sendable, Codable {
    public enum Status: String, Sendable, Hashable, CaseIterable, Codable {
        case externalAccess = "EXTERNAL_ACCESS"
        case noExternalAccess = "NO_EXTERNAL_ACCESS"
        /// The solver could not decide (timeout, unsupported construct): never read as safe.
        case unproven = "UNPROVEN"
        /// Not analysed: a document it depends on is unreadable or invalid, or its type is not supported.
        case error = "ERROR"
    }

    public var arn: String
    public var type: String
    public var account: String
    public var status: Status
    /// Why (for NO_EXTERNAL_ACCESS, from unsat cores), or what went wrong.
    public var explanation: [String]
    /// False when the findings may be incomplete (enumeration stopped early).
    public var complete: Bool
    /// Ids of this run's findings for the resource.
    public var findingIDs: [String]
    /// The snapshot files it was read from.
    public var files: [String]
    /// True when the answer was reused from an identical resource analysed in the same run.
    public var reused: Bool

    /// `findings.json`'s `resources` entries (docs/REPORTS.md).
    enum CodingKeys: String, CodingKey {
        case arn, type, account, status, explanation, complete, findingIDs = "findingIds", files, reused
    }

    public init(arn: String, type: String, account: String, status: Status, explanation: [String], complete: Bool,
                findingIDs: [String], files: [String], reused: Bool) {
        self.arn = arn
        self.type = type
        self.account = account
        self.status = status
        self.explanation = explanation
        self.complete = complete
        self.findingIDs = findingIDs
        self.files = files
        self.reused = reused
    }
}
