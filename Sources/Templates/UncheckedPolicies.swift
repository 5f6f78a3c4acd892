import Policy

/// Policy documents in resources `rampart iac` neither judges nor validates (a type it has no
/// rules for; SCPs, RCPs and identity policies are `AttachedPolicy`s): listed as warnings, so that nothing is skipped silently. A policy document
/// is recognised by its shape: an object with a `Statement`, or a JSON string holding one.
enum UncheckedPolicies {
    static func warnings(in values: TemplateValue, path: JSONPath, file: String, owner: String, type: String) -> [TemplateDiagnostic] {
        var found: [(JSONPath, SourcePosition)] = []
        collect(values, path: path, into: &found)
        return found.map { path, position in
            TemplateDiagnostic(.warning, "\(owner) (\(type)) holds a policy document that `rampart iac` does not check (not a resource policy of a type it judges, nor an SCP, RCP or identity policy)",
                               file: file, path: path, position: position)
        }
    }

    private static func collect(_ value: TemplateValue, path: JSONPath, into found: inout [(JSONPath, SourcePosition)]) {
        switch value.kind {
        case .object(let members):
            if members.contains(where: { $0.key == "Statement" }) {
                found.append((path, value.position))
                return
            }
            for member in members { collect(member.value, path: path.appending(member.key), into: &found) }
        case .array(let elements):
            for (index, element) in elements.enumerated() { collect(element, path: path.appending(index), into: &found) }
        case .string(let text):
            if text.hasPrefix("{"), text.contains("\"Statement\"") { found.append((path, value.position)) }
        default:
            return
        }
    }
}
