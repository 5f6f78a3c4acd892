import Policy

/// One AWS CLI output file being read: its parsed JSON, its path relative to the snapshot, and
/// helpers that look members up and record a diagnostic (with file, JSON path and position)
/// whenever the output does not have the shape the CLI prints.
struct CLIOutputFile {
    let file: String
    let root: JSONValue

    /// Reads and parses a file of the snapshot; on failure records UNREADABLE_FILE or
    /// MALFORMED_JSON and returns nil. A link leading outside the snapshot is not followed, and
    /// only regular files are read (a FIFO would block the scan).
    static func open(_ relative: String, in folder: SnapshotFolder, limits: CLIOutputLimits = .singleResource,
                     diagnostics: inout [SnapshotDiagnostic]) -> CLIOutputFile? {
        if let outside = folder.outsideReason(relative) {
            diagnostics.append(SnapshotDiagnostic(.error, SnapshotDiagnosticCode.unreadableFile, outside, file: relative))
            return nil
        }
        let bytes: [UInt8]
        switch PolicyFileReader.read(path: folder.path(relative), limit: limits.fileBytes) {
        case .success(let read): bytes = read
        case .failure(let error):
            diagnostics.append(SnapshotDiagnostic(.error, SnapshotDiagnosticCode.unreadableFile,
                                                  Self.reason(error), file: relative))
            return nil
        }
        do {
            return CLIOutputFile(file: relative, root: try JSONParser.parse(bytes, limits: limits.parsing))
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
        case .notRegularFile: return "not a regular file (a FIFO, socket or device); not read"
        case .unreadable(let detail): return "cannot be read (\(detail))"
        case .tooLarge(let limit): return "larger than the limit of \(limit) bytes for this kind of output"
        }
    }

    /// The file's readings (`DuplicateKeyReadings`): itself when no object repeats a key;
    /// otherwise one per choice of occurrences, with a DUPLICATE_KEY warning for each repeated
    /// key. Nil, with an ERROR, when there are too many readings to judge them all.
    func readings(resource: String? = nil, diagnostics: inout [SnapshotDiagnostic]) -> [CLIOutputFile]? {
        let duplicates = DuplicateKeyReadings.duplicates(in: root)
        guard !duplicates.isEmpty else { return [self] }
        for duplicate in duplicates {
            diagnostics.append(SnapshotDiagnostic(
                .warning, SnapshotDiagnosticCode.duplicateKey,
                "\"\(duplicate.key)\" occurs \(duplicate.occurrences) times in this object (the AWS CLI never prints that): which one AWS holds is unknown, so every occurrence is read and the resource is judged on all of them",
                file: file, jsonPath: duplicate.path.appending(duplicate.key).description, line: duplicate.position.line,
                column: duplicate.position.column, resource: resource))
        }
        guard let roots = DuplicateKeyReadings.readings(of: root) else {
            diagnostics.append(diagnostic(.error, SnapshotDiagnosticCode.duplicateKey,
                                          "repeated keys allow more than \(DuplicateKeyReadings.maximumReadings) readings of this file; it is not read",
                                          path: .root, at: root, resource: resource))
            return nil
        }
        return roots.map { CLIOutputFile(file: file, root: $0) }
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
