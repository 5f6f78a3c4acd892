import Policy

/// One grant on a KMS key, as `aws kms list-grants --key-id K` prints it: a `GrantListEntry`
/// (AWS KMS API Reference, https://docs.aws.amazon.com/kms/latest/APIReference/API_GrantListEntry.html).
///
/// A grant lets its grantee principal call its operations on the key, under its constraints; it
/// only allows, never denies (AWS KMS Developer Guide, "Grants in AWS KMS",
/// https://docs.aws.amazon.com/kms/latest/developerguide/grants.html). The grantee "can represent
/// one or more identities in the same AWS account as the KMS key or in a different account": an
/// account root, a user or role ARN, an assumed-role session, or, when an AWS service holds the
/// grant, a service principal (`GranteePrincipal` in `GrantListEntry`).
///
/// ```
/// {"GrantId": "dc716f53…", "GranteePrincipal": "arn:aws:iam::444455556666:role/reader",
///  "RetiringPrincipal": "arn:aws:iam::444455556666:root", "Operations": ["Decrypt", "DescribeKey"],
///  "Constraints": {"EncryptionContextSubset": {"Department": "IT"}}, "IssuingAccount": "arn:aws:iam::111122223333:root"}
/// ```
public struct KMSGrant: Sendable, Hashable {
    public var grantID: String
    /// Who gets the operations: principal ARNs, account ids or service principals (`GranteePrincipal`,
    /// and `GranteeServicePrincipal` when the output has it: the "grantee service principal" of AWS
    /// KMS Developer Guide, "Retiring and revoking grants",
    /// https://docs.aws.amazon.com/kms/latest/developerguide/grant-delete.html).
    public var granteePrincipals: [String]
    /// Who may retire the grant (`RetiringPrincipal`, `RetiringServicePrincipal`): they may call
    /// `RetireGrant` on it, nothing else (AWS KMS API Reference, RetireGrant:
    /// https://docs.aws.amazon.com/kms/latest/APIReference/API_RetireGrant.html; "the retiring
    /// principal or retiring service principal specified in the grant", "Retiring and revoking grants").
    public var retiringPrincipals: [String]
    /// The grant operations as KMS names them (`Decrypt`, `GenerateDataKey`, `CreateGrant`, …).
    public var operations: [String]
    /// `Constraints.EncryptionContextSubset`: pairs the request's encryption context must include.
    public var encryptionContextSubset: [String: String]
    /// `Constraints.EncryptionContextEquals`: the request's encryption context must be exactly these pairs.
    public var encryptionContextEquals: [String: String]
    /// The account under which the grant was issued (an account id or its root ARN), when printed.
    public var issuingAccount: String?

    public init(grantID: String, granteePrincipals: [String], retiringPrincipals: [String] = [], operations: [String],
                encryptionContextSubset: [String: String] = [:], encryptionContextEquals: [String: String] = [:],
                issuingAccount: String? = nil) {
        self.grantID = grantID
        self.granteePrincipals = granteePrincipals
        self.retiringPrincipals = retiringPrincipals
        self.operations = operations
        self.encryptionContextSubset = encryptionContextSubset
        self.encryptionContextEquals = encryptionContextEquals
        self.issuingAccount = issuingAccount
    }
}

extension KMSGrant: FieldWalkable {
    /// Principals, the grant id, context pairs and the issuing account are values; operations are
    /// words (KMS's own names, like actions).
    public mutating func walkFields<Visitor: FieldVisitor>(_ visitor: inout Visitor) {
        visitor.visitValue(&grantID, field: "grantID")
        visitor.visitValues(&granteePrincipals, field: "granteePrincipals")
        visitor.visitValues(&retiringPrincipals, field: "retiringPrincipals")
        visitor.visitWord(String(operations.count), field: "operations")
        for operation in operations { visitor.visitWord(operation, field: "operations") }
        Self.walk(&encryptionContextSubset, field: "encryptionContextSubset", &visitor)
        Self.walk(&encryptionContextEquals, field: "encryptionContextEquals", &visitor)
        visitor.visitValue(&issuingAccount, field: "issuingAccount")
    }

    /// Pairs in key order: the count, then each key and value.
    private static func walk<Visitor: FieldVisitor>(_ pairs: inout [String: String], field: StaticString, _ visitor: inout Visitor) {
        visitor.visitWord(String(pairs.count), field: field)
        var rewritten: [String: String] = [:]
        for key in pairs.keys.sorted() {
            var name = key
            var value = pairs[key] ?? ""
            visitor.visitValue(&name, field: field)
            visitor.visitValue(&value, field: field)
            rewritten[name] = value
        }
        if Visitor.rewritesValues { pairs = rewritten }
    }
}
