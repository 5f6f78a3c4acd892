import Foundation
import Policy

/// `rampart validate --format sarif`: the diagnostics as a SARIF 2.1.0 log, one rule per
/// diagnostic code found (docs/POLICY-LANGUAGE.md lists them), each result located at its file,
/// line and column relative to `%SRCROOT%` (the folder the command ran in), so a pull request's
/// code scanning shows each one on its line. A file that could not be read is a result of the
/// rule `UNREADABLE_FILE`.
public enum ValidationSARIF {
    public static func render(_ results: [FileValidation], toolVersion: String, informationURI: String?,
                              workingDirectory: String = FileManager.default.currentDirectoryPath) -> String {
        var rules: [String] = []
        var levels: [String: String] = [:]
        var entries: [SARIFLog.Result] = []
        func rule(_ id: String, level: String) -> Int {
            if let index = rules.firstIndex(of: id) { return index }
            rules.append(id)
            levels[id] = level
            return rules.count - 1
        }
        for result in results {
            if let error = result.readError {
                let index = rule("UNREADABLE_FILE", level: "error")
                entries.append(entry(ruleIndex: index, id: "UNREADABLE_FILE", level: "error", text: error.description, file: PolicyFileReader.path(ofArgument: result.file),
                                     line: nil, column: nil))
            }
            for diagnostic in result.diagnostics {
                let level = Self.level(diagnostic.severity)
                let id = diagnostic.code.rawValue
                let index = rule(id, level: level)
                entries.append(entry(ruleIndex: index, id: id, level: level,
                                     text: "\(diagnostic.severity.rawValue) \(id): \(diagnostic.message) (at \(diagnostic.location.path))",
                                     file: PolicyFileReader.path(ofArgument: result.file), line: diagnostic.location.position?.line, column: diagnostic.location.position?.column))
            }
        }
        let driver = SARIFLog.Driver(name: "rampart", version: toolVersion, informationUri: informationURI, rules: rules.map { id in
            SARIFLog.Rule(id: id, shortDescription: SARIFLog.Message(text: "Policy validation: \(id)"),
                          defaultConfiguration: SARIFLog.Configuration(level: levels[id] ?? "warning"))
        })
        let run = SARIFLog.Run(tool: SARIFLog.Tool(driver: driver),
                               originalUriBaseIds: [SARIFReport.sourceRoot: SARIFLog.BaseURI(uri: SARIFReport.fileURI(directory: workingDirectory))],
                               results: entries)
        return ReportJSON.encode(SARIFLog(runs: [run]))
    }

    /// ERROR → error, SECURITY_WARNING and WARNING → warning, SUGGESTION → note (SARIF 2.1.0 §3.27.10).
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .securityWarning, .warning: return "warning"
        case .suggestion: return "note"
        }
    }

    private static func entry(ruleIndex: Int, id: String, level: String, text: String, file: String, line: Int?, column: Int?) -> SARIFLog.Result {
        SARIFLog.Result(ruleId: id, ruleIndex: ruleIndex, level: level, message: SARIFLog.Message(text: text),
                        locations: [SARIFReport.location(file: file, line: line, column: column)])
    }
}
