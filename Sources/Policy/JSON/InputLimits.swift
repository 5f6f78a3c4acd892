/// Limits on what Rampart reads, so hostile input costs bounded time and memory.
/// Each limit, when exceeded, yields an ERROR diagnostic that names it and the
/// location where it was hit (see docs/POLICY-LANGUAGE.md, "Limits").
public struct InputLimits: Sendable, Hashable {
    /// Largest document accepted, in bytes (AWS's largest policy quota is 32 KiB for
    /// KMS key policies; snapshots embed many policies, so this is generous).
    public var maxDocumentBytes: Int
    /// Deepest nesting of arrays and objects. A policy needs 5 levels; 64 leaves room for snapshots.
    public var maxNestingDepth: Int
    /// Longest string, in UTF-8 bytes.
    public var maxStringBytes: Int
    /// Most statements in one policy.
    public var maxStatements: Int
    /// Most values for one condition key.
    public var maxConditionValues: Int
    /// Most `*`/`?` wildcards in one pattern (each costs matching work).
    public var maxWildcardsPerPattern: Int

    public init(
        maxDocumentBytes: Int = 1 << 20,
        maxNestingDepth: Int = 64,
        maxStringBytes: Int = 16 * 1024,
        maxStatements: Int = 1_000,
        maxConditionValues: Int = 1_000,
        maxWildcardsPerPattern: Int = 64
    ) {
        self.maxDocumentBytes = maxDocumentBytes
        self.maxNestingDepth = maxNestingDepth
        self.maxStringBytes = maxStringBytes
        self.maxStatements = maxStatements
        self.maxConditionValues = maxConditionValues
        self.maxWildcardsPerPattern = maxWildcardsPerPattern
    }

    public static let standard = InputLimits()
}
