import Foundation
import XCTest

/// `rampart iac` on templates with SCPs, RCPs and identity policies, as a user runs it.
/// Expectations worked out by hand; the AWS facts are those of docs/IAC.md ("SCPs, RCPs and
/// identity policies").
final class IaCAttachedPoliciesTests: FolderTestCase {
    private let perimeter = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/iac/rcp-data-perimeter.yaml").path
    private let bucket = "arn:aws:s3:::acme-perimeter-exchange"
    private let organizationZone = ["--zone-org", "o-a1b2c3d4e5", "--zone-org-account", "111122223333", "--account", "111122223333"]

    private func iac(_ arguments: [String]) throws -> (CLIResult, [[String: Any]], [[String: Any]]) {
        let result = try CLI.run(["iac"] + arguments + ["--format", "json", "--timeout-ms", "120000"])
        let object = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any] ?? [:]
        return (result, object["resources"] as? [[String: Any]] ?? [], object["policies"] as? [[String: Any]] ?? [])
    }

    /// The bucket policy grants `s3:GetObject` to a partner's role (account 444455556666, outside
    /// the organization); the RCP attached to the deploy account denies `s3:*` to every caller
    /// whose `aws:PrincipalOrgID` is not the organization's (absent included: `IfExists`). The
    /// deploy account is a member (the management account is another), so the RCP applies: no
    /// caller outside the organization remains — a proof, exit 0.
    func testAnRCPAttachedToTheDeployAccountCapsItsBucket() throws {
        let (result, resources, policies) = try iac([perimeter] + organizationZone + ["--management-account", "999999999999"])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertEqual(resources.first?["arn"] as? String, bucket)
        XCTAssertEqual(resources.first?["status"] as? String, "NO_EXTERNAL_ACCESS")
        // The explanation names the RCP's Deny as the RCP's, not the bucket policy's.
        let explanation = (resources.first?["explanation"] as? [String])?.joined() ?? ""
        XCTAssertTrue(explanation.contains("Deny statement 0 (EnforceOrgIdentities) of the RCP"), explanation)
        // The partner's role is outside the organization: the Principal does not keep it out alone.
        XCTAssertFalse(explanation.contains("names only principals inside the zone"), explanation)
        let rcp = try XCTUnwrap(policies.first)
        XCTAssertEqual(rcp["kind"] as? String, "RESOURCE_CONTROL_POLICY")
        XCTAssertEqual(rcp["status"] as? String, "VALID")
        XCTAssertEqual(rcp["applied"] as? Bool, true)
        XCTAssertEqual(rcp["appliedTo"] as? [String], [bucket])
        XCTAssertEqual(rcp["targets"] as? [String], ["111122223333"])
        XCTAssertEqual(rcp["line"] as? Int, 32)
    }

    /// An RCP only removes access, so it is not applied where it may not apply: the partner's
    /// finding stays when the management account is unknown, when the deploy account is the
    /// management account (RCPs do not apply there), when the target is an OU whose members are
    /// unknown, and when the target is not known before deploy.
    func testAnRCPThatMayNotApplyLeavesTheFinding() throws {
        let cases: [(arguments: [String], reason: String)] = [
            ([], "management account is unknown"),
            (["--management-account", "111122223333"], "111122223333 is the management account"),
            (["--management-account", "999999999999", "--parameter", "PerimeterTarget=ou-ab12-cdefgh12"], "no target known before deploy covers 111122223333"),
        ]
        for (arguments, reason) in cases {
            let (result, resources, policies) = try iac([perimeter] + organizationZone + arguments)
            XCTAssertEqual(result.status, 1, arguments.joined(separator: " ") + result.stderr)
            XCTAssertEqual(resources.first?["status"] as? String, "EXTERNAL_ACCESS", arguments.joined(separator: " "))
            let principals = (resources.first?["findings"] as? [[String: Any]])?.map { $0["principal"] as? String }
            XCTAssertEqual(principals, ["444455556666"], arguments.joined(separator: " "))
            XCTAssertEqual(policies.first?["applied"] as? Bool, false)
            XCTAssertTrue((policies.first?["notApplied"] as? String)?.contains(reason) == true, "\(policies.first?["notApplied"] ?? "nil")")
        }

        let text = try String(contentsOfFile: perimeter, encoding: .utf8)
        let imported = try write("imported.yaml", text.replacingOccurrences(of: "- !Ref PerimeterTarget", with: "- !ImportValue perimeter-target"))
        let (result, resources, policies) = try iac([imported] + organizationZone + ["--management-account", "999999999999"])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(resources.first?["status"] as? String, "EXTERNAL_ACCESS")
        XCTAssertEqual(policies.first?["applied"] as? Bool, false)
        XCTAssertEqual((policies.first?["targets"] as? [String])?.first?.hasPrefix("${Fn::ImportValue"), true, "\(policies.first?["targets"] ?? "nil")")

        // Created only under a condition known at deploy time: it may not exist.
        let conditional = try write("conditional.yaml", text
            .replacingOccurrences(of: "Resources:\n", with: "Conditions:\n  Enforce: !Equals [!Ref Enforcement, \"on\"]\nResources:\n")
            .replacingOccurrences(of: "Parameters:\n", with: "Parameters:\n  Enforcement:\n    Type: String\n")
            .replacingOccurrences(of: "    Type: AWS::Organizations::Policy\n", with: "    Type: AWS::Organizations::Policy\n    Condition: Enforce\n"))
        let (maybe, maybeResources, maybePolicies) = try iac([conditional] + organizationZone + ["--management-account", "999999999999"])
        XCTAssertEqual(maybe.status, 1, maybe.stdout + maybe.stderr)
        XCTAssertEqual(maybeResources.first?["status"] as? String, "EXTERNAL_ACCESS")
        XCTAssertTrue((maybePolicies.first?["notApplied"] as? String)?.hasPrefix("created only under condition Enforce") == true,
                      "\(maybePolicies.first?["notApplied"] ?? "nil")")
    }

    /// The organization root covers every member: with the zone the organization and the deploy
    /// account one of its members, a root target applies; with a zone of accounts, the
    /// organization is not known and the same RCP is not applied.
    func testARootTargetAppliesWhenTheDeployAccountIsAMemberOfTheZonesOrganization() throws {
        let arguments = [perimeter, "--management-account", "999999999999", "--parameter", "PerimeterTarget=r-ab12"]
        let (member, memberResources, _) = try iac(arguments + organizationZone)
        XCTAssertEqual(member.status, 0, member.stdout + member.stderr)
        XCTAssertEqual(memberResources.first?["status"] as? String, "NO_EXTERNAL_ACCESS")

        let (accounts, accountResources, policies) = try iac(arguments + ["--zone-account", "111122223333"])
        XCTAssertEqual(accounts.status, 1, accounts.stderr)
        XCTAssertEqual(accountResources.first?["status"] as? String, "EXTERNAL_ACCESS")
        XCTAssertEqual(policies.first?["applied"] as? Bool, false)
    }

    /// SCPs cap the organization's own principals, not callers from outside it: a valid SCP
    /// denying everything is reported and not applied (the finding stays); an SCP with a
    /// `Principal` element, which SCPs do not take, is INVALID at its line, and the exit status
    /// says a policy could not be read (2) when nothing else fails.
    func testSCPsAreValidatedAndNotApplied() throws {
        let text = try String(contentsOfFile: perimeter, encoding: .utf8)
        let scp = try write("scp.yaml", text.replacingOccurrences(of: "Type: RESOURCE_CONTROL_POLICY", with: "Type: SERVICE_CONTROL_POLICY")
            .replacingOccurrences(of: "            Principal: \"*\"\n            Action: \"s3:*\"", with: "            Action: \"s3:*\""))
        let (result, resources, policies) = try iac([scp] + organizationZone + ["--management-account", "999999999999"])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(resources.first?["status"] as? String, "EXTERNAL_ACCESS")
        XCTAssertEqual(policies.first?["kind"] as? String, "SERVICE_CONTROL_POLICY")
        XCTAssertEqual(policies.first?["status"] as? String, "VALID")
        XCTAssertNil(policies.first?["applied"] as? Bool)
        XCTAssertTrue((policies.first?["notApplied"] as? String)?.hasPrefix("an SCP caps principals") == true)

        let invalid = try write("invalid-scp.yaml", """
            Resources:
              Guard:
                Type: AWS::Organizations::Policy
                Properties:
                  Name: guard
                  Type: SERVICE_CONTROL_POLICY
                  TargetIds: [r-ab12]
                  Content:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Deny
                        Principal: "*"
                        Action: "s3:*"
                        Resource: "*"
            """)
        let (bad, _, badPolicies) = try iac([invalid, "--zone-account", "111122223333"])
        XCTAssertEqual(bad.status, 2, bad.stderr)
        let guardPolicy = try XCTUnwrap(badPolicies.first)
        XCTAssertEqual(guardPolicy["status"] as? String, "INVALID")
        let errors = (guardPolicy["diagnostics"] as? [[String: Any]] ?? []).filter { $0["severity"] as? String == "ERROR" }
        // At the statement's line (as findings are), the path naming the element.
        XCTAssertEqual(errors.first?["line"] as? Int, 11, "\(errors)")
        XCTAssertEqual(errors.first?["path"] as? String, "$.Resources.Guard.Properties.Content.Statement[0].Principal")
    }

    /// Identity policies are validated as identity policies: a managed policy whose statement
    /// names a `Principal` (identity policies take none) is INVALID, located at its line in the
    /// SARIF too; the exit status is 2. A valid inline policy of a role is VALID.
    func testIdentityPoliciesAreValidatedWithLocations() throws {
        let template = try write("identity.yaml", """
            Resources:
              Reader:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  ManagedPolicyName: reader
                  Roles: [app]
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Principal: "*"
                        Action: s3:GetObject
                        Resource: "*"
              App:
                Type: AWS::IAM::Role
                Properties:
                  RoleName: app
                  AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}
                  Policies:
                    - PolicyName: logs
                      PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "logs:PutLogEvents", Resource: "*"}]}
            """)
        let (result, _, policies) = try iac([template, "--zone-account", "111122223333"])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertEqual(policies.map { $0["name"] as? String }, ["Reader", "App.Policies[0]"])
        XCTAssertEqual(policies.map { $0["status"] as? String }, ["INVALID", "VALID"])
        XCTAssertEqual(policies.first?["managedPolicyArn"] as? String, "arn:aws:iam::111122223333:policy/reader")
        XCTAssertEqual(policies.first?["attachedTo"] as? [String], ["role app"])
        let error = try XCTUnwrap((policies.first?["diagnostics"] as? [[String: Any]])?.first { $0["severity"] as? String == "ERROR" })
        XCTAssertEqual(error["line"] as? Int, 10)
        XCTAssertEqual(error["path"] as? String, "$.Resources.Reader.Properties.PolicyDocument.Statement[0].Principal")

        let sarif = try CLI.run(["iac", template, "--zone-account", "111122223333", "--format", "sarif"])
        let log = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let results = ((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        let lines = results.compactMap { result -> Int? in
            let location = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
            return (location?["region"] as? [String: Any])?["startLine"] as? Int
        }
        XCTAssertTrue(lines.contains(10), sarif.stdout)
    }

    /// With a baseline, a managed policy the snapshot holds is compared with its deployed
    /// version: the deployed `reader` allows `s3:GetObject`; the template's adds `s3:PutObject`,
    /// so no-new-access FAILs with a `s3:PutObject` counterexample; the same document as
    /// deployed PASSes. A policy not in the snapshot is new.
    func testAManagedPolicyIsComparedWithItsDeployedVersion() throws {
        let baseline = directory.appendingPathComponent("baseline")
        let iam = baseline.appendingPathComponent("accounts/111122223333/iam")
        try FileManager.default.createDirectory(at: iam, withIntermediateDirectories: true)
        try Data(#"{"name": "baseline"}"#.utf8).write(to: baseline.appendingPathComponent("model.json"))
        try Data(#"""
            {"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": [],
             "Policies": [{"PolicyName": "reader", "Arn": "arn:aws:iam::111122223333:policy/reader", "DefaultVersionId": "v1",
                           "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true,
                                                  "Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}}]}]}
            """#.utf8).write(to: iam.appendingPathComponent("get-account-authorization-details.json"))
        func template(_ actions: String, name: String = "reader") throws -> String {
            try write("\(name)-\(actions.count).yaml", """
                Resources:
                  Reader:
                    Type: AWS::IAM::ManagedPolicy
                    Properties:
                      ManagedPolicyName: \(name)
                      PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: \(actions), Resource: "*"}]}
                """)
        }
        let (wider, _, widerPolicies) = try iac([try template("[s3:GetObject, s3:PutObject]"), "--zone-account", "111122223333", "--baseline", baseline.path])
        XCTAssertEqual(wider.status, 0, wider.stderr)
        let newAccess = try XCTUnwrap(widerPolicies.first?["newAccess"] as? [String: Any])
        XCTAssertEqual(newAccess["result"] as? String, "FAIL")
        XCTAssertEqual((newAccess["counterexample"] as? [String: Any])?["action"] as? String, "s3:PutObject")

        let (same, _, samePolicies) = try iac([try template("s3:GetObject"), "--zone-account", "111122223333", "--baseline", baseline.path])
        XCTAssertEqual(same.status, 0, same.stderr)
        XCTAssertEqual((samePolicies.first?["newAccess"] as? [String: Any])?["result"] as? String, "PASS")

        let (fresh, _, freshPolicies) = try iac([try template("s3:GetObject", name: "writer"), "--zone-account", "111122223333", "--baseline", baseline.path])
        XCTAssertEqual(fresh.status, 0, fresh.stderr)
        XCTAssertNil(freshPolicies.first?["newAccess"])
        XCTAssertTrue((freshPolicies.first?["baselineNote"] as? String)?.hasPrefix("a new managed policy") == true)
    }

    /// Terraform: an existing RCP (its id known in the plan) attached to the deploy account by an
    /// attachment whose `policy_id` is that id caps the plan's bucket — a proof; the same RCP
    /// created anew, its attachment's `policy_id` known only after apply, is listed and not
    /// applied — the partner's finding stays.
    func testATerraformRCPAppliesOnlyThroughAnAttachmentOfKnownId() throws {
        let content = #"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:*\", \"Resource\": \"*\", \"Condition\": {\"StringNotEqualsIfExists\": {\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"}}}]}"#
        let policy = #"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::444455556666:role/partner-reader\"}, \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::acme-exchange/*\"}]}"#
        func plan(policyAfter: String, attachmentAfter: String, configuration: String) -> String {
            """
            {"format_version": "1.2", "resource_changes": [
              {"address": "aws_s3_bucket_policy.exchange", "type": "aws_s3_bucket_policy", "name": "exchange", "change": {"actions": ["create"],
               "after": {"bucket": "acme-exchange", "policy": "\(policy)"}, "after_unknown": {}}},
              {"address": "aws_organizations_policy.perimeter", "type": "aws_organizations_policy", "name": "perimeter", "change": {"actions": ["update"],
               "after": \(policyAfter)}},
              {"address": "aws_organizations_policy_attachment.perimeter", "type": "aws_organizations_policy_attachment", "name": "perimeter",
               "change": {"actions": ["create"], "after": \(attachmentAfter)}}],
             "configuration": {"root_module": {"resources": [\(configuration)]}}}
            """
        }
        let reference = #"{"address": "aws_organizations_policy_attachment.perimeter", "mode": "managed", "type": "aws_organizations_policy_attachment", "name": "perimeter", "expressions": {"policy_id": {"references": ["aws_organizations_policy.perimeter.id", "aws_organizations_policy.perimeter"]}, "target_id": {"constant_value": "111122223333"}}}"#
        let known = try write("known.json", plan(
            policyAfter: "{\"id\": \"p-12345678\", \"name\": \"perimeter\", \"type\": \"RESOURCE_CONTROL_POLICY\", \"content\": \"\(content)\"}",
            attachmentAfter: #"{"policy_id": "p-12345678", "target_id": "111122223333"}"#, configuration: reference))
        let arguments = organizationZone + ["--management-account", "999999999999", "--region", "us-east-1"]
        let (proven, provenResources, provenPolicies) = try iac([known] + arguments)
        XCTAssertEqual(proven.status, 0, proven.stdout + proven.stderr)
        XCTAssertEqual(provenResources.first?["status"] as? String, "NO_EXTERNAL_ACCESS")
        XCTAssertEqual(provenPolicies.first?["appliedTo"] as? [String], ["arn:aws:s3:::acme-exchange"])

        let fresh = try write("fresh.json", plan(
            policyAfter: "{\"name\": \"perimeter\", \"type\": \"RESOURCE_CONTROL_POLICY\", \"content\": \"\(content)\"}, \"after_unknown\": {\"id\": true}",
            attachmentAfter: #"{"target_id": "111122223333"}, "after_unknown": {"policy_id": true}"#, configuration: reference))
        let (found, foundResources, foundPolicies) = try iac([fresh] + arguments)
        XCTAssertEqual(found.status, 1, found.stdout + found.stderr)
        XCTAssertEqual(foundResources.first?["status"] as? String, "EXTERNAL_ACCESS")
        XCTAssertEqual(foundPolicies.first?["applied"] as? Bool, false)
        XCTAssertEqual((foundPolicies.first?["attachedTo"] as? [String])?.first?.hasPrefix("target 111122223333 by aws_organizations_policy_attachment.perimeter"), true)
    }

    /// KMS keys are not capped by the files' RCPs: `kms:RetireGrant` is not restricted by RCPs
    /// (AWS KMS Developer Guide, "Resource control policies in AWS KMS"), which the semantics do
    /// not model, so a key policy granting it to a partner stays a finding under an RCP denying
    /// everything outside the organization; the bucket beside it is capped.
    func testAKMSKeyIsNotCappedByTheFilesRCPs() throws {
        let text = try String(contentsOfFile: perimeter, encoding: .utf8)
            .replacingOccurrences(of: "            Action: \"s3:*\"\n            Resource: \"*\"\n            Condition:", with: "            Action: \"*\"\n            Resource: \"*\"\n            Condition:")
            + """
              PartnerKey:
                Type: AWS::KMS::Key
                Properties:
                  KeyPolicy:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Principal: {AWS: "arn:aws:iam::111122223333:root"}
                        Action: "kms:*"
                        Resource: "*"
                      - Effect: Allow
                        Principal: {AWS: "arn:aws:iam::444455556666:role/partner-reader"}
                        Action: kms:RetireGrant
                        Resource: "*"

            """
        let template = try write("key.yaml", text)
        let (result, resources, policies) = try iac([template] + organizationZone + ["--management-account", "999999999999", "--region", "us-east-1"])
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        let key = try XCTUnwrap(resources.first { $0["type"] as? String == "AWS::KMS::Key" })
        XCTAssertEqual(key["status"] as? String, "EXTERNAL_ACCESS")
        XCTAssertEqual((key["findings"] as? [[String: Any]])?.first?["actions"] as? [String], ["kms:RetireGrant"])
        XCTAssertEqual(resources.first { $0["type"] as? String == "AWS::S3::Bucket" }?["status"] as? String, "NO_EXTERNAL_ACCESS")
        XCTAssertEqual(policies.first?["appliedTo"] as? [String], [bucket])
    }

    /// A CloudFormation stack update deletes what its template no longer declares, RCPs
    /// included, so with a baseline a template's resource is judged without the deployed RCPs
    /// unless `--stacks-hold-no-rcps` says the stacks hold none. Baseline: Models/organization,
    /// whose root carries EnforceTLS (an RCP denying `s3:*` when `aws:SecureTransport` is false)
    /// and whose member 100000000004 (under the Workloads OU) holds `globex-staging-artifacts`;
    /// RCPFullAWSAccess is on the root, the OU and the account, as AWS attaches it to every root,
    /// OU and account (else a level would be empty and the scan leaves the RCP layer out,
    /// AnalyzedResourceBuilder); the copy here states those three targets itself, so the test
    /// does not depend on the model's other targets. The new bucket policy
    /// grants a partner's role (not a service-linked role, which RCPs do not restrict)
    /// `s3:GetObject` only over plain HTTP (`aws:SecureTransport` false): under EnforceTLS it does
    /// not get in (a proof); without it, it does. A Terraform plan lists its
    /// deletions, so a plan that touches no RCP keeps the deployed ones.
    func testAStackUpdateMayDeleteADeployedRCPSoItIsCountedOnlyWhenTheUserSaysTheStacksHoldNone() throws {
        let baselineFolder = directory.appendingPathComponent("organization")
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("Models/organization"), to: baselineFolder)
        let targets = ["r-a1b2", "ou-a1b2-workload1", "100000000004"].map { #"{"TargetId": "\#($0)", "Name": "\#($0)", "Type": "\#($0.hasPrefix("r-") ? "ROOT" : $0.hasPrefix("ou-") ? "ORGANIZATIONAL_UNIT" : "ACCOUNT")"}"# }
        try Data("{\"Targets\": [\(targets.joined(separator: ", "))]}".utf8)
            .write(to: baselineFolder.appendingPathComponent("organization/policies/p-rcpfull.list-targets-for-policy.json"))
        let baseline = baselineFolder.path
        let bucket = "globex-staging-artifacts"
        let policy = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/partner-reader"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::\#(bucket)/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}"#
        let template = try write("plain-http.json", """
            {"Resources": {"Policy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": "\(bucket)", "PolicyDocument": \(policy)}}}}
            """)
        let arguments = ["--zone-account", "100000000004", "--account", "100000000004", "--baseline", baseline]

        let (uncounted, uncountedResources, _) = try iac([template] + arguments)
        XCTAssertEqual(uncounted.status, 1, uncounted.stdout + uncounted.stderr)
        XCTAssertEqual(uncountedResources.first?["status"] as? String, "EXTERNAL_ACCESS")
        let problems = uncountedResources.first?["problems"] as? [String] ?? []
        XCTAssertTrue(problems.contains { $0.contains("a stack update deletes the RCPs") && $0.contains("--stacks-hold-no-rcps") }, "\(problems)")

        let (counted, countedResources, _) = try iac([template] + arguments + ["--stacks-hold-no-rcps"])
        XCTAssertEqual(counted.status, 0, counted.stdout + counted.stderr)
        XCTAssertEqual(countedResources.first?["status"] as? String, "NO_EXTERNAL_ACCESS")

        let escaped = policy.replacingOccurrences(of: "\"", with: "\\\"")
        let plan = try write("plain-http-plan.json", """
            {"format_version": "1.2", "resource_changes": [
              {"address": "aws_s3_bucket_policy.p", "type": "aws_s3_bucket_policy", "name": "p", "change": {"actions": ["update"],
               "after": {"bucket": "\(bucket)", "policy": "\(escaped)"}, "after_unknown": {}}}]}
            """)
        let (planned, plannedResources, _) = try iac([plan] + arguments + ["--region", "us-east-1"])
        XCTAssertEqual(planned.status, 0, planned.stdout + planned.stderr)
        XCTAssertEqual(plannedResources.first?["status"] as? String, "NO_EXTERNAL_ACCESS")
    }
}
