import Foundation
import XCTest

/// Issue 24, item 1: an RCP that could not be read is never dropped from its level. Every level
/// of RCPs must allow (AWS Organizations User Guide, "Resource control policies (RCPs)": an
/// action is allowed only when RCPs at every level from the root to the account allow it), so
/// losing RCPFullAWSAccess while the root's Deny-only EnforceTLS stays attached would deny every
/// request and "prove" an externally trusted role safe. Organization model: RCPFullAWSAccess on
/// every level and EnforceTLS at the root (Models/organization/EXPECTED.md); the role IncidentResponder is
/// trusted by the vendor account 777788889999 and partner-reporting by 555566667777.
final class RCPFaultTests: XCTestCase {
    private let policies = "organization/policies/"
    /// Resources under RCPs (STS, SQS, S3 in member accounts) with findings in the intact model.
    private let governed = ["arn:aws:iam::100000000002:role/IncidentResponder", "arn:aws:iam::100000000003:role/partner-reporting",
                            "arn:aws:sqs:eu-west-1:100000000003:partner-orders", "arn:aws:s3:::globex-data-lake"]

    /// AWS attaches RCPFullAWSAccess to the root, every OU and every account when RCPs are
    /// enabled (AWS Organizations User Guide, "Resource control policies (RCPs)"), as the model
    /// does; EnforceTLS is at its root only. The intact copy also puts EnforceTLS beside
    /// RCPFullAWSAccess on every level, so losing RCPFullAWSAccess from the levels would leave a
    /// Deny-only RCP on each.
    private func attachRCPsEverywhere(_ model: URL) throws {
        let nodes = ["r-a1b2", "ou-a1b2-workload1", "ou-a1b2-sandbox1"] + (1...6).map { "10000000000\($0)" }
        let targets = nodes.map { ["TargetId": $0, "Arn": "arn:aws:organizations::100000000001:target/\($0)", "Name": $0,
                                   "Type": $0.hasPrefix("r-") ? "ROOT" : $0.hasPrefix("ou-") ? "ORGANIZATIONAL_UNIT" : "ACCOUNT"] }
        for policy in ["p-rcpfull", "p-rcptls"] {
            try JSONSerialization.data(withJSONObject: ["Targets": targets], options: [.prettyPrinted])
                .write(to: model.appendingPathComponent(policies + "\(policy).list-targets-for-policy.json"))
        }
    }

    private func scan(_ corrupt: (URL) throws -> Void) throws -> FaultScan {
        let scan = try FaultScan.run("organization", zone: "organization", prepare: attachRCPsEverywhere, corrupt: corrupt)
        for arn in governed {
            let explanation = (scan.resource(arn, in: scan.before)?["explanation"] as? [String] ?? []).joined(separator: " ")
            XCTAssertFalse(explanation.contains("RCPs left out"), "the intact copy applies its RCPs: \(explanation)")
        }
        return scan
    }

    private func assertRCPsLeftOut(_ scan: FaultScan, file: StaticString = #filePath, line: UInt = #line) {
        for arn in governed {
            scan.assertNeverSafe(arn, file: file, line: line)
            let outcome = scan.resource(arn)
            XCTAssertEqual(outcome?["complete"] as? Bool, false, "\(arn): the list may hold findings an RCP denies", file: file, line: line)
            let explanation = (outcome?["explanation"] as? [String] ?? []).joined(separator: " ")
            XCTAssertTrue(explanation.contains("RCPs left out"), explanation, file: file, line: line)
        }
    }

    func testTruncatedRCPFullAWSAccessIsNotDroppedFromItsLevel() throws {
        let scan = try scan { try Corrupt.truncate($0.appendingPathComponent(policies + "p-rcpfull.describe-policy.json")) }
        assertRCPsLeftOut(scan)
        scan.assertDiagnostic(file: policies + "p-rcpfull.describe-policy.json", code: "MALFORMED_JSON")
    }

    func testMissingTargetsFileLeavesTheRCPUnknownWithADiagnostic() throws {
        // The collector writes no targets file when ListTargetsForPolicy meets AccessDenied.
        let scan = try scan { try Corrupt.remove($0.appendingPathComponent(policies + "p-rcpfull.list-targets-for-policy.json")) }
        assertRCPsLeftOut(scan)
        scan.assertDiagnostic(file: policies + "p-rcpfull.list-targets-for-policy.json", code: "MISSING_FIELD")
    }

    func testTargetEntryWithoutTargetIdLeavesTheTargetsUnknown() throws {
        let scan = try scan {
            try Corrupt.replace("\"TargetId\"", with: "\"Target\"", in: $0.appendingPathComponent(policies + "p-rcpfull.list-targets-for-policy.json"))
        }
        assertRCPsLeftOut(scan)
        scan.assertDiagnostic(file: policies + "p-rcpfull.list-targets-for-policy.json", jsonPath: "$.Targets[0]", code: "MISSING_FIELD")
    }

    func testTypeOfTheWrongJSONTypeLeavesThePolicyUnknown() throws {
        let scan = try scan {
            try Corrupt.replace("\"RESOURCE_CONTROL_POLICY\"", with: "42", in: $0.appendingPathComponent(policies + "p-rcpfull.describe-policy.json"))
        }
        assertRCPsLeftOut(scan)
        scan.assertDiagnostic(file: policies + "p-rcpfull.describe-policy.json", jsonPath: "$.Policy.PolicySummary.Type", code: "WRONG_TYPE")
    }

    func testUnrecognisedTypeMayBeAnRCP() throws {
        let scan = try scan {
            try Corrupt.replace("\"RESOURCE_CONTROL_POLICY\"", with: "\"RESOURCE_CONTROL_POLICY_V2\"",
                                in: $0.appendingPathComponent(policies + "p-rcpfull.describe-policy.json"))
        }
        assertRCPsLeftOut(scan)
        scan.assertDiagnostic(file: policies + "p-rcpfull.describe-policy.json", jsonPath: "$.Policy.PolicySummary.Type", code: "UNKNOWN_POLICY_TYPE")
    }

    func testTruncatedDenyOnlyRCPIsLeftOutWithTheLayer() throws {
        // Losing EnforceTLS alone would only add access; the layer is still reported as left out.
        let scan = try scan { try Corrupt.truncate($0.appendingPathComponent(policies + "p-rcptls.describe-policy.json")) }
        assertRCPsLeftOut(scan)
    }

    /// SCPs restrict only the organization's own principals (AWS Organizations User Guide,
    /// "Service control policies (SCPs)": "SCPs don't affect ... principals outside your
    /// organization"), so no SCP fault can change external access: the same findings, the same
    /// status for every resource, nothing resolved, and a diagnostic for each bad file.
    func testUnreadableSCPsNeverChangeExternalAccess() throws {
        let scan = try scan { model in
            try Corrupt.truncate(model.appendingPathComponent(policies + "p-FullAWSAccess.describe-policy.json"))
            try Corrupt.remove(model.appendingPathComponent(policies + "p-denyleaveorg.list-targets-for-policy.json"))
            try Corrupt.replace(#"\"Effect\""#, with: #"\"Effects\""#, in: model.appendingPathComponent(policies + "p-regionlock.describe-policy.json"))
        }
        func ids(_ report: [String: Any]) -> Set<String> {
            Set((report["findings"] as? [[String: Any]] ?? []).filter { $0["status"] as? String == "ACTIVE" }.compactMap { $0["id"] as? String })
        }
        XCTAssertEqual(ids(scan.after), ids(scan.before))
        XCTAssertFalse(ids(scan.before).isEmpty)
        func statuses(_ report: [String: Any]) -> [String: String] {
            Dictionary(uniqueKeysWithValues: (report["resources"] as? [[String: Any]] ?? []).map { ($0["arn"] as? String ?? "", $0["status"] as? String ?? "") })
        }
        XCTAssertEqual(statuses(scan.after), statuses(scan.before))
        XCTAssertEqual((scan.after["summary"] as? [String: Any])?["resolved"] as? Int, 0)
        scan.assertDiagnostic(file: policies + "p-FullAWSAccess.describe-policy.json", code: "MALFORMED_JSON")
        scan.assertDiagnostic(file: policies + "p-denyleaveorg.list-targets-for-policy.json", code: "MISSING_FIELD")
        scan.assertDiagnostic(file: policies + "p-regionlock.describe-policy.json")
    }
}
