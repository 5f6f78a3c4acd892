import Foundation
import RampartTestSupport
import XCTest

/// `--format sarif` on the commands whose results are located in files (docs/CLI.md): valid
/// SARIF 2.1.0, each result on the line of the policy that causes it; refused elsewhere.
final class CommandSARIFTests: XCTestCase {
    /// The statement starts on line 3; its `Principal: "*"` read grant is public (S3 User Guide,
    /// "Examples of Amazon S3 bucket policies": anonymous read-only access).
    private let publicPolicy = """
        {"Version": "2012-10-17",
         "Statement": [
          {"Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::demo/*"}]}
        """

    private func sarif(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private func results(_ log: [String: Any]) -> [[String: Any]] {
        ((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
    }

    private func line(_ result: [String: Any]) -> Int? {
        (((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any])?["startLine"] as? Int
    }

    func testCheckAndValidateWriteValidSARIFOnTheCausingLines() throws {
        let folder = try ScanRunner.temporaryDirectory()
        let policy = folder.appendingPathComponent("bucket-policy.json")
        try Data(publicPolicy.utf8).write(to: policy)
        let check = try ScanRunner.rampart(["check", "--policy", policy.path, "--resource-type", "AWS::S3::Bucket", "--resource-arn", "arn:aws:s3:::demo",
                                            "--zone-account", "111122223333", "--timeout-ms", "120000", "--format", "sarif"])
        XCTAssertEqual(check.status, 1, check.stderr)
        let checkLog = try sarif(check.stdout)
        let checkResults = results(checkLog)
        XCTAssertEqual(checkResults.count, 1)
        // Public read: the rung's rule RAMPART006 (docs/REPORTS.md), at the statement's line.
        XCTAssertEqual(checkResults.first?["ruleId"] as? String, "RAMPART006")
        XCTAssertEqual(checkResults.first.flatMap(line), 3)

        let validate = try ScanRunner.rampart(["validate", policy.path, "--format", "sarif"])
        let validateLog = try sarif(validate.stdout)
        let warning = results(validateLog).first { $0["ruleId"] as? String == "PUBLIC_ALLOW_WITHOUT_CONDITION" }
        XCTAssertNotNil(warning, validate.stdout)
        XCTAssertEqual(warning?["level"] as? String, "warning")
        XCTAssertEqual(warning.flatMap(line), 3)

        let checkFile = folder.appendingPathComponent("check.sarif"), validateFile = folder.appendingPathComponent("validate.sarif")
        try Data(check.stdout.utf8).write(to: checkFile)
        try Data(validate.stdout.utf8).write(to: validateFile)
        try SARIFSchema.assertValid([checkFile, validateFile])
    }

    func testCommandsWithoutLocatedResultsRefuseSARIF() throws {
        let folder = try ScanRunner.temporaryDirectory()
        let policy = folder.appendingPathComponent("p.json")
        try Data(publicPolicy.utf8).write(to: policy)
        let result = try ScanRunner.rampart(["check-access-not-granted", "--policy", policy.path, "--action", "s3:GetObject", "--format", "sarif"])
        XCTAssertEqual(result.status, 2, result.stdout)
        XCTAssertTrue(result.stderr.contains("--format sarif"), result.stderr)
    }
}
