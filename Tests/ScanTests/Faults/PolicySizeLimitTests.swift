import Foundation
import XCTest

/// Issue 24, item 4: policies inside CLI outputs are held to AWS's own quotas, whether the CLI
/// prints them as strings or objects. S3 User Guide, "Bucket policies and user policies":
/// "Bucket policies are limited to 20 KB in size"; AWS KMS Developer Guide, "Key policies":
/// "Up to 32 kilobytes (32,768 bytes)".
final class PolicySizeLimitTests: XCTestCase {
    private let folder = "accounts/111122223333/"

    /// A public-read bucket policy padded with Deny statements on other buckets' objects (they
    /// change nothing for this bucket) to about `bytes` bytes without whitespace.
    private func bucketPolicy(bytes: Int) -> String {
        var statements = [#"{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-startup-assets/public/*"}"#]
        var index = 0
        while statements.joined(separator: ",").utf8.count + 40 < bytes {
            statements.append(#"{"Sid":"Pad\#(index)","Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::other-bucket-\#(index)/*"}"#)
            index += 1
        }
        return #"{"Version":"2012-10-17","Statement":["# + statements.joined(separator: ",") + "]}"
    }

    private func write(policy: String, asObject: Bool, to url: URL) throws {
        let value: Any = asObject ? try JSONSerialization.jsonObject(with: Data(policy.utf8)) : policy
        try JSONSerialization.data(withJSONObject: ["Policy": value]).write(to: url)
    }

    private func scanWithBucketPolicy(bytes: Int, asObject: Bool = false) throws -> (FaultScan, Int) {
        let policy = bucketPolicy(bytes: bytes)
        let scan = try FaultScan.run("startup", zone: "account") { model in
            try self.write(policy: policy, asObject: asObject,
                           to: model.appendingPathComponent(self.folder + "s3/acme-startup-assets.get-bucket-policy.json"))
        }
        return (scan, policy.utf8.count)
    }

    func testBucketPolicyOver16KiBAndUnder20KBIsAnalysed() throws {
        let (scan, size) = try scanWithBucketPolicy(bytes: 19_500)
        XCTAssertGreaterThan(size, 16 * 1024)
        XCTAssertEqual(scan.resource("arn:aws:s3:::acme-startup-assets")?["status"] as? String, "EXTERNAL_ACCESS", "\(scan.diagnostics)")
    }

    func testBucketPolicyOver20KBIsNotAnalysed() throws {
        for asObject in [false, true] {
            let (scan, size) = try scanWithBucketPolicy(bytes: 21_000, asObject: asObject)
            XCTAssertGreaterThan(size, 20 * 1024)
            XCTAssertEqual(scan.resource("arn:aws:s3:::acme-startup-assets")?["status"] as? String, "ERROR", "object: \(asObject)")
            scan.assertDiagnostic(file: folder + "s3/acme-startup-assets.get-bucket-policy.json", jsonPath: "$.Policy", code: "POLICY_TOO_LARGE")
        }
    }

    func testKeyPolicyUpTo32KBIsAnalysed() throws {
        let key = "kms/us-east-1/1234abcd-12ab-34cd-56ef-1234567890ab.get-key-policy.json"
        let scan = try FaultScan.run("startup", zone: "account") { model in
            let url = model.appendingPathComponent(self.folder + key)
            let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            var document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(XCTUnwrap(object["Policy"] as? String).utf8)) as? [String: Any])
            var statements = document["Statement"] as? [Any] ?? []
            var index = 0
            while try JSONSerialization.data(withJSONObject: document).count < 30_000 {
                statements.append(["Sid": "Pad\(index)", "Effect": "Deny", "Principal": "*", "Action": "kms:ScheduleKeyDeletion",
                                   "Resource": "*", "Condition": ["StringEquals": ["aws:PrincipalTag/team": "never-\(index)"]]])
                document["Statement"] = statements
                index += 1
            }
            let text = String(decoding: try JSONSerialization.data(withJSONObject: document), as: UTF8.self)
            try JSONSerialization.data(withJSONObject: ["Policy": text, "PolicyName": "default"]).write(to: url)
        }
        let arn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        XCTAssertNotEqual(scan.resource(arn)?["status"] as? String, "ERROR", "\(scan.diagnostics)")
        XCTAssertTrue(scan.diagnostics.allSatisfy { $0["code"] as? String != "POLICY_TOO_LARGE" && $0["code"] as? String != "MALFORMED_JSON" })
    }
}
