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
        let contents = [FindingsJSONReport.render(report), SARIFReport.render(report), MarkdownReport.render(report), HTMLReport.render(report)]
        for (name, text) in zip(names, contents) {
            try writeAtomically(text, name: name, folder: folder)
        }
    }

    static func writeAtomically(_ text: String, name: String, folder: String) throws {
        let final = URL(fileURLWithPath: folder).appendingPathComponent(name)
        let temporary = URL(fileURLWithPath: folder).appendingPathComponent(".\(name).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try Data(text.utf8).write(to: temporary)
            if rename(temporary.path, final.path) != 0 {
                let code = errno
                try? FileManager.default.removeItem(at: temporary)
                throw WriteError(description: "\(final.path): cannot write (\(String(cString: strerror(code))))")
            }
        } catch let error as WriteError {
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError(description: "\(final.path): cannot write (\(error.localizedDescription))")
        }
    }
}
