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
    public static func load(folder path: String) throws -> Snapshot {
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
                var reader = AccountReader(id: name, folder: folder, relative: relative)
                snapshot.accounts.append(reader.read(diagnostics: &diagnostics))
                snapshot.unreadableScopes += reader.scopes
            }
        } else {
            snapshot.unreadableScopes.append(UnreadableScope(account: nil, file: "accounts", reason: "the accounts folder could not be listed"))
        }
        snapshot.diagnostics = diagnostics.sorted { ($0.file, $0.line ?? 0, $0.column ?? 0) < ($1.file, $1.line ?? 0, $1.column ?? 0) }
        return snapshot
    }

    /// `model.json`: `{"name": "…", "description": "…"}`; optional.
    private static func readManifest(_ folder: SnapshotFolder, into snapshot: inout Snapshot, diagnostics: inout [SnapshotDiagnostic]) {
        guard folder.exists("model.json"), let manifest = CLIOutputFile.open("model.json", in: folder, diagnostics: &diagnostics) else { return }
        if let name = manifest.string("name", of: manifest.root, path: .root, required: false, diagnostics: &diagnostics) { snapshot.name = name }
        snapshot.description = manifest.string("description", of: manifest.root, path: .root, required: false, diagnostics: &diagnostics)
    }
}
