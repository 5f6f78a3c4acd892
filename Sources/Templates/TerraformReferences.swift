import Policy

/// What each argument of the plan's root-module resources refers to, from the plan's
/// `configuration` ("JSON Output Format", "Expression Representation": an expression that is not
/// a constant lists its `references`, e.g. `["aws_s3_bucket.b.arn", "aws_s3_bucket.b"]`;
/// https://developer.hashicorp.com/terraform/internals/json-format#expression-representation).
/// A reference names the object, never the expression: `bucket = aws_s3_bucket.b.id` and
/// `bucket = "${aws_s3_bucket.b.id}-logs"` are represented alike, so a value known only after
/// apply is never derived from what it refers to (that would be a guess); the references only
/// say, in the unknown's reason, what it is computed from.
///
/// Resources with `count` or `for_each` are left out (their instances' references are not told
/// apart), as are child modules (their addresses are relative to the module).
public struct TerraformReferences: Sendable {
    /// Resource address → argument → what its expression refers to.
    private var arguments: [String: [String: [String]]] = [:]

    public init() {}

    init(plan root: JSONValue) {
        for resource in TerraformConfiguredResource.rootModule(of: root) where !resource.isData {
            guard let expressions = resource.expressions.members else { continue }
            var references: [String: [String]] = [:]
            for expression in expressions {
                guard let listed = expression.value.members?.first(where: { $0.key == "references" })?.value.elements else { continue }
                references[expression.key] = listed.compactMap(\.stringValue)
            }
            arguments[resource.address] = references
        }
    }

    /// The references that no other one of the list refines (`aws_s3_bucket.b.arn`, not also
    /// `aws_s3_bucket.b`, which the format lists as implied by it).
    public static func mostSpecific(_ references: [String]) -> [String] {
        references.filter { reference in !references.contains { $0 != reference && ($0.hasPrefix(reference + ".") || $0.hasPrefix(reference + "[")) } }
    }

    /// What `argument` of the resource at `address` refers to; nil when the configuration does
    /// not say (a constant, a resource with `count`/`for_each`, a child module's resource).
    public func references(of address: String, argument: String) -> [String]? {
        arguments[address]?[argument]
    }
}
