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
        var entries: [[String: Any]] = []
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
        var driver: [String: Any] = [
            "name": "rampart", "version": toolVersion,
            "rules": rules.map { id -> [String: Any] in
                ["id": id, "shortDescription": ["text": "Policy validation: \(id)"], "defaultConfiguration": ["level": levels[id] ?? "warning"]]
            },
        ]
        if let informationURI { driver["informationUri"] = informationURI }
        let run: [String: Any] = [
            "tool": ["driver": driver],
            "originalUriBaseIds": [SARIFReport.sourceRoot: ["uri": SARIFReport.fileURI(directory: workingDirectory)]],
            "results": entries,
            "columnKind": "unicodeCodePoints",
        ]
        return ReportJSON.encode(object: ["version": "2.1.0", "$schema": SARIFReport.schema, "runs": [run]])
    }

    /// ERROR → error, SECURITY_WARNING and WARNING → warning, SUGGESTION → note (SARIF 2.1.0 §3.27.10).
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .securityWarning, .warning: return "warning"
        case .suggestion: return "note"
        }
    }

    private static func entry(ruleIndex: Int, id: String, level: String, text: String, file: String, line: Int?, column: Int?) -> [String: Any] {
        SARIFReport.located(["ruleId": id, "ruleIndex": ruleIndex, "level": level, "message": ["text": text]], file: file, line: line, column: column)
    }
}
