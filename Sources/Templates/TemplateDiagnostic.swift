import Policy

/// A problem met while reading a template or plan: where (file, JSON/YAML path, line and
/// column) and what. Errors leave the element they are about out of the analysis and are
/// listed with the results; the other resources are still analysed.
public struct TemplateDiagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    public var file: String
    public var path: JSONPath
    public var position: SourcePosition?
    public var message: String

    public init(_ severity: Severity, _ message: String, file: String, path: JSONPath, position: SourcePosition?) {
        self.severity = severity
        self.message = message
        self.file = file
        self.path = path
        self.position = position
    }

    /// `file:line:col: error: message (at $.Resources.Bucket)`.
    public var description: String {
        let place = position.map { "\(file):\($0.line):\($0.column)" } ?? file
        return "\(place): \(severity.rawValue): \(message) (at \(path))"
    }
}
