import Analysis
import Authorizer
import Environment
@testable import Findings
import Policy
import RampartTestSupport
import XCTest

/// Classes of callers in `what-can` searches (issue 18's scale), worked by hand on one account,
/// 111122223333: alice, bob and erin are in group Devs (`sts:AssumeRole` on any role) with no
/// policy of their own — one class; carol is in Devs too but her inline policy denies assuming
/// Shared — another; the three roles, with one inline policy each, the same, a third. Roles: Shared trusts the account; Named trusts bob's ARN alone; Tagged trusts
/// the account when `aws:PrincipalTag/team` is `red` (alice's tag). Each role may read
/// team-data's objects, a bucket of the account without a policy (within one account the identity
/// policy suffices: IAM User Guide, "Policy evaluation logic"; a role's trust must name the
/// caller, its account or everyone: "AWS JSON policy elements: Principal").
///
/// By hand: alice assumes Shared and Tagged; bob Shared and Named; erin Shared; carol none (the
/// Deny wins; Named does not name her, she has no tag). Every one but carol reaches team-data.
final class CallerClassesTests: XCTestCase {
    private let account = "111122223333"

    private func user(_ name: String, inline: String? = nil, tags: String = "[]") -> String {
        let policies = inline.map { #"[{"PolicyName": "own", "PolicyDocument": {"Version": "2012-10-17", "Statement": [\#($0)]}}]"# } ?? "[]"
        return #"""
        {"Path": "/", "UserName": "\#(name)", "UserId": "AIDA\#(name.uppercased())EXAMPLE", "Arn": "arn:aws:iam::111122223333:user/\#(name)",
         "UserPolicyList": \#(policies), "GroupList": ["Devs"], "AttachedManagedPolicies": [], "Tags": \#(tags)}
        """#
    }

    private func role(_ name: String, trust: String) -> String {
        #"""
        {"Path": "/", "RoleName": "\#(name)", "RoleId": "AROA\#(name.uppercased())EXAMPLE", "Arn": "arn:aws:iam::111122223333:role/\#(name)",
         "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [\#(trust)]},
         "RolePolicyList": [{"PolicyName": "read", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::team-data/*"}]}}],
         "AttachedManagedPolicies": [], "Tags": []}
        """#
    }

    private func model() throws -> AccessModel {
        let trustAccount = #"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}"#
        let bob = #"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/bob"}, "Action": "sts:AssumeRole"}"#
        let red = #"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "red"}}}"#
        let users = [user("alice", tags: #"[{"Key": "team", "Value": "red"}]"#), user("bob"), user("erin"),
                     user("carol", inline: #"{"Effect": "Deny", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111122223333:role/Shared"}"#)]
        let roles = [role("Shared", trust: trustAccount), role("Named", trust: bob), role("Tagged", trust: red)]
        let group = #"""
        {"Path": "/", "GroupName": "Devs", "GroupId": "AGPADEVS", "Arn": "arn:aws:iam::111122223333:group/Devs",
         "GroupPolicyList": [{"PolicyName": "assume", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]}}],
         "AttachedManagedPolicies": []}
        """#
        let details = #"{"UserDetailList": [\#(users.joined(separator: ","))], "GroupDetailList": [\#(group)], "Policies": [], "RoleDetailList": [\#(roles.joined(separator: ","))]}"#
        let blockNothing = #"{"PublicAccessBlockConfiguration": {"BlockPublicAcls": false, "IgnorePublicAcls": false, "BlockPublicPolicy": false, "RestrictPublicBuckets": false}}"#
        let folder = try SnapshotFolderFixture.write(account: account, files: [
            "iam/get-account-authorization-details.json": details,
            "s3/team-data.get-public-access-block.json": blockNothing,
        ])
        let snapshot = try SnapshotLoader.load(folder: folder.path)
        XCTAssertEqual(snapshot.diagnostics, [])
        let model = AccessModel(snapshot: snapshot, zoneMode: .account)
        XCTAssertEqual(model.callers.count, 7)
        return model
    }

    private func arn(_ user: String) -> String { "arn:aws:iam::111122223333:user/\(user)" }

    func testUsersInTheSameGroupsWithNoPoliciesOfTheirOwnAreOneClass() throws {
        let model = try model()
        XCTAssertEqual(model.classes[arn("alice")], model.classes[arn("bob")])
        XCTAssertEqual(model.classes[arn("bob")], model.classes[arn("erin")])
        XCTAssertNotEqual(model.classes[arn("carol")], model.classes[arn("bob")])
        // The three roles have the same (inline) policy: their sessions are one class, apart from the users.
        XCTAssertEqual(model.classes["arn:aws:iam::111122223333:role/Shared"], model.classes["arn:aws:iam::111122223333:role/Named"])
        XCTAssertNotEqual(model.classes["arn:aws:iam::111122223333:role/Shared"], model.classes[arn("bob")])
        XCTAssertEqual(model.classes.count, 3)
    }

    /// The searches of every user through one cache with classes give the hand-worked answers,
    /// the same as each user searched alone without classes, with fewer questions.
    func testSharedAnswersAreEachMembersOwn() throws {
        let model = try model()
        let expectedRoles = ["alice": ["Shared", "Tagged"], "bob": ["Named", "Shared"], "erin": ["Shared"], "carol": []]
        let shared = ReachAnswers()
        var alone = 0
        for (name, roles) in expectedRoles.sorted(by: { $0.key < $1.key }) {
            let targets = model.resources.filter { $0.type != .iamRole }
            let withClasses = AccessPathSearch.search(entries: [.inside(arn(name))], callers: model.callers, roles: model.roles,
                                                      resources: targets, timeoutMilliseconds: 60_000, answers: shared, classes: model.classes)
            let own = ReachAnswers()
            let without = AccessPathSearch.search(entries: [.inside(arn(name))], callers: model.callers, roles: model.roles,
                                                  resources: targets, timeoutMilliseconds: 60_000, answers: own)
            alone += own.asked
            for result in [withClasses, without] {
                XCTAssertEqual(result.roles.keys.sorted(), roles.map { "arn:aws:iam::111122223333:role/\($0)" }, name)
                XCTAssertTrue(result.roles.values.allSatisfy(\.isProved), name)
                XCTAssertEqual(result.reaches.compactMap { $0.path == nil ? nil : $0.resource }, name == "carol" ? [] : ["arn:aws:s3:::team-data"], name)
                XCTAssertTrue(result.reaches.allSatisfy { $0.unproven.isEmpty }, name)
            }
            // Every hop's witness names its own caller and replays.
            for path in withClasses.roles.values {
                for hop in path.hops {
                    let witness = try XCTUnwrap(hop.witness)
                    XCTAssertEqual(witness.principal.roleArn ?? witness.principal.arn, hop.caller)
                }
            }
        }
        XCTAssertLessThan(shared.asked, alone, "members of a class share questions")
    }
}
