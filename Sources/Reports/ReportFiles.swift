import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes the four report files into the output folder as one set: a reader, or a process
/// killed at any point (SIGKILL included), sees either the whole previous set or the whole new
/// one, never a mix. Nothing is written outside the folder.
///
/// Layout: each report name in the folder is a relative link into `.rampart/current/`, and
/// `.rampart/current` is a link to the folder of one run (`.rampart/run-…`). A run's files are
/// written in full into a new run folder; one `rename` of a new `current` link over the old one
/// then switches all four at once (POSIX `rename` replaces its target atomically). A folder that
/// still holds plain report files from an earlier version is moved to this layout first, with
/// its own files copied into a run folder, so every step shows one whole set.
///
/// ```swift
/// try ReportFiles.write(report, to: "out")   // out/findings.json -> .rampart/current/findings.json
/// ```
public enum ReportFiles {
    public static let names = ["findings.json", "findings.sarif", "report.md", "report.html"]
    /// The hidden folder holding the runs' folders and the `current` link.
    static let store = ".rampart"

    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The points between the steps of a write, for tests that stop a write there
    /// (`stopAt` throws): the folder must then show one whole set.
    public enum Step: Hashable, Sendable {
        case earlierFilesCopied
        case earlierSetLinked
        case nameLinked(String)
        case fileWritten(String)
        case namesReady
        case switched
    }

    public static func write(_ report: ScanReport, to folder: String, stopAt: ((Step) throws -> Void)? = nil) throws {
        // One document at a time, handed to its file as it is rendered.
        let renderers: [(ReportFileWriter) throws -> Void] = [
            { try FindingsJSONReport.write(report, to: $0) },
            { try SARIFReport.write(report, to: $0) },
            { try MarkdownReport.write(report, to: $0) },
            { try $0.write(HTMLReport.render(report)) },
        ]
        try write(Array(zip(names, renderers)), to: folder, stopAt: stopAt)
    }

    static func write(_ files: [(name: String, render: (ReportFileWriter) throws -> Void)], to folder: String, stopAt: ((Step) throws -> Void)?) throws {
        let manager = FileManager.default
        let root = URL(fileURLWithPath: folder)
        let storeURL = root.appendingPathComponent(store)
        do {
            try manager.createDirectory(at: storeURL, withIntermediateDirectories: true)
        } catch {
            throw WriteError(description: "\(folder): cannot create the output folder (\(error.localizedDescription))")
        }
        removeLeftovers(in: root)
        try adoptPlainFiles(in: root, stopAt: stopAt)

        let run = "run-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64(Date().timeIntervalSince1970 * 1_000_000))"
        let runURL = storeURL.appendingPathComponent(run)
        do {
            try manager.createDirectory(at: runURL, withIntermediateDirectories: false)
            for (name, render) in files {
                let writer = try ReportFileWriter(path: runURL.appendingPathComponent(name).path, displayPath: root.appendingPathComponent(name).path)
                try render(writer)
                try writer.close()
                try stopAt?(.fileWritten(name))
            }
            for (name, _) in files { try link(name, in: root) }
            try stopAt?(.namesReady)
            try InterruptGuard.uninterrupted {
                try pointCurrent(at: run, in: storeURL)
            }
        } catch {
            try? manager.removeItem(at: runURL)
            throw error
        }
        try stopAt?(.switched)
        removeLeftovers(in: root)
    }

    /// `.rampart/current` → `run` in one rename.
    private static func pointCurrent(at run: String, in store: URL) throws {
        let temporary = store.appendingPathComponent("current.\(ProcessInfo.processInfo.processIdentifier).tmp")
        unlink(temporary.path)
        guard symlink(run, temporary.path) == 0, rename(temporary.path, store.appendingPathComponent("current").path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw WriteError(description: "\(store.path): cannot switch to the new reports (\(reason))")
        }
    }

    /// Makes `name` in the folder a link to `.rampart/current/name` (in one rename when
    /// something else is there), unless it already is one.
    private static func link(_ name: String, in root: URL) throws {
        let target = "\(store)/current/\(name)"
        let path = root.appendingPathComponent(name).path
        if let existing = try? FileManager.default.destinationOfSymbolicLink(atPath: path), existing == target { return }
        let temporary = root.appendingPathComponent(".\(name).\(ProcessInfo.processInfo.processIdentifier).tmp").path
        unlink(temporary)
        guard symlink(target, temporary) == 0, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteError(description: "\(path): cannot write (\(reason))")
        }
    }

    /// A folder written by an earlier version holds plain report files. They are copied into a
    /// run folder that `current` then points at, and only then each name becomes a link: at
    /// every step, each name shows the earlier file.
    private static func adoptPlainFiles(in root: URL, stopAt: ((Step) throws -> Void)?) throws {
        let manager = FileManager.default
        let plain = names.filter { name in
            let path = root.appendingPathComponent(name).path
            return manager.fileExists(atPath: path) && (try? manager.destinationOfSymbolicLink(atPath: path)) == nil
        }
        guard !plain.isEmpty else { return }
        let storeURL = root.appendingPathComponent(store)
        let run = "run-earlier-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64(Date().timeIntervalSince1970 * 1_000_000))"
        let runURL = storeURL.appendingPathComponent(run)
        do {
            try manager.createDirectory(at: runURL, withIntermediateDirectories: false)
            for name in names where manager.fileExists(atPath: root.appendingPathComponent(name).path) {
                // What the name shows now: a plain file, or (after an interrupted adoption) a link.
                try manager.copyItem(at: root.appendingPathComponent(name).resolvingSymlinksInPath(), to: runURL.appendingPathComponent(name))
            }
        } catch {
            try? manager.removeItem(at: runURL)
            throw WriteError(description: "\(root.path): cannot keep the earlier reports (\(error.localizedDescription))")
        }
        try stopAt?(.earlierFilesCopied)
        try pointCurrent(at: run, in: storeURL)
        try stopAt?(.earlierSetLinked)
        for name in plain {
            try link(name, in: root)
            try stopAt?(.nameLinked(name))
        }
    }

    /// What an interrupted or killed run left behind: run folders `current` does not point
    /// at, temporary links, and temporaries of the earlier layout (`.<report name>.<pid>.tmp`).
    static func removeLeftovers(in root: URL) {
        let manager = FileManager.default
        let storeURL = root.appendingPathComponent(store)
        let current = try? manager.destinationOfSymbolicLink(atPath: storeURL.appendingPathComponent("current").path)
        for entry in (try? manager.contentsOfDirectory(atPath: storeURL.path)) ?? [] where entry != "current" && entry != current {
            try? manager.removeItem(at: storeURL.appendingPathComponent(entry))
        }
        for entry in (try? manager.contentsOfDirectory(atPath: root.path)) ?? []
        where entry.hasPrefix(".") && entry.hasSuffix(".tmp") && names.contains(where: { entry.hasPrefix(".\($0).") }) {
            unlink(root.appendingPathComponent(entry).path)
        }
    }
}
