import Analysis
import Authorizer
import Environment
@testable import Findings
import Policy
import RampartTestSupport
import XCTest

/// Access through chains of roles (issue 18), worked by hand on one account, 111122223333, and a
/// partner outside it, 444455556666. The partner may assume PartnerAccess with its external id
/// (IAM User Guide, "Access to AWS accounts owned by third parties"); PartnerAccess's sessions may
/// assume DataRole, whose trust names PartnerAccess ("Role chaining"); DataRole reads acme-data
/// (same account: its identity policy suffices, IAM User Guide, "Policy evaluation logic") and
/// would read acme-logs, whose policy denies it (an explicit Deny wins); LoopA and LoopB trust each
/// other (a cycle); Internal is trusted by the account alone and reads acme-secret.
final class AccessPathSearchTests: XCTestCase {
    private let account = "111122223333"

    private func role(_ name: String, id: String, trust: String, inline: String) -> String {
        #"""
        {"Path": "/", "RoleName": "\#(name)", "RoleId": "\#(id)", "Arn": "arn:aws:iam::111122223333:role/\#(name)",
         "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [\#(trust)]},
         "RolePolicyList": [{"PolicyName": "inline", "PolicyDocument": {"Version": "2012-10-17", "Statement": [\#(inline)]}}],
         "AttachedManagedPolicies": [], "Tags": []}
        """#
    }

    private func trusts(_ principal: String, condition: String = "") -> String {
        #"{"Effect": "Allow", "Principal": {"AWS": "\#(principal)"}, "Action": "sts:AssumeRole"\#(condition)}"#
    }

    private func allows(_ action: String, _ resource: String) -> String {
        #"{"Effect": "Allow", "Action": "\#(action)", "Resource": "\#(resource)"}"#
    }

    private func snapshot() throws -> Snapshot {
        let roles = [
            role("PartnerAccess", id: "AROAPARTNERACCESS0001",
                 trust: trusts("arn:aws:iam::444455556666:root", condition: #", "Condition": {"StringEquals": {"sts:ExternalId": "partner-42"}}"#),
                 inline: allows("sts:AssumeRole", "arn:aws:iam::111122223333:role/DataRole") + ","
                     + allows("sts:AssumeRole", "arn:aws:iam::111122223333:role/LoopA")),
            role("DataRole", id: "AROADATAROLE00000001", trust: trusts("arn:aws:iam::111122223333:role/PartnerAccess"),
                 inline: allows("s3:GetObject", "arn:aws:s3:::acme-data/*") + "," + allows("s3:GetObject", "arn:aws:s3:::acme-logs/*")),
            role("LoopA", id: "AROALOOPA00000000001", trust: trusts("arn:aws:iam::111122223333:role/PartnerAccess") + ","
                     + trusts("arn:aws:iam::111122223333:role/LoopB"),
                 inline: allows("sts:AssumeRole", "arn:aws:iam::111122223333:role/LoopB")),
            role("LoopB", id: "AROALOOPB00000000001", trust: trusts("arn:aws:iam::111122223333:role/LoopA"),
                 inline: allows("sts:AssumeRole", "arn:aws:iam::111122223333:role/LoopA")),
            role("Internal", id: "AROAINTERNAL00000001", trust: trusts("arn:aws:iam::111122223333:root"),
                 inline: allows("s3:*", "arn:aws:s3:::acme-secret/*")),
        ]
        let details = #"{"UserDetailList": [], "GroupDetailList": [], "Policies": [], "RoleDetailList": [\#(roles.joined(separator: ","))]}"#
        let blockNothing = #"{"PublicAccessBlockConfiguration": {"BlockPublicAcls": false, "IgnorePublicAcls": false, "BlockPublicPolicy": false, "RestrictPublicBuckets": false}}"#
        let denyDataRole = #"{"Policy": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\", \"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:role/DataRole\"}, \"Action\": \"s3:*\", \"Resource\": \"arn:aws:s3:::acme-logs/*\"}]}"}"#
        let folder = try SnapshotFolderFixture.write(account: account, files: [
            "iam/get-account-authorization-details.json": details,
            "s3/acme-data.get-public-access-block.json": blockNothing,
            "s3/acme-secret.get-public-access-block.json": blockNothing,
            "s3/acme-logs.get-bucket-policy.json": denyDataRole,
        ])
        let snapshot = try SnapshotLoader.load(folder: folder.path)
        XCTAssertEqual(snapshot.diagnostics, [])
        return snapshot
    }

    private func search(_ snapshot: Snapshot) throws -> [AccessPathSearch.Reach] {
        let zone = ZoneOfTrust.account(account)
        let accountSnapshot = try XCTUnwrap(snapshot.accounts.first)
        let analyzed = try snapshot.resources.map { try AnalyzedResourceBuilder.build($0, account: accountSnapshot) }
        var roles: [String: AnalyzedResource] = [:]
        var entries: [AccessPathSearch.Entry] = []
        for resource in analyzed where resource.type == .iamRole {
            roles[resource.arn] = resource
            let result = ExternalAccessAnalyzer.analyze(resource, zone: zone, options: AnalysisOptions(timeoutMilliseconds: 120_000))
            if let entry = AccessPathSearch.entry(roleARN: resource.arn, result: result) { entries.append(entry) }
        }
        XCTAssertEqual(entries.map(\.roleARN), ["arn:aws:iam::111122223333:role/PartnerAccess"])
        let callers = Dictionary(uniqueKeysWithValues: CallerIdentity.all(in: snapshot).map { ($0.arn, $0) })
        return AccessPathSearch.search(entries: entries, callers: callers, roles: roles, resources: analyzed, timeoutMilliseconds: 120_000).reaches
    }

    func testThePartnerReachesTheDataBucketThroughTwoRolesAndNothingElse() throws {
        let reaches = try search(try snapshot())
        XCTAssertEqual(reaches.map(\.resource), ["arn:aws:s3:::acme-data"], "\(reaches)")
        let path = try XCTUnwrap(reaches.first?.path)
        XCTAssertTrue(path.isProved)
        XCTAssertEqual(path.callers, ["arn:aws:iam::111122223333:role/PartnerAccess", "arn:aws:iam::111122223333:role/DataRole"])
        XCTAssertEqual(path.hops.map(\.target), ["arn:aws:iam::111122223333:role/DataRole", "arn:aws:s3:::acme-data"])
        // The entry's witness is the partner's, with the external id the trust requires.
        XCTAssertEqual(path.entry.witness?.principal.account, "444455556666")
        XCTAssertEqual(path.entry.witness?.effectiveContext.values(for: "sts:ExternalId")?.map(\.text), ["partner-42"])
        // Each hop's witness is a session of its caller, allowed by the Authorizer (replayed in the search).
        XCTAssertEqual(path.hops.first?.witness?.principal.roleArn, "arn:aws:iam::111122223333:role/PartnerAccess")
        XCTAssertEqual(path.hops.first?.witness?.action, "sts:AssumeRole")
        XCTAssertEqual(path.hops.last?.witness?.principal.roleArn, "arn:aws:iam::111122223333:role/DataRole")
        XCTAssertEqual(path.hops.last?.witness?.action, "s3:GetObject")
        XCTAssertEqual(reaches.first?.unproven.count, 0)
    }

    /// A managed policy the snapshot does not hold makes DataRole's side unknown, so it may allow
    /// anything: every path through DataRole is UNPROVEN, none proved, none refuted. It may reach
    /// acme-data and acme-secret (same account, no bucket policy) and acme-logs' bucket itself —
    /// the Deny covers only its objects (`acme-logs/*`), so a bucket-level action is not denied.
    func testAnUnknownIdentitySideMakesThePathUnproven() throws {
        var snapshot = try snapshot()
        guard var details = snapshot.accounts[0].iam, let index = details.roles.firstIndex(where: { $0.name == "DataRole" }) else {
            return XCTFail("no DataRole")
        }
        details.roles[index].attachedPolicies.append("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")
        snapshot.accounts[0].iam = details
        let reaches = try search(snapshot)
        XCTAssertEqual(reaches.map(\.resource), ["arn:aws:s3:::acme-data", "arn:aws:s3:::acme-logs", "arn:aws:s3:::acme-secret"])
        for reach in reaches {
            XCTAssertNil(reach.path, reach.resource)
            XCTAssertFalse(reach.unproven.isEmpty, reach.resource)
            for path in reach.unproven {
                XCTAssertTrue(path.hops.contains { $0.unproven?.contains("AmazonS3ReadOnlyAccess") ?? false }, "\(path)")
            }
        }
        let logs = reaches.first { $0.resource == "arn:aws:s3:::acme-logs" }
        XCTAssertTrue(logs?.unproven.allSatisfy { $0.hops.last?.witness?.resource == "arn:aws:s3:::acme-logs" } ?? false)
    }
}
