import Foundation

/// Directory listing and file-name rules of the snapshot layout (docs/SNAPSHOT.md).
enum SnapshotFolder {
    /// Entry names of a folder, sorted, hidden files left out; empty when it is not a folder.
    static func entries(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Splits `<name>.<command>.json` for one of `commands`; the name is percent-decoded
    /// (collectors write `/` in secret names as `%2F`).
    static func split(_ fileName: String, commands: [String]) -> (name: String, command: String)? {
        for command in commands.sorted(by: { $0.count > $1.count }) {
            let suffix = ".\(command).json"
            guard fileName.hasSuffix(suffix), fileName.count > suffix.count else { continue }
            let stem = String(fileName.dropLast(suffix.count))
            return (stem.removingPercentEncoding ?? stem, command)
        }
        return nil
    }

    static func isAccountID(_ text: String) -> Bool { text.count == 12 && text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber) }
}
