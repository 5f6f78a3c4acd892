import Authorizer
import Policy

/// The walks of an analysis's answer and its zone (`FieldWalkable`): every stored field, in
/// declaration order, so that a renaming (the scanner's canonical forms) reaches every value an
/// answer carries. Principals, conditions, witnesses, cited policies and Sids, explanations and
/// warnings are values; statuses, kinds, actions, flags and counts are words.

extension ExternalAccessResult: FieldWalkable {
    public mutating func walkFields<Visitor: FieldVisitor>(_ visitor: inout Visitor) {
        visitor.visitWord(status.rawValue, field: "status")
        visitor.visitNested(&findings, field: "findings")
        visitor.visitValues(&explanation, field: "explanation")
        visitor.visitWord(complete ? "complete" : "incomplete", field: "complete")
        visitor.visitWord(String(solverCalls), field: "solverCalls")
        visitor.visitWord(decidedBy.rawValue, field: "decidedBy")
        visitor.visitValues(&warnings, field: "warnings")
    }
}

extension ExternalAccessFinding: FieldWalkable {
    public mutating func walkFields<Visitor: FieldVisitor>(_ visitor: inout Visitor) {
        visitor.visitValue(&principal, field: "principal")
        visitor.visitWord(principalKind.rawValue, field: "principalKind")
        visitor.visitWord(String(actions.count), field: "actions")
        for action in actions { visitor.visitWord(action, field: "actions") }
        visitor.visitValues(&conditions, field: "conditions")
        visitor.visitWord(isPublic ? "public" : "-", field: "isPublic")
        visitor.visitNested(&witness, field: "witness")
        visitor.visitNested(&statements, field: "statements")
        visitor.visitWord(source.rawValue, field: "source")
        visitor.visitNested(&sourceDetail, field: "sourceDetail")
        visitor.visitNested(&accessPath, field: "accessPath")
        visitor.visitWord(serviceLinkedRoleActions.map { String($0.count) } ?? "nil", field: "serviceLinkedRoleActions")
        for action in serviceLinkedRoleActions ?? [] { visitor.visitWord(action, field: "serviceLinkedRoleActions") }
    }
}

extension AccessPathStep: FieldWalkable {
    public mutating func walkFields<Visitor: FieldVisitor>(_ visitor: inout Visitor) {
        visitor.visitValue(&caller, field: "caller")
        visitor.visitValue(&target, field: "target")
        visitor.visitWord(action ?? "nil", field: "action")
        visitor.visitValue(&resource, field: "resource")
    }
}

extension FindingSourceDetail: FieldWalkable {
    public mutating func walkFields<Visitor: FieldVisitor>(_ visitor: inout Visitor) {
        visitor.visitValue(&accessPointArn, field: "accessPointArn")
        visitor.visitValue(&accessPointAccount, field: "accessPointAccount")
        visitor.visitWord(networkOrigin ?? "nil", field: "networkOrigin")
    }
}

extension StatementReference: FieldWalkable {
    public mutating func walkFields<Visitor: FieldVisitor>(_ visitor: inout Visitor) {
        visitor.visitValue(&policy, field: "policy")
        visitor.visitWord(String(index), field: "index")
        visitor.visitValue(&sid, field: "sid")
    }
}

extension ZoneOfTrust: FieldWalkable {
    public mutating func walkFields<Visitor: FieldVisitor>(_ visitor: inout Visitor) {
        visitor.visitValues(&accounts, field: "accounts")
        visitor.visitValue(&organizationID, field: "organizationID")
        // Renamed accounts keep the zone's order (`init`: distinct and sorted), so equal zones stay equal.
        if Visitor.rewritesValues { accounts = Array(Set(accounts)).sorted() }
    }
}
