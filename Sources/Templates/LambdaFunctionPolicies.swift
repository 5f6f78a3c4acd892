import Policy

/// The permissions of a template or plan gathered into one resource policy per function (each
/// `AWS::Lambda::Permission` / `aws_lambda_permission` is one statement of its function's
/// policy, as Lambda keeps them), in the order the functions first appear.
struct LambdaFunctionPolicies {
    private var order: [String] = []
    private var functions: [String: (arn: [TextPart], statements: [TemplateValue], paths: [JSONPath], position: SourcePosition)] = [:]

    /// Adds a permission's statement to its function's policy; `path` is where the permission is.
    mutating func add(_ statement: TemplateValue, function arn: [TextPart], path: JSONPath, at position: SourcePosition) {
        let key = TextPart.identity(arn)
        if functions[key] == nil {
            order.append(key)
            functions[key] = (arn, [], [], position)
        }
        functions[key]?.statements.append(statement)
        functions[key]?.paths.append(path)
    }

    /// One subject per function, named by the function's name where its ARN ends in a known one.
    func subjects(file: String) -> [TemplateSubject] {
        order.compactMap { key in
            guard let entry = functions[key] else { return nil }
            let policy = TemplateValue(.object([
                ("Version", entry.position, TemplateValue(.string("2012-10-17"), at: entry.position)),
                ("Statement", entry.position, TemplateValue(.array(entry.statements), at: entry.position)),
            ]), at: entry.position)
            let name = entry.arn.last.flatMap { part -> String? in
                if case .literal(let text) = part { return text.split(separator: ":").last.map(String.init) } else { return nil }
            }
            var subject = TemplateSubject(file: file, name: name ?? key, resourceType: "AWS::Lambda::Function", arn: entry.arn, policy: policy,
                                          policyPath: entry.paths.first ?? .root, position: entry.position)
            subject.statementPaths = entry.paths
            return subject
        }
    }
}
