import Foundation
import Policy

/// Reads a snapshot folder (docs/SNAPSHOT.md) into a `Snapshot`. Never fails on a bad document:
/// every problem becomes a `SnapshotDiagnostic` and the rest is read. What cannot be read is
/// unknown, never empty: an unreadable file leaves its resource unanalysed or its part unknown,
/// an unreadable folder becomes an `UnreadableScope`, and a resource the snapshot describes more
/// than once is judged on every description.
///
/// ```swift
/// let snapshot = SnapshotLoader.load(folder: "Models/organization")
/// snapshot.organization?.accountIDs   // the member accounts
/// ```
public enum SnapshotLoader {
    public struct FolderError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Throws only when `folder` is not a snapshot folder at all (missing, or without `accounts/`).
    /// `resources`: which resources' own files are read (`ResourceSelection`; every one by default).
    public static func load(folder path: String, resources selection: ResourceSelection = .all) throws -> Snapshot {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw FolderError(description: "\(path): not a folder")
        }
        let folder = SnapshotFolder(root: path)
        guard folder.isDirectory("accounts") else {
            throw FolderError(description: "\(path): not a snapshot (no accounts/ folder; see docs/SNAPSHOT.md)")
        }
        var diagnostics: [SnapshotDiagnostic] = []
        var snapshot = Snapshot(name: URL(fileURLWithPath: folder.root).lastPathComponent)
        readManifest(folder, into: &snapshot, diagnostics: &diagnostics)
        if folder.exists("organization") {
            snapshot.organization = OrganizationReader.read(folder: folder, relative: "organization", diagnostics: &diagnostics)
        }
        let accountFolders = folder.entries("accounts", diagnostics: &diagnostics)
        let (coverage, gaps) = CoverageManifestReader.read(folder, accountFolders: (accountFolders ?? []).filter(SnapshotFolder.isAccountID),
                                                           organization: snapshot.organization, diagnostics: &diagnostics)
        snapshot.coverage = coverage
        snapshot.unreadableScopes += gaps
        if let names = accountFolders {
            let accounts = names.filter { SnapshotFolder.isAccountID($0) && folder.isDirectory("accounts/\($0)") }
            var reads: [String: AccountRead] = [:]
            for (name, read) in zip(accounts, readAccounts(accounts, in: folder, selection: selection)) { reads[name] = read }
            for name in names {
                let relative = "accounts/\(name)"
                guard SnapshotFolder.isAccountID(name), folder.isDirectory(relative) else {
                    diagnostics.append(SnapshotDiagnostic(.warning, SnapshotDiagnosticCode.unknownAccountFolder,
                                                          "account folders are named by twelve-digit account id; skipped", file: relative))
                    continue
                }
                if let organization = snapshot.organization, !organization.accountIDs.contains(name) {
                    diagnostics.append(SnapshotDiagnostic(.warning, SnapshotDiagnosticCode.accountNotInOrganization,
                                                          "account \(name) is not in the organization's list-accounts output", file: relative))
                }
                guard let read = reads[name] else {
                    // Not a folder a moment ago and one now: read it here, as before.
                    var reader = AccountReader(id: name, folder: folder, relative: relative, selection: selection)
                    snapshot.accounts.append(reader.read(diagnostics: &diagnostics))
                    snapshot.unreadableScopes += reader.scopes
                    continue
                }
                snapshot.accounts.append(read.account)
                diagnostics += read.diagnostics
                snapshot.unreadableScopes += read.scopes
            }
        } else {
            snapshot.unreadableScopes.append(UnreadableScope(account: nil, file: "accounts", reason: "the accounts folder could not be listed"))
        }
        snapshot.diagnostics = diagnostics.sorted { ($0.file, $0.line ?? 0, $0.column ?? 0) < ($1.file, $1.line ?? 0, $1.column ?? 0) }
        return snapshot
    }

    /// One account folder read on its own: what `AccountReader` gives, kept for the snapshot's order.
    private struct AccountRead: Sendable {
        var account: AccountSnapshot
        var diagnostics: [SnapshotDiagnostic]
        var scopes: [UnreadableScope]
    }

    /// The accounts read in parallel, returned in the order of `names` (nil: not read): each
    /// reader touches its own folder only and shares nothing, and the loader assembles their
    /// results in folder order, so the snapshot is the one a sequential read gives.
    private static func readAccounts(_ names: [String], in folder: SnapshotFolder, selection: ResourceSelection) -> [AccountRead?] {
        let results = AccountReads(count: names.count)
        DispatchQueue.concurrentPerform(iterations: names.count) { index in
            var diagnostics: [SnapshotDiagnostic] = []
            var reader = AccountReader(id: names[index], folder: folder, relative: "accounts/\(names[index])", selection: selection)
            let account = reader.read(diagnostics: &diagnostics)
            results.store(AccountRead(account: account, diagnostics: diagnostics, scopes: reader.scopes), at: index)
        }
        return results.all
    }

    /// The slots the parallel reads fill, one per account, behind a lock.
    private final class AccountReads: @unchecked Sendable {
        private var slots: [AccountRead?]
        private let lock = NSLock()

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func store(_ read: AccountRead, at index: Int) {
            lock.lock()
            defer { lock.unlock() }
            slots[index] = read
        }

        var all: [AccountRead?] {
            lock.lock()
            defer { lock.unlock() }
            return slots
        }
    }

    /// `model.json`: `{"name": "…", "description": "…"}`; optional.
    private static func readManifest(_ folder: SnapshotFolder, into snapshot: inout Snapshot, diagnostics: inout [SnapshotDiagnostic]) {
        guard folder.exists("model.json"), let manifest = CLIOutputFile.open("model.json", in: folder, diagnostics: &diagnostics) else { return }
        if let name = manifest.string("name", of: manifest.root, path: .root, required: false, diagnostics: &diagnostics) { snapshot.name = name }
        snapshot.description = manifest.string("description", of: manifest.root, path: .root, required: false, diagnostics: &diagnostics)
    }
}
