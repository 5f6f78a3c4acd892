import Policy

/// Reads `aws iam get-account-authorization-details`: roles become `AWS::IAM::Role` resources
/// whose policy is the trust policy (`AssumeRolePolicyDocument`); users, groups and managed
/// policies are recorded and their documents validated.
///
/// The CLI prints documents as JSON objects; the raw API returns them URL-encoded. Both are read
/// (`EmbeddedPolicyReader`).
enum IAMDetailsReader {
    /// What one reading of the file says. `rolesUnknown` says why some of the account's roles
    /// could not be read (the file is not an object, `RoleDetailList` is missing or not a list,
    /// an entry without a readable name): nil when every role was read.
    static func read(_ output: CLIOutputFile, account: String, diagnostics: inout [SnapshotDiagnostic])
        -> (details: IAMAuthorizationDetails, roles: [SnapshotResource], rolesUnknown: String?) {
        var details = IAMAuthorizationDetails()
        var roles: [SnapshotResource] = []
        var rolesUnknown: String?
        let root = output.root
        guard root.members != nil else {
            diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.wrongType, "expected an object, found \(root.typeName)",
                                                 path: .root, at: root))
            return (details, [], "\(output.file) is not an object")
        }
        // The CLI always prints RoleDetailList (every account has service-linked roles at least).
        if let list = output.member("RoleDetailList", of: root, path: .root, diagnostics: &diagnostics) {
            if list.elements == nil { rolesUnknown = "$.RoleDetailList of \(output.file) is not a list" }
        } else {
            diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.missingField, "missing \"RoleDetailList\"", path: .root, at: root))
            rolesUnknown = "\(output.file) has no RoleDetailList"
        }
        var listed: [String: JSONPath] = [:]
        for (index, role) in output.array("RoleDetailList", of: root, path: .root, diagnostics: &diagnostics).enumerated() {
            let path = JSONPath.root.appending("RoleDetailList").appending(index)
            guard let principal = readPrincipal(role, kind: "role", listKey: "RolePolicyList", in: output, path: path, account: account,
                                                diagnostics: &diagnostics) else {
                rolesUnknown = "\(path) of \(output.file) could not be read"
                continue
            }
            if let first = listed[principal.arn] {
                diagnostics.append(output.diagnostic(.warning, SnapshotDiagnosticCode.ambiguousResource,
                                                     "role \(principal.arn) is listed again (first at \(first)): it is judged on every trust policy listed for it",
                                                     path: path, at: role, resource: principal.arn))
            } else {
                listed[principal.arn] = path
            }
            details.roles.append(principal)
            var resource = SnapshotResource(type: "AWS::IAM::Role", arn: principal.arn, account: account)
            resource.files = [output.file]
            if let trust = output.member("AssumeRolePolicyDocument", of: role, path: path, diagnostics: &diagnostics) {
                let embedded = EmbeddedPolicyReader.read(trust, in: output, path: path.appending("AssumeRolePolicyDocument"), type: .trust,
                                                         resource: principal.arn, diagnostics: &diagnostics)
                embedded.apply(to: &resource)
            } else {
                diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.missingField, "missing \"AssumeRolePolicyDocument\"",
                                                     path: path, at: role, resource: principal.arn))
                resource.policyHasErrors = true
            }
            roles.append(resource)
        }
        for (index, user) in output.array("UserDetailList", of: root, path: .root, diagnostics: &diagnostics).enumerated() {
            let path = JSONPath.root.appending("UserDetailList").appending(index)
            if let principal = readPrincipal(user, kind: "user", listKey: "UserPolicyList", in: output, path: path, account: account,
                                             diagnostics: &diagnostics) { details.users.append(principal) }
        }
        for (index, group) in output.array("GroupDetailList", of: root, path: .root, diagnostics: &diagnostics).enumerated() {
            let path = JSONPath.root.appending("GroupDetailList").appending(index)
            if let principal = readPrincipal(group, kind: "group", listKey: "GroupPolicyList", in: output, path: path, account: account,
                                             diagnostics: &diagnostics) { details.groups.append(principal) }
        }
        for (index, policy) in output.array("Policies", of: root, path: .root, diagnostics: &diagnostics).enumerated() {
            let path = JSONPath.root.appending("Policies").appending(index)
            guard let arn = output.string("Arn", of: policy, path: path, required: true, diagnostics: &diagnostics) else { continue }
            let versions = output.array("PolicyVersionList", of: policy, path: path, diagnostics: &diagnostics)
            var document: Policy?
            for (versionIndex, version) in versions.enumerated() {
                let versionPath = path.appending("PolicyVersionList").appending(versionIndex)
                guard output.bool("IsDefaultVersion", of: version, path: versionPath, diagnostics: &diagnostics),
                      let value = output.member("Document", of: version, path: versionPath, diagnostics: &diagnostics) else { continue }
                document = EmbeddedPolicyReader.read(value, in: output, path: versionPath.appending("Document"), type: .identity,
                                                     resource: nil, limit: .identityPolicy, diagnostics: &diagnostics).policy
            }
            details.managedPolicies[arn] = document
        }
        return (details, roles, rolesUnknown)
    }

    /// A user, group or role: name, ARN, inline policies (validated), attached policies, boundary.
    private static func readPrincipal(_ value: JSONValue, kind: String, listKey: String, in output: CLIOutputFile, path: JSONPath,
                                      account: String, diagnostics: inout [SnapshotDiagnostic]) -> IAMAuthorizationDetails.Principal? {
        let nameKey = kind == "role" ? "RoleName" : kind == "user" ? "UserName" : "GroupName"
        guard let name = output.string(nameKey, of: value, path: path, required: true, diagnostics: &diagnostics) else { return nil }
        let iamPath = output.string("Path", of: value, path: path, required: false, diagnostics: &diagnostics) ?? "/"
        let arn = output.string("Arn", of: value, path: path, required: false, diagnostics: &diagnostics)
            ?? "arn:aws:iam::\(account):\(kind)\(iamPath)\(name)"
        var principal = IAMAuthorizationDetails.Principal(name: name, arn: arn)
        let idKey = kind == "role" ? "RoleId" : kind == "user" ? "UserId" : "GroupId"
        principal.id = output.string(idKey, of: value, path: path, required: false, diagnostics: &diagnostics)
        if let list = output.member(listKey, of: value, path: path, diagnostics: &diagnostics), list.elements == nil {
            principal.unreadable.append("\(path.appending(listKey)) of \(output.file) is not a list")
        }
        for (index, inline) in output.array(listKey, of: value, path: path, diagnostics: &diagnostics).enumerated() {
            let inlinePath = path.appending(listKey).appending(index)
            let policyName = output.string("PolicyName", of: inline, path: inlinePath, required: true, diagnostics: &diagnostics) ?? "?"
            principal.inlinePolicies.append(policyName)
            var policy: Policy?
            if let document = output.member("PolicyDocument", of: inline, path: inlinePath, diagnostics: &diagnostics) {
                policy = EmbeddedPolicyReader.read(document, in: output, path: inlinePath.appending("PolicyDocument"), type: .identity,
                                                   resource: nil, limit: .identityPolicy, diagnostics: &diagnostics).policy
            } else if inline.members != nil {
                diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.missingField, "missing \"PolicyDocument\"",
                                                     path: inlinePath, at: inline))
            }
            if policy == nil { principal.unreadable.append("inline policy \(policyName) (\(inlinePath) of \(output.file)) could not be read") }
            principal.inlineDocuments.append(.init(name: policyName, policy: policy))
        }
        if kind == "user" {
            // The CLI always prints a user's GroupList; without it the user's groups are unknown.
            if let list = output.member("GroupList", of: value, path: path, diagnostics: &diagnostics), list.elements != nil {
                principal.groups = output.array("GroupList", of: value, path: path, diagnostics: &diagnostics).enumerated().compactMap { index, group in
                    guard let name = group.stringValue else {
                        diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.wrongType, "a group name must be a string, found \(group.typeName)",
                                                             path: path.appending("GroupList").appending(index), at: group))
                        principal.unreadable.append("\(path.appending("GroupList").appending(index)) of \(output.file) is not a group name")
                        return nil
                    }
                    return name
                }
            } else {
                principal.groups = nil
                principal.unreadable.append("the groups of user \(name) (\(path.appending("GroupList")) of \(output.file)) are not listed")
            }
        }
        for (index, tag) in output.array("Tags", of: value, path: path, diagnostics: &diagnostics).enumerated() {
            let tagPath = path.appending("Tags").appending(index)
            guard let key = output.string("Key", of: tag, path: tagPath, required: true, diagnostics: &diagnostics) else {
                principal.unreadable.append("tag \(tagPath) of \(output.file) could not be read")
                continue
            }
            principal.tags[key] = output.string("Value", of: tag, path: tagPath, required: false, diagnostics: &diagnostics) ?? ""
        }
        for (index, attached) in output.array("AttachedManagedPolicies", of: value, path: path, diagnostics: &diagnostics).enumerated() {
            let attachedPath = path.appending("AttachedManagedPolicies").appending(index)
            if let policyArn = output.string("PolicyArn", of: attached, path: attachedPath, required: true, diagnostics: &diagnostics) {
                principal.attachedPolicies.append(policyArn)
            }
        }
        if let boundary = output.member("PermissionsBoundary", of: value, path: path, diagnostics: &diagnostics) {
            principal.permissionsBoundary = output.string("PermissionsBoundaryArn", of: boundary, path: path.appending("PermissionsBoundary"),
                                                          required: false, diagnostics: &diagnostics)
        }
        return principal
    }
}
