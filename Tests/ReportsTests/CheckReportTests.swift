import Analysis
import Authorizer
import Foundation
import Policy
import Reports
import XCTest

/// The JSON of `rampart check` and the custom checks (docs/CLI.md): the documented keys, the
/// witness in the request-file shape, severity on every finding whose resource type is known.
final class CheckReportTests: XCTestCase {
    private let bucket = "arn:aws:s3:::amzn-s3-demo-bucket"
    private let publicRead = #"""
        {"Version": "2012-10-17", "Statement": [{"Sid": "PublicRead", "Effect": "Allow", "Principal": "*",
          "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]}
        """#

    private func policy() throws -> Policy {
        try XCTUnwrap(PolicyParser.parse(text: publicRead, source: "policy.json", type: .resource).policy)
    }

    private func object(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// A public-read bucket policy (S3 User Guide, "Examples of Amazon S3 bucket policies":
    /// granting read-only permission to anonymous users): EXTERNAL_ACCESS, one public finding of
    /// `s3:GetObject`, HIGH 8.0 on the documented scale (docs/REPORTS.md: public read).
    func testCheckJSONHasTheDocumentedShape() throws {
        let resource = AnalyzedResource(arn: bucket, type: .s3Bucket, account: "111122223333", policy: try policy())
        let zone = ZoneOfTrust.account("111122223333")
        let result = ExternalAccessAnalyzer.analyze(resource, zone: zone, options: AnalysisOptions(timeoutMilliseconds: 120_000))
        let json = try object(ExternalAccessReport.json(result, resource: resource, zone: zone))
        XCTAssertEqual(Set(json.keys), ["status", "external", "public", "externalPrincipals", "findings", "explanation", "warnings",
                                        "complete", "solverCalls", "resource", "zone"])
        XCTAssertEqual(json["status"] as? String, "EXTERNAL_ACCESS")
        XCTAssertEqual(json["public"] as? Bool, true)
        XCTAssertEqual((json["zone"] as? [String: Any])?["accounts"] as? [String], ["111122223333"])
        XCTAssertNil((json["zone"] as? [String: Any])?["organizationId"])
        let findings = try XCTUnwrap(json["findings"] as? [[String: Any]])
        XCTAssertEqual(findings.count, 1)
        let finding = try XCTUnwrap(findings.first)
        XCTAssertEqual(finding["principal"] as? String, "*")
        XCTAssertEqual(finding["principalKind"] as? String, "Everyone")
        XCTAssertEqual(finding["actions"] as? [String], ["s3:GetObject"])
        XCTAssertEqual(finding["source"] as? String, "POLICY")
        XCTAssertEqual(finding["severity"] as? String, "HIGH")
        XCTAssertEqual(finding["severityScore"] as? Double, 8.0)
        XCTAssertEqual((finding["statements"] as? [[String: Any]])?.first?["sid"] as? String, "PublicRead")
        // The witness is a request file the Authorizer allows under the policy.
        let witness = try JSONSerialization.data(withJSONObject: try XCTUnwrap(finding["witness"]))
        let request = try RequestFile.decode(bytes: Array(witness))
        XCTAssertEqual(Authorizer.evaluate(request, policies: resource.policies).outcome, .allow)
    }

    func testCustomCheckJSONCarriesSeverityWhenTheTypeIsKnown() throws {
        let result = CustomChecks.noPublicAccess(policy: try policy(), type: .s3Bucket, resourceArn: bucket,
                                                 options: AnalysisOptions(timeoutMilliseconds: 120_000))
        let json = try object(CustomCheckReport.json(result, check: "check-no-public-access", resourceType: .s3Bucket))
        XCTAssertEqual(json["check"] as? String, "check-no-public-access")
        XCTAssertEqual(json["result"] as? String, "FAIL")
        let findings = try XCTUnwrap(json["findings"] as? [[String: Any]])
        XCTAssertFalse(findings.isEmpty)
        XCTAssertTrue(findings.allSatisfy { $0["severity"] as? String == "HIGH" })
        // Without a resource type (check-no-new-access, check-access-not-granted) no severity is claimed.
        let untyped = try object(CustomCheckReport.json(result, check: "check-no-public-access"))
        XCTAssertTrue((untyped["findings"] as? [[String: Any]])?.allSatisfy { $0["severity"] == nil } == true)
    }
}
