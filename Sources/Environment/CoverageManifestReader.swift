import Policy

/// Reads `coverage.json` (docs/SNAPSHOT.md "Coverage manifest") and works out what the snapshot
/// did not cover. A manifest that cannot be read is a diagnostic with its file and JSON path, and
/// coverage is then unknown; an entry that cannot be read is left out, so what it described counts
/// as not covered. Every gap is also an `UnreadableScope`: earlier findings in it are carried over.
enum CoverageManifestReader {
    static let file = "coverage.json"

    static func read(_ folder: SnapshotFolder, accountFolders: [String], organization: Organization?,
                     diagnostics: inout [SnapshotDiagnostic]) -> (SnapshotCoverage, [UnreadableScope]) {
        guard folder.exists(file) else {
            return (.unknown(reason: "the snapshot has no \(file): what was collected is not recorded"), [])
        }
        guard let output = CLIOutputFile.open(file, in: folder, limits: .organizationListing, diagnostics: &diagnostics),
              let manifest = manifest(output, diagnostics: &diagnostics) else {
            return (.unknown(reason: "\(file) could not be read (see its diagnostics)"), [])
        }
        let gaps = self.gaps(manifest, accountFolders: accountFolders, organization: organization)
        let scopes = gaps.map { gap in
            UnreadableScope(account: gap.account, resourceTypes: gap.resourceType.map { [$0] }, region: gap.region, file: file, reason: gap.reason)
        }
        return (.known(manifest: manifest, gaps: gaps), scopes)
    }

    // MARK: - Reading

    private static func manifest(_ output: CLIOutputFile, diagnostics: inout [SnapshotDiagnostic]) -> CoverageManifest? {
        let root = output.root
        guard root.members != nil else {
            diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.wrongType, "expected an object, found \(root.typeName)",
                                                 path: .root, at: root))
            return nil
        }
        guard let version = integer("formatVersion", of: root, path: .root, in: output, required: true, diagnostics: &diagnostics) else { return nil }
        guard version == 1 else {
            diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.wrongType,
                                                 "formatVersion \(version) is not one Rampart reads (1): coverage is unknown",
                                                 path: JSONPath.root.appending("formatVersion"), at: root))
            return nil
        }
        var manifest = CoverageManifest(formatVersion: version)
        manifest.startedAt = output.string("startedAt", of: root, path: .root, required: false, diagnostics: &diagnostics)
        manifest.endedAt = output.string("endedAt", of: root, path: .root, required: false, diagnostics: &diagnostics)
        manifest.calls = integer("calls", of: root, path: .root, in: output, required: false, diagnostics: &diagnostics)
        manifest.retries = integer("retries", of: root, path: .root, in: output, required: false, diagnostics: &diagnostics)
        if let organization = output.member("organization", of: root, path: .root, diagnostics: &diagnostics), !isNull(organization) {
            manifest.organization = output.string("organization", of: root, path: .root, required: false, diagnostics: &diagnostics)
        }
        if let tool = output.member("tool", of: root, path: .root, diagnostics: &diagnostics) {
            for member in tool.members ?? [] {
                if let text = member.value.stringValue { manifest.tool[member.key] = text }
            }
        }
        manifest.errors = output.array("errors", of: root, path: .root, diagnostics: &diagnostics).count
        guard let accountsValue = output.member("accounts", of: root, path: .root, diagnostics: &diagnostics) else {
            diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.missingField, "missing \"accounts\": coverage is unknown",
                                                 path: .root, at: root))
            return nil
        }
        guard let accounts = accountsValue.elements else {
            diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.wrongType, "\"accounts\" must be an array, found \(accountsValue.typeName)",
                                                 path: JSONPath.root.appending("accounts"), at: accountsValue))
            return nil
        }
        for (index, value) in accounts.enumerated() {
            if let account = account(value, path: JSONPath.root.appending("accounts").appending(index), in: output, diagnostics: &diagnostics) {
                manifest.accounts.append(account)
            }
        }
        return manifest
    }

    private static func account(_ value: JSONValue, path: JSONPath, in output: CLIOutputFile, diagnostics: inout [SnapshotDiagnostic]) -> AccountCoverage? {
        guard let id = output.string("id", of: value, path: path, required: true, diagnostics: &diagnostics),
              let status = output.string("status", of: value, path: path, required: true, diagnostics: &diagnostics) else { return nil }
        var account = AccountCoverage(id: id, status: status)
        account.reason = output.string("reason", of: value, path: path, required: false, diagnostics: &diagnostics)
        guard status == "collected" else { return account }
        for (index, region) in output.array("regions", of: value, path: path, diagnostics: &diagnostics).enumerated() {
            guard let text = region.stringValue else {
                diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.wrongType, "expected a string, found \(region.typeName)",
                                                     path: path.appending("regions").appending(index), at: region))
                continue
            }
            account.regions.append(text)
        }
        for (index, entry) in output.array("coverage", of: value, path: path, diagnostics: &diagnostics).enumerated() {
            let entryPath = path.appending("coverage").appending(index)
            guard let type = output.string("resourceType", of: entry, path: entryPath, required: true, diagnostics: &diagnostics),
                  let status = output.string("status", of: entry, path: entryPath, required: true, diagnostics: &diagnostics) else { continue }
            var region: String?
            if let regionValue = output.member("region", of: entry, path: entryPath, diagnostics: &diagnostics), !isNull(regionValue) {
                guard let text = regionValue.stringValue else {
                    diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.wrongType, "\"region\" must be a string or null, found \(regionValue.typeName)",
                                                         path: entryPath.appending("region"), at: regionValue))
                    continue
                }
                region = text
            }
            let resources = integer("resources", of: entry, path: entryPath, in: output, required: false, diagnostics: &diagnostics) ?? 0
            account.entries.append(CoverageEntry(resourceType: type, region: region, status: status, resources: resources))
        }
        return account
    }

    private static func integer(_ key: String, of object: JSONValue, path: JSONPath, in output: CLIOutputFile, required: Bool,
                                diagnostics: inout [SnapshotDiagnostic]) -> Int? {
        guard let value = output.member(key, of: object, path: path, diagnostics: &diagnostics) else {
            if required, object.members != nil {
                diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.missingField, "missing \"\(key)\"", path: path, at: object))
            }
            return nil
        }
        guard case .number(let text) = value.kind, let number = Int(text) else {
            diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.wrongType, "\"\(key)\" must be an integer, found \(value.typeName)",
                                                 path: path.appending(key), at: value))
            return nil
        }
        return number
    }

    private static func isNull(_ value: JSONValue) -> Bool {
        if case .null = value.kind { return true }
        return false
    }

    // MARK: - Gaps

    /// What the manifest does not show as covered: accounts not collected, and in each collected
    /// account every type of the layout, in each of its regions, without a `complete` entry.
    /// Accounts with a folder or in the organization that the manifest does not list are gaps too.
    static func gaps(_ manifest: CoverageManifest, accountFolders: [String], organization: Organization?) -> [CoverageGap] {
        var gaps: [CoverageGap] = []
        var listed = Set<String>()
        for account in manifest.accounts {
            listed.insert(account.id)
            guard account.status == "collected" else {
                gaps.append(CoverageGap(account: account.id, reason: "not collected (\(account.status))" + (account.reason.map { ": \($0)" } ?? "")))
                continue
            }
            var complete = Set<String>()
            var statuses: [String: String] = [:]
            for entry in account.entries {
                let key = entry.resourceType + "|" + (entry.region ?? "")
                if entry.status == "complete" { complete.insert(key) } else { statuses[key] = entry.status }
            }
            func check(_ type: String, _ region: String?) {
                let key = type + "|" + (region ?? "")
                guard !complete.contains(key) else { return }
                let reason = statuses[key].map { "collection \($0): see the errors in \(file)" } ?? "not collected"
                gaps.append(CoverageGap(account: account.id, resourceType: type, region: region, reason: reason))
            }
            for type in SnapshotLayout.globalTypes { check(type, nil) }
            for region in account.regions {
                for type in SnapshotLayout.regionalTypes { check(type, region) }
            }
        }
        let others = Set(accountFolders).union(organization?.accountIDs ?? []).subtracting(listed)
        for account in others.sorted() {
            gaps.append(CoverageGap(account: account, reason: accountFolders.contains(account)
                                    ? "not in \(file): its coverage is unknown" : "an organization member \(file) does not list: not collected"))
        }
        return gaps
    }
}
