import Policy

/// The AWS CLI commands whose output lists who a snapshot is shared with (docs/SNAPSHOT.md). A
/// file `accounts/<id>/<service>/<region>/<name>.<command>.json` is read by the command named in
/// it; the resource is shared with each account listed, and with everyone for `all`.
///
/// ```
/// ec2/us-east-1/snap-0abc.describe-snapshot-attribute.json
///   {"SnapshotId": "snap-0abc", "CreateVolumePermissions": [{"UserId": "444455556666"}, {"Group": "all"}]}
/// ```
struct SharingAttributeCommand: Sendable {
    var service: String
    var command: String
    var resourceType: String
    /// JSON keys leading to the list of attributes (EBS: the permissions; RDS: the attribute objects).
    var listPath: [String]
    var arn: @Sendable (_ name: String, _ region: String, _ account: String) -> String

    static let all: [SharingAttributeCommand] = [
        // `aws ec2 describe-snapshot-attribute --snapshot-id S --attribute createVolumePermission` (EC2 User Guide,
        // "Share an Amazon EBS snapshot": a `Group` of `all` makes the snapshot public). EBS snapshot ARNs have no account.
        SharingAttributeCommand(service: "ec2", command: "describe-snapshot-attribute", resourceType: "AWS::EC2::Snapshot",
                                listPath: ["CreateVolumePermissions"], arn: { name, region, _ in "arn:aws:ec2:\(region)::snapshot/\(name)" }),
        // `aws rds describe-db-snapshot-attributes --db-snapshot-identifier S` (RDS User Guide, "Sharing a DB snapshot":
        // the `restore` attribute lists the accounts, `all` makes it public).
        SharingAttributeCommand(service: "rds", command: "describe-db-snapshot-attributes", resourceType: "AWS::RDS::DBSnapshot",
                                listPath: ["DBSnapshotAttributesResult", "DBSnapshotAttributes"],
                                arn: { name, region, account in "arn:aws:rds:\(region):\(account):snapshot:\(name)" }),
        SharingAttributeCommand(service: "rds", command: "describe-db-cluster-snapshot-attributes", resourceType: "AWS::RDS::DBClusterSnapshot",
                                listPath: ["DBClusterSnapshotAttributesResult", "DBClusterSnapshotAttributes"],
                                arn: { name, region, account in "arn:aws:rds:\(region):\(account):cluster-snapshot:\(name)" }),
    ]

    static var services: Set<String> { Set(all.map(\.service)) }

    static func commands(of service: String) -> [String] { all.filter { $0.service == service }.map(\.command) }

    static func resourceTypes(of service: String) -> [String] { all.filter { $0.service == service }.map(\.resourceType) }

    static func find(service: String, command: String) -> SharingAttributeCommand? {
        all.first { $0.service == service && $0.command == command }
    }

    /// The accounts (and `all`) the output shares the resource with, or nil when the list cannot be
    /// fully read (a missing list, an entry of another shape): then who may restore it is unknown.
    func sharedWith(_ output: CLIOutputFile, resource: String, diagnostics: inout [SnapshotDiagnostic]) -> [String]? {
        let before = diagnostics.count
        var current = output.root
        var path = JSONPath.root
        for key in listPath {
            guard let next = output.member(key, of: current, path: path, diagnostics: &diagnostics) else {
                if current.members != nil {
                    diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.missingField,
                                                         "missing \(JSONPath(listPath.map { .key($0) })) (the \(command) output lists the sharing there)",
                                                         path: path, at: current, resource: resource))
                }
                return nil
            }
            current = next
            path = path.appending(key)
        }
        guard let entries = current.elements else {
            diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.wrongType, "expected an array, found \(current.typeName)",
                                                 path: path, at: current, resource: resource))
            return nil
        }
        var shared: [String] = []
        for (index, entry) in entries.enumerated() {
            let entryPath = path.appending(index)
            if service == "ec2" {
                if let user = output.string("UserId", of: entry, path: entryPath, required: false, diagnostics: &diagnostics) {
                    shared.append(user)
                } else if let group = output.string("Group", of: entry, path: entryPath, required: false, diagnostics: &diagnostics) {
                    shared.append(group)
                } else if entry.members != nil {
                    diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.missingField, "a permission with neither \"UserId\" nor \"Group\"",
                                                         path: entryPath, at: entry, resource: resource))
                }
            } else {
                guard output.string("AttributeName", of: entry, path: entryPath, required: true, diagnostics: &diagnostics) == "restore" else { continue }
                for (valueIndex, value) in output.array("AttributeValues", of: entry, path: entryPath, diagnostics: &diagnostics).enumerated() {
                    guard let text = value.stringValue else {
                        diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.wrongType, "expected a string, found \(value.typeName)",
                                                             path: entryPath.appending("AttributeValues").appending(valueIndex), at: value,
                                                             resource: resource))
                        continue
                    }
                    shared.append(text)
                }
            }
        }
        return diagnostics[before...].contains(where: { $0.severity == .error }) ? nil : shared
    }
}
