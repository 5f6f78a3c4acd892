/// The outcome of reading a policy document: the typed model (nil when the document
/// could not be read at all) and every diagnostic found on the way.
public struct PolicyParseResult: Sendable {
    public var policy: Policy?
    public var diagnostics: [Diagnostic]
    /// The type used: the one asked for, or the one inferred from the document.
    public var type: PolicyType
    /// True when `type` was inferred rather than given.
    public var typeWasInferred: Bool
}

/// Reads policy documents into the typed model.
///
/// Structural problems (wrong JSON types, missing or conflicting elements) become
/// diagnostics and the offending element is left out; the rest of the document is
/// still read, so one bad statement does not hide the others. Semantic checks live in
/// `PolicyValidator`, which `parse` runs too.
public enum PolicyParser {
    /// Parses and validates a document given as bytes. `type: nil` infers the type.
    public static func parse(bytes: [UInt8], source: String, type: PolicyType? = nil,
                             limits: InputLimits = .standard) -> PolicyParseResult {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes, limits: limits)
        } catch {
            let code: DiagnosticCode
            switch error.reason {
            case .empty: code = .emptyDocument
            case .invalidUTF8: code = .invalidUTF8
            case .nestingTooDeep, .stringTooLong, .documentTooLarge: code = .limitExceeded
            default: code = .invalidJSON
            }
            let diagnostic = Diagnostic(.error, code, error.message,
                                        at: SourceLocation(path: .root, position: error.position))
            return PolicyParseResult(policy: nil, diagnostics: [diagnostic], type: type ?? .identity,
                                     typeWasInferred: type == nil)
        }
        return parse(json: json, source: source, type: type, limits: limits, rawBytes: bytes)
    }

    public static func parse(text: String, source: String, type: PolicyType? = nil,
                             limits: InputLimits = .standard) -> PolicyParseResult {
        parse(bytes: Array(text.utf8), source: source, type: type, limits: limits)
    }

    /// Parses a document already read as JSON (e.g. embedded in a snapshot file).
    /// `rawBytes`, when given, is the document's text, used for the size quota.
    public static func parse(json: JSONValue, source: String, type: PolicyType? = nil,
                             limits: InputLimits = .standard, rawBytes: [UInt8]? = nil) -> PolicyParseResult {
        let resolvedType = type ?? PolicyTypeInference.infer(json)
        var reader = PolicyReader(source: source, type: resolvedType, limits: limits)
        let policy = reader.read(json)
        var diagnostics = reader.diagnostics
        if var checked = policy {
            checked.statements = (checked.statements + reader.brokenStatements).sorted { $0.index < $1.index }
            diagnostics += PolicyValidator.validate(checked, limits: limits, structurallyValid: policy?.statements ?? [])
        }
        if let rawBytes {
            diagnostics += PolicySizeQuota.check(rawBytes, type: resolvedType)
            diagnostics += PolicyCharacterSet.check(rawBytes, type: resolvedType)
        }
        diagnostics = diagnostics.sortedForPeople()
        return PolicyParseResult(policy: policy, diagnostics: diagnostics, type: resolvedType,
                                 typeWasInferred: type == nil)
    }
}

extension Array where Element == Diagnostic {
    /// Reading order (line, column), then severity; diagnostics without a position last.
    func sortedForPeople() -> [Diagnostic] {
        enumerated().sorted { left, right in
            let l = left.element.location.position?.offset ?? Int.max
            let r = right.element.location.position?.offset ?? Int.max
            if l != r { return l < r }
            if left.element.severity != right.element.severity { return left.element.severity < right.element.severity }
            return left.offset < right.offset
        }.map(\.element)
    }
}
