import Policy

/// Reads `aws kms list-grants --key-id K` output (`{"Grants": [GrantListEntry, …], "Truncated": false}`,
/// AWS KMS API Reference, ListGrants: https://docs.aws.amazon.com/kms/latest/APIReference/API_ListGrants.html;
/// `GrantListEntry`: https://docs.aws.amazon.com/kms/latest/APIReference/API_GrantListEntry.html).
///
/// What cannot be read is unknown, never "no grants": a missing or mistyped `Grants`, a grant
/// without a readable `GranteePrincipal` or `Operations`, or `"Truncated": true` (pages missing:
/// the CLI merges every page, so a truncated file is a partial listing) make the listing
/// incomplete. The grants that could be read are kept either way.
public enum KMSGrantsReader {
    /// The command, as a file names it (`kms/REGION/KEY.list-grants.json`).
    static let command = "list-grants"

    /// The grants read and whether the listing was fully read.
    public struct Listing: Sendable, Hashable {
        public var grants: [KMSGrant]
        public var complete: Bool
    }

    /// The constraint keys of `GrantConstraints` Rampart models
    /// (https://docs.aws.amazon.com/kms/latest/APIReference/API_GrantConstraints.html). Any other
    /// constraint could only narrow the grant, so it is left out with a warning (more access, never less).
    static let modelledConstraints = ["EncryptionContextSubset", "EncryptionContextEquals"]

    /// A `list-grants` output read from `bytes` (`rampart check --grants`; `file` names it in
    /// diagnostics): the listing, or nil when the file is not JSON, with what was wrong.
    public static func read(bytes: [UInt8], file: String, resource: String) -> (listing: Listing?, diagnostics: [SnapshotDiagnostic]) {
        var diagnostics: [SnapshotDiagnostic] = []
        do {
            let output = CLIOutputFile(file: file, root: try JSONParser.parse(bytes, limits: CLIOutputLimits.singleResource.parsing))
            let listing = read(output, resource: resource, diagnostics: &diagnostics)
            return (listing, diagnostics)
        } catch {
            diagnostics.append(SnapshotDiagnostic(.error, SnapshotDiagnosticCode.malformedJSON, error.message, file: file,
                                                  line: error.position.line, column: error.position.column))
            return (nil, diagnostics)
        }
    }

    static func read(_ output: CLIOutputFile, resource: String, diagnostics: inout [SnapshotDiagnostic]) -> Listing {
        let before = diagnostics.count
        var grants: [KMSGrant] = []
        if output.root.members != nil, output.member("Grants", of: output.root, path: .root, diagnostics: &diagnostics) == nil {
            diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.missingField,
                                                 "missing \"Grants\" (list-grants always prints it, an empty list when the key has none)",
                                                 path: .root, at: output.root, resource: resource))
        }
        for (index, entry) in output.array("Grants", of: output.root, path: .root, diagnostics: &diagnostics).enumerated() {
            if let grant = grant(entry, path: JSONPath.root.appending("Grants").appending(index), in: output, resource: resource,
                                 diagnostics: &diagnostics) {
                grants.append(grant)
            }
        }
        if let truncated = output.root.members?.last(where: { $0.key == "Truncated" })?.value {
            if case .bool(let flag) = truncated.kind {
                if flag {
                    diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.truncatedListing,
                                                         "\"Truncated\" is true: later pages of grants are missing",
                                                         path: JSONPath.root.appending("Truncated"), at: truncated, resource: resource))
                }
            } else {
                diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.wrongType,
                                                     "\"Truncated\" must be true or false, found \(truncated.typeName)",
                                                     path: JSONPath.root.appending("Truncated"), at: truncated, resource: resource))
            }
        }
        let complete = !diagnostics[before...].contains { $0.severity == .error }
        return Listing(grants: grants, complete: complete)
    }

    private static func grant(_ entry: JSONValue, path: JSONPath, in output: CLIOutputFile, resource: String,
                              diagnostics: inout [SnapshotDiagnostic]) -> KMSGrant? {
        guard entry.members != nil else {
            diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.wrongType, "expected a grant object, found \(entry.typeName)",
                                                 path: path, at: entry, resource: resource))
            return nil
        }
        let id = output.string("GrantId", of: entry, path: path, required: false, diagnostics: &diagnostics) ?? ""
        var grantees: [String] = []
        if let grantee = output.string("GranteePrincipal", of: entry, path: path, required: true, diagnostics: &diagnostics) {
            grantees.append(grantee)
        }
        if let service = output.string("GranteeServicePrincipal", of: entry, path: path, required: false, diagnostics: &diagnostics) {
            grantees.append(service)
        }
        var retiring: [String] = []
        for key in ["RetiringPrincipal", "RetiringServicePrincipal"] {
            if let principal = output.string(key, of: entry, path: path, required: false, diagnostics: &diagnostics) { retiring.append(principal) }
        }
        guard output.member("Operations", of: entry, path: path, diagnostics: &diagnostics) != nil else {
            diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.missingField, "missing \"Operations\"", path: path, at: entry,
                                                 resource: resource))
            return nil
        }
        var operations: [String] = []
        for (index, operation) in output.array("Operations", of: entry, path: path, diagnostics: &diagnostics).enumerated() {
            guard let name = operation.stringValue else {
                diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.wrongType, "expected a string, found \(operation.typeName)",
                                                     path: path.appending("Operations").appending(index), at: operation, resource: resource))
                continue
            }
            operations.append(name)
        }
        var subset: [String: String] = [:]
        var equals: [String: String] = [:]
        if let constraints = output.member("Constraints", of: entry, path: path, diagnostics: &diagnostics) {
            let constraintsPath = path.appending("Constraints")
            if let members = constraints.members {
                subset = context("EncryptionContextSubset", of: constraints, path: constraintsPath, in: output, resource: resource,
                                 diagnostics: &diagnostics)
                equals = context("EncryptionContextEquals", of: constraints, path: constraintsPath, in: output, resource: resource,
                                 diagnostics: &diagnostics)
                for member in members where !modelledConstraints.contains(member.key) {
                    diagnostics.append(output.diagnostic(.warning, SnapshotDiagnosticCode.unknownConstraint,
                                                         "grant constraint \"\(member.key)\" is not modelled: the grant is judged without it, which can only add access",
                                                         path: constraintsPath.appending(member.key), at: member.value, resource: resource))
                }
            } else {
                diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.wrongType, "expected an object, found \(constraints.typeName)",
                                                     path: constraintsPath, at: constraints, resource: resource))
            }
        }
        let issuing = output.string("IssuingAccount", of: entry, path: path, required: false, diagnostics: &diagnostics)
        guard !grantees.isEmpty else { return nil }
        return KMSGrant(grantID: id, granteePrincipals: grantees, retiringPrincipals: retiring, operations: operations,
                        encryptionContextSubset: subset, encryptionContextEquals: equals, issuingAccount: issuing)
    }

    /// An encryption-context constraint: an object of string values.
    private static func context(_ key: String, of constraints: JSONValue, path: JSONPath, in output: CLIOutputFile, resource: String,
                                diagnostics: inout [SnapshotDiagnostic]) -> [String: String] {
        guard let value = output.member(key, of: constraints, path: path, diagnostics: &diagnostics) else { return [:] }
        guard let members = value.members else {
            diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.wrongType, "\"\(key)\" must be an object, found \(value.typeName)",
                                                 path: path.appending(key), at: value, resource: resource))
            return [:]
        }
        var pairs: [String: String] = [:]
        for member in members {
            guard let text = member.value.stringValue else {
                diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.wrongType, "expected a string, found \(member.value.typeName)",
                                                     path: path.appending(key).appending(member.key), at: member.value, resource: resource))
                continue
            }
            pairs[member.key] = text
        }
        return pairs
    }
}
