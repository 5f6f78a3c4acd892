import Analysis
import Environment
@testable import Findings
import Policy
import XCTest

/// What a scan's plan works out once and shares: the zone prepared for renaming
/// (`RenamableZone`), which must rename exactly as the zone's own walk does, and what an
/// account takes from the organization (`AccountOrganizationContext`), which must follow the
/// AWS Organizations rules for RCPs ("RCPs don't apply to resources in the management account";
/// the services RCPs govern, `AnalyzedResourceBuilder.servicesUnderRCPs`).
final class PlanSharingTests: XCTestCase {
    private let members = ["200000000001", "200000000002", "200000000003"]

    func testAPreparedZoneRenamesAsTheZoneDoes() {
        let zone = ZoneOfTrust.organization("o-a1b2c3d4e5", accounts: members)
        let prepared = RenamableZone(zone)
        let swaps = [
            TokenSwap(pairs: [("logs-4242", "zq9999999")]),                        // moves none of the zone's values
            TokenSwap(pairs: [("200000000002", "010101010101")]),                  // moves a member account
            TokenSwap(pairs: [("logs-4242", "zq9999999"), ("o-a1b2c3d4e5", "o-zz99999999")]),  // moves the organization
        ]
        for swap in swaps {
            XCTAssertEqual(prepared.renamed(by: swap), zone.renamed(by: swap), "\(swap.pairs)")
        }
        XCTAssertEqual(prepared.renamed(by: swaps[0]), zone, "nothing of the zone moved")
        XCTAssertEqual(prepared.renamed(by: swaps[1]).accounts, ["010101010101", "200000000001", "200000000003"])
    }

    func testAPreparedZoneKeepsTheWalksOrderWhenNothingMoves() {
        var zone = ZoneOfTrust.organization("o-a1b2c3d4e5", accounts: members)
        zone.accounts = ["200000000003", "200000000001", "200000000003"]   // set directly: neither sorted nor distinct
        let swap = TokenSwap(pairs: [("logs-4242", "zq9999999")])
        XCTAssertEqual(RenamableZone(zone).renamed(by: swap), zone.renamed(by: swap))
        XCTAssertEqual(RenamableZone(zone).renamed(by: swap).accounts, ["200000000001", "200000000003"])
    }

    private func policy(_ text: String) -> Policy? {
        PolicyParser.parse(text: text, source: "rcp", type: .rcp).policy
    }

    /// RCPFullAWSAccess attached at the root and to every account, as AWS attaches it (every
    /// level of the path must allow: AWS Organizations User Guide, "Resource control policies").
    private func organization(rcpReadable: Bool) -> Organization {
        let full = policy(#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}"#)
        return Organization(id: "o-a1b2c3d4e5", managementAccountID: members[0], rootID: "r-ab12",
                            accounts: members.map { OrganizationAccount(id: $0) },
                            policies: [OrganizationPolicy(id: "p-full", name: "RCPFullAWSAccess", kind: .resourceControlPolicy,
                                                          policy: rcpReadable ? full : nil, targets: ["r-ab12"] + members,
                                                          file: "organization/p-full.json")],
                            parents: Dictionary(uniqueKeysWithValues: members.map { ($0, "r-ab12") }))
    }

    func testAnAccountsRCPsFollowTheOrganizationsRules() throws {
        let organization = organization(rcpReadable: true)
        let member = AccountOrganizationContext(account: members[1], organization: organization)
        let levels = try XCTUnwrap(member.resourceControlPolicies(for: .s3Bucket))
        XCTAssertEqual(levels.map(\.count), [1, 1], "two levels: the root and the account")
        XCTAssertNil(member.resourceControlPolicies(for: .kmsKey), "KMS keys are left out of the RCP layer")
        XCTAssertNil(member.resourceControlPolicies(for: .snsTopic), "SNS is not a service RCPs govern")
        XCTAssertNil(member.unknownResourceControlPolicies(for: .s3Bucket))
        XCTAssertEqual(member.ownerOrganization?.id, "o-a1b2c3d4e5")
        XCTAssertEqual(member.ownerOrganization?.paths, ["o-a1b2c3d4e5/r-ab12/"])

        let management = AccountOrganizationContext(account: members[0], organization: organization)
        XCTAssertNil(management.resourceControlPolicies(for: .s3Bucket), "RCPs don't apply in the management account")
        let outsider = AccountOrganizationContext(account: "999988887777", organization: organization)
        XCTAssertNil(outsider.resourceControlPolicies(for: .s3Bucket))
        XCTAssertNil(outsider.ownerOrganization)
        XCTAssertNil(AccountOrganizationContext(account: members[1], organization: nil).resourceControlPolicies(for: .s3Bucket))
    }

    func testAnUnreadableRCPLeavesTheLayerOutAndSaysWhy() {
        let member = AccountOrganizationContext(account: members[1], organization: organization(rcpReadable: false))
        XCTAssertNil(member.resourceControlPolicies(for: .s3Bucket), "left out whole: one unreadable RCP could empty its level")
        XCTAssertEqual(member.unknownResourceControlPolicies(for: .s3Bucket)?.contains("p-full"), true)
        XCTAssertNil(member.unknownResourceControlPolicies(for: .snsTopic), "not governed: nothing unknown")
    }

    func testAnalysedResourcesBuiltWithTheContextAreTheSame() throws {
        let organization = organization(rcpReadable: true)
        var resource = SnapshotResource(type: "AWS::S3::Bucket", arn: "arn:aws:s3:::logs-4242", account: members[1])
        resource.policy = PolicyParser.parse(text: #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceOrgID": "o-a1b2c3d4e5"}}}]}"#,
                                             source: "bucket", type: .resource).policy
        let account = AccountSnapshot(id: members[1], resources: [resource])
        let direct = try AnalyzedResourceBuilder.build(resource, account: account, organization: organization)
        let shared = try AnalyzedResourceBuilder.build(resource, account: account,
                                                       context: AccountOrganizationContext(account: members[1], organization: organization))
        XCTAssertEqual(direct, shared)
        XCTAssertNotNil(shared.resourceControlPolicies)
        XCTAssertEqual(shared.ownerOrganization?.id, "o-a1b2c3d4e5", "the policy reads aws:ResourceOrgID")
    }
}
