import Policy

/// The walk of a request (`FieldWalkable`): every stored field, in declaration order. The
/// principal's identifiers, the resource, its owner's account and organization, and context
/// values are values; the action, the principal's kind, context keys, value types and tag keys
/// are words (names the semantics reads, never renamed).

extension Request: FieldWalkable {
    public mutating func walkFields<Visitor: FieldVisitor>(_ visitor: inout Visitor) {
        visitor.visitNested(&principal, field: "principal")
        visitor.visitWord(action, field: "action")
        visitor.visitValue(&resource, field: "resource")
        visitor.visitValue(&resourceAccount, field: "resourceAccount")
        visitor.visitValue(&resourceOrgID, field: "resourceOrgID")
        visitor.visitValues(&resourceOrgPaths, field: "resourceOrgPaths")
        visitor.visitNested(&context, field: "context")
    }
}

extension Principal: FieldWalkable {
    public mutating func walkFields<Visitor: FieldVisitor>(_ visitor: inout Visitor) {
        visitor.visitWord(kind.rawValue, field: "kind")
        visitor.visitValue(&arn, field: "arn")
        visitor.visitValue(&account, field: "account")
        visitor.visitValue(&roleArn, field: "roleArn")
        visitor.visitValue(&serviceName, field: "serviceName")
        visitor.visitValue(&provider, field: "provider")
        visitor.visitValue(&canonicalUserID, field: "canonicalUserID")
        visitor.visitValue(&userID, field: "userID")
        visitor.visitValue(&orgID, field: "orgID")
        visitor.visitValues(&orgPaths, field: "orgPaths")
        // Tag keys are names (`aws:PrincipalTag/key`); their values are values.
        visitor.visitWord(String(tags.count), field: "tags")
        for key in tags.keys.sorted() {
            guard var value = tags[key] else { continue }
            visitor.visitWord(key, field: "tags")
            visitor.visitValue(&value, field: "tags")
            if Visitor.rewritesValues { tags[key] = value }
        }
    }
}

extension RequestContext.Entry: FieldWalkable {
    public mutating func walkFields<Visitor: FieldVisitor>(_ visitor: inout Visitor) {
        visitor.visitWord(key, field: "key")
        visitor.visitNested(&values, field: "values")
        visitor.visitWord(isMultivalued ? "multivalued" : "single", field: "isMultivalued")
    }
}

extension ContextValue: FieldWalkable {
    public mutating func walkFields<Visitor: FieldVisitor>(_ visitor: inout Visitor) {
        visitor.visitValue(&text, field: "text")
        visitor.visitWord(type.rawValue, field: "type")
    }
}
