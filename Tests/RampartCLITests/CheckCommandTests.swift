import Foundation
import XCTest

/// `rampart check` as documented in docs/CLI.md: JSON fields and exit codes.
final class CheckCommandTests: FolderTestCase {
    private func check(_ policy: String, extra: [String] = []) throws -> (CLIResult, [String: Any]) {
        let file = try write("policy.json", policy)
        let result = try CLI.run(["check", "--policy", file, "--resource-type", "AWS::S3::Bucket", "--resource-arn", "arn:aws:s3:::demo",
                                  "--zone-account", "111122223333", "--format", "json", "--timeout-ms", "120000"] + extra)
        let object = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any] ?? [:]
        return (result, object)
    }

    func testPublicBucketExitsOneWithAReplayableWitness() throws {
        let (result, object) = try check(#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::demo/*"}]}"#)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(object["status"] as? String, "EXTERNAL_ACCESS")
        XCTAssertEqual(object["external"] as? Bool, true)
        XCTAssertEqual(object["public"] as? Bool, true)
        XCTAssertEqual(object["externalPrincipals"] as? [String], ["*"])
        let finding = try XCTUnwrap((object["findings"] as? [[String: Any]])?.first)
        // docs/REPORTS.md, "Severity and remediation": anyone can read (s3:GetObject is Read) is HIGH,
        // and a public bucket's advice links S3 Block Public Access.
        XCTAssertEqual(finding["severity"] as? String, "HIGH")
        XCTAssertEqual(finding["severityScore"] as? Double, 8.0)
        XCTAssertEqual(finding["learnMoreLink"] as? String, "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html")
        XCTAssertFalse((finding["remediation"] as? String ?? "").isEmpty)
        let witness = try XCTUnwrap(finding["witness"] as? [String: Any])
        // The witness is exactly what `rampart simulate --request` reads: replay it by hand.
        let requestFile = directory.appendingPathComponent("witness.json")
        try JSONSerialization.data(withJSONObject: witness).write(to: requestFile)
        let policyFile = directory.appendingPathComponent("policy.json").path
        let replay = try CLI.run(["simulate", "--resource-policy", policyFile, "--request", requestFile.path, "--format", "json"])
        XCTAssertTrue(replay.stdout.contains("\"Allow\""), replay.stdout + replay.stderr)
    }

    func testTextOutputShowsSeverityAndRemediation() throws {
        let file = try write("policy.json", #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::demo/*"}]}"#)
        let result = try CLI.run(["check", "--policy", file, "--resource-type", "AWS::S3::Bucket", "--resource-arn", "arn:aws:s3:::demo",
                                  "--zone-account", "111122223333", "--timeout-ms", "120000"])
        XCTAssertEqual(result.status, 1, result.stderr)
        // s3:PutObject is Write: anyone can change the bucket's objects, the scale's top rung.
        XCTAssertTrue(result.stdout.contains("severity: CRITICAL (9.5): anyone can change"), result.stdout)
        XCTAssertTrue(result.stdout.contains("remediation: ") && result.stdout.contains("Learn more: https://docs.aws.amazon.com/"), result.stdout)
    }

    func testPrivateBucketExitsZeroWithAnExplanation() throws {
        let (result, object) = try check(#"{"Version": "2012-10-17", "Statement": [{"Sid": "Own", "Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::demo/*"}]}"#)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(object["status"] as? String, "NO_EXTERNAL_ACCESS")
        XCTAssertEqual(object["external"] as? Bool, false)
        XCTAssertEqual((object["explanation"] as? [String])?.isEmpty, false)
    }

    func testTimeoutIsUnprovenNeverSafe() throws {
        let (result, object) = try check(#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::demo/*", "Condition": {"StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/*-prod-*"}}}]}"#,
                                         extra: ["--timeout-ms", "1"])
        XCTAssertTrue([1, 3].contains(result.status), "either proven external or unproven, never 0: \(result.status)")
        XCTAssertNotEqual(object["status"] as? String, "NO_EXTERNAL_ACCESS")
    }

    func testInputErrorsExitTwo() throws {
        let (bad, _) = try check(#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject"}]}"#)
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("MISSING_PRINCIPAL"), bad.stderr)
        let noZone = try CLI.run(["check", "--policy", try write("p.json", "{}"), "--resource-type", "AWS::S3::Bucket", "--resource-arn", "arn:aws:s3:::demo"])
        XCTAssertEqual(noZone.status, 2)
        XCTAssertTrue(noZone.stderr.contains("zone of trust"), noZone.stderr)
    }

    // Issue 15 item 10: a typo is never a bare "safe". A bucket name must be 3-63 lowercase
    // letters, digits, dots and hyphens (S3 User Guide, "General purpose bucket naming rules").
    func testMalformedResourceARNIsAnError() throws {
        let policy = try write("p.json", #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::demo/*"}]}"#)
        for arn in ["arn:aws:s3:::Demo_Bucket", "arn:aws:sqs:us-east-1:111122223333:queue", "demo", "arn:aws:s3:::demo/key"] {
            let result = try CLI.run(["check", "--policy", policy, "--resource-type", "AWS::S3::Bucket", "--resource-arn", arn,
                                      "--zone-account", "111122223333"])
            XCTAssertEqual(result.status, 2, "\(arn): \(result.stdout)")
            XCTAssertTrue(result.stderr.contains("AWS::S3::Bucket"), result.stderr)
        }
    }

    // A well-formed ARN no statement can apply to (a mistyped bucket name): the answer carries a
    // warning naming the ARN, in text and in JSON.
    func testPolicyThatCannotApplyToTheARNWarns() throws {
        let policy = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::demo-bukcet/*"}]}"#
        let (result, object) = try check(policy)
        XCTAssertEqual(object["status"] as? String, "NO_EXTERNAL_ACCESS", result.stderr)
        let warnings = try XCTUnwrap(object["warnings"] as? [String])
        XCTAssertTrue(warnings.contains { $0.contains("arn:aws:s3:::demo") }, "\(warnings)")
        let text = try CLI.run(["check", "--policy", try write("typo.json", policy), "--resource-type", "AWS::S3::Bucket",
                                "--resource-arn", "arn:aws:s3:::demo", "--zone-account", "111122223333"])
        XCTAssertTrue(text.stdout.contains("WARNING") && text.stdout.contains("arn:aws:s3:::demo"), text.stdout)
        // A policy that does apply carries no warning.
        let (_, fine) = try check(#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::demo/*"}]}"#)
        XCTAssertEqual(fine["warnings"] as? [String], [])
    }

    // --resource-type is inferred from the ARN's form when omitted.
    func testResourceTypeIsInferredFromTheARN() throws {
        let policy = try write("q.json", #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:111122223333:orders"}]}"#)
        let result = try CLI.run(["check", "--policy", policy, "--resource-arn", "arn:aws:sqs:us-east-1:111122223333:orders",
                                  "--zone-account", "111122223333", "--format", "json"])
        XCTAssertEqual(result.status, 1, result.stderr)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((object["resource"] as? [String: Any])?["type"] as? String, "AWS::SQS::Queue")
    }

    // Issue 15 item 9: a witness is exactly a request file. Every witness of every finding, for
    // policies of several shapes (a trust with no Resource, a key, a prefix of objects, an
    // organization condition), is read by `rampart simulate` and allowed.
    func testEveryWitnessIsAcceptedBySimulate() throws {
        let cases: [(String, String, String)] = [
            ("AWS::IAM::Role", "arn:aws:iam::111122223333:role/deploy",
             #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}, {"Effect": "Allow", "Principal": {"Service": "personalize.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:SourceAccount": "444455556666"}}}]}"#),
            ("AWS::KMS::Key", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
             #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringLike": {"aws:PrincipalOrgID": "*"}}}]}"#),
            ("AWS::S3::Bucket", "arn:aws:s3:::demo",
             #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::demo/public/*"}, {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/etl"}, "Action": ["s3:PutObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::demo", "arn:aws:s3:::demo/*"]}]}"#),
        ]
        for (index, (type, arn, policy)) in cases.enumerated() {
            let policyFile = try write("policy\(index).json", policy)
            let result = try CLI.run(["check", "--policy", policyFile, "--resource-type", type, "--resource-arn", arn,
                                      "--zone-account", "111122223333", "--format", "json", "--timeout-ms", "120000"])
            XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
            let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let findings = try XCTUnwrap(object["findings"] as? [[String: Any]])
            XCTAssertFalse(findings.isEmpty)
            for (number, finding) in findings.enumerated() {
                let witness = try XCTUnwrap(finding["witness"] as? [String: Any])
                XCTAssertNotEqual(witness["principalOrgId"] as? String, "", "no empty identity fields")
                let requestFile = directory.appendingPathComponent("witness-\(index)-\(number).json")
                try JSONSerialization.data(withJSONObject: witness).write(to: requestFile)
                let replay = try CLI.run(["simulate", "--resource-policy", policyFile, "--request", requestFile.path, "--format", "json"])
                XCTAssertEqual(replay.status, 0, "\(type): \(replay.stderr)")
                XCTAssertTrue(replay.stdout.contains("\"Allow\""), "\(type): \(witness) \(replay.stdout)")
            }
        }
    }
}
