import Analysis
import Environment
import Policy

/// What an analysis result depends on. Two resources with equal keys get the same answer, so a
/// scan solves each key once (identical KMS default key policies, roles sharing a trust policy…).
///
/// The resource ARN is part of the key unless every statement's `Resource` is absent or `"*"`:
/// a pattern can single out an ARN by its text or length (`arn:aws:s3:::?`), so only then is
/// the answer the same for every resource of the type. When the ARN is left out, the reused
/// findings' witnesses are moved to the other resource (`rebase`).
struct AnalysisKey: Hashable {
    var type: ResourceType
    var account: String?
    var zone: ZoneOfTrust
    var document: String?
    var arn: String?
    var blockPublicAccess: BlockPublicAccess?
    var aclGrants: [ACLGrant]
    var ownerCanonicalID: String?
    var sharedWith: [String]
    var resourceControlPolicies: [[Policy]]?

    init(_ resource: AnalyzedResource, documentText: String?, zone: ZoneOfTrust) {
        type = resource.type
        account = resource.account
        self.zone = zone
        document = documentText
        let rcpStatements = (resource.resourceControlPolicies ?? []).flatMap { $0.flatMap(\.statements) }
        let arnFree = resource.policy.map { ($0.statements + rcpStatements).allSatisfy { statement in
            guard let resources = statement.resources else { return true }
            return !resources.isNegated && resources.values.allSatisfy { $0 == "*" }
        } } ?? false
        arn = arnFree && resource.aclGrants.isEmpty && resource.sharedWith.isEmpty ? nil : resource.arn
        blockPublicAccess = resource.blockPublicAccess
        aclGrants = resource.aclGrants
        ownerCanonicalID = resource.ownerCanonicalID
        sharedWith = resource.sharedWith
        resourceControlPolicies = resource.resourceControlPolicies
    }
}
