import Analysis
import Environment
@testable import Findings
import RampartTestSupport
import XCTest

/// `who-can`'s "no path" on the other side (issue 18, item 5): the roles whose sessions reach the
/// resource but that no outside principal may assume, each with its trust policy's proof. Worked
/// by hand on one account, 111122223333 (zone: the account): user Alice may assume Etl; Etl
/// trusts only Alice, and may assume DataRole; DataRole trusts only Etl and reads acme-data (same
/// account: its identity policy suffices, IAM User Guide, "Policy evaluation logic"). Nothing
/// outside reaches acme-data; both roles reach it from inside, and neither trust policy names a
/// principal outside the account.
final class NotEnteredFromOutsideTests: XCTestCase {
    private func arn(_ role: String) -> String { "arn:aws:iam::111122223333:role/\(role)" }
    private let alice = "arn:aws:iam::111122223333:user/Alice"

    func testRolesThatReachTheResourceButNoOutsiderMayAssumeAreNamedWithTheirTrustProof() throws {
        func role(_ name: String, id: String, trusts principal: String, allows statement: String) -> String {
            #"""
            {"Path": "/", "RoleName": "\#(name)", "RoleId": "\#(id)", "Arn": "\#(arn(name))",
             "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
                 {"Sid": "OnlyInside", "Effect": "Allow", "Principal": {"AWS": "\#(principal)"}, "Action": "sts:AssumeRole"}]},
             "RolePolicyList": [{"PolicyName": "inline", "PolicyDocument": {"Version": "2012-10-17", "Statement": [\#(statement)]}}],
             "AttachedManagedPolicies": [], "Tags": []}
            """#
        }
        let etl = role("Etl", id: "AROAETLROLE000000001", trusts: alice,
                       allows: #"{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "\#(arn("DataRole"))"}"#)
        let data = role("DataRole", id: "AROADATAROLE00000001", trusts: arn("Etl"),
                        allows: #"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-data/*"}"#)
        let user = #"""
            {"Path": "/", "UserName": "Alice", "UserId": "AIDAALICE00000000001", "Arn": "\#(alice)", "GroupList": [],
             "UserPolicyList": [{"PolicyName": "assume", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                 {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "\#(arn("Etl"))"}]}}],
             "AttachedManagedPolicies": [], "Tags": []}
            """#
        let details = #"{"UserDetailList": [\#(user)], "GroupDetailList": [], "Policies": [], "RoleDetailList": [\#(etl), \#(data)]}"#
        let blockNothing = #"{"PublicAccessBlockConfiguration": {"BlockPublicAcls": false, "IgnorePublicAcls": false, "BlockPublicPolicy": false, "RestrictPublicBuckets": false}}"#
        let folder = try SnapshotFolderFixture.write(account: "111122223333", files: [
            "iam/get-account-authorization-details.json": details,
            "s3/acme-data.get-public-access-block.json": blockNothing,
        ])
        let snapshot = try SnapshotLoader.load(folder: folder.path)
        XCTAssertEqual(snapshot.diagnostics, [])
        let model = AccessModel(snapshot: snapshot, zoneMode: .account)
        let answer = try XCTUnwrap(try model.whoCan(resource: "arn:aws:s3:::acme-data",
                                                    options: AnalysisOptions(timeoutMilliseconds: 120_000)))
        XCTAssertNil(answer.outsideThroughRoles)
        XCTAssertEqual(answer.inside.keys.sorted(), [arn("DataRole"), arn("Etl"), alice])
        XCTAssertEqual(answer.notEnteredFromOutside.map(\.role), [arn("DataRole"), arn("Etl")])
        for role in answer.notEnteredFromOutside {
            XCTAssertEqual(role.trust, .noExternalAccess)
            XCTAssertEqual(role.explanation, ["Allow statement 0 (OnlyInside): its Principal names only principals inside the zone of trust."],
                           role.role)
        }
    }
}
