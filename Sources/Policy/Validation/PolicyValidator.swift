/// Semantic checks on a parsed policy, in the spirit of IAM Access Analyzer's
/// ValidatePolicy: each finding has a severity, a stable code, a message and a location.
/// Structural checks (types, required elements) happen while reading, in `PolicyReader`.
public enum PolicyValidator {
    /// `structurallyValid`, when given, lists the statements that were read without a
    /// structural error; security checks (which judge what a statement grants) run only on those.
    public static func validate(_ policy: Policy, limits: InputLimits = .standard,
                                structurallyValid: [Statement]? = nil) -> [Diagnostic] {
        let judged = Set((structurallyValid ?? policy.statements).map(\.index))
        var diagnostics: [Diagnostic] = []
        diagnostics += checkVersion(policy)
        diagnostics += checkSids(policy)
        for statement in policy.statements {
            diagnostics += PrincipalChecks.check(statement, type: policy.type)
            diagnostics += PatternChecks.checkActions(statement, limits: limits)
            diagnostics += PatternChecks.checkResources(statement, policy: policy, limits: limits)
            diagnostics += ConditionChecks.check(statement, policy: policy)
            if judged.contains(statement.index) {
                diagnostics += SecurityChecks.check(statement, type: policy.type)
            }
        }
        return diagnostics
    }

    /// IAM User Guide, "IAM JSON policy elements: Version": without a Version, 2008-10-17 is
    /// assumed and policy variables are treated as literal strings.
    static func checkVersion(_ policy: Policy) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let usesVariables = policy.statements.contains { statement in
            let strings = (statement.actions?.values ?? []) + (statement.resources?.values ?? [])
                + statement.conditions.flatMap { $0.values.map(\.text) }
            return strings.contains { $0.contains("${") && PolicyVariableParser.containsVariables($0) }
        }
        if policy.version == nil {
            diagnostics.append(Diagnostic(.warning, .missingVersion,
                                          "the policy has no Version; AWS then assumes 2008-10-17, where policy variables are not substituted. Add \"Version\": \"2012-10-17\"",
                                          at: SourceLocation(path: .root, position: .start)))
        }
        if usesVariables && !policy.substitutesVariables {
            diagnostics.append(Diagnostic(.warning, .variablesNeedVersion,
                                          "the policy uses ${...} policy variables, which are only substituted under Version 2012-10-17; here they are literal text",
                                          at: policy.version?.location ?? SourceLocation(path: .root, position: .start)))
        }
        return diagnostics
    }

    /// Sids must be unique within a policy; IAM (identity, trust, boundary) and Organizations
    /// (SCP, RCP) also require them to be alphanumeric (IAM User Guide, "IAM JSON policy
    /// elements: Sid"). Resource policies of other services accept spaces, so only uniqueness
    /// is checked there, as a WARNING.
    static func checkSids(_ policy: Policy) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var seen: [String: Statement] = [:]
        let iamRules = policy.type != .resource
        for statement in policy.statements {
            guard let sid = statement.sid, !sid.value.isEmpty else { continue }
            if iamRules && !sid.value.isEmpty
                && !sid.value.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }) {
                diagnostics.append(Diagnostic(.error, .invalidSid,
                                              "Sid \"\(sid.value)\" must contain only letters and digits in a \(policy.type.rawValue) policy",
                                              at: sid.location))
            }
            if let first = seen[sid.value] {
                diagnostics.append(Diagnostic(iamRules ? .error : .warning, .duplicateSid,
                                              "Sid \"\(sid.value)\" is already used by statement \(first.index); Sids must be unique within a policy",
                                              at: sid.location))
            } else {
                seen[sid.value] = statement
            }
        }
        return diagnostics
    }
}
