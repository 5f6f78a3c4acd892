import Policy

/// Reads `get-public-access-block` and `get-bucket-acl` outputs into S3 settings: the one reader
/// for both a snapshot's files and `rampart check --bpa/--acl`, so the two read the same file
/// the same way (issue 16: one S3 settings reader).
public enum S3SettingsFileReader {
    /// A file's settings, or nil when they could not be read, with what was wrong (file, JSON
    /// path, line and column).
    public struct Reading<Value: Sendable>: Sendable {
        public var value: Value?
        public var diagnostics: [SnapshotDiagnostic]

        /// True when nothing went wrong: an ERROR means the settings are not fully known.
        public var isComplete: Bool { value != nil && !diagnostics.contains { $0.severity == .error } }
    }

    /// `get-public-access-block` output read from `bytes` (`file` names it in diagnostics).
    public static func publicAccessBlock(bytes: [UInt8], file: String) -> Reading<PublicAccessBlockSettings> {
        read(bytes, file: file) { output, diagnostics in publicAccessBlock(output, diagnostics: &diagnostics) }
    }

    /// `get-bucket-acl` output read from `bytes` (`file` names it in diagnostics).
    public static func acl(bytes: [UInt8], file: String) -> Reading<BucketACL> {
        read(bytes, file: file) { output, diagnostics in acl(output, diagnostics: &diagnostics) }
    }

    private static func read<Value>(_ bytes: [UInt8], file: String,
                                    _ body: (CLIOutputFile, inout [SnapshotDiagnostic]) -> Value?) -> Reading<Value> {
        var diagnostics: [SnapshotDiagnostic] = []
        do {
            let output = CLIOutputFile(file: file, root: try JSONParser.parse(bytes, limits: CLIOutputLimits.singleResource.parsing))
            let value = body(output, &diagnostics)
            return Reading(value: value, diagnostics: diagnostics)
        } catch {
            diagnostics.append(SnapshotDiagnostic(.error, SnapshotDiagnosticCode.malformedJSON, error.message, file: file,
                                                  line: error.position.line, column: error.position.column))
            return Reading(value: nil, diagnostics: diagnostics)
        }
    }

    /// The flags of S3's `PublicAccessBlockConfiguration`.
    private static let flags = ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"]

    /// `{"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, …}}` (s3api and s3control print
    /// the same shape), or the bare configuration object (as `put-public-access-block` takes it):
    /// an object with none of the wrapper and at least one of the flags.
    static func publicAccessBlock(_ output: CLIOutputFile, diagnostics: inout [SnapshotDiagnostic]) -> PublicAccessBlockSettings? {
        var path = JSONPath.root.appending("PublicAccessBlockConfiguration")
        var configuration = output.member("PublicAccessBlockConfiguration", of: output.root, path: .root, diagnostics: &diagnostics)
        if configuration == nil, let members = output.root.members, members.contains(where: { flags.contains($0.key) }) {
            configuration = output.root
            path = .root
        }
        guard let configuration else {
            if output.root.members != nil {
                diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.missingField, "missing \"PublicAccessBlockConfiguration\"",
                                                     path: .root, at: output.root))
            }
            return nil
        }
        guard configuration.members != nil else {
            diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.wrongType,
                                                 "expected an object, found \(configuration.typeName)", path: path, at: configuration))
            return nil
        }
        let before = diagnostics.count
        let settings = PublicAccessBlockSettings(
            blockPublicAcls: output.bool("BlockPublicAcls", of: configuration, path: path, diagnostics: &diagnostics),
            ignorePublicAcls: output.bool("IgnorePublicAcls", of: configuration, path: path, diagnostics: &diagnostics),
            blockPublicPolicy: output.bool("BlockPublicPolicy", of: configuration, path: path, diagnostics: &diagnostics),
            restrictPublicBuckets: output.bool("RestrictPublicBuckets", of: configuration, path: path, diagnostics: &diagnostics))
        // A flag of the wrong type makes the settings unknown: treat them as absent (the
        // conservative reading: nothing is blocked), and say so.
        return diagnostics.count == before ? settings : nil
    }

    /// `{"Owner": {"ID": …}, "Grants": [{"Grantee": {"Type": "Group", "URI": …}, "Permission": "READ"}]}`.
    /// The grants that could be read; any ERROR diagnostic it records means the ACL was not
    /// fully read (the caller treats the rest as unknown, never as "no grants"). Grantee types
    /// and what each carries: S3 API Reference, "Grantee" (`CanonicalUser` with `ID`, `Group`
    /// with `URI`; `get-bucket-acl` prints grants by e-mail as the canonical user they name).
    static func acl(_ output: CLIOutputFile, diagnostics: inout [SnapshotDiagnostic]) -> BucketACL? {
        guard output.root.members != nil else {
            diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.wrongType,
                                                 "expected an object, found \(output.root.typeName)", path: .root, at: output.root))
            return nil
        }
        var owner: String?
        if let ownerObject = output.member("Owner", of: output.root, path: .root, diagnostics: &diagnostics) {
            owner = output.string("ID", of: ownerObject, path: JSONPath.root.appending("Owner"), required: false, diagnostics: &diagnostics)
        }
        var grants: [BucketACL.Grant] = []
        // get-bucket-acl always prints "Grants" (an empty list when there are none).
        if output.member("Grants", of: output.root, path: .root, diagnostics: &diagnostics) == nil {
            diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.missingField, "missing \"Grants\"", path: .root, at: output.root))
        }
        for (index, grant) in output.array("Grants", of: output.root, path: .root, diagnostics: &diagnostics).enumerated() {
            let path = JSONPath.root.appending("Grants").appending(index)
            guard let grantee = output.member("Grantee", of: grant, path: path, diagnostics: &diagnostics),
                  let permission = output.string("Permission", of: grant, path: path, required: true, diagnostics: &diagnostics) else {
                if grant.members != nil, grant.members?.contains(where: { $0.key == "Grantee" }) == false {
                    diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.missingField, "missing \"Grantee\"", path: path, at: grant))
                }
                continue
            }
            let granteePath = path.appending("Grantee")
            guard let type = output.string("Type", of: grantee, path: granteePath, required: true, diagnostics: &diagnostics) else { continue }
            let uri = output.string("URI", of: grantee, path: granteePath, required: type == "Group", diagnostics: &diagnostics)
            let id = output.string("ID", of: grantee, path: granteePath, required: type == "CanonicalUser", diagnostics: &diagnostics)
            switch type {
            case "Group" where uri == nil, "CanonicalUser" where id == nil:
                continue
            case "Group", "CanonicalUser":
                grants.append(BucketACL.Grant(granteeType: type, uri: uri, id: id, permission: permission))
            default:
                // A grantee of a kind not known to read is not guessed at: the ACL is not fully read.
                diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.wrongType,
                                                     "unknown grantee Type \"\(type)\" (expected Group or CanonicalUser)",
                                                     path: granteePath.appending("Type"), at: grantee))
            }
        }
        return BucketACL(ownerID: owner, grants: grants)
    }
}
