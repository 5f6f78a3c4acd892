import Environment
import Foundation
import Policy
import RampartTestSupport
import XCTest

/// The identity side of a snapshot (issue 18, item 1): each user's and role's policies gathered from
/// `aws iam get-account-authorization-details` as the IAM User Guide describes them — a user's own
/// inline and attached policies plus those of its groups ("Identity-based policies"), a role's own,
/// a permissions boundary as one managed policy ("Permissions boundaries for IAM entities"). What
/// the file does not say is unknown, with its cause.
final class IdentityPoliciesTests: XCTestCase {
    private let account = "111122223333"

    private func details(_ text: String) throws -> (IAMAuthorizationDetails?, [SnapshotDiagnostic]) {
        let folder = try ProgramRunner.temporaryDirectory()
        let iam = folder.appendingPathComponent("accounts/\(account)/iam")
        try FileManager.default.createDirectory(at: iam, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: iam.appendingPathComponent("get-account-authorization-details.json"))
        let snapshot = try SnapshotLoader.load(folder: folder.path)
        return (snapshot.accounts.first { $0.id == account }?.iam, snapshot.diagnostics)
    }

    private func document(_ action: String) -> String {
        #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "\#(action)", "Resource": "*"}]}"#
    }

    private func actions(_ policies: [Policy]) -> [String] {
        policies.flatMap { $0.statements.flatMap { $0.actions?.values ?? [] } }.sorted()
    }

    /// A user in two groups, with an inline and an attached policy; each group with its own; a role
    /// with a boundary and tags. Every document is in the file: nothing is unknown.
    private var complete: String {
        #"""
        {
          "UserDetailList": [{
            "Path": "/", "UserName": "dev", "UserId": "AIDACKCEVSQ6C2EXAMPLE", "Arn": "arn:aws:iam::111122223333:user/dev",
            "UserPolicyList": [{"PolicyName": "own", "PolicyDocument": \#(document("s3:GetObject"))}],
            "GroupList": ["Developers", "Readers"],
            "AttachedManagedPolicies": [{"PolicyName": "Deploy", "PolicyArn": "arn:aws:iam::111122223333:policy/Deploy"}],
            "Tags": [{"Key": "team", "Value": "data"}]
          }],
          "GroupDetailList": [
            {"Path": "/", "GroupName": "Developers", "GroupId": "AGPA1", "Arn": "arn:aws:iam::111122223333:group/Developers",
             "GroupPolicyList": [{"PolicyName": "dev", "PolicyDocument": \#(document("sqs:SendMessage"))}],
             "AttachedManagedPolicies": []},
            {"Path": "/", "GroupName": "Readers", "GroupId": "AGPA2", "Arn": "arn:aws:iam::111122223333:group/Readers",
             "GroupPolicyList": [],
             "AttachedManagedPolicies": [{"PolicyName": "Read", "PolicyArn": "arn:aws:iam::111122223333:policy/Read"}]},
            {"Path": "/", "GroupName": "Admins", "GroupId": "AGPA3", "Arn": "arn:aws:iam::111122223333:group/Admins",
             "GroupPolicyList": [{"PolicyName": "all", "PolicyDocument": \#(document("*"))}], "AttachedManagedPolicies": []}
          ],
          "RoleDetailList": [{
            "Path": "/", "RoleName": "etl", "RoleId": "AROADBQP57FF2AEXAMPLE", "Arn": "arn:aws:iam::111122223333:role/etl",
            "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sts:AssumeRole"}]},
            "RolePolicyList": [{"PolicyName": "etl", "PolicyDocument": \#(document("s3:PutObject"))}],
            "AttachedManagedPolicies": [{"PolicyName": "Read", "PolicyArn": "arn:aws:iam::111122223333:policy/Read"}],
            "PermissionsBoundary": {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": "arn:aws:iam::111122223333:policy/Boundary"},
            "Tags": [{"Key": "env", "Value": "prod"}, {"Key": "owner", "Value": ""}]
          }],
          "Policies": [
            {"PolicyName": "Deploy", "Arn": "arn:aws:iam::111122223333:policy/Deploy", "DefaultVersionId": "v2",
             "PolicyVersionList": [{"Document": \#(document("cloudformation:CreateStack")), "VersionId": "v1", "IsDefaultVersion": false},
                                   {"Document": \#(document("lambda:InvokeFunction")), "VersionId": "v2", "IsDefaultVersion": true}]},
            {"PolicyName": "Read", "Arn": "arn:aws:iam::111122223333:policy/Read", "DefaultVersionId": "v1",
             "PolicyVersionList": [{"Document": \#(document("s3:ListBucket")), "VersionId": "v1", "IsDefaultVersion": true}]},
            {"PolicyName": "Boundary", "Arn": "arn:aws:iam::111122223333:policy/Boundary", "DefaultVersionId": "v1",
             "PolicyVersionList": [{"Document": \#(document("s3:*")), "VersionId": "v1", "IsDefaultVersion": true}]}
          ]
        }
        """#
    }

    func testAUserHasItsOwnAndItsGroupsPoliciesAndTheDefaultVersionOnly() throws {
        let (read, diagnostics) = try details(complete)
        XCTAssertEqual(diagnostics, [])
        let details = try XCTUnwrap(read)
        let user = try XCTUnwrap(IdentityPolicies.resolve("arn:aws:iam::111122223333:user/dev", in: details))
        XCTAssertFalse(user.isRole)
        XCTAssertEqual(user.unknown, [])
        // own inline, attached Deploy at its default version (v2), group Developers' inline,
        // group Readers' attached Read; not Admins, a group the user is not in.
        XCTAssertEqual(actions(user.policies), ["lambda:InvokeFunction", "s3:GetObject", "s3:ListBucket", "sqs:SendMessage"])
        XCTAssertNil(user.permissionsBoundary)
        XCTAssertEqual(user.principal.id, "AIDACKCEVSQ6C2EXAMPLE")
        XCTAssertEqual(user.principal.tags, ["team": "data"])
        XCTAssertEqual(user.principal.groups, ["Developers", "Readers"])
    }

    func testARoleHasItsOwnPoliciesItsBoundaryAndItsTags() throws {
        let details = try XCTUnwrap(try self.details(complete).0)
        let role = try XCTUnwrap(IdentityPolicies.resolve("arn:aws:iam::111122223333:role/etl", in: details))
        XCTAssertTrue(role.isRole)
        XCTAssertEqual(role.unknown, [])
        XCTAssertEqual(actions(role.policies), ["s3:ListBucket", "s3:PutObject"])
        XCTAssertEqual(actions(role.permissionsBoundary.map { [$0] } ?? []), ["s3:*"])
        XCTAssertEqual(role.principal.tags, ["env": "prod", "owner": ""])
        XCTAssertEqual(role.principal.id, "AROADBQP57FF2AEXAMPLE")
        XCTAssertNil(IdentityPolicies.resolve("arn:aws:iam::111122223333:role/absent", in: details))
    }

    /// A managed policy the file does not hold (an AWS managed policy, when the collection filtered
    /// them out), a group it does not list, an inline document that cannot be read, a boundary it
    /// lacks: each is unknown with its cause — never read as "no permission".
    func testWhatTheFileDoesNotSayIsUnknownWithItsCause() throws {
        let text = #"""
        {
          "UserDetailList": [{
            "Path": "/", "UserName": "ops", "Arn": "arn:aws:iam::111122223333:user/ops",
            "UserPolicyList": [{"PolicyName": "broken", "PolicyDocument": "{\"Version\": \"2012-10-17\", \"Statement\": ["}],
            "GroupList": ["Gone"],
            "AttachedManagedPolicies": [{"PolicyName": "ReadOnlyAccess", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}],
            "PermissionsBoundary": {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": "arn:aws:iam::111122223333:policy/Cap"}
          }, {
            "Path": "/", "UserName": "nogroups", "Arn": "arn:aws:iam::111122223333:user/nogroups", "UserPolicyList": []
          }],
          "GroupDetailList": [],
          "RoleDetailList": [],
          "Policies": []
        }
        """#
        let (read, diagnostics) = try details(text)
        XCTAssertEqual(diagnostics.map(\.code), ["MALFORMED_JSON"])
        let details = try XCTUnwrap(read)
        let ops = try XCTUnwrap(IdentityPolicies.resolve("arn:aws:iam::111122223333:user/ops", in: details))
        XCTAssertEqual(ops.policies, [])
        XCTAssertFalse(ops.isComplete)
        XCTAssertEqual(ops.unknown.count, 4, "\(ops.unknown)")
        for cause in ["inline policy broken", "group Gone", "arn:aws:iam::aws:policy/ReadOnlyAccess", "permissions boundary arn:aws:iam::111122223333:policy/Cap"] {
            XCTAssertTrue(ops.unknown.contains { $0.contains(cause) }, "\(cause) not in \(ops.unknown)")
        }
        let nogroups = try XCTUnwrap(IdentityPolicies.resolve("arn:aws:iam::111122223333:user/nogroups", in: details))
        XCTAssertNil(nogroups.principal.groups)
        XCTAssertEqual(nogroups.unknown.count, 1)
    }
}
