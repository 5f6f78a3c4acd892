import Authorizer
import Foundation
import Policy
import Reports
import XCTest

/// `rampart simulate`'s JSON (docs/SIMULATE.md): decision, reason (`null` when there is none)
/// and the matched statements with `sid` `null` when a statement has none.
final class SimulationReportTests: XCTestCase {
    func testTheDocumentedKeysWithNullsForAbsentValues() throws {
        // IAM User Guide, "Policy evaluation logic": an explicit Deny in an SCP decides.
        let scp = try XCTUnwrap(PolicyParser.parse(text: #"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}"#,
                                                   source: "scp.json", type: .scp).policy)
        let allow = try XCTUnwrap(PolicyParser.parse(text: #"{"Version": "2012-10-17", "Statement": [{"Sid": "All", "Effect": "Allow", "Action": "*", "Resource": "*"}]}"#,
                                                     source: "identity.json", type: .identity).policy)
        let request = Request(principal: .role(arn: "arn:aws:iam::111122223333:role/R"), action: "s3:GetObject", resource: "arn:aws:s3:::b/k",
                              resourceAccount: "111122223333")
        let decision = Authorizer.evaluate(request, policies: PolicySet(identityPolicies: [allow], serviceControlPolicies: [[scp]]))
        XCTAssertEqual(decision.outcome, .explicitDeny)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(SimulationReport.json(decision).utf8)) as? [String: Any])
        XCTAssertEqual(object["decision"] as? String, "ExplicitDeny")
        XCTAssertTrue(object.keys.contains("reason") && object["reason"] is NSNull)
        let statements = try XCTUnwrap(object["matchedStatements"] as? [[String: Any]])
        XCTAssertEqual(statements.count, 1)
        XCTAssertEqual(statements.first?["policy"] as? String, "scp.json")
        XCTAssertEqual(statements.first?["role"] as? String, "scp")
        XCTAssertEqual(statements.first?["effect"] as? String, "Deny")
        XCTAssertTrue(statements.first?["sid"] is NSNull)
        XCTAssertTrue(SimulationReport.text(decision).hasPrefix("ExplicitDeny\n  Deny scp scp.json statement #0"))
    }
}
