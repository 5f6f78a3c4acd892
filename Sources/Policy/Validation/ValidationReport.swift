import Foundation

/// The result of validating one file, ready to render as text or JSON
/// (the JSON shape is documented in docs/CLI.md, "rampart validate").
public struct FileValidation: Sendable {
    public var file: String
    /// nil when the file could not be read at all.
    public var policyType: PolicyType?
    public var policyTypeInferred: Bool
    public var readError: FileReadError?
    public var diagnostics: [Diagnostic]

    public init(file: String, policyType: PolicyType?, policyTypeInferred: Bool, readError: FileReadError?,
                diagnostics: [Diagnostic]) {
        self.file = file
        self.policyType = policyType
        self.policyTypeInferred = policyTypeInferred
        self.readError = readError
        self.diagnostics = diagnostics
    }

    /// Reads and validates one file.
    public static func validate(file: String, type: PolicyType?, limits: InputLimits = .standard) -> FileValidation {
        switch PolicyFileReader.read(argument: file, limit: limits.maxDocumentBytes) {
        case .failure(let error):
            if case .tooLarge(let limit) = error.reason {
                let diagnostic = Diagnostic(.error, .limitExceeded,
                                            "the document is larger than the limit of \(limit) bytes (maxDocumentBytes)",
                                            at: SourceLocation(path: .root, position: .start))
                return FileValidation(file: file, policyType: type, policyTypeInferred: type == nil, readError: nil,
                                      diagnostics: [diagnostic])
            }
            return FileValidation(file: file, policyType: nil, policyTypeInferred: false, readError: error, diagnostics: [])
        case .success(let bytes):
            let result = PolicyParser.parse(bytes: bytes, source: file, type: type, limits: limits)
            // A document that is not even JSON has no type to show unless one was asked for.
            let shownType: PolicyType? = result.policy == nil && result.typeWasInferred ? nil : result.type
            return FileValidation(file: file, policyType: shownType, policyTypeInferred: result.typeWasInferred,
                                  readError: nil, diagnostics: result.diagnostics)
        }
    }
}

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
            for diagnostic in result.diagnostics {
                let position = diagnostic.location.position.map { ":\($0.line):\($0.column)" } ?? ""
                lines.append("\(result.file)\(position): \(diagnostic.severity.rawValue) \(diagnostic.code.rawValue): \(diagnostic.message) (at \(diagnostic.location.path))")
            }
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
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(document) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// 0: no ERROR; 1: some document has an ERROR; 2: some file could not be read.
    public static func exitCode(_ results: [FileValidation]) -> Int32 {
        if results.contains(where: { $0.readError != nil }) { return 2 }
        if results.contains(where: { $0.diagnostics.containsError }) { return 1 }
        return 0
    }
}
