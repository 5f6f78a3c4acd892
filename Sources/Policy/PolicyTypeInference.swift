/// Guesses a document's policy type when the user did not say.
///
/// - No statement names a `Principal`/`NotPrincipal`: an identity policy (SCPs, RCPs
///   and boundaries look the same and must be asked for by name).
/// - Principals, every action is an `sts:` role-assumption action and no `Resource`: a trust policy.
/// - Otherwise: a resource policy.
public enum PolicyTypeInference {
    static let trustActions: Set<String> = [
        "sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity", "sts:tagsession",
        "sts:setsourceidentity", "sts:setcontext", "sts:*", "sts:assumerole*",
    ]

    public static func infer(_ json: JSONValue) -> PolicyType {
        guard let members = json.members,
              let statementValue = members.first(where: { $0.key == "Statement" })?.value
        else { return .identity }
        let statements: [JSONValue] = statementValue.elements ?? [statementValue]
        var sawPrincipal = false
        var sawResource = false
        var allTrustActions = true
        var sawAction = false
        for statement in statements {
            guard let fields = statement.members else { continue }
            for field in fields {
                switch field.key {
                case "Principal", "NotPrincipal": sawPrincipal = true
                case "Resource", "NotResource": sawResource = true
                case "Action", "NotAction":
                    let actions = field.value.elements ?? [field.value]
                    for action in actions {
                        sawAction = true
                        if field.key == "NotAction" || !trustActions.contains((action.stringValue ?? "").lowercased()) {
                            allTrustActions = false
                        }
                    }
                default: break
                }
            }
        }
        if !sawPrincipal { return .identity }
        if sawAction && allTrustActions && !sawResource { return .trust }
        return .resource
    }
}
