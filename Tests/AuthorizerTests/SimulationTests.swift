import XCTest
@testable import Authorizer
import Foundation

/// `Simulation.load` (what `rampart simulate` runs): files in, request and policies out, errors named.
final class SimulationTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("authz-sim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func testEndToEnd() throws {
        let request = try write("req.json", #"{"principal": "arn:aws:iam::444455556666:role/R", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k", "context": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}"#)
        let bucket = try write("bucket.json", #"{"Version": "2012-10-17", "Statement": {"Sid": "Org", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}}"#)
        let (loaded, policies) = try Simulation.load(SimulationFiles(requestFile: request, resourcePolicyFile: bucket, resourceAccount: "111122223333"))
        XCTAssertNil(policies.identityPolicies, "no --identity-policy: unknown, assume allow")
        let decision = Authorizer.evaluate(loaded, policies: policies)
        XCTAssertEqual(decision.outcome, .allow)
        XCTAssertEqual(decision.matchedStatements.map { "\($0.policy) \($0.role.rawValue) \($0.statementIndex) \($0.sid ?? "-") \($0.effect.rawValue)" },
                       ["\(bucket) resource 0 Org Allow"])
        let (_, none) = try Simulation.load(SimulationFiles(requestFile: request, resourcePolicyFile: bucket, identityPoliciesNone: true))
        XCTAssertEqual(none.identityPolicies, [])
    }

    func testPolicyWithErrorsIsRejected() throws {
        let request = try write("req.json", #"{"principal": "anonymous", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}"#)
        let bad = try write("bad.json", #"{"Version": "2012-10-17", "Statement": {"Effect": "Allw", "Action": "s3:*", "Resource": "*"}}"#)
        XCTAssertThrowsError(try Simulation.load(SimulationFiles(requestFile: request, identityPolicyFiles: [bad]))) { error in
            guard case .invalidPolicy(let file, let report)? = error as? SimulationError else { return XCTFail("\(error)") }
            XCTAssertEqual(file, bad)
            XCTAssertTrue(report.contains("INVALID_EFFECT"), report)
        }
    }

    func testBadRequestAndFiles() throws {
        let bad = try write("req.json", #"{"principal": "anonymous", "action": 3, "resource": "r"}"#)
        XCTAssertThrowsError(try Simulation.load(SimulationFiles(requestFile: bad))) { error in
            guard case .invalidRequest(_, let detail)? = error as? SimulationError else { return XCTFail("\(error)") }
            XCTAssertEqual(detail.field, "$.action")
        }
        XCTAssertThrowsError(try Simulation.load(SimulationFiles(requestFile: directory.appendingPathComponent("missing.json").path))) { error in
            guard case .unreadable? = error as? SimulationError else { return XCTFail("\(error)") }
        }
        let good = try write("ok.json", #"{"principal": "anonymous", "action": "s3:GetObject", "resource": "r"}"#)
        XCTAssertThrowsError(try Simulation.load(SimulationFiles(requestFile: good, resourceAccount: "abc"))) { error in
            guard case .invalidOption? = error as? SimulationError else { return XCTFail("\(error)") }
        }
    }
}
