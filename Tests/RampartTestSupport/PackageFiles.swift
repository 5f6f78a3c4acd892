import Foundation

/// Files of this package, for tests that read committed inputs (fuzz seeds and regressions) or
/// the sources themselves.
public enum PackageFiles {
    /// The package root (the folder of `Package.swift`; this file is `Tests/RampartTestSupport/PackageFiles.swift`).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every file of `folder` (relative to the root) but hidden ones, sorted by name, with its
    /// bytes; empty when the folder does not exist.
    public static func contents(of folder: String) throws -> [(name: String, bytes: [UInt8])] {
        let url = root.appendingPathComponent(folder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return [] }
        return try names.sorted().filter { !$0.hasPrefix(".") }.map { name in
            (name, Array(try Data(contentsOf: url.appendingPathComponent(name))))
        }
    }
}
