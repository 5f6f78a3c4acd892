import Policy

/// Policies Terraform computes at apply, rebuilt from the plan's configuration: a resource whose
/// `policy` (`assume_role_policy`, `aws_organizations_policy`'s `content`) is known only after
/// apply and whose configuration sets it to
/// `data.aws_iam_policy_document.NAME.json` gets that data source's statements, each argument a
/// constant (`constant_value`) or, where the configuration refers to other objects
/// (`references`), an unknown value ("JSON Output Format", "Expression Representation":
/// https://developer.hashicorp.com/terraform/internals/json-format#expression-representation;
/// the data source's arguments: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document).
///
/// Only what maps one to one is rebuilt: `statement` blocks with `sid`, `effect` (default
/// Allow), `actions`, `not_actions`, `resources`, `not_resources`, `principals`,
/// `not_principals` and `condition`; a data source with anything else (`source_policy_documents`,
/// `override_policy_documents`, `dynamic` blocks, `count`, `for_each`, `version`, `policy_id`) is
/// not rebuilt, and its resource stays UNPROVEN. Root module only.
struct TerraformPolicyDocuments {
    /// Data source name → its configuration's expressions.
    private var documents: [String: JSONValue] = [:]
    /// Resource address → its configuration's expressions.
    private var resources: [String: JSONValue] = [:]

    init(plan root: JSONValue) {
        // count and for_each make several instances, each with its own values: not rebuilt.
        for resource in TerraformConfiguredResource.rootModule(of: root) {
            if resource.isData {
                if resource.type == "aws_iam_policy_document" { documents[resource.address] = resource.expressions }
            } else {
                resources[resource.address] = resource.expressions
            }
        }
    }

    /// The policy of `attribute` of the resource at `address`, rebuilt, or nil.
    func policy(of address: String, attribute: String, at position: SourcePosition) -> TemplateValue? {
        guard let expression = resources[address]?.members?.first(where: { $0.key == attribute })?.value,
              let references = expression.members?.first(where: { $0.key == "references" })?.value.elements?.compactMap(\.stringValue),
              let document = references.first(where: { $0.hasPrefix("data.aws_iam_policy_document.") && $0.hasSuffix(".json") }),
              references.allSatisfy({ $0 == document || document.hasPrefix($0 + ".") || $0 == String(document.dropLast(5)) }),
              let expressions = documents[String(document.dropLast(5))] else { return nil }
        return rebuild(expressions, name: String(document.dropLast(5)))
    }

    private static let rebuiltArguments: Set<String> = ["statement"]
    private static let statementArguments: Set<String> = ["sid", "effect", "actions", "not_actions", "resources", "not_resources",
                                                          "principals", "not_principals", "condition"]

    private func rebuild(_ expressions: JSONValue, name: String) -> TemplateValue? {
        guard let members = expressions.members, members.allSatisfy({ Self.rebuiltArguments.contains($0.key) }) else { return nil }
        let at = expressions.position
        var statements: [TemplateValue] = []
        for block in members.first(where: { $0.key == "statement" })?.value.elements ?? [] {
            guard let statement = self.statement(block, name: name) else { return nil }
            statements.append(statement)
        }
        return TemplateValue(.object([
            ("Version", at, TemplateValue(.string("2012-10-17"), at: at)),
            ("Statement", at, TemplateValue(.array(statements), at: at)),
        ]), at: at)
    }

    /// An expression's value: its constant, or an unknown naming what it refers to.
    private func value(_ expression: JSONValue?, name: String, argument: String) -> TemplateValue? {
        guard let expression, let members = expression.members else { return nil }
        if let constant = members.first(where: { $0.key == "constant_value" })?.value {
            return TemplateValue(json: constant)
        }
        let references = members.first { $0.key == "references" }?.value.elements?.compactMap(\.stringValue) ?? []
        let what = references.isEmpty ? "an expression" : references.joined(separator: ", ")
        return TemplateValue(.unknown(UnknownValue("\(name) \(argument): \(what) (known after apply)", at: expression.position)), at: expression.position)
    }

    private func statement(_ block: JSONValue, name: String) -> TemplateValue? {
        guard let fields = block.members, fields.allSatisfy({ Self.statementArguments.contains($0.key) }) else { return nil }
        let at = block.position
        func field(_ key: String) -> JSONValue? { fields.first { $0.key == key }?.value }
        var members: [(key: String, keyPosition: SourcePosition, value: TemplateValue)] = []
        if let sid = value(field("sid"), name: name, argument: "sid") { members.append(("Sid", at, sid)) }
        members.append(("Effect", at, value(field("effect"), name: name, argument: "effect") ?? TemplateValue(.string("Allow"), at: at)))
        for (argument, key) in [("actions", "Action"), ("not_actions", "NotAction"), ("resources", "Resource"), ("not_resources", "NotResource")] {
            if let list = value(field(argument), name: name, argument: argument) { members.append((key, at, list)) }
        }
        for (argument, key) in [("principals", "Principal"), ("not_principals", "NotPrincipal")] {
            guard let blocks = field(argument)?.elements else { continue }
            var types: [(key: String, keyPosition: SourcePosition, value: TemplateValue)] = []
            for principal in blocks {
                let entries = principal.members ?? []
                guard let type = value(entries.first(where: { $0.key == "type" })?.value, name: name, argument: "\(argument).type"),
                      let identifiers = value(entries.first(where: { $0.key == "identifiers" })?.value, name: name, argument: "\(argument).identifiers")
                else { return nil }
                guard let typeName = type.stringValue else {
                    // An unknown principal type: the whole element is unknown.
                    members.append((key, at, type))
                    types = []
                    break
                }
                // "*" with type AWS is written as "Principal": {"AWS": "*"} by the data source.
                if let index = types.firstIndex(where: { $0.key == typeName }) {
                    let merged = (types[index].value.elements ?? [types[index].value]) + (identifiers.elements ?? [identifiers])
                    types[index].value = TemplateValue(.array(merged), at: at)
                } else {
                    types.append((typeName, at, identifiers))
                }
            }
            // One block of type "*" with identifiers ["*"] is written "Principal": "*" by the data
            // source (hashicorp/terraform-provider-aws, internal/service/iam/policy_model.go,
            // `IAMPolicyStatementPrincipalSet.MarshalJSON`: "Only {"*": "*"} should be normalized
            // to "*""); any other "*" type stays as written, which the policy reader rejects.
            if types.count == 1, blocks.count == 1, types[0].key == "*",
               (types[0].value.elements.map { $0.map(\.stringValue) } ?? [types[0].value.stringValue]) == ["*"] {
                members.append((key, at, TemplateValue(.string("*"), at: at)))
            } else if !types.isEmpty {
                members.append((key, at, TemplateValue(.object(types), at: at)))
            }
        }
        if let conditions = field("condition")?.elements {
            var operators: [(key: String, keyPosition: SourcePosition, value: TemplateValue)] = []
            for condition in conditions {
                let entries = condition.members ?? []
                func entry(_ key: String) -> TemplateValue? { value(entries.first { $0.key == key }?.value, name: name, argument: "condition.\(key)") }
                guard let test = entry("test")?.stringValue, let variable = entry("variable")?.stringValue, let values = entry("values") else {
                    // A condition whose operator or key is unknown: the statement's conditions are unknown.
                    members.append(("Condition", at, TemplateValue(.unknown(UnknownValue("\(name) condition (known after apply)", at: condition.position)), at: condition.position)))
                    operators = []
                    break
                }
                if let index = operators.firstIndex(where: { $0.key == test }), case .object(var keys) = operators[index].value.kind {
                    keys.append((variable, at, values))
                    operators[index].value = TemplateValue(.object(keys), at: at)
                } else {
                    operators.append((test, at, TemplateValue(.object([(variable, at, values)]), at: at)))
                }
            }
            if !operators.isEmpty { members.append(("Condition", at, TemplateValue(.object(operators), at: at))) }
        }
        return TemplateValue(.object(members), at: at)
    }
}
