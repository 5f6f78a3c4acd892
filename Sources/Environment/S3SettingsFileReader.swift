import Policy

/// Reads `get-public-access-block` and `get-bucket-acl` outputs into S3 settings.
enum S3SettingsFileReader {
    /// `{"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, …}}` (s3api and s3control print the same shape).
    static func publicAccessBlock(_ output: CLIOutputFile, diagnostics: inout [SnapshotDiagnostic]) -> PublicAccessBlockSettings? {
        let path = JSONPath.root.appending("PublicAccessBlockConfiguration")
        guard let configuration = output.member("PublicAccessBlockConfiguration", of: output.root, path: .root, diagnostics: &diagnostics) else {
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
    /// fully read (the caller treats the rest as unknown, never as "no grants").
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
            grants.append(BucketACL.Grant(
                granteeType: type,
                uri: output.string("URI", of: grantee, path: granteePath, required: false, diagnostics: &diagnostics),
                id: output.string("ID", of: grantee, path: granteePath, required: false, diagnostics: &diagnostics),
                permission: permission))
        }
        return BucketACL(ownerID: owner, grants: grants)
    }
}
