import Policy

/// How large a CLI output file may be, per kind of output. Each bound is far above what AWS can
/// return for that command, and still keeps memory bounded against a corrupt or hostile file.
struct CLIOutputLimits: Sendable {
    /// Largest file, in bytes.
    var fileBytes: Int
    /// Limits of the JSON parser over the file. Strings may hold a whole policy document, as
    /// JSON or URL-encoded (up to three bytes per character), so they get far more room than
    /// the 16 KiB of a string inside a policy.
    var parsing: InputLimits

    init(fileBytes: Int) {
        self.fileBytes = fileBytes
        parsing = InputLimits(maxDocumentBytes: fileBytes, maxNestingDepth: 64, maxStringBytes: 256 * 1024)
    }

    /// One resource's output (a bucket policy, a queue's attributes, an ACL, one SCP): AWS's
    /// largest policy quota of these is 32 KB (KMS key policies), so 1 MiB is ample.
    static let singleResource = CLIOutputLimits(fileBytes: 1 << 20)

    /// `get-account-authorization-details`: every user, group, role and attached managed policy
    /// with all its versions, documents inline (AWS's ReadOnlyAccess alone is about 86 KB per
    /// version), so an ordinary account's output runs to megabytes.
    static let authorizationDetails = CLIOutputLimits(fileBytes: 256 << 20)

    /// Organization listings (`list-accounts`, children of a parent, a policy's targets): the
    /// CLI pages through them all, a few hundred bytes per entry.
    static let organizationListing = CLIOutputLimits(fileBytes: 64 << 20)
}
