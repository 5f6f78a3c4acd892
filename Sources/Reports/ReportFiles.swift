import Foundation

/// Writes the four report files into the output folder, each atomically: written to a
/// temporary file in the same folder, then renamed over the final name, so a reader never
/// sees half a report and a crash leaves the previous one in place. Nothing is written
/// outside the folder.
public enum ReportFiles {
    public static let names = ["findings.json", "findings.sarif", "report.md", "report.html"]

    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func write(_ report: ScanReport, to folder: String) throws {
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteError(description: "\(folder): cannot create the output folder (\(error.localizedDescription))")
        }
        removeStaleTemporaries(in: folder)
        let contents = [FindingsJSONReport.render(report), SARIFReport.render(report), MarkdownReport.render(report), HTMLReport.render(report)]
        // Every file is written in full first; only then are all four renamed into place, with
        // interrupts held back (`InterruptGuard`), so the folder never mixes two runs' reports.
        var staged: [(temporary: URL, final: URL)] = []
        do {
            for (name, text) in zip(names, contents) {
                let final = URL(fileURLWithPath: folder).appendingPathComponent(name)
                let temporary = URL(fileURLWithPath: folder).appendingPathComponent(".\(name).\(ProcessInfo.processInfo.processIdentifier).tmp")
                staged.append((temporary, final))
                do {
                    try Data(text.utf8).write(to: temporary)
                } catch {
                    throw WriteError(description: "\(final.path): cannot write (\(error.localizedDescription))")
                }
            }
            try InterruptGuard.uninterrupted {
                for file in staged where rename(file.temporary.path, file.final.path) != 0 {
                    throw WriteError(description: "\(file.final.path): cannot write (\(String(cString: strerror(errno))))")
                }
            }
        } catch {
            for file in staged { try? FileManager.default.removeItem(at: file.temporary) }
            throw error
        }
    }

    /// Temporaries a killed run (SIGKILL, power loss) left behind: `.<report name>.<pid>.tmp`.
    static func removeStaleTemporaries(in folder: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for entry in entries where entry.hasPrefix(".") && entry.hasSuffix(".tmp") && names.contains(where: { entry.hasPrefix(".\($0).") }) {
            try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: folder).appendingPathComponent(entry).path)
        }
    }
}
