import Policy
@testable import Templates
import XCTest

/// A value known only after apply stays unknown even when the configuration says what it is
/// computed from: the plan's expression representation gives an expression's references, not
/// the expression ("JSON Output Format", "Expression Representation",
/// https://developer.hashicorp.com/terraform/internals/json-format#expression-representation),
/// so `bucket = aws_s3_bucket.b.id` and `bucket = "${aws_s3_bucket.b.id}-logs"` look alike.
final class TerraformReferencesTests: XCTestCase {
    private let plan = #"""
        {"format_version": "1.2", "resource_changes": [
          {"address": "aws_s3_bucket.b", "type": "aws_s3_bucket", "name": "b", "change": {"actions": ["create"],
           "after": {"bucket": "acme-logs"}, "after_unknown": {"arn": true, "id": true}}},
          {"address": "aws_s3_bucket_policy.p", "type": "aws_s3_bucket_policy", "name": "p", "change": {"actions": ["create"],
           "after": {"policy": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"444455556666\"}, \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::acme-logs/*\"}]}"},
           "after_unknown": {"bucket": true}}}],
         "configuration": {"root_module": {"resources": [
          {"address": "aws_s3_bucket_policy.p", "mode": "managed", "type": "aws_s3_bucket_policy", "name": "p",
           "expressions": {"bucket": {"references": ["aws_s3_bucket.b.id", "aws_s3_bucket.b"]}}}]}}}
        """#

    func testAnUnknownSaysWhatItIsComputedFromAndStaysUnknown() throws {
        let root = try JSONParser.parse(Array(plan.utf8), limits: InfrastructureDocument.limits)
        let (read, diagnostics) = TerraformPlan.read(root, file: "plan.json")
        XCTAssertEqual(diagnostics.map(\.description), [])
        let subjects = TerraformSubjects(plan: try XCTUnwrap(read), context: DeploymentContext(account: "111122223333")).subjects()
        XCTAssertEqual(subjects.map { TextPart.identity($0.arn) },
                       ["arn:aws:s3:::${aws_s3_bucket_policy.p.bucket (known after apply: computed from aws_s3_bucket.b.id)}"])
    }

    func testTheMostSpecificReferencesAreTheOnesNamed() {
        XCTAssertEqual(TerraformReferences.mostSpecific(["aws_s3_bucket.b.arn", "aws_s3_bucket.b", "var.x", "data.d.list[0]", "data.d.list", "data.d"]),
                       ["aws_s3_bucket.b.arn", "var.x", "data.d.list[0]"])
    }
}
