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

extension FileValidation {
    /// `file:line:col: SEVERITY CODE: message (at $.json.path)`, one line per diagnostic: how
    /// every command quotes a document's diagnostics (`rampart validate`'s text, `simulate`'s
    /// refusal of a policy with errors).
    public var diagnosticLines: [String] {
        diagnostics.map { diagnostic in
            let position = diagnostic.location.position.map { ":\($0.line):\($0.column)" } ?? ""
            return "\(file)\(position): \(diagnostic.severity.rawValue) \(diagnostic.code.rawValue): \(diagnostic.message) (at \(diagnostic.location.path))"
        }
    }

    /// 0: no ERROR; 1: some document has an ERROR; 2: some file could not be read.
    public static func exitCode(_ results: [FileValidation]) -> Int32 {
        if results.contains(where: { $0.readError != nil }) { return 2 }
        if results.contains(where: { $0.diagnostics.containsError }) { return 1 }
        return 0
    }
}
