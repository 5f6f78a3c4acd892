import Policy

/// The statement of a Lambda function's resource-based policy that an `AWS::Lambda::Permission`
/// adds, as Lambda's `AddPermission` writes it ("Working with resource-based IAM policies in
/// Lambda", https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html, and
/// the `AddPermission` API reference,
/// https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html):
///
/// - `Principal`: an AWS service (`s3.amazonaws.com`) → `{"Service": ...}`; an account id or
///   an ARN → `{"AWS": ...}`; `*` → `*`.
/// - `Action` as given (`lambda:InvokeFunction`, `lambda:InvokeFunctionUrl`, ...), `Resource`
///   the function's ARN.
/// - `SourceArn` → `ArnLike AWS:SourceArn`; `SourceAccount` → `StringEquals AWS:SourceAccount`;
///   `PrincipalOrgID` → `StringEquals aws:PrincipalOrgID`; `FunctionUrlAuthType` →
///   `StringEquals lambda:FunctionUrlAuthType`; `EventSourceToken` → `StringEquals
///   lambda:EventSourceToken`.
enum LambdaPermissionStatement {
    static func statement(logicalID: String, functionARN: [TextPart], property: (String) -> TemplateValue?,
                          at position: SourcePosition) -> TemplateValue {
        func value(_ kind: TemplateValue.Kind) -> TemplateValue { TemplateValue(kind, at: position) }
        let principalValue = property("Principal") ?? value(.unknown(UnknownValue("the permission's Principal (missing)", at: position)))
        let principal: TemplateValue
        if let text = principalValue.stringValue {
            if text == "*" {
                principal = value(.string("*"))
            } else if text.hasSuffix(".amazonaws.com") || text.hasSuffix(".amazonaws.com.cn") {
                principal = value(.object([("Service", position, principalValue)]))
            } else {
                principal = value(.object([("AWS", position, principalValue)]))
            }
        } else {
            // Unknown: an account, an ARN or a service; the approximation reads an unknown Principal as `*`.
            principal = principalValue
        }
        var conditions: [(String, String, TemplateValue)] = []
        let keys: [(property: String, op: String, key: String)] = [
            ("SourceArn", "ArnLike", "AWS:SourceArn"), ("SourceAccount", "StringEquals", "AWS:SourceAccount"),
            ("PrincipalOrgID", "StringEquals", "aws:PrincipalOrgID"), ("FunctionUrlAuthType", "StringEquals", "lambda:FunctionUrlAuthType"),
            ("EventSourceToken", "StringEquals", "lambda:EventSourceToken"),
        ]
        for entry in keys {
            if let given = property(entry.property) { conditions.append((entry.op, entry.key, given)) }
        }
        var operators: [(key: String, keyPosition: SourcePosition, value: TemplateValue)] = []
        for (op, key, given) in conditions {
            if let index = operators.firstIndex(where: { $0.key == op }), case .object(var keysOfOp) = operators[index].value.kind {
                keysOfOp.append((key, position, given))
                operators[index].value = value(.object(keysOfOp))
            } else {
                operators.append((op, position, value(.object([(key, position, given)]))))
            }
        }
        var members: [(key: String, keyPosition: SourcePosition, value: TemplateValue)] = [
            ("Sid", position, value(.string(logicalID))),
            ("Effect", position, value(.string("Allow"))),
            ("Principal", position, principal),
            ("Action", position, property("Action") ?? value(.unknown(UnknownValue("the permission's Action (missing)", at: position)))),
            ("Resource", position, TemplateValue.text(functionARN, at: position)),
        ]
        if !operators.isEmpty { members.append(("Condition", position, value(.object(operators)))) }
        return value(.object(members))
    }
}
