import Policy
@testable import Templates
import XCTest

/// SCPs, RCPs and identity policies of templates and plans, each read from the property its
/// type's documentation names (CloudFormation template reference; the AWS provider's resources),
/// with its targets or the principals it is attached to.
final class AttachedPoliciesTests: XCTestCase {
    private let context = DeploymentContext(account: "111122223333", region: "us-east-1")
    private let identity = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#
    private let deny = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}]}"#

    private func cloudFormation(_ text: String) throws -> [AttachedPolicy] {
        let (template, diagnostics) = CloudFormationTemplate.read(bytes: Array(text.utf8), file: "t.json")
        XCTAssertEqual(diagnostics.map(\.description), [])
        return CloudFormationSubjects(template: try XCTUnwrap(template), context: context).attachedPolicies()
    }

    private func summary(_ policy: AttachedPolicy) -> String {
        "\(policy.name) \(policy.kind.rawValue) \(policy.policyPath) targets=[\(policy.targets.map(TextPart.identity).joined(separator: ","))] "
            + "attached=[\(policy.attachedTo.joined(separator: ","))] arn=\(policy.managedPolicyARN.map(TextPart.identity) ?? "-")"
    }

    func testEveryCloudFormationKindIsReadWithWhatItIsAttachedTo() throws {
        let text = """
            {"Parameters": {"Ou": {"Type": "String"}},
             "Resources": {
              "Rcp": {"Type": "AWS::Organizations::Policy", "Properties": {"Name": "perimeter", "Type": "RESOURCE_CONTROL_POLICY", "TargetIds": ["111122223333", {"Ref": "Ou"}], "Content": \(deny)}},
              "Scp": {"Type": "AWS::Organizations::Policy", "Properties": {"Name": "guard", "Type": "SERVICE_CONTROL_POLICY", "TargetIds": ["r-ab12"], "Content": \(identity)}},
              "Tags": {"Type": "AWS::Organizations::Policy", "Properties": {"Name": "tags", "Type": "TAG_POLICY", "Content": {"tags": {}}}},
              "Managed": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"ManagedPolicyName": "reader", "Path": "/app/", "Roles": [{"Ref": "Role"}], "Groups": ["ops"], "PolicyDocument": \(identity)}},
              "Inline": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "inline", "Users": ["alice"], "PolicyDocument": \(identity)}},
              "RolePolicy": {"Type": "AWS::IAM::RolePolicy", "Properties": {"PolicyName": "rp", "RoleName": "app", "PolicyDocument": \(identity)}},
              "Role": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "app", "AssumeRolePolicyDocument": \(deny), "Policies": [{"PolicyName": "own", "PolicyDocument": \(identity)}]}}}}
            """
        let found = try cloudFormation(text).map(summary)
        XCTAssertEqual(found, [
            "Rcp RESOURCE_CONTROL_POLICY $.Resources.Rcp.Properties.Content targets=[111122223333,${parameter Ou (no default; give it with --parameter Ou=VALUE)}] attached=[] arn=-",
            "Scp SERVICE_CONTROL_POLICY $.Resources.Scp.Properties.Content targets=[r-ab12] attached=[] arn=-",
            "Managed IDENTITY $.Resources.Managed.Properties.PolicyDocument targets=[] attached=[role app,group ops] arn=arn:aws:iam::111122223333:policy/app/reader",
            "Inline IDENTITY $.Resources.Inline.Properties.PolicyDocument targets=[] attached=[user alice] arn=-",
            "RolePolicy IDENTITY $.Resources.RolePolicy.Properties.PolicyDocument targets=[] attached=[role app] arn=-",
            "Role.Policies[0] IDENTITY $.Resources.Role.Properties.Policies[0].PolicyDocument targets=[] attached=[role app] arn=-",
        ])
    }

    /// An Organizations policy whose `Type` is a parameter without a value may be an RCP: it is
    /// kept as of unknown type (neither validated nor applied), never guessed.
    func testAnOrganizationsPolicyOfUnknownTypeIsKeptAsSuch() throws {
        let text = """
            {"Parameters": {"Kind": {"Type": "String"}},
             "Resources": {"P": {"Type": "AWS::Organizations::Policy", "Properties": {"Name": "p", "Type": {"Ref": "Kind"}, "TargetIds": ["111122223333"], "Content": \(deny)}}}}
            """
        let found = try cloudFormation(text)
        XCTAssertEqual(found.map(\.kind), [.organizationPolicyOfUnknownType])
        XCTAssertNil(found.first?.kind.policyType)
    }

    /// A role's inline policies and the identity policy types are not unchecked warnings any more.
    func testAttachedPoliciesAreNotWarnedAsUnchecked() throws {
        let text = """
            {"Resources": {
              "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": \(deny), "Policies": [{"PolicyName": "own", "PolicyDocument": \(identity)}]}},
              "Managed": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": \(identity)}}}}
            """
        let (template, _) = CloudFormationTemplate.read(bytes: Array(text.utf8), file: "t.json")
        XCTAssertEqual(CloudFormationSubjects(template: try XCTUnwrap(template), context: context).uncheckedPolicies().map(\.description), [])
    }

    /// Terraform: an RCP's attachment counts as a target only when the plan knows the policy's id
    /// and the attachment's `policy_id` is that id; a new policy's attachment (its `policy_id`
    /// known after apply, the configuration referring to the policy) is listed, not counted.
    func testTerraformPoliciesAndTheirAttachments() throws {
        let content = deny.replacingOccurrences(of: "\"", with: "\\\"")
        let text = """
            {"format_version": "1.2", "resource_changes": [
              {"address": "aws_organizations_policy.existing", "type": "aws_organizations_policy", "name": "existing", "change": {"actions": ["update"],
               "after": {"id": "p-12345678", "name": "perimeter", "type": "RESOURCE_CONTROL_POLICY", "content": "\(content)"}, "after_unknown": {}}},
              {"address": "aws_organizations_policy.fresh", "type": "aws_organizations_policy", "name": "fresh", "change": {"actions": ["create"],
               "after": {"name": "fresh", "type": "RESOURCE_CONTROL_POLICY", "content": "\(content)"}, "after_unknown": {"id": true}}},
              {"address": "aws_organizations_policy_attachment.a", "type": "aws_organizations_policy_attachment", "name": "a", "change": {"actions": ["create"],
               "after": {"policy_id": "p-12345678", "target_id": "111122223333"}, "after_unknown": {}}},
              {"address": "aws_organizations_policy_attachment.b", "type": "aws_organizations_policy_attachment", "name": "b", "change": {"actions": ["create"],
               "after": {"target_id": "111122223333"}, "after_unknown": {"policy_id": true}}},
              {"address": "aws_iam_policy.reader", "type": "aws_iam_policy", "name": "reader", "change": {"actions": ["create"],
               "after": {"name": "reader", "path": "/", "policy": "{}"}, "after_unknown": {"arn": true}}},
              {"address": "aws_iam_role_policy_attachment.r", "type": "aws_iam_role_policy_attachment", "name": "r", "change": {"actions": ["create"],
               "after": {"role": "app"}, "after_unknown": {"policy_arn": true}}},
              {"address": "aws_iam_role.app", "type": "aws_iam_role", "name": "app", "change": {"actions": ["create"],
               "after": {"name": "app", "assume_role_policy": "{}", "inline_policy": [{"name": "own", "policy": "{}"}]}, "after_unknown": {}}}],
             "configuration": {"root_module": {"resources": [
              {"address": "aws_organizations_policy_attachment.b", "mode": "managed", "type": "aws_organizations_policy_attachment", "name": "b",
               "expressions": {"policy_id": {"references": ["aws_organizations_policy.fresh.id", "aws_organizations_policy.fresh"]}, "target_id": {"constant_value": "111122223333"}}},
              {"address": "aws_iam_role_policy_attachment.r", "mode": "managed", "type": "aws_iam_role_policy_attachment", "name": "r",
               "expressions": {"policy_arn": {"references": ["aws_iam_policy.reader.arn", "aws_iam_policy.reader"]}, "role": {"constant_value": "app"}}}]}}}
            """
        let root = try JSONParser.parse(Array(text.utf8), limits: InfrastructureDocument.limits)
        let (plan, diagnostics) = TerraformPlan.read(root, file: "plan.json")
        XCTAssertEqual(diagnostics.map(\.description), [])
        let found = TerraformSubjects(plan: try XCTUnwrap(plan), context: context).attachedPolicies().map(summary)
        XCTAssertEqual(found, [
            "aws_organizations_policy.existing RESOURCE_CONTROL_POLICY $.resource_changes[0].change.after.content targets=[111122223333] attached=[] arn=-",
            "aws_organizations_policy.fresh RESOURCE_CONTROL_POLICY $.resource_changes[1].change.after.content targets=[] "
                + "attached=[target 111122223333 by aws_organizations_policy_attachment.b, whose policy_id is known only after apply (not counted)] arn=-",
            "aws_iam_policy.reader IDENTITY $.resource_changes[4].change.after.policy targets=[] attached=[role app (aws_iam_role_policy_attachment.r)] "
                + "arn=arn:aws:iam::111122223333:policy/reader",
            "aws_iam_role.app.inline_policy[0] IDENTITY $.resource_changes[6].change.after.inline_policy[0].policy targets=[] attached=[role app] arn=-",
        ])
    }

    /// Whether a file may change the deployed RCPs (then a baseline's RCPs are not counted): an
    /// RCP of a template, a plan that creates or deletes a policy attachment; not a plan of
    /// buckets only.
    func testFilesThatMayChangeDeployedRCPsAreTold() throws {
        func plan(_ changes: String) throws -> InfrastructureDocument.Contents {
            let text = #"{"format_version": "1.2", "resource_changes": ["# + changes + "]}"
            let (document, diagnostics) = InfrastructureDocument.read(bytes: Array(text.utf8), file: "plan.json")
            XCTAssertEqual(diagnostics.map(\.description), [])
            return try XCTUnwrap(document).contents(context: context)
        }
        let bucket = #"{"address": "aws_s3_bucket.b", "type": "aws_s3_bucket", "name": "b", "change": {"actions": ["create"], "after": {"bucket": "b"}}}"#
        let detach = #"{"address": "aws_organizations_policy_attachment.a", "type": "aws_organizations_policy_attachment", "name": "a", "change": {"actions": ["delete"], "before": {"policy_id": "p-12345678", "target_id": "111122223333"}, "after": null}}"#
        XCTAssertFalse(try plan(bucket).changesResourceControlPolicies)
        XCTAssertTrue(try plan(bucket + "," + detach).changesResourceControlPolicies)

        let template = "{\"Resources\": {\"P\": {\"Type\": \"AWS::Organizations::Policy\", \"Properties\": {\"Name\": \"p\", \"Type\": \"RESOURCE_CONTROL_POLICY\", \"Content\": \(deny)}}}}"
        let (document, _) = InfrastructureDocument.read(bytes: Array(template.utf8), file: "t.json")
        XCTAssertTrue(try XCTUnwrap(document).contents(context: context).changesResourceControlPolicies)
    }

    /// An RCP's `content` known only after apply (`data.aws_iam_policy_document.d.json`) is
    /// rebuilt from the data source, as a resource policy's `policy` is.
    func testAnRCPsContentComputedAtApplyIsRebuiltFromItsDataSource() throws {
        let text = #"""
            {"format_version": "1.2", "resource_changes": [
              {"address": "aws_organizations_policy.p", "type": "aws_organizations_policy", "name": "p", "change": {"actions": ["create"],
               "after": {"name": "p", "type": "RESOURCE_CONTROL_POLICY"}, "after_unknown": {"content": true, "id": true}}}],
             "configuration": {"root_module": {"resources": [
              {"address": "aws_organizations_policy.p", "mode": "managed", "type": "aws_organizations_policy", "name": "p",
               "expressions": {"content": {"references": ["data.aws_iam_policy_document.d.json", "data.aws_iam_policy_document.d"]}}},
              {"address": "data.aws_iam_policy_document.d", "mode": "data", "type": "aws_iam_policy_document", "name": "d",
               "expressions": {"statement": [{"effect": {"constant_value": "Deny"}, "actions": {"constant_value": ["s3:*"]},
                                              "resources": {"constant_value": ["*"]},
                                              "principals": [{"type": {"constant_value": "*"}, "identifiers": {"constant_value": ["*"]}}]}]}}]}}}
            """#
        let (document, diagnostics) = InfrastructureDocument.read(bytes: Array(text.utf8), file: "plan.json")
        XCTAssertEqual(diagnostics.map(\.description), [])
        let policies = try XCTUnwrap(document).contents(context: context).attachedPolicies
        XCTAssertEqual(policies.map(\.kind), [.resourceControlPolicy])
        let statement = try XCTUnwrap(policies.first?.policy?.member("Statement")?.elements?.first)
        XCTAssertEqual(statement.member("Effect")?.stringValue, "Deny")
        XCTAssertEqual(statement.member("Action")?.elements?.first?.stringValue, "s3:*")
        // principals {type = "*", identifiers = ["*"]} is "Principal": "*", as the data source writes it.
        XCTAssertEqual(statement.member("Principal")?.stringValue, "*")
    }

    /// The user and group kinds: `AWS::IAM::UserPolicy`, `AWS::IAM::GroupPolicy`, the `Policies`
    /// of `AWS::IAM::User` and `AWS::IAM::Group`; Terraform's `aws_iam_user_policy`,
    /// `aws_iam_group_policy` and a managed policy attached by `aws_iam_policy_attachment` (its
    /// known ARN) and `aws_iam_user_policy_attachment`/`aws_iam_group_policy_attachment`.
    func testUserAndGroupPoliciesAndAttachments() throws {
        let text = """
            {"Resources": {
              "UP": {"Type": "AWS::IAM::UserPolicy", "Properties": {"PolicyName": "up", "UserName": "alice", "PolicyDocument": \(identity)}},
              "GP": {"Type": "AWS::IAM::GroupPolicy", "Properties": {"PolicyName": "gp", "GroupName": "ops", "PolicyDocument": \(identity)}},
              "U": {"Type": "AWS::IAM::User", "Properties": {"UserName": "bob", "Policies": [{"PolicyName": "own", "PolicyDocument": \(identity)}]}},
              "G": {"Type": "AWS::IAM::Group", "Properties": {"Policies": [{"PolicyName": "own", "PolicyDocument": \(identity)}]}}}}
            """
        XCTAssertEqual(try cloudFormation(text).map { "\($0.name) \($0.attachedTo)" }, [
            "UP [\"user alice\"]", "GP [\"group ops\"]", "U.Policies[0] [\"user bob\"]", "G.Policies[0] [\"group G (name generated at deploy time)\"]",
        ])

        let policy = identity.replacingOccurrences(of: "\"", with: "\\\"")
        let plan = """
            {"format_version": "1.2", "resource_changes": [
              {"address": "aws_iam_user_policy.u", "type": "aws_iam_user_policy", "name": "u", "change": {"actions": ["create"], "after": {"name": "u", "user": "alice", "policy": "\(policy)"}}},
              {"address": "aws_iam_group_policy.g", "type": "aws_iam_group_policy", "name": "g", "change": {"actions": ["create"], "after": {"name": "g", "group": "ops", "policy": "\(policy)"}}},
              {"address": "aws_iam_policy.m", "type": "aws_iam_policy", "name": "m", "change": {"actions": ["no-op"],
               "after": {"name": "m", "path": "/", "arn": "arn:aws:iam::111122223333:policy/m", "policy": "\(policy)"}}},
              {"address": "aws_iam_policy_attachment.all", "type": "aws_iam_policy_attachment", "name": "all", "change": {"actions": ["create"],
               "after": {"name": "all", "policy_arn": "arn:aws:iam::111122223333:policy/m", "users": ["alice"], "roles": ["app"], "groups": []}}},
              {"address": "aws_iam_user_policy_attachment.u", "type": "aws_iam_user_policy_attachment", "name": "u", "change": {"actions": ["create"],
               "after": {"user": "carol", "policy_arn": "arn:aws:iam::111122223333:policy/m"}}},
              {"address": "aws_iam_group_policy_attachment.g", "type": "aws_iam_group_policy_attachment", "name": "g", "change": {"actions": ["create"],
               "after": {"group": "ops", "policy_arn": "arn:aws:iam::111122223333:policy/other"}}}]}
            """
        let root = try JSONParser.parse(Array(plan.utf8), limits: InfrastructureDocument.limits)
        let (read, diagnostics) = TerraformPlan.read(root, file: "plan.json")
        XCTAssertEqual(diagnostics.map(\.description), [])
        let found = TerraformSubjects(plan: try XCTUnwrap(read), context: context).attachedPolicies()
        XCTAssertEqual(found.map { "\($0.name) \($0.attachedTo)" }, [
            "aws_iam_user_policy.u [\"user alice\"]", "aws_iam_group_policy.g [\"group ops\"]",
            "aws_iam_policy.m [\"role app (aws_iam_policy_attachment.all)\", \"user alice (aws_iam_policy_attachment.all)\", \"user carol (aws_iam_user_policy_attachment.u)\"]",
        ])
    }
}
