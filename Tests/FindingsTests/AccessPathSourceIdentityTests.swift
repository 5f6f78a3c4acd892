import Analysis
import Authorizer
import Encoding
import Environment
@testable import Findings
import Policy
import RampartTestSupport
import XCTest

/// Source identity along access paths (issue 18, item 3), worked by hand on one account,
/// 111122223333. IAM User Guide, "Monitor and control actions taken with assumed roles": a
/// source identity is set when a role is assumed, which needs `sts:SetSourceIdentity` allowed;
/// once set it persists through role chaining and cannot be changed. An IAM user's own requests
/// carry none.
///
/// User Alice may assume any role and set a source identity (her identity policy). Role Hop trusts
/// Alice; its sessions may assume Audited. Audited trusts Alice and Hop only when
/// `sts:SourceIdentity` is in the request (`Null: false`), and reads the bucket acme-audit (same
/// account, its identity policy suffices: "Policy evaluation logic").
final class AccessPathSourceIdentityTests: XCTestCase {
    private let account = "111122223333"
    private func arn(_ role: String) -> String { "arn:aws:iam::111122223333:role/\(role)" }
    private let alice = "arn:aws:iam::111122223333:user/Alice"

    private func model(hopTrustActions: String) throws -> AccessModel {
        func role(_ name: String, id: String, trust: String, inline: String) -> String {
            #"""
            {"Path": "/", "RoleName": "\#(name)", "RoleId": "\#(id)", "Arn": "arn:aws:iam::111122223333:role/\#(name)",
             "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [\#(trust)]},
             "RolePolicyList": [{"PolicyName": "inline", "PolicyDocument": {"Version": "2012-10-17", "Statement": [\#(inline)]}}],
             "AttachedManagedPolicies": [], "Tags": []}
            """#
        }
        let hop = role("Hop", id: "AROAHOPROLE000000001",
                       trust: #"{"Effect": "Allow", "Principal": {"AWS": "\#(alice)"}, "Action": \#(hopTrustActions)}"#,
                       inline: #"{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "\#(arn("Audited"))"}"#)
        let audited = role("Audited", id: "AROAAUDITEDROLE00001",
                           trust: #"""
                               {"Effect": "Allow", "Principal": {"AWS": ["\#(alice)", "\#(arn("Hop"))"]}, "Action": "sts:AssumeRole",
                                "Condition": {"Null": {"sts:SourceIdentity": "false"}}}
                               """#,
                           inline: #"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-audit/*"}"#)
        let user = #"""
            {"Path": "/", "UserName": "Alice", "UserId": "AIDAALICE00000000001", "Arn": "\#(alice)", "GroupList": [],
             "UserPolicyList": [{"PolicyName": "assume", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                 {"Effect": "Allow", "Action": ["sts:AssumeRole", "sts:SetSourceIdentity"], "Resource": "*"}]}}],
             "AttachedManagedPolicies": [], "Tags": []}
            """#
        let details = #"{"UserDetailList": [\#(user)], "GroupDetailList": [], "Policies": [], "RoleDetailList": [\#(hop), \#(audited)]}"#
        let blockNothing = #"{"PublicAccessBlockConfiguration": {"BlockPublicAcls": false, "IgnorePublicAcls": false, "BlockPublicPolicy": false, "RestrictPublicBuckets": false}}"#
        let folder = try SnapshotFolderFixture.write(account: account, files: [
            "iam/get-account-authorization-details.json": details,
            "s3/acme-audit.get-public-access-block.json": blockNothing,
        ])
        let snapshot = try SnapshotLoader.load(folder: folder.path)
        XCTAssertEqual(snapshot.diagnostics, [])
        return AccessModel(snapshot: snapshot, zoneMode: .account)
    }

    /// No trust lets anyone set a source identity: Alice's requests carry none, and neither do the
    /// sessions she obtains, so Audited (which requires one) is closed to her and to Hop's sessions
    /// she reaches. Before item 3 the key was free on every hop and Audited was (wrongly) reached.
    func testARoleRequiringASourceIdentityIsNotEnteredFromAUserWhosePathCannotSetOne() throws {
        let result = try XCTUnwrap(try model(hopTrustActions: #""sts:AssumeRole""#).whatCan(principal: alice, timeoutMilliseconds: 120_000))
        XCTAssertEqual(result.roles.keys.sorted(), [arn("Hop")])
        XCTAssertEqual(result.reaches.map(\.resource), [])
        XCTAssertEqual(result.roles[arn("Hop")]?.hops.first?.sourceIdentity, .absent)
    }

    /// Hop's trust also allows Alice sts:SetSourceIdentity: she sets one on Hop's session, it
    /// persists into the session Hop obtains of Audited, so Audited is entered and acme-audit read.
    /// Audited itself does not let Alice set one, so she does not enter it directly.
    func testItIsEnteredWhenAnEarlierHopMaySetTheSourceIdentity() throws {
        let result = try XCTUnwrap(try model(hopTrustActions: #"["sts:AssumeRole", "sts:SetSourceIdentity"]"#)
            .whatCan(principal: alice, timeoutMilliseconds: 120_000))
        XCTAssertEqual(result.roles.keys.sorted(), [arn("Audited"), arn("Hop")])
        XCTAssertEqual(result.reaches.map(\.resource), ["arn:aws:s3:::acme-audit"])
        let path = try XCTUnwrap(result.reaches.first?.path)
        XCTAssertTrue(path.isProved)
        XCTAssertEqual(path.callers, [alice, arn("Hop"), arn("Audited")])
        XCTAssertEqual(path.hops.map(\.sourceIdentity), [.settingNow, .free, .free])
        // The replayed request of Hop's session assuming Audited carries the source identity.
        XCTAssertNotNil(path.hops[1].witness?.effectiveContext.values(for: "sts:SourceIdentity"))
        XCTAssertNil(path.hops[0].witness?.effectiveContext.values(for: "aws:SourceIdentity"), "Alice's session had none before")
    }

    /// A role's own sessions (what-can on the role) may have been given a source identity by
    /// whoever assumed it, so it is left free there: Hop reaches Audited on its own. (Here only
    /// Alice can assume Hop, and she cannot set one, so this is an over-approximation: it may add
    /// paths, never hide one.)
    func testARolesOwnSessionsLeaveTheSourceIdentityFree() throws {
        let result = try XCTUnwrap(try model(hopTrustActions: #""sts:AssumeRole""#).whatCan(principal: arn("Hop"), timeoutMilliseconds: 120_000))
        XCTAssertEqual(result.roles.keys.sorted(), [arn("Audited")])
        XCTAssertEqual(result.roles[arn("Audited")]?.hops.first?.sourceIdentity, .free)
    }
}
