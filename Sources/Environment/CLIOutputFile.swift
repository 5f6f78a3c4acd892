import Policy

/// One AWS CLI output file being read: its parsed JSON, its path relative to the snapshot, and
/// helpers that look members up and record a diagnostic (with file, JSON path and position)
/// whenever the output does not have the shape the CLI prints.
struct CLIOutputFile {
    let file: String
    let root: JSONValue

    /// Reads and parses a file; on failure records UNREADABLE_FILE or MALFORMED_JSON and returns nil.
    static func open(path: String, relative: String, diagnostics: inout [SnapshotDiagnostic]) -> CLIOutputFile? {
        let bytes: [UInt8]
        switch PolicyFileReader.read(path: path) {
        case .success(let read): bytes = read
        case .failure(let error):
            diagnostics.append(SnapshotDiagnostic(.error, SnapshotDiagnosticCode.unreadableFile,
                                                  Self.reason(error), file: relative))
            return nil
        }
        do {
            return CLIOutputFile(file: relative, root: try JSONParser.parse(bytes))
        } catch {
            diagnostics.append(SnapshotDiagnostic(.error, SnapshotDiagnosticCode.malformedJSON, error.message, file: relative,
                                                  line: error.position.line, column: error.position.column))
            return nil
        }
    }

    private static func reason(_ error: FileReadError) -> String {
        switch error.reason {
        case .notFound: return "no such file (a dangling link?)"
        case .isDirectory: return "is a directory, not a CLI output file"
        case .unreadable(let detail): return "cannot be read (\(detail))"
        case .tooLarge(let limit): return "larger than the limit of \(limit) bytes"
        }
    }

    func diagnostic(_ severity: SnapshotDiagnostic.Severity, _ code: String, _ message: String, path: JSONPath,
                    at value: JSONValue?, resource: String? = nil) -> SnapshotDiagnostic {
        SnapshotDiagnostic(severity, code, message, file: file, jsonPath: path.description, line: value?.position.line,
                           column: value?.position.column, resource: resource)
    }

    /// The object's member `key`, or nil (recording WRONG_TYPE when `object` is not an object).
    func member(_ key: String, of object: JSONValue, path: JSONPath, diagnostics: inout [SnapshotDiagnostic]) -> JSONValue? {
        guard let members = object.members else {
            diagnostics.append(diagnostic(.error, SnapshotDiagnosticCode.wrongType, "expected an object, found \(object.typeName)",
                                          path: path, at: object))
            return nil
        }
        return members.last(where: { $0.key == key })?.value
    }

    /// A string member; records WRONG_TYPE for another type and, when `required`, MISSING_FIELD.
    func string(_ key: String, of object: JSONValue, path: JSONPath, required: Bool,
                diagnostics: inout [SnapshotDiagnostic]) -> String? {
        guard let value = member(key, of: object, path: path, diagnostics: &diagnostics) else {
            if required, object.members != nil {
                diagnostics.append(diagnostic(.error, SnapshotDiagnosticCode.missingField, "missing \"\(key)\"", path: path, at: object))
            }
            return nil
        }
        guard let text = value.stringValue else {
            diagnostics.append(diagnostic(.error, SnapshotDiagnosticCode.wrongType, "\"\(key)\" must be a string, found \(value.typeName)",
                                          path: path.appending(key), at: value))
            return nil
        }
        return text
    }

    /// An array member (absent: empty); records WRONG_TYPE for another type.
    func array(_ key: String, of object: JSONValue, path: JSONPath, diagnostics: inout [SnapshotDiagnostic]) -> [JSONValue] {
        guard let value = member(key, of: object, path: path, diagnostics: &diagnostics) else { return [] }
        guard let elements = value.elements else {
            diagnostics.append(diagnostic(.error, SnapshotDiagnosticCode.wrongType, "\"\(key)\" must be an array, found \(value.typeName)",
                                          path: path.appending(key), at: value))
            return []
        }
        return elements
    }

    /// A Boolean member (absent: false); records WRONG_TYPE for another type.
    func bool(_ key: String, of object: JSONValue, path: JSONPath, diagnostics: inout [SnapshotDiagnostic]) -> Bool {
        guard let value = member(key, of: object, path: path, diagnostics: &diagnostics) else { return false }
        guard case .bool(let flag) = value.kind else {
            diagnostics.append(diagnostic(.error, SnapshotDiagnosticCode.wrongType, "\"\(key)\" must be true or false, found \(value.typeName)",
                                          path: path.appending(key), at: value))
            return false
        }
        return flag
    }
}
