import Policy
@testable import Templates
import XCTest

/// Policies computed at apply rebuilt from the plan's configuration only where the data source's
/// arguments map one to one onto a policy; anything else is not rebuilt (the resource stays
/// UNPROVEN).
final class TerraformPolicyDocumentsTests: XCTestCase {
    private func plan(document: String, extra: String = "") -> String {
        #"""
        {"format_version": "1.2",
         "resource_changes": [{"address": "aws_sqs_queue_policy.q", "mode": "managed", "type": "aws_sqs_queue_policy", "name": "q",
                               "change": {"actions": ["create"], "after": {"queue_url": "https://sqs.us-east-1.amazonaws.com/111122223333/q"}, "after_unknown": {"policy": true}}}],
         "configuration": {"root_module": {"resources": [
           {"address": "aws_sqs_queue_policy.q", "mode": "managed", "type": "aws_sqs_queue_policy", "name": "q",
            "expressions": {"policy": {"references": ["data.aws_iam_policy_document.d.json", "data.aws_iam_policy_document.d"]}}},
           {"address": "data.aws_iam_policy_document.d", "mode": "data", "type": "aws_iam_policy_document", "name": "d", \#(extra)
            "expressions": \#(document)}]}}}
        """#
    }

    private func policy(_ text: String) throws -> TemplateValue? {
        let (plan, _) = TerraformPlan.read(try JSONParser.parse(text), file: "plan.json")
        return try XCTUnwrap(plan?.resources.first).value("policy")
    }

    func testStatementsAreRebuiltWithReferencesAsUnknowns() throws {
        let document = #"""
            {"statement": [{"effect": {"references": ["var.effect"]},
                            "principals": [{"type": {"constant_value": "AWS"}, "identifiers": {"constant_value": ["arn:aws:iam::444455556666:root"]}},
                                           {"type": {"constant_value": "AWS"}, "identifiers": {"references": ["var.reader"]}}],
                            "actions": {"constant_value": ["sqs:SendMessage"]},
                            "condition": [{"test": {"constant_value": "StringEquals"}, "variable": {"constant_value": "aws:SourceAccount"},
                                           "values": {"constant_value": ["111122223333"]}}]}]}
            """#
        let rebuilt = try XCTUnwrap(try policy(plan(document: document)))
        let statement = try XCTUnwrap(rebuilt.member("Statement")?.elements?.first)
        XCTAssertEqual(statement.member("Effect")?.unknowns.map(\.reason), ["data.aws_iam_policy_document.d effect: var.effect (known after apply)"])
        // Two principals blocks of one type are one entry list.
        XCTAssertEqual(statement.member("Principal")?.member("AWS")?.elements?.count, 2)
        XCTAssertEqual(statement.member("Condition")?.member("StringEquals")?.member("aws:SourceAccount")?.elements?.first?.stringValue, "111122223333")
        XCTAssertEqual(rebuilt.member("Version")?.stringValue, "2012-10-17")
    }

    func testWhatDoesNotMapOneToOneIsNotRebuilt() throws {
        let merged = #"{"source_policy_documents": {"references": ["data.aws_iam_policy_document.base.json"]}, "statement": []}"#
        guard case .unknown? = try policy(plan(document: merged))?.kind else { return XCTFail("a merged document is not rebuilt") }
        let counted = #"{"statement": [{"actions": {"constant_value": ["sqs:*"]}}]}"#
        guard case .unknown? = try policy(plan(document: counted, extra: #""count_expression": {"constant_value": 2},"#))?.kind else {
            return XCTFail("a counted data source is not rebuilt")
        }
    }
}
