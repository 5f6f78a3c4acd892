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
        let witness = try XCTUnwrap(finding["witness"] as? [String: Any])
        // The witness is exactly what `rampart simulate --request` reads: replay it by hand.
        let requestFile = directory.appendingPathComponent("witness.json")
        try JSONSerialization.data(withJSONObject: witness).write(to: requestFile)
        let policyFile = directory.appendingPathComponent("policy.json").path
        let replay = try CLI.run(["simulate", "--resource-policy", policyFile, "--request", requestFile.path, "--format", "json"])
        XCTAssertTrue(replay.stdout.contains("\"Allow\""), replay.stdout + replay.stderr)
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
}
