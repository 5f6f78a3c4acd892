import Foundation
import XCTest

/// `rampart iac` on the templates of Tests/Fixtures/iac (AWS documentation examples, cited in
/// each file), as a user runs it. Expectations worked out by hand from the templates.
final class IaCCommandTests: FolderTestCase {
    private func fixture(_ name: String) -> String {
        CLI.packageRoot.appendingPathComponent("Tests/Fixtures/iac/\(name)").path
    }

    private func iac(_ arguments: [String]) throws -> (CLIResult, [[String: Any]], [String: Any]) {
        let result = try CLI.run(["iac"] + arguments + ["--zone-account", "111122223333", "--format", "json", "--timeout-ms", "120000"])
        let object = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any] ?? [:]
        return (result, object["resources"] as? [[String: Any]] ?? [], object)
    }

    /// The static website example: `s3:GetObject` on every object of the bucket to `*`, Block
    /// Public Access off: public. The bucket's name is generated at deploy time, so it stands as
    /// a placeholder; the finding is located at the statement (YAML line 23, JSON line 24).
    func testTheStaticWebsiteBucketIsPublicInBothFormats() throws {
        for (file, line) in [("static-website.yaml", 23), ("static-website.json", 24)] {
            let (result, resources, _) = try iac([fixture(file)])
            XCTAssertEqual(result.status, 1, result.stderr)
            XCTAssertEqual(resources.count, 1)
            let bucket = try XCTUnwrap(resources.first)
            XCTAssertEqual(bucket["type"] as? String, "AWS::S3::Bucket")
            XCTAssertEqual(bucket["status"] as? String, "EXTERNAL_ACCESS")
            XCTAssertEqual(bucket["public"] as? Bool, true)
            XCTAssertEqual(bucket["arn"] as? String, "arn:aws:s3:::rampart-unknown-1")
            let finding = try XCTUnwrap((bucket["findings"] as? [[String: Any]])?.first)
            XCTAssertEqual(finding["actions"] as? [String], ["s3:GetObject"])
            let statement = try XCTUnwrap((finding["statements"] as? [[String: Any]])?.first)
            XCTAssertEqual(statement["policy"] as? String,
                           "\(fixture(file)):\(line):13 $.Resources.BucketPolicy.Properties.PolicyDocument.Statement[0]")
        }
    }

    /// Every documentation example in both formats (the JSON and YAML forms of one template, short
    /// tags in one, long forms in the other) gets the same answers: per resource its ARN, status,
    /// and findings' principals, actions and conditions.
    func testEachExampleGivesTheSameAnswersInJSONAndYAML() throws {
        func answers(_ file: String) throws -> [String] {
            let (_, resources, _) = try iac([fixture(file), "--parameter", "PartnerAccount=444455556666"])
            return resources.map { resource in
                let findings = (resource["findings"] as? [[String: Any]] ?? []).map { finding in
                    "\(finding["principal"] as? String ?? "") \(finding["actions"] as? [String] ?? []) \(finding["conditions"] as? [String] ?? [])"
                }.sorted()
                return "\(resource["arn"] as? String ?? "") \(resource["status"] as? String ?? "") \(findings)"
            }.sorted()
        }
        for name in ["static-website", "cross-account-role", "kms-key-administrators", "lambda-api-gateway"] {
            let json = try answers(name + ".json"), yaml = try answers(name + ".yaml")
            XCTAssertFalse(json.isEmpty, name)
            XCTAssertEqual(json, yaml, name)
        }
    }

    /// The partner role: with the partner's account given, that account (and only it) may
    /// assume the role, under the external id; without it, the account is unknown and the
    /// answer says the principal was read as `*`.
    func testTheCrossAccountRoleNamesThePartnerOnceItsAccountIsKnown() throws {
        let (known, resources, _) = try iac([fixture("cross-account-role.yaml"), "--parameter", "PartnerAccount=444455556666"])
        XCTAssertEqual(known.status, 1, known.stderr)
        let role = try XCTUnwrap(resources.first)
        XCTAssertEqual(role["arn"] as? String, "arn:aws:iam::111122223333:role/partner-access")
        let findings = try XCTUnwrap(role["findings"] as? [[String: Any]])
        XCTAssertEqual(findings.map { $0["principal"] as? String }, ["444455556666"])
        XCTAssertEqual(findings.first?["conditions"] as? [String], ["StringEquals sts:ExternalId: Unique-Id-Assigned-By-Partner"])
        XCTAssertEqual((role["unknowns"] as? [Any])?.count, 0)

        let (unknown, unknownResources, _) = try iac([fixture("cross-account-role.yaml")])
        XCTAssertEqual(unknown.status, 1, unknown.stderr)
        let unknowns = try XCTUnwrap(unknownResources.first?["unknowns"] as? [[String: Any]])
        XCTAssertEqual(unknowns.first?["unknown"] as? String, "parameter PartnerAccount (no default; give it with --parameter PartnerAccount=VALUE)")
        XCTAssertEqual(unknowns.first?["path"] as? String, "$.Resources.PartnerRole.Properties.AssumeRolePolicyDocument.Statement[0].Principal")
    }

    /// The KMS key example's principals are all of the deploying account (the zone's), so no
    /// external access — a proof that holds whatever the key's id and the region turn out to be.
    func testTheKMSKeyWithAdministratorsIsProven() throws {
        let (result, resources, _) = try iac([fixture("kms-key-administrators.json")])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(resources.map { $0["status"] as? String }, ["NO_EXTERNAL_ACCESS"])
        // The same key deployed in another account is outside the zone of 111122223333.
        let (elsewhere, _, _) = try iac([fixture("kms-key-administrators.json"), "--account", "444455556666"])
        XCTAssertEqual(elsewhere.status, 1, elsewhere.stderr)
    }

    /// API Gateway may invoke the function only for an API of the deploying account (its
    /// `SourceArn` names the account; the API's id and the region are unknown and read as `*`).
    func testTheLambdaPermissionForAPIGatewayIsProven() throws {
        let (result, resources, _) = try iac([fixture("lambda-api-gateway.yaml"), "--region", "us-east-1"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(resources.map { $0["type"] as? String }, ["AWS::IAM::Role", "AWS::Lambda::Function"])
        XCTAssertEqual(resources.last?["arn"] as? String, "arn:aws:lambda:us-east-1:111122223333:function:orders-handler")
        XCTAssertEqual(resources.map { $0["status"] as? String }, ["NO_EXTERNAL_ACCESS", "NO_EXTERNAL_ACCESS"])
    }

    /// A malformed template is an input error located in its file; the other templates are
    /// still analysed and their findings still decide the exit status.
    func testAMalformedTemplateIsReportedAndTheOthersAreStillChecked() throws {
        let broken = try write("broken.yaml", "Resources:\n  R: [unclosed\n")
        let (alone, _, document) = try iac([broken])
        XCTAssertEqual(alone.status, 2, alone.stderr)
        let diagnostic = try XCTUnwrap((document["diagnostics"] as? [[String: Any]])?.first)
        XCTAssertEqual(diagnostic["file"] as? String, broken)
        XCTAssertNotNil(diagnostic["line"] as? Int)
        let (both, resources, _) = try iac([broken, fixture("static-website.yaml")])
        XCTAssertEqual(both.status, 1, both.stderr)
        XCTAssertEqual(resources.count, 1)
        // A statement the policy language rejects: the resource is in error, located in the template.
        let invalid = try write("invalid.json", #"{"Resources": {"P": {"Type": "AWS::SQS::QueuePolicy", "Properties": {"Queues": ["https://sqs.us-east-1.amazonaws.com/111122223333/q"], "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Resource": "*"}]}}}}}"#)
        let (bad, badResources, _) = try iac([invalid])
        XCTAssertEqual(bad.status, 2, bad.stderr)
        XCTAssertEqual(badResources.first?["status"] as? String, "ERROR")
        let problem = try XCTUnwrap((badResources.first?["problems"] as? [String])?.first)
        XCTAssertTrue(problem.hasPrefix("\(invalid):1:"), problem)
        XCTAssertTrue(problem.contains("$.Resources.P.Properties.PolicyDocument.Statement[0]"), problem)
    }

    /// SARIF: each finding is a result located at its statement's line, for code scanning.
    func testSARIFLocatesFindingsInTheTemplate() throws {
        let result = try CLI.run(["iac", fixture("static-website.yaml"), "--zone-account", "111122223333", "--format", "sarif"])
        XCTAssertEqual(result.status, 1, result.stderr)
        let log = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let results = try XCTUnwrap(((log["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        let located = results.compactMap { result -> (String, Int)? in
            guard let physical = ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any],
                  let uri = (physical["artifactLocation"] as? [String: Any])?["uri"] as? String,
                  let line = (physical["region"] as? [String: Any])?["startLine"] as? Int else { return nil }
            return (uri, line)
        }
        XCTAssertTrue(located.contains { $0.0.hasSuffix("static-website.yaml") && $0.1 == 23 }, "\(located)")
    }

    /// A Terraform plan in the documented JSON format: the public bucket policy and the partner
    /// role are findings, located in the plan; the queue policy is known only after apply but
    /// rebuilt from its `aws_iam_policy_document` in the configuration — the queue's ARN and the
    /// topic's are unknown, yet `aws:SourceAccount` names the deploying account: proven; the
    /// topic policy is computed at apply from other values and cannot be rebuilt: UNPROVEN (never
    /// "no access"); the S3 permission to invoke the function names the deploying account as
    /// source: proven.
    func testATerraformPlanIsCheckedWithPoliciesComputedAtApplyRebuiltOrUnproven() throws {
        let (result, resources, _) = try iac([fixture("terraform-plan.json"), "--region", "us-east-1"])
        XCTAssertEqual(result.status, 1, result.stderr)
        let statuses = Dictionary(uniqueKeysWithValues: resources.compactMap { resource -> (String, String)? in
            guard let name = resource["name"] as? String, let status = resource["status"] as? String else { return nil }
            return (name, status)
        })
        XCTAssertEqual(statuses, ["aws_s3_bucket_policy.site": "EXTERNAL_ACCESS", "aws_iam_role.partner": "EXTERNAL_ACCESS",
                                  "aws_sqs_queue_policy.jobs": "NO_EXTERNAL_ACCESS", "aws_sns_topic_policy.events": "UNPROVEN",
                                  "thumbnailer": "NO_EXTERNAL_ACCESS"])
        let role = try XCTUnwrap(resources.first { $0["name"] as? String == "aws_iam_role.partner" })
        let statement = try XCTUnwrap(((role["findings"] as? [[String: Any]])?.first?["statements"] as? [[String: Any]])?.first)
        XCTAssertEqual(statement["policy"] as? String,
                       "\(fixture("terraform-plan.json")):222:33 $.resource_changes[3].change.after.assume_role_policy → $.Statement[0]")
        let queue = try XCTUnwrap(resources.first { $0["name"] as? String == "aws_sqs_queue_policy.jobs" })
        XCTAssertEqual((queue["unknowns"] as? [[String: Any]])?.compactMap { $0["reading"] as? String },
                       ["unknown parts analysed as \"*\": *", "unknown parts analysed as \"*\" (the operator matches patterns)"])
        let topic = try XCTUnwrap(resources.first { $0["name"] as? String == "aws_sns_topic_policy.events" })
        XCTAssertEqual(topic["problems"] as? [String], ["the policy is known only at deploy time: aws_sns_topic_policy.events.policy (known after apply: computed from aws_sns_topic.events.arn)"])
    }

    /// The plan's `aws_s3_bucket_public_access_block` for the bucket applies: with
    /// `restrict_public_buckets`, "only AWS service principals and authorized users within the
    /// bucket owner's account" may use the public policy (S3 User Guide, "Blocking public access
    /// to your Amazon S3 storage"): no longer public, and what is left is AWS services' access.
    func testThePlansPublicAccessBlockAppliesToItsBucket() throws {
        let text = try String(contentsOfFile: fixture("terraform-plan.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"restrict_public_buckets\": false", with: "\"restrict_public_buckets\": true")
        let plan = try write("plan.json", text)
        let (_, resources, _) = try iac([plan, "--region", "us-east-1"])
        let bucket = try XCTUnwrap(resources.first { $0["name"] as? String == "aws_s3_bucket_policy.site" })
        XCTAssertEqual(bucket["public"] as? Bool, false)
        let findings = try XCTUnwrap(bucket["findings"] as? [[String: Any]])
        XCTAssertEqual(findings.map { $0["principalKind"] as? String }, ["Service"])
    }

    /// A policy document of a type without rules here (an EventBridge event bus's `Policy`) is a
    /// warning with its path; a role's inline policy is an identity policy, validated (and
    /// reported under `policies`, not as a warning); an OpenSearch domain's access policy is
    /// judged — here open to everyone (`Principal: *`, `es:*`, no condition).
    func testPolicyDocumentsNotJudgedAreWarningsAndOpenSearchDomainsAreJudged() throws {
        let template = try write("t.yaml", """
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}
                  Policies:
                    - PolicyName: inline
                      PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "s3:*", Resource: "*"}]}
              Bus:
                Type: AWS::Events::EventBus
                Properties:
                  Name: orders
                  Policy: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: "*", Action: "events:PutEvents", Resource: "*"}]}
              Domain:
                Type: AWS::OpenSearchService::Domain
                Properties:
                  DomainName: search
                  AccessPolicies: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: "*", Action: "es:*", Resource: "*"}]}
            """)
        let (result, resources, document) = try iac([template, "--region", "eu-west-1"])
        XCTAssertEqual(result.status, 1, result.stderr)
        let warnings = try XCTUnwrap(document["diagnostics"] as? [[String: Any]])
        XCTAssertEqual(warnings.map { $0["severity"] as? String }, ["warning"])
        XCTAssertEqual(warnings.first?["path"] as? String, "$.Resources.Bus.Properties.Policy")
        XCTAssertEqual(warnings.first?["line"] as? Int, 13)
        let policies = try XCTUnwrap(document["policies"] as? [[String: Any]])
        XCTAssertEqual(policies.map { $0["name"] as? String }, ["Role.Policies[0]"])
        XCTAssertEqual(policies.first?["kind"] as? String, "IDENTITY")
        XCTAssertEqual(policies.first?["status"] as? String, "VALID")
        XCTAssertEqual(policies.first?["attachedTo"] as? [String], ["role Role (name generated at deploy time)"])
        let domain = try XCTUnwrap(resources.first { $0["type"] as? String == "AWS::OpenSearchService::Domain" })
        XCTAssertEqual(domain["arn"] as? String, "arn:aws:es:eu-west-1:111122223333:domain/search")
        XCTAssertEqual(domain["public"] as? Bool, true)
    }

    /// The offline access preview against Models/startup, where acme-startup-assets is deployed
    /// with public read of `public/*` (EXPECTED.md): the template keeps that (UNCHANGED) and
    /// adds uploads for a partner (NEW, the exit status 1); the no-new-access check fails with a
    /// counterexample on `uploads/`. With the partner inside the zone, nothing external is new:
    /// exit 0, though the bucket stays public.
    func testTheAccessPreviewMarksWhatTheChangeAdds() throws {
        let baseline = CLI.packageRoot.appendingPathComponent("Models/startup").path
        let (result, resources, _) = try iac([fixture("startup-assets-change.yaml"), "--baseline", baseline])
        XCTAssertEqual(result.status, 1, result.stderr)
        let bucket = try XCTUnwrap(resources.first)
        let findings = try XCTUnwrap(bucket["findings"] as? [[String: Any]])
        XCTAssertEqual(findings.map { $0["principal"] as? String }, ["*", "444455556666"])
        let preview = try XCTUnwrap(bucket["preview"] as? [String: Any])
        XCTAssertEqual(preview["existsInBaseline"] as? Bool, true)
        XCTAssertEqual(preview["changeTypes"] as? [String], ["UNCHANGED", "NEW"])
        let newAccess = try XCTUnwrap(preview["newAccess"] as? [String: Any])
        XCTAssertEqual(newAccess["result"] as? String, "FAIL")
        let counterexample = try XCTUnwrap(newAccess["counterexample"] as? [String: Any])
        XCTAssertEqual(counterexample["action"] as? String, "s3:PutObject")
        XCTAssertTrue((counterexample["resource"] as? String)?.hasPrefix("arn:aws:s3:::acme-startup-assets/uploads/") == true)

        let (inside, insideResources, _) = try iac([fixture("startup-assets-change.yaml"), "--baseline", baseline,
                                                    "--parameter", "PartnerAccount=111122223333"])
        XCTAssertEqual(inside.status, 0, inside.stderr)
        XCTAssertEqual((insideResources.first?["preview"] as? [String: Any])?["changeTypes"] as? [String], ["UNCHANGED"])
        XCTAssertEqual(insideResources.first?["status"] as? String, "EXTERNAL_ACCESS")
    }

    /// A resource the baseline does not hold is new: every finding is NEW.
    func testANewResourcesFindingsAreAllNew() throws {
        let baseline = CLI.packageRoot.appendingPathComponent("Models/startup").path
        let (result, resources, _) = try iac([fixture("static-website.yaml"), "--baseline", baseline])
        XCTAssertEqual(result.status, 1, result.stderr)
        let preview = try XCTUnwrap(resources.first?["preview"] as? [String: Any])
        XCTAssertEqual(preview["existsInBaseline"] as? Bool, false)
        XCTAssertEqual(preview["changeTypes"] as? [String], ["NEW"])
    }

    /// A CDK cloud assembly (`cdk.out`): its `*.template.json` are read, its manifest and asset
    /// files are not templates and are not read.
    func testACDKCloudAssemblyIsReadForItsTemplates() throws {
        let assembly = directory.appendingPathComponent("cdk.out")
        try FileManager.default.createDirectory(at: assembly, withIntermediateDirectories: true)
        try Data(#"{"version": "36.0.0", "artifacts": {}}"#.utf8).write(to: assembly.appendingPathComponent("manifest.json"))
        try Data(#"{"version": "36.0.0", "files": {}}"#.utf8).write(to: assembly.appendingPathComponent("SiteStack.assets.json"))
        try Data(contentsOf: URL(fileURLWithPath: fixture("static-website.json"))).write(to: assembly.appendingPathComponent("SiteStack.template.json"))
        let (result, resources, document) = try iac([assembly.path])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(resources.map { ($0["file"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent } }, ["SiteStack.template.json"])
        XCTAssertEqual((document["diagnostics"] as? [Any])?.count, 0)
    }

    /// `--fail-on public` ignores the partner's (non-public) access; `never` ignores findings.
    func testFailOnChoosesWhichFindingsFail() throws {
        let role = fixture("cross-account-role.yaml")
        let (publicOnly, _, _) = try iac([role, "--parameter", "PartnerAccount=444455556666", "--fail-on", "public"])
        XCTAssertEqual(publicOnly.status, 0, publicOnly.stderr)
        let (site, _, _) = try iac([fixture("static-website.yaml"), "--fail-on", "public"])
        XCTAssertEqual(site.status, 1, site.stderr)
        let (never, _, _) = try iac([fixture("static-website.yaml"), "--fail-on", "never"])
        XCTAssertEqual(never.status, 0, never.stderr)
    }

    /// Plans of large configurations are bigger than a policy: a 3 MB plan is read (files up to
    /// 64 MB are; a policy file's cap is 1 MB).
    func testAPlanLargerThanAPolicyFileIsRead() throws {
        let text = try String(contentsOfFile: fixture("terraform-plan.json"), encoding: .utf8)
        let padding = "[" + Array(repeating: "\"" + String(repeating: "x", count: 1_000) + "\"", count: 3_200).joined(separator: ",") + "]"
        let large = try write("large.json", text.replacingOccurrences(of: "\"timestamp\"", with: "\"padding\": \(padding), \"timestamp\""))
        XCTAssertGreaterThan((try FileManager.default.attributesOfItem(atPath: large)[.size] as? Int) ?? 0, 3 << 20)
        let (result, resources, _) = try iac([large, "--region", "us-east-1"])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(resources.count, 5)
    }
}
