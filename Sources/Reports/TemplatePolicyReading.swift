import Policy
import Templates

/// A policy of a template read into the policy model: a JSON string parsed, its unknown values
/// approximated (`UnknownValueApproximation`: it allows at least, and denies at most, what the
/// deployed policy could), then parsed and validated as `type` — the one reading of resource
/// policies, SCPs, RCPs and identity policies of `rampart iac`.
struct TemplatePolicyReading {
    /// The policy, when it is known and has no ERROR diagnostic.
    var policy: Policy?
    /// The validator's diagnostics (positions in the file; paths inside the policy).
    var diagnostics: [Diagnostic] = []
    var isString = false
    var unknowns: [UnknownValueApproximation.Change] = []
    /// Each statement of `policy`: its index in the document as written.
    var statementOrigins: [Int] = []
    /// Why the policy is known only at deploy time, when it is.
    var wholeUnknown: [UnknownValue]?
    /// Why the policy string is not JSON, when it is not.
    var notJSON: String?

    var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// `source`: the policy's name in explanations (default: the file).
    static func read(_ value: TemplateValue, type: PolicyType, file: String, source: String? = nil, resourceUnknowns: [String: String] = [:],
                     resourceService: String? = nil) -> TemplatePolicyReading {
        var reading = TemplatePolicyReading()
        var value = value
        // Some properties take the policy as a JSON string (`RepositoryPolicyText`, Terraform's `policy`).
        if let text = value.stringValue {
            reading.isString = true
            do {
                value = TemplateValue(json: try JSONParser.parse(text), at: value.position)
            } catch {
                reading.notJSON = error.message
                return reading
            }
        }
        var approximation = UnknownValueApproximation(resourceUnknowns: resourceUnknowns, resourceService: resourceService)
        let (json, wholeUnknown) = approximation.approximate(value)
        reading.unknowns = approximation.changes
        guard let json else {
            reading.wholeUnknown = wholeUnknown
            return reading
        }
        reading.statementOrigins = approximation.statementOrigins
        let parsed = PolicyParser.parse(json: json, source: source ?? file, type: type)
        reading.diagnostics = parsed.diagnostics
        if !parsed.diagnostics.containsError { reading.policy = parsed.policy }
        return reading
    }

    /// A diagnostic as `FILE:LINE:COL: CODE: message (at PATH)`, the path located by `location`.
    static func describe(_ diagnostic: Diagnostic, file: String, location: (JSONPath) -> String) -> String {
        let at = diagnostic.location.position.map { "\(file):\($0.line):\($0.column): " } ?? "\(file): "
        return at + "\(diagnostic.code.rawValue): \(diagnostic.message) (at \(location(diagnostic.location.path)))"
    }
}
