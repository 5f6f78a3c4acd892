import Foundation
import XCTest

/// Issue 24, item 6: ambiguity is reported and the resource judged on every reading, never on
/// the more private one. In each case one reading is the model's public or cross-account policy
/// and the other a private one (only the resource's own account), so a scan that kept only the
/// private reading would call the resource safe and resolve its findings.
final class AmbiguousSnapshotTests: XCTestCase {
    private let bucket = "arn:aws:s3:::acme-startup-assets"
    private let bucketFolder = "accounts/111122223333/s3/"
    /// Only the owner account may read: no external access (IAM User Guide, "Policy evaluation
    /// logic": a resource policy naming only the account's own root grants nothing outside it).
    private let privateBucketPolicy = #"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::acme-startup-assets/*\"}]}"#

    private func publicBucketPolicy(_ model: URL) throws -> String {
        let url = model.appendingPathComponent(bucketFolder + "acme-startup-assets.get-bucket-policy.json")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        return try XCTUnwrap(object["Policy"] as? String)
    }

    private func jsonString(_ text: String) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: [text]), as: UTF8.self).dropFirst().dropLast().description
    }

    func testDuplicatePolicyKeyIsJudgedOnBothPolicies() throws {
        for publicFirst in [true, false] {
            let scan = try FaultScan.run("startup", zone: "account") { model in
                let url = model.appendingPathComponent(self.bucketFolder + "acme-startup-assets.get-bucket-policy.json")
                let open = try self.jsonString(self.publicBucketPolicy(model))
                let closed = "\"\(self.privateBucketPolicy)\""
                try Corrupt.write("{\"Policy\": \(publicFirst ? open : closed), \"Policy\": \(publicFirst ? closed : open)}", to: url)
            }
            scan.assertNeverSafe(bucket)
            XCTAssertEqual(scan.resource(bucket)?["status"] as? String, "EXTERNAL_ACCESS")
            scan.assertDiagnostic(file: bucketFolder + "acme-startup-assets.get-bucket-policy.json", jsonPath: "$.Policy", code: "DUPLICATE_KEY")
        }
    }

    func testTwoFilesThatDecodeToOneBucketAreJudgedTogether() throws {
        // `acme-startup-asset%73` percent-decodes to `acme-startup-assets` and is listed first.
        let other = bucketFolder + "acme-startup-asset%73.get-bucket-policy.json"
        let scan = try FaultScan.run("startup", zone: "account") { model in
            try Corrupt.write("{\"Policy\": \"\(self.privateBucketPolicy)\"}", to: model.appendingPathComponent(other))
        }
        scan.assertNeverSafe(bucket)
        XCTAssertEqual(scan.resource(bucket)?["status"] as? String, "EXTERNAL_ACCESS")
        XCTAssertEqual((scan.resource(bucket)?["files"] as? [String])?.contains(other), true)
        let diagnostics = scan.diagnostics.filter { $0["code"] as? String == "AMBIGUOUS_RESOURCE" }
        XCTAssertEqual(diagnostics.count, 1, "\(diagnostics)")
        XCTAssertEqual(diagnostics.first?["resource"] as? String, bucket)
    }

    func testRoleListedTwiceIsJudgedOnBothTrustPolicies() throws {
        let role = "arn:aws:iam::111122223333:role/contractor-readonly"
        let details = "accounts/111122223333/iam/get-account-authorization-details.json"
        let scan = try FaultScan.run("startup", zone: "account") { model in
            let url = model.appendingPathComponent(details)
            var object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            var roles = try XCTUnwrap(object["RoleDetailList"] as? [[String: Any]])
            var copy = try XCTUnwrap(roles.first { $0["RoleName"] as? String == "contractor-readonly" })
            copy["AssumeRolePolicyDocument"] = ["Version": "2012-10-17", "Statement": [
                ["Effect": "Allow", "Principal": ["AWS": "arn:aws:iam::111122223333:root"], "Action": "sts:AssumeRole"]]]
            roles.insert(copy, at: 0)
            object["RoleDetailList"] = roles
            try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted]).write(to: url)
        }
        scan.assertNeverSafe(role)
        XCTAssertEqual(scan.resource(role)?["status"] as? String, "EXTERNAL_ACCESS")
        scan.assertDiagnostic(file: details, code: "AMBIGUOUS_RESOURCE")
    }

    func testTwoFilesWithOneQueueARNAreJudgedTogether() throws {
        let queue = "arn:aws:sqs:us-west-2:222233334444:edge-cross-account"
        let other = "accounts/222233334444/sqs/us-west-2/a-copy.get-queue-attributes.json"
        let scan = try FaultScan.run("edge-cases", zone: "account") { model in
            try Corrupt.write(#"{"Attributes": {"QueueArn": "arn:aws:sqs:us-west-2:222233334444:edge-cross-account", "Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::222233334444:root\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"arn:aws:sqs:us-west-2:222233334444:edge-cross-account\"}]}"}}"#,
                              to: model.appendingPathComponent(other))
        }
        scan.assertNeverSafe(queue)
        XCTAssertEqual(scan.resource(queue)?["status"] as? String, "EXTERNAL_ACCESS")
        let outcomes = (scan.after["resources"] as? [[String: Any]] ?? []).filter { $0["arn"] as? String == queue }
        XCTAssertEqual(outcomes.count, 1, "one resource, not two with the same ARN")
        scan.assertDiagnostic(file: "accounts/222233334444/sqs/us-west-2/edge-cross-account.get-queue-attributes.json", code: "AMBIGUOUS_RESOURCE")
    }

    func testSecretWithAHiddenLookingNameIsRead() throws {
        // `.env` is a legal secret name (Secrets Manager: letters, digits and /_+=.@-).
        let file = "accounts/111122223333/secretsmanager/us-east-1/.env.get-resource-policy.json"
        let scan = try FaultScan.run("startup", zone: "account") { model in
            let url = model.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Corrupt.write(#"{"ARN": "arn:aws:secretsmanager:us-east-1:111122223333:secret:.env-AbCdEf", "Name": ".env", "ResourcePolicy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::999988887777:root\"},\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"*\"}]}"}"#, to: url)
        }
        let secret = "arn:aws:secretsmanager:us-east-1:111122223333:secret:.env-AbCdEf"
        XCTAssertEqual(scan.resource(secret)?["status"] as? String, "EXTERNAL_ACCESS")
        XCTAssertEqual(scan.findings(on: secret, in: scan.after).first?["principal"] as? String, "999988887777")
    }
}
