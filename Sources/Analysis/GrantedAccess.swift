/// What one finding grants, in the terms its severity and its remediation are judged by: who
/// (the principal and its kind), what (the actions), under which conditions, on which type of
/// resource, and through what (a policy, an ACL, snapshot sharing). `check` findings
/// (`ExternalAccessFinding`) and scan findings (`ScanFinding`) both describe themselves this way,
/// so every output judges a finding alike.
///
/// ```swift
/// let access = GrantedAccess(resourceType: "AWS::S3::Bucket", principal: "*", principalKind: .everyone,
///                            actions: ["s3:GetObject"], conditions: [], isPublic: true, source: .policy)
/// FindingSeverity(access).label  // .high
/// ```
public struct GrantedAccess: Sendable, Hashable {
    /// `AWS::S3::Bucket`, `AWS::IAM::Role`, … (`ResourceType`'s raw values).
    public var resourceType: String
    public var principal: String
    public var principalKind: PrincipalClassKind
    public var actions: [String]
    /// As findings print them: `operator key: values`.
    public var conditions: [String]
    public var isPublic: Bool
    public var source: FindingSource

    public init(resourceType: String, principal: String, principalKind: PrincipalClassKind, actions: [String], conditions: [String],
                isPublic: Bool, source: FindingSource) {
        self.resourceType = resourceType
        self.principal = principal
        self.principalKind = principalKind
        self.actions = actions
        self.conditions = conditions
        self.isPublic = isPublic
        self.source = source
    }

    public init(_ finding: ExternalAccessFinding, resourceType: ResourceType) {
        self.init(resourceType: resourceType.rawValue, principal: finding.principal, principalKind: finding.principalKind,
                  actions: finding.actions, conditions: finding.conditions, isPublic: finding.isPublic, source: finding.source)
    }

    /// The condition keys the granting statements test (`aws:SourceAccount` from
    /// `StringEquals aws:SourceAccount: 111122223333`), as written.
    public var conditionKeys: [String] {
        conditions.compactMap { condition in
            guard let space = condition.firstIndex(of: " ") else { return nil }
            let rest = condition[condition.index(after: space)...]
            guard let end = rest.range(of: ": ") else { return nil }
            return String(rest[..<end.lowerBound])
        }
    }

    /// True when a granting statement tests a source key (`aws:SourceAccount`, `aws:SourceArn`,
    /// `aws:SourceOwner`, `aws:SourceOrgID`, `aws:SourceOrgPaths`): a service principal then acts
    /// for the account, resource or organization named, not for any caller.
    public var hasSourceCondition: Bool {
        let keys = Set(ServiceSourceEvidence.sourceKeys.map { $0.lowercased() })
        return conditionKeys.contains { keys.contains($0.lowercased()) }
    }
}
