import Foundation
import Policy

/// Renders validation results for people (text) and programs (JSON).
public enum ValidationReport {
    /// `file:line:col: SEVERITY CODE: message (at $.json.path)`, one line per diagnostic,
    /// preceded by a line naming the file and its policy type.
    public static func text(_ results: [FileValidation]) -> String {
        var lines: [String] = []
        for result in results {
            if let error = result.readError {
                lines.append("error: \(error)")
                continue
            }
            let typeText = (result.policyType?.rawValue ?? "unknown") + (result.policyTypeInferred ? " (inferred)" : "")
            lines.append("\(result.file): \(typeText) policy, \(summary(result.diagnostics))")
            lines += result.diagnosticLines
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func summary(_ diagnostics: [Diagnostic]) -> String {
        if diagnostics.isEmpty { return "no findings" }
        return Severity.allCases.compactMap { severity -> String? in
            let count = diagnostics.filter { $0.severity == severity }.count
            return count == 0 ? nil : "\(count) \(severity.rawValue)"
        }.joined(separator: ", ")
    }

    struct JSONDocument: Encodable {
        struct File: Encodable {
            var file: String
            var policyType: String?
            var policyTypeInferred: Bool
            var readError: String?
            var diagnostics: [JSONDiagnostic]
        }
        struct Summary: Encodable {
            var files: Int
            var errors: Int
            var securityWarnings: Int
            var warnings: Int
            var suggestions: Int
            var unreadableFiles: Int
        }
        var files: [File]
        var summary: Summary
    }

    /// The stable JSON form of one diagnostic (also used by scan reports).
    public struct JSONDiagnostic: Encodable, Sendable {
        public var severity: String
        public var code: String
        public var message: String
        public var path: String
        public var line: Int?
        public var column: Int?

        public init(_ diagnostic: Diagnostic) {
            severity = diagnostic.severity.rawValue
            code = diagnostic.code.rawValue
            message = diagnostic.message
            path = diagnostic.location.path.description
            line = diagnostic.location.position?.line
            column = diagnostic.location.position?.column
        }
    }

    public static func json(_ results: [FileValidation]) -> String {
        let all = results.flatMap(\.diagnostics)
        func count(_ severity: Severity) -> Int { all.filter { $0.severity == severity }.count }
        let document = JSONDocument(
            files: results.map {
                .init(file: $0.file, policyType: $0.policyType?.rawValue, policyTypeInferred: $0.policyTypeInferred,
                      readError: $0.readError?.description, diagnostics: $0.diagnostics.map(JSONDiagnostic.init))
            },
            summary: .init(files: results.count, errors: count(.error), securityWarnings: count(.securityWarning),
                           warnings: count(.warning), suggestions: count(.suggestion),
                           unreadableFiles: results.filter { $0.readError != nil }.count))
        return ReportJSON.encode(document)
    }
}
