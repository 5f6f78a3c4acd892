import Policy

/// A bucket's S3 Object Ownership setting, as `aws s3api get-bucket-ownership-controls --bucket B`
/// prints it: `{"OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}}`
/// (S3 API Reference, OwnershipControlsRule:
/// https://docs.aws.amazon.com/AmazonS3/latest/API/API_OwnershipControlsRule.html).
///
/// With `BucketOwnerEnforced`, "ACLs are disabled and no longer affect permissions" (S3 User Guide,
/// "Controlling ownership of objects and disabling ACLs for your bucket",
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html): the bucket
/// ACL grants nothing. `BucketOwnerPreferred` and `ObjectWriter` keep ACLs in force. A bucket
/// without ownership controls (`OwnershipControlsNotFoundError`: no file) or whose file cannot be
/// read keeps its ACL in force: the conservative reading.
public struct S3ObjectOwnership: Sendable, Hashable {
    /// The `ObjectOwnership` value of each rule read.
    public var settings: [String]

    public init(settings: [String]) {
        self.settings = settings
    }

    /// True only when a rule was read and every rule read says `BucketOwnerEnforced`.
    public var disablesACLs: Bool { !settings.isEmpty && settings.allSatisfy { $0 == "BucketOwnerEnforced" } }

    /// A `get-bucket-ownership-controls` output read from `bytes` (`rampart check
    /// --ownership-controls`; `file` names it in diagnostics): the setting, or nil with what was wrong.
    public static func read(bytes: [UInt8], file: String) -> (ownership: S3ObjectOwnership?, diagnostics: [SnapshotDiagnostic]) {
        var diagnostics: [SnapshotDiagnostic] = []
        do {
            let output = CLIOutputFile(file: file, root: try JSONParser.parse(bytes, limits: CLIOutputLimits.singleResource.parsing))
            let ownership = read(output, resource: nil, diagnostics: &diagnostics)
            return (ownership, diagnostics)
        } catch {
            diagnostics.append(SnapshotDiagnostic(.error, SnapshotDiagnosticCode.malformedJSON, error.message, file: file,
                                                  line: error.position.line, column: error.position.column))
            return (nil, diagnostics)
        }
    }

    /// The setting in a `get-bucket-ownership-controls` output, or nil (with a diagnostic) when it
    /// cannot be read.
    static func read(_ output: CLIOutputFile, resource: String?, diagnostics: inout [SnapshotDiagnostic]) -> S3ObjectOwnership? {
        let before = diagnostics.count
        let controlsPath = JSONPath.root.appending("OwnershipControls")
        guard let controls = output.member("OwnershipControls", of: output.root, path: .root, diagnostics: &diagnostics) else {
            if output.root.members != nil {
                diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.missingField, "missing \"OwnershipControls\"",
                                                     path: .root, at: output.root, resource: resource))
            }
            return nil
        }
        var settings: [String] = []
        for (index, rule) in output.array("Rules", of: controls, path: controlsPath, diagnostics: &diagnostics).enumerated() {
            if let setting = output.string("ObjectOwnership", of: rule, path: controlsPath.appending("Rules").appending(index), required: true,
                                           diagnostics: &diagnostics) {
                settings.append(setting)
            }
        }
        guard !diagnostics[before...].contains(where: { $0.severity == .error }) else { return nil }
        return S3ObjectOwnership(settings: settings)
    }
}
