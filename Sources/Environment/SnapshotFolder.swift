import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The snapshot's folder on disk: listings, containment and the file-name rules of the layout
/// (docs/SNAPSHOT.md). Paths are given relative to the snapshot. A folder that cannot be listed
/// and a link that leads outside the snapshot are reported, never read as empty.
struct SnapshotFolder {
    /// The folder as given, without a trailing slash.
    let root: String
    /// The folder with every link resolved: everything read must lie under it.
    let resolvedRoot: String

    init(root: String) {
        var trimmed = root
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.root = trimmed
        resolvedRoot = Self.resolve(trimmed) ?? trimmed
    }

    func path(_ relative: String) -> String { relative.isEmpty ? root : root + "/" + relative }

    /// Entry names of a folder, sorted; nil, with an UNREADABLE_FOLDER diagnostic, when it cannot
    /// be listed or leads outside the snapshot. Names starting with a dot are listed too: `.env`
    /// is a legal secret name.
    func entries(_ relative: String, diagnostics: inout [SnapshotDiagnostic]) -> [String]? {
        if let outside = outsideReason(relative) {
            diagnostics.append(SnapshotDiagnostic(.error, SnapshotDiagnosticCode.unreadableFolder, outside, file: relative))
            return nil
        }
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path(relative)).sorted()
        } catch {
            let detail = (error as NSError).userInfo[NSUnderlyingErrorKey].map { "\($0)" } ?? error.localizedDescription
            diagnostics.append(SnapshotDiagnostic(.error, SnapshotDiagnosticCode.unreadableFolder,
                                                  "the folder cannot be listed (\(detail)); what it holds is unknown", file: relative))
            return nil
        }
    }

    /// Whether the entry is a folder (following links that stay inside the snapshot).
    func isDirectory(_ relative: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path(relative), isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Whether anything (a file, a folder, or a link, even a dangling one) is at `relative`.
    func exists(_ relative: String) -> Bool {
        var status = stat()
        return lstat(path(relative), &status) == 0
    }

    /// Whether the entry is a regular file itself (not a link to one).
    func isRegularFile(_ relative: String) -> Bool {
        var status = stat()
        return lstat(path(relative), &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    /// Why the entry may not be followed: a link that resolves outside the snapshot. Nil when
    /// it lies inside (or does not resolve at all: reading it then fails as a missing file).
    func outsideReason(_ relative: String) -> String? {
        guard let resolved = Self.resolve(path(relative)) else { return nil }
        if resolved == resolvedRoot || resolved.hasPrefix(resolvedRoot == "/" ? "/" : resolvedRoot + "/") { return nil }
        return "a symbolic link to outside the snapshot (\(resolved)); not followed, so what it holds is unknown"
    }

    private static func resolve(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Splits `<name>.<command>.json` for one of `commands`; the name is percent-decoded
    /// (collectors write `/` in secret names as `%2F`).
    static func split(_ fileName: String, commands: [String]) -> (name: String, command: String)? {
        // The longest command whose suffix the name has (the first of equal length), found
        // without sorting the commands for every file.
        var found: (command: String, suffixCount: Int)?
        for command in commands where command.count > found.map({ $0.command.count }) ?? -1 {
            let suffix = ".\(command).json"
            guard fileName.hasSuffix(suffix), fileName.count > suffix.count else { continue }
            found = (command, suffix.count)
        }
        guard let found else { return nil }
        let stem = String(fileName.dropLast(found.suffixCount))
        // (Foundation's decoding is skipped for the names without `%`: most of them.)
        return (stem.utf8.contains(UInt8(ascii: "%")) ? stem.removingPercentEncoding ?? stem : stem, found.command)
    }

    static func isAccountID(_ text: String) -> Bool { text.count == 12 && text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber) }
}
