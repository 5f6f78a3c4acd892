import Policy

/// A Terraform plan as `terraform show -json PLAN` prints it ("JSON Output Format",
/// https://developer.hashicorp.com/terraform/internals/json-format): each resource change's
/// planned values (`change.after`), with the values known only after apply
/// (`change.after_unknown`, a tree of `true` leaves mirroring `after`) as unknowns; a policy
/// known only after apply is rebuilt from the configuration where it can be
/// (`TerraformPolicyDocuments`).
public struct TerraformPlan: Sendable {
    public struct Resource: Sendable {
        /// `aws_s3_bucket_policy.site`, `module.network.aws_sqs_queue.jobs[0]`.
        public var address: String
        public var type: String
        /// The planned values, unknowns included.
        public var values: TemplateValue
        public var position: SourcePosition
        public var path: JSONPath

        public func value(_ key: String) -> TemplateValue? { values.member(key) }
    }

    public var file: String
    public var resources: [Resource] = []
    /// What the configuration's arguments refer to (root module).
    public var references = TerraformReferences()
    /// The types of the resources the plan deletes (not analysed: they have no access after
    /// apply, but deleting one may change what caps the others, e.g. an RCP's attachment).
    public var deletedTypes: Set<String> = []

    /// True when the document looks like a plan (it has `format_version` and
    /// `resource_changes` or `planned_values`).
    static func isPlan(_ root: JSONValue) -> Bool {
        guard let members = root.members else { return false }
        let keys = Set(members.map(\.key))
        return keys.contains("format_version") && (keys.contains("resource_changes") || keys.contains("planned_values"))
    }

    public static func read(_ root: JSONValue, file: String) -> (plan: TerraformPlan?, diagnostics: [TemplateDiagnostic]) {
        var plan = TerraformPlan(file: file)
        plan.references = TerraformReferences(plan: root)
        var diagnostics: [TemplateDiagnostic] = []
        let documents = TerraformPolicyDocuments(plan: root)
        let changes = root.members?.first { $0.key == "resource_changes" }?.value
        guard let entries = changes?.elements else {
            if changes == nil { return (plan, []) }
            return (nil, [TemplateDiagnostic(.error, "resource_changes is a list", file: file, path: JSONPath.root.appending("resource_changes"),
                                             position: changes?.position)])
        }
        for (index, entry) in entries.enumerated() {
            let path = JSONPath.root.appending("resource_changes").appending(index)
            let fields = entry.members ?? []
            func field(_ key: String) -> JSONValue? { fields.first { $0.key == key }?.value }
            guard let address = field("address")?.stringValue, let type = field("type")?.stringValue,
                  let change = field("change")?.members else {
                diagnostics.append(TemplateDiagnostic(.error, "a resource change needs address, type and change", file: file, path: path,
                                                      position: entry.position))
                continue
            }
            if field("mode")?.stringValue == "data" { continue }
            let actions = change.first { $0.key == "actions" }?.value.elements?.compactMap(\.stringValue) ?? []
            // A resource the plan deletes (and does not create again) has no access after apply.
            if actions == ["delete"] || actions == ["no-op"] && change.first(where: { $0.key == "after" })?.value.members == nil {
                if actions == ["delete"] { plan.deletedTypes.insert(type) }
                continue
            }
            guard let after = change.first(where: { $0.key == "after" })?.value, after.members != nil else {
                diagnostics.append(TemplateDiagnostic(.error, "\(address): change.after is not an object", file: file,
                                                      path: path.appending("change").appending("after"), position: entry.position))
                continue
            }
            let unknown = change.first { $0.key == "after_unknown" }?.value
            var values = merge(after, unknown: unknown, address: address, attribute: "")
            // A policy known only after apply, rebuilt from the configuration where it can be; any
            // other argument known only after apply says what the configuration computes it from.
            if case .object(var members) = values.kind {
                for index in members.indices {
                    guard case .unknown(let unknown) = members[index].value.kind else { continue }
                    if ["policy", "assume_role_policy", "content"].contains(members[index].key),
                       let rebuilt = documents.policy(of: address, attribute: members[index].key, at: entry.position) {
                        members[index].value = rebuilt
                    } else if let references = plan.references.references(of: address, argument: members[index].key), !references.isEmpty {
                        let reason = unknown.reason.hasSuffix(" (known after apply)") ? String(unknown.reason.dropLast(20)) : unknown.reason
                        let named = TerraformReferences.mostSpecific(references).joined(separator: ", ")
                        members[index].value.kind = .unknown(UnknownValue(reason + " (known after apply: computed from \(named))", at: unknown.position))
                    }
                }
                values = TemplateValue(.object(members), at: values.position)
            }
            plan.resources.append(Resource(address: address, type: type, values: values,
                                           position: entry.position, path: path.appending("change").appending("after")))
        }
        return (plan, diagnostics)
    }

    /// `after` with each leaf `after_unknown` marks `true` as an unknown ("known after apply").
    private static func merge(_ value: JSONValue?, unknown: JSONValue?, address: String, attribute: String) -> TemplateValue {
        let at = value?.position ?? unknown?.position ?? .start
        if case .bool(true)? = unknown?.kind {
            return TemplateValue(.unknown(UnknownValue("\(address).\(attribute) (known after apply)", at: at)), at: at)
        }
        guard let value else { return TemplateValue(.null, at: at) }
        switch value.kind {
        case .object(let members):
            var merged: [(key: String, keyPosition: SourcePosition, value: TemplateValue)] = []
            let unknownMembers = unknown?.members ?? []
            for member in members {
                let marker = unknownMembers.first { $0.key == member.key }?.value
                merged.append((member.key, member.keyPosition, merge(member.value, unknown: marker, address: address,
                                                                     attribute: attribute.isEmpty ? member.key : attribute + "." + member.key)))
            }
            // Attributes known only after apply are absent from `after`.
            for marker in unknownMembers where !members.contains(where: { $0.key == marker.key }) {
                merged.append((marker.key, marker.keyPosition, merge(nil, unknown: marker.value, address: address,
                                                                     attribute: attribute.isEmpty ? marker.key : attribute + "." + marker.key)))
            }
            return TemplateValue(.object(merged), at: at)
        case .array(let elements):
            let markers = unknown?.elements ?? []
            return TemplateValue(.array(elements.enumerated().map { index, element in
                merge(element, unknown: markers.indices.contains(index) ? markers[index] : nil, address: address, attribute: "\(attribute)[\(index)]")
            }), at: at)
        default:
            return TemplateValue(json: value)
        }
    }
}
