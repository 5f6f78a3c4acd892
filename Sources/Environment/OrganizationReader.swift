import Foundation
import Policy

/// Reads the `organization/` folder: `describe-organization.json`, `list-accounts.json`,
/// `list-roots.json`, `parents/<id>.list-organizational-units-for-parent.json`,
/// `parents/<id>.list-accounts-for-parent.json`, `policies/<id>.describe-policy.json`,
/// `policies/<id>.list-targets-for-policy.json` (docs/SNAPSHOT.md).
///
/// What cannot be read is recorded as unknown, never as absent: a policy whose type, content or
/// targets could not be read goes to `unreadablePolicies`, a parents file that could not be read
/// sets `treeProblem`, so that the RCPs of the accounts it may concern are known to be unknown.
enum OrganizationReader {
    /// Organizations policy types that are not authorization policies (AWS Organizations API
    /// Reference, `PolicyType`): they never allow or deny a request, so skipping them is exact.
    /// Any other type than these and SCP/RCP may be an authorization policy: unknown.
    static let otherPolicyTypes: Set<String> = [
        "TAG_POLICY", "BACKUP_POLICY", "AISERVICES_OPT_OUT_POLICY", "CHATBOT_POLICY", "DECLARATIVE_POLICY_EC2",
        "SECURITYHUB_POLICY", "INSPECTOR_POLICY", "BEDROCK_POLICY", "S3_POLICY", "UPGRADE_ROLLOUT_POLICY",
        "NETWORK_SECURITY_DIRECTOR_POLICY",
    ]

    static func read(folder: SnapshotFolder, relative: String, diagnostics: inout [SnapshotDiagnostic]) -> Organization? {
        func open(_ name: String, _ limits: CLIOutputLimits = .singleResource) -> CLIOutputFile? {
            guard folder.exists(relative + "/" + name) else { return nil }
            return CLIOutputFile.open(relative + "/" + name, in: folder, limits: limits, diagnostics: &diagnostics)
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
        if let list = open("list-accounts.json", .organizationListing) {
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
        if folder.exists(relative + "/parents") {
            readParents(folder: folder, relative: relative + "/parents", into: &organization, diagnostics: &diagnostics)
        }
        if folder.exists(relative + "/policies") {
            readPolicies(folder: folder, relative: relative + "/policies", into: &organization, diagnostics: &diagnostics)
        }
        return organization
    }

    private static func readParents(folder: SnapshotFolder, relative: String, into organization: inout Organization,
                                    diagnostics: inout [SnapshotDiagnostic]) {
        guard let names = folder.entries(relative, diagnostics: &diagnostics) else {
            organization.treeProblem = "the folder \(relative) could not be listed"
            return
        }
        for name in names {
            let file = relative + "/" + name
            guard let (parent, command) = SnapshotFolder.split(name, commands: ["list-organizational-units-for-parent", "list-accounts-for-parent"]) else {
                diagnostics.append(SnapshotDiagnostic(.warning, SnapshotDiagnosticCode.unknownFile, "not a file Rampart reads; skipped", file: file))
                continue
            }
            let before = diagnostics.count
            guard let output = CLIOutputFile.open(file, in: folder, limits: .organizationListing, diagnostics: &diagnostics),
                  let readings = output.readings(diagnostics: &diagnostics) else {
                organization.treeProblem = "\(file) could not be read"
                continue
            }
            let key = command == "list-accounts-for-parent" ? "Accounts" : "OrganizationalUnits"
            var children: [[(id: String, name: String?)]] = []
            for reading in readings {
                var read: [(id: String, name: String?)] = []
                for (index, child) in reading.array(key, of: reading.root, path: .root, diagnostics: &diagnostics).enumerated() {
                    let path = JSONPath.root.appending(key).appending(index)
                    guard let id = reading.string("Id", of: child, path: path, required: true, diagnostics: &diagnostics) else { continue }
                    read.append((id, reading.string("Name", of: child, path: path, required: false, diagnostics: &diagnostics)))
                }
                children.append(read)
            }
            if diagnostics[before...].contains(where: { $0.severity == .error }) || Set(children.map { $0.map(\.id) }).count > 1 {
                organization.treeProblem = "\(file) could not be fully read"
            }
            for (id, name) in children.first ?? [] {
                organization.parents[id] = parent
                if command == "list-organizational-units-for-parent" {
                    organization.units.append(OrganizationalUnit(id: id, name: name, parentID: parent))
                }
            }
        }
        organization.units.sort { $0.id < $1.id }
    }

    private struct Described {
        var kind: OrganizationPolicy.Kind
        var name: String?
        var policy: Policy?
        var documentText: String?
        var file: String
    }

    private static func readPolicies(folder: SnapshotFolder, relative: String, into organization: inout Organization,
                                     diagnostics: inout [SnapshotDiagnostic]) {
        guard let names = folder.entries(relative, diagnostics: &diagnostics) else {
            organization.unreadablePolicies.append(UnreadableOrganizationPolicy(id: "*", kind: nil, targets: nil, files: [relative]))
            return
        }
        var targets: [String: [String]] = [:]
        var targetsUnknown: [String: String] = [:]
        var described: [String: Described] = [:]
        var unknownKind: [String: String] = [:]
        var ids: [String] = []
        for name in names {
            let file = relative + "/" + name
            guard let (policyID, command) = SnapshotFolder.split(name, commands: ["describe-policy", "list-targets-for-policy"]) else {
                diagnostics.append(SnapshotDiagnostic(.warning, SnapshotDiagnosticCode.unknownFile, "not a file Rampart reads; skipped", file: file))
                continue
            }
            if !ids.contains(policyID) { ids.append(policyID) }
            if command == "list-targets-for-policy" {
                if targets[policyID] != nil || targetsUnknown[policyID] != nil {
                    diagnostics.append(SnapshotDiagnostic(.warning, SnapshotDiagnosticCode.ambiguousResource,
                                                          "a second targets file for policy \(policyID): its targets are unknown", file: file))
                    targetsUnknown[policyID] = file
                    continue
                }
                if let read = readTargets(file, folder: folder, diagnostics: &diagnostics) {
                    targets[policyID] = read
                } else {
                    targetsUnknown[policyID] = file
                }
                continue
            }
            if described[policyID] != nil || unknownKind[policyID] != nil {
                diagnostics.append(SnapshotDiagnostic(.warning, SnapshotDiagnosticCode.ambiguousResource,
                                                      "a second describe-policy file for policy \(policyID): what it is is unknown", file: file))
                described[policyID] = nil
                unknownKind[policyID] = file
                continue
            }
            switch readDescription(file, folder: folder, diagnostics: &diagnostics) {
            case .authorizationPolicy(let read): described[policyID] = read
            case .otherType: break
            case .unknown: unknownKind[policyID] = file
            }
        }
        for id in ids {
            let targetFile = relative + "/\(id).list-targets-for-policy.json"
            if let file = unknownKind[id] {
                organization.unreadablePolicies.append(UnreadableOrganizationPolicy(
                    id: id, kind: nil, targets: targets[id], files: [file] + (targetsUnknown[id].map { [$0] } ?? [])))
                continue
            }
            guard let description = described[id] else {
                if targets[id] != nil || targetsUnknown[id] != nil {
                    // Targets without a description: attached somewhere, of unknown type.
                    diagnostics.append(SnapshotDiagnostic(.error, SnapshotDiagnosticCode.missingField,
                                                          "policy \(id) has targets but no describe-policy output: its type and content are unknown",
                                                          file: targetsUnknown[id] ?? targetFile))
                    organization.unreadablePolicies.append(UnreadableOrganizationPolicy(
                        id: id, kind: nil, targets: targets[id], files: [targetsUnknown[id] ?? targetFile]))
                }
                continue   // a type that is not an authorization policy
            }
            if targets[id] == nil && targetsUnknown[id] == nil {
                // The collector writes the targets of every policy it describes; none means it
                // could not list them (AccessDenied): where it applies is unknown.
                diagnostics.append(SnapshotDiagnostic(.error, SnapshotDiagnosticCode.missingField,
                                                      "policy \(id) has no list-targets-for-policy output: where it is attached is unknown",
                                                      file: targetFile))
            }
            let known = targets[id].flatMap { targetsUnknown[id] == nil ? $0 : nil }
            if known == nil || description.policy == nil {
                organization.unreadablePolicies.append(UnreadableOrganizationPolicy(
                    id: id, kind: description.kind, targets: known, files: [description.file] + (targetsUnknown[id].map { [$0] } ?? [])))
            }
            organization.policies.append(OrganizationPolicy(id: id, name: description.name, kind: description.kind, policy: description.policy,
                                                            targets: (known ?? targets[id] ?? []).sorted(), file: description.file))
        }
    }

    /// The targets, or nil when they could not all be read (or readings disagree).
    private static func readTargets(_ file: String, folder: SnapshotFolder, diagnostics: inout [SnapshotDiagnostic]) -> [String]? {
        let before = diagnostics.count
        guard let output = CLIOutputFile.open(file, in: folder, limits: .organizationListing, diagnostics: &diagnostics),
              let readings = output.readings(diagnostics: &diagnostics) else { return nil }
        var all: [[String]] = []
        for reading in readings {
            guard let list = reading.member("Targets", of: reading.root, path: .root, diagnostics: &diagnostics) else {
                if reading.root.members != nil {
                    diagnostics.append(reading.diagnostic(.error, SnapshotDiagnosticCode.missingField, "missing \"Targets\"", path: .root, at: reading.root))
                }
                return nil
            }
            guard list.elements != nil else {
                _ = reading.array("Targets", of: reading.root, path: .root, diagnostics: &diagnostics)
                return nil
            }
            var ids: [String] = []
            for (index, target) in reading.array("Targets", of: reading.root, path: .root, diagnostics: &diagnostics).enumerated() {
                if let id = reading.string("TargetId", of: target, path: JSONPath.root.appending("Targets").appending(index), required: true,
                                           diagnostics: &diagnostics) { ids.append(id) }
            }
            all.append(ids.sorted())
        }
        guard !diagnostics[before...].contains(where: { $0.severity == .error }), Set(all).count == 1 else { return nil }
        return all.first
    }

    /// What a `describe-policy` output says.
    private enum Description {
        case authorizationPolicy(Described)
        /// Another type of Organizations policy (a tag policy…): it never allows or denies.
        case otherType
        /// Its type could not be read: it may be an RCP.
        case unknown
    }

    private static func readDescription(_ file: String, folder: SnapshotFolder, diagnostics: inout [SnapshotDiagnostic]) -> Description {
        guard let output = CLIOutputFile.open(file, in: folder, diagnostics: &diagnostics),
              let readings = output.readings(diagnostics: &diagnostics) else { return .unknown }
        var results: [Described?] = []
        for reading in readings {
            switch readDescription(reading, diagnostics: &diagnostics) {
            case .authorizationPolicy(let read): results.append(read)
            case .otherType: results.append(nil)
            case .unknown: return .unknown
            }
        }
        guard let first = results.first else { return .unknown }
        // Readings that disagree (a repeated key) leave the policy unknown.
        let agree = results.allSatisfy {
            $0?.kind == first?.kind && ($0?.policy == nil) == (first?.policy == nil) && $0?.documentText == first?.documentText
        }
        guard agree else { return .unknown }
        return first.map { .authorizationPolicy($0) } ?? .otherType
    }

    private static func readDescription(_ output: CLIOutputFile, diagnostics: inout [SnapshotDiagnostic]) -> Description {
        let path = JSONPath.root.appending("Policy")
        guard let policy = output.member("Policy", of: output.root, path: .root, diagnostics: &diagnostics),
              let summary = output.member("PolicySummary", of: policy, path: path, diagnostics: &diagnostics) else {
            diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.missingField, "missing \"Policy\".\"PolicySummary\"", path: .root, at: output.root))
            return .unknown
        }
        let summaryPath = path.appending("PolicySummary")
        guard let typeName = output.string("Type", of: summary, path: summaryPath, required: true, diagnostics: &diagnostics) else { return .unknown }
        guard let kind = OrganizationPolicy.Kind(rawValue: typeName) else {
            if otherPolicyTypes.contains(typeName) {
                diagnostics.append(output.diagnostic(.warning, SnapshotDiagnosticCode.unknownFile,
                                                     "policy type \(typeName) is not an SCP or RCP; skipped", path: summaryPath.appending("Type"), at: summary))
                return .otherType
            }
            diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.unknownPolicyType,
                                                 "policy type \(typeName) is not one Rampart knows: it may be an RCP, so the RCPs where it is attached are unknown",
                                                 path: summaryPath.appending("Type"), at: summary))
            return .unknown
        }
        var document: Policy?
        var documentText: String?
        if let content = output.member("Content", of: policy, path: path, diagnostics: &diagnostics) {
            let embedded = EmbeddedPolicyReader.read(content, in: output, path: path.appending("Content"),
                                                     type: kind == .serviceControlPolicy ? .scp : .rcp, resource: nil, diagnostics: &diagnostics)
            document = embedded.policy
            documentText = embedded.documentText
        } else {
            diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.missingField, "missing \"Content\"", path: path, at: policy))
        }
        return .authorizationPolicy(Described(kind: kind, name: output.string("Name", of: summary, path: summaryPath, required: false, diagnostics: &diagnostics),
                               policy: document, documentText: documentText, file: output.file))
    }
}
