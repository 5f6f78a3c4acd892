import Foundation
import Policy

/// Reads the `organization/` folder: `describe-organization.json`, `list-accounts.json`,
/// `list-roots.json`, `parents/<id>.list-organizational-units-for-parent.json`,
/// `parents/<id>.list-accounts-for-parent.json`, `policies/<id>.describe-policy.json`,
/// `policies/<id>.list-targets-for-policy.json` (docs/SNAPSHOT.md).
enum OrganizationReader {
    static func read(folder: String, relative: String, diagnostics: inout [SnapshotDiagnostic]) -> Organization? {
        func open(_ name: String) -> CLIOutputFile? {
            let path = folder + "/" + name
            guard FileManager.default.fileExists(atPath: path) || isLink(path) else { return nil }
            return CLIOutputFile.open(path: path, relative: relative + "/" + name, diagnostics: &diagnostics)
        }
        guard let describe = open("describe-organization.json") else {
            diagnostics.append(SnapshotDiagnostic(.error, SnapshotDiagnosticCode.missingField,
                                                  "an organization folder needs describe-organization.json", file: relative))
            return nil
        }
        guard let object = describe.member("Organization", of: describe.root, path: .root, diagnostics: &diagnostics),
              let id = describe.string("Id", of: object, path: JSONPath.root.appending("Organization"), required: true, diagnostics: &diagnostics)
        else {
            if describe.root.members?.contains(where: { $0.key == "Organization" }) == false {
                diagnostics.append(describe.diagnostic(.error, SnapshotDiagnosticCode.missingField, "missing \"Organization\"", path: .root, at: describe.root))
            }
            return nil
        }
        var organization = Organization(id: id)
        organization.managementAccountID = describe.string("MasterAccountId", of: object, path: JSONPath.root.appending("Organization"),
                                                           required: false, diagnostics: &diagnostics)
        if let list = open("list-accounts.json") {
            for (index, account) in list.array("Accounts", of: list.root, path: .root, diagnostics: &diagnostics).enumerated() {
                let path = JSONPath.root.appending("Accounts").appending(index)
                guard let accountID = list.string("Id", of: account, path: path, required: true, diagnostics: &diagnostics) else { continue }
                organization.accounts.append(OrganizationAccount(
                    id: accountID, name: list.string("Name", of: account, path: path, required: false, diagnostics: &diagnostics),
                    status: list.string("Status", of: account, path: path, required: false, diagnostics: &diagnostics)))
            }
        }
        if let roots = open("list-roots.json") {
            let first = roots.array("Roots", of: roots.root, path: .root, diagnostics: &diagnostics).first
            organization.rootID = first.flatMap {
                roots.string("Id", of: $0, path: JSONPath.root.appending("Roots").appending(0), required: true, diagnostics: &diagnostics)
            }
        }
        readParents(folder: folder + "/parents", relative: relative + "/parents", into: &organization, diagnostics: &diagnostics)
        readPolicies(folder: folder + "/policies", relative: relative + "/policies", into: &organization, diagnostics: &diagnostics)
        return organization
    }

    private static func readParents(folder: String, relative: String, into organization: inout Organization,
                                    diagnostics: inout [SnapshotDiagnostic]) {
        for name in SnapshotFolder.entries(folder) {
            guard let (parent, command) = SnapshotFolder.split(name, commands: ["list-organizational-units-for-parent", "list-accounts-for-parent"]) else {
                diagnostics.append(SnapshotDiagnostic(.warning, SnapshotDiagnosticCode.unknownFile, "not a file Rampart reads; skipped",
                                                      file: relative + "/" + name))
                continue
            }
            guard let output = CLIOutputFile.open(path: folder + "/" + name, relative: relative + "/" + name, diagnostics: &diagnostics) else { continue }
            let key = command == "list-accounts-for-parent" ? "Accounts" : "OrganizationalUnits"
            for (index, child) in output.array(key, of: output.root, path: .root, diagnostics: &diagnostics).enumerated() {
                let path = JSONPath.root.appending(key).appending(index)
                guard let id = output.string("Id", of: child, path: path, required: true, diagnostics: &diagnostics) else { continue }
                organization.parents[id] = parent
                if command == "list-organizational-units-for-parent" {
                    organization.units.append(OrganizationalUnit(
                        id: id, name: output.string("Name", of: child, path: path, required: false, diagnostics: &diagnostics), parentID: parent))
                }
            }
        }
        organization.units.sort { $0.id < $1.id }
    }

    private static func readPolicies(folder: String, relative: String, into organization: inout Organization,
                                     diagnostics: inout [SnapshotDiagnostic]) {
        var targets: [String: [String]] = [:]
        var described: [(id: String, name: String?, kind: OrganizationPolicy.Kind, policy: Policy?, file: String)] = []
        for name in SnapshotFolder.entries(folder) {
            let file = relative + "/" + name
            guard let (policyID, command) = SnapshotFolder.split(name, commands: ["describe-policy", "list-targets-for-policy"]) else {
                diagnostics.append(SnapshotDiagnostic(.warning, SnapshotDiagnosticCode.unknownFile, "not a file Rampart reads; skipped", file: file))
                continue
            }
            guard let output = CLIOutputFile.open(path: folder + "/" + name, relative: file, diagnostics: &diagnostics) else { continue }
            if command == "list-targets-for-policy" {
                for (index, target) in output.array("Targets", of: output.root, path: .root, diagnostics: &diagnostics).enumerated() {
                    if let id = output.string("TargetId", of: target, path: JSONPath.root.appending("Targets").appending(index), required: true,
                                              diagnostics: &diagnostics) { targets[policyID, default: []].append(id) }
                }
                continue
            }
            let path = JSONPath.root.appending("Policy")
            guard let policy = output.member("Policy", of: output.root, path: .root, diagnostics: &diagnostics),
                  let summary = output.member("PolicySummary", of: policy, path: path, diagnostics: &diagnostics) else {
                diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.missingField, "missing \"Policy\".\"PolicySummary\"", path: .root, at: output.root))
                continue
            }
            let summaryPath = path.appending("PolicySummary")
            let typeName = output.string("Type", of: summary, path: summaryPath, required: true, diagnostics: &diagnostics)
            guard let typeName, let kind = OrganizationPolicy.Kind(rawValue: typeName) else {
                if let typeName {
                    diagnostics.append(output.diagnostic(.warning, SnapshotDiagnosticCode.unknownFile,
                                                         "policy type \(typeName) is not an SCP or RCP; skipped", path: summaryPath.appending("Type"), at: summary))
                }
                continue
            }
            var document: Policy?
            if let content = output.member("Content", of: policy, path: path, diagnostics: &diagnostics) {
                document = EmbeddedPolicyReader.read(content, in: output, path: path.appending("Content"),
                                                     type: kind == .serviceControlPolicy ? .scp : .rcp, resource: nil, diagnostics: &diagnostics).policy
            } else {
                diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.missingField, "missing \"Content\"", path: path, at: policy))
            }
            described.append((policyID, output.string("Name", of: summary, path: summaryPath, required: false, diagnostics: &diagnostics),
                              kind, document, file))
        }
        organization.policies = described.map {
            OrganizationPolicy(id: $0.id, name: $0.name, kind: $0.kind, policy: $0.policy, targets: (targets[$0.id] ?? []).sorted(), file: $0.file)
        }
    }

    private static func isLink(_ path: String) -> Bool {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
    }
}
