import Analysis
import Authorizer
import Environment
import Policy

/// Turns a snapshot resource into what the analyzer reads: its type, policy, for buckets the
/// Block Public Access settings of both levels combined, the ACL grants and whether Object
/// Ownership disables them, and for KMS keys their grants.
public enum AnalyzedResourceBuilder {
    struct Unsupported: Error, CustomStringConvertible {
        var description: String
    }

    /// `accessPointAccountsKnown`: the snapshot's accounts whose access points are known whole
    /// (`AccessPointAttachment.knownAccounts`), for a bucket's own question.
    public static func build(_ resource: SnapshotResource, account: AccountSnapshot, organization: Organization? = nil,
                             accessPointAccountsKnown: [String] = []) throws -> AnalyzedResource {
        try build(resource, account: account, context: AccountOrganizationContext(account: account.id, organization: organization),
                  accessPointAccountsKnown: accessPointAccountsKnown)
    }

    /// `build(_:account:organization:accessPointAccountsKnown:)` with what the account takes from
    /// the organization worked out once (`context`, of `account`): the same resource.
    public static func build(_ resource: SnapshotResource, account: AccountSnapshot, context: AccountOrganizationContext,
                             accessPointAccountsKnown: [String] = []) throws -> AnalyzedResource {
        guard let type = ResourceType(rawValue: resource.type) else {
            throw Unsupported(description: "resource type \(resource.type) is not analysed")
        }
        var analyzed = AnalyzedResource(arn: resource.arn, type: type, account: resource.account, policy: resource.policy)
        analyzed.sharedWith = resource.sharedWith
        analyzed.resourceControlPolicies = context.resourceControlPolicies(for: type)
        if readsOwnerOrganization([resource.policy].compactMap { $0 } + (analyzed.resourceControlPolicies ?? []).joined()) {
            analyzed.ownerOrganization = context.ownerOrganization
        }
        if type == .s3Bucket {
            let levels = [account.publicAccessBlock, resource.publicAccessBlock].compactMap { $0 }
            if let first = levels.first {
                let combined = levels.dropFirst().reduce(first) { $0.combined(with: $1) }
                analyzed.blockPublicAccess = combined
            }
            if let acl = resource.acl {
                analyzed.ownerCanonicalID = acl.ownerID
                analyzed.aclGrants = acl.grants.map(ACLGrant.init)
            }
            analyzed.aclsDisabled = resource.objectOwnership?.disablesACLs == true
            analyzed.accessPointAccountsKnown = accessPointAccountsKnown
        }
        if type == .kmsKey { analyzed.kmsGrants = resource.grants }
        return analyzed
    }

    /// The organization of `account` from the snapshot's organization (`aws:ResourceOrgID`,
    /// `aws:ResourceOrgPaths`, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceorgpaths):
    /// nil when the account is not a member — it may be in an organization the snapshot does not
    /// hold, so its organization is unknown, not "none". The path (organization id, root, the OUs
    /// down to the account's parent, each followed by `/`) only when the tree gives every step
    /// from the root to the account; otherwise the paths are unknown.
    static func ownerOrganization(of account: String, in organization: Organization?) -> OwnerOrganization? {
        guard let organization, organization.accounts.contains(where: { $0.id == account }) else { return nil }
        var owner = OwnerOrganization(id: organization.id)
        let nodes = organization.path(to: account)
        if organization.treeProblem == nil, let rootID = organization.rootID, nodes.count >= 2, nodes.first == rootID,
           (1..<nodes.count).allSatisfy({ organization.parents[nodes[$0]] == nodes[$0 - 1] }) {
            let path = ([organization.id] + nodes.dropLast()).joined(separator: "/") + "/"
            if OrganizationIdentifiers.isPath(path, in: organization.id) { owner.paths = [path] }
        }
        return owner
    }

    /// Whether a policy of the resource may read the owner's organization keys (as a condition
    /// key or a policy variable). Where none does, the owner's organization changes no answer and
    /// is left unknown, so that resources of different OUs still share one analysis
    /// (`AnalysisKey`). Over-approximated on the text: a false "reads" only costs sharing.
    static func readsOwnerOrganization(_ policies: [Policy]) -> Bool {
        policies.contains { policy in
            var mentions = MentionsOwnerOrganizationKeys()
            var copy = policy
            copy.walkFields(&mentions)
            return mentions.found
        }
    }

    private struct MentionsOwnerOrganizationKeys: FieldVisitor {
        var found = false
        mutating func visitValue(_ value: inout String, field: StaticString) { check(value) }
        mutating func visitWord(_ word: String, field: StaticString) { check(word) }
        private mutating func check(_ text: String) {
            if !found, Self.containsKeyPrefix(text.utf8) { found = true }
        }

        /// `aws:resourceorg` in any case, on the bytes (no lower-cased copy of every value).
        private static let needle = Array("aws:resourceorg".utf8)

        private static func containsKeyPrefix(_ bytes: String.UTF8View) -> Bool {
            guard bytes.count >= needle.count else { return false }
            var matched = 0
            var index = bytes.startIndex
            while index < bytes.endIndex {
                var byte = bytes[index]
                if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 32 }
                if byte == needle[matched] {
                    matched += 1
                    if matched == needle.count { return true }
                    index = bytes.index(after: index)
                } else if matched > 0 {
                    // No proper prefix of the needle is also its suffix before the mismatch
                    // ("aws:resourceorg" repeats no head), so restart at this byte.
                    matched = 0
                } else {
                    index = bytes.index(after: index)
                }
            }
            return false
        }
    }

    /// Services whose resources RCPs certainly govern (AWS Organizations User Guide, "Resource
    /// control policies", supported services: S3, STS, KMS, SQS, Secrets Manager at launch). For
    /// other services the RCP layer is left out, which can only add findings, never hide one.
    /// KMS keys are left out too: "RCPs don't restrict kms:RetireGrant" (AWS KMS Developer Guide,
    /// "Resource control policies in AWS KMS"), and both semantics apply an RCP layer to every
    /// action of a request, so applying it to a key could hide an outsider's RetireGrant — a
    /// false "safe". Left out, the key's findings are those its policy and grants give.
    public static let servicesUnderRCPs: Set<String> = ["s3", "sts", "sqs", "secretsmanager"]

    /// The RCP levels from the root to `account`, or nil when none apply: no organization, the
    /// management account ("RCPs don't apply to resources in the management account"), a service
    /// RCPs do not cover, or an RCP on the path that could not be read — leaving out one
    /// unreadable RCP could empty a level and deny everything, a false "safe", so the whole layer
    /// is left out instead (sound: it can only add findings).
    static func resourceControlPolicies(for type: ResourceType, account: String, in organization: Organization?) -> [[Policy]]? {
        AccountOrganizationContext(account: account, organization: organization).resourceControlPolicies(for: type)
    }

    /// Why RCPs that would apply to a resource were left out because they could not all be
    /// read, or nil. Leaving them out can only add findings; with it, findings the RCPs would
    /// deny may be listed, and their ids may differ from a run that read the RCPs, so the
    /// resource's list of findings is not complete enough to resolve earlier ones.
    static func unknownResourceControlPolicies(for type: ResourceType, account: String, in organization: Organization?) -> String? {
        AccountOrganizationContext(account: account, organization: organization).unknownResourceControlPolicies(for: type)
    }
}
