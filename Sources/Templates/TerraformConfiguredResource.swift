import Policy

/// One resource or data block of a plan's root-module configuration (`configuration.root_module.resources`,
/// "JSON Output Format", https://developer.hashicorp.com/terraform/internals/json-format#configuration-representation),
/// as `TerraformReferences` and `TerraformPolicyDocuments` read it: blocks with `count` or
/// `for_each` (several instances, each with its own values) and blocks without an address or
/// expressions are left out.
struct TerraformConfiguredResource {
    var address: String
    /// `data` for a data source, else a managed resource.
    var isData: Bool
    var type: String?
    /// Argument name → its expression representation.
    var expressions: JSONValue

    /// The single-instance blocks of `plan`'s root module, in order.
    static func rootModule(of plan: JSONValue) -> [TerraformConfiguredResource] {
        let configured = plan.members?.first { $0.key == "configuration" }?.value.members?.first { $0.key == "root_module" }?
            .value.members?.first { $0.key == "resources" }?.value.elements ?? []
        return configured.compactMap { resource in
            let fields = resource.members ?? []
            func field(_ key: String) -> JSONValue? { fields.first { $0.key == key }?.value }
            guard let address = field("address")?.stringValue, let expressions = field("expressions"),
                  field("count_expression") == nil, field("for_each_expression") == nil else { return nil }
            return TerraformConfiguredResource(address: address, isData: field("mode")?.stringValue == "data",
                                               type: field("type")?.stringValue, expressions: expressions)
        }
    }
}
