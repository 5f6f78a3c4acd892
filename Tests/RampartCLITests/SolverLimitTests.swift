import Foundation
import XCTest

/// Issue 7, "Solver limits": the per-query timeout (`--timeout-ms`) and the memory limit
/// (`--memory-mb`) of `rampart check`. Over either, the answer is UNPROVEN (exit 3) with the
/// reason, never NO_EXTERNAL_ACCESS. (The timeout is covered in `CheckCommandTests`.)
final class SolverLimitTests: FolderTestCase {
    private func check(_ policy: String, _ extra: [String]) throws -> (CLIResult, [String: Any]) {
        let url = directory.appendingPathComponent("policy.json")
        try Data(policy.utf8).write(to: url)
        let result = try CLI.run(["check", "--policy", url.path, "--resource-type", "AWS::S3::Bucket",
                                  "--resource-arn", "arn:aws:s3:::demo", "--zone-account", "111122223333",
                                  "--format", "json", "--timeout-ms", "120000"] + extra)
        let object = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any] ?? [:]
        return (result, object)
    }

    /// A bucket only its own account can read: proven safe with room to work.
    private let privateBucket = #"{"Version": "2012-10-17", "Statement": [{"Sid": "Own", "Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::demo/*"}]}"#

    func testTinyMemoryLimitIsUnprovenWithTheReason() throws {
        // 1 MB is less than one Z3 context needs (~17 MB): the solver cannot even start. (The
        // fast engine proves this policy without the solver, so the solver alone is asked.)
        let (result, object) = try check(privateBucket, ["--memory-mb", "1", "--engine", "solver"])
        XCTAssertFalse(result.terminatedBySignal)
        XCTAssertEqual(result.status, 3, result.stdout + result.stderr)
        XCTAssertEqual(object["status"] as? String, "UNPROVEN")
        let explanation = (object["explanation"] as? [String] ?? []).joined(separator: " ")
        XCTAssertTrue(explanation.contains("out of memory"), explanation)
        XCTAssertTrue(explanation.contains("1 MB"), explanation)
    }

    func testLimitsBelowWhatAContextNeedsAreUnprovenNotError() throws {
        // Under a few tens of MB Z3 refuses the context itself (Z3_mk_context_rc returns NULL
        // before its allocation count reaches the cap): still UNPROVEN with the reason (issue 24).
        for megabytes in ["2", "10"] {
            let (result, object) = try check(privateBucket, ["--memory-mb", megabytes, "--engine", "solver"])
            XCTAssertEqual(result.status, 3, "\(megabytes) MB: " + result.stdout + result.stderr)
            XCTAssertEqual(object["status"] as? String, "UNPROVEN")
            let explanation = (object["explanation"] as? [String] ?? []).joined(separator: " ")
            XCTAssertTrue(explanation.contains("out of memory") && explanation.contains("\(megabytes) MB"), explanation)
        }
    }

    func testScreenedProofNeedsNoSolverMemory() throws {
        // Its only Allow statement names the zone's own account: a proof read off the text.
        let (result, object) = try check(privateBucket, ["--memory-mb", "1"])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertEqual(object["status"] as? String, "NO_EXTERNAL_ACCESS")
        let explanation = (object["explanation"] as? [String] ?? []).joined(separator: " ")
        XCTAssertTrue(explanation.contains("its Principal names only principals inside the zone"), explanation)
    }

    func testGenerousMemoryLimitStillProves() throws {
        let (result, object) = try check(privateBucket, ["--memory-mb", "4096"])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertEqual(object["status"] as? String, "NO_EXTERNAL_ACCESS")
    }

    /// `--max-findings`: three statements grant `s3:GetObject` to three distinct outside
    /// accounts, so there are three findings (one per account, worked by hand). With a limit of
    /// two the enumeration stops at two and says so: the answer is incomplete, never complete.
    func testTheFindingLimitMarksTheAnswerIncomplete() throws {
        let statements = ["444455556666", "555566667777", "666677778888"].map {
            #"{"Effect": "Allow", "Principal": {"AWS": "\#($0)"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::demo/*"}"#
        }
        let policy = #"{"Version": "2012-10-17", "Statement": ["# + statements.joined(separator: ", ") + "]}"
        let (all, allObject) = try check(policy, [])
        XCTAssertEqual(all.status, 1, all.stdout + all.stderr)
        XCTAssertEqual((allObject["findings"] as? [[String: Any]])?.count, 3)
        XCTAssertEqual(allObject["complete"] as? Bool, true)

        let (capped, cappedObject) = try check(policy, ["--max-findings", "2"])
        XCTAssertEqual(capped.status, 1, capped.stdout + capped.stderr)
        XCTAssertEqual(cappedObject["status"] as? String, "EXTERNAL_ACCESS")
        XCTAssertEqual((cappedObject["findings"] as? [[String: Any]])?.count, 2)
        XCTAssertEqual(cappedObject["complete"] as? Bool, false)
        let explanation = (cappedObject["explanation"] as? [String] ?? []).joined(separator: " ")
        XCTAssertTrue(explanation.contains("--max-findings"), explanation)

        let (zero, _) = try check(policy, ["--max-findings", "0"])
        XCTAssertNotEqual(zero.status, 0)
        XCTAssertTrue(zero.stderr.contains("--max-findings must be at least 1"), zero.stderr)
    }

    func testMemoryLimitMustBePositive() throws {
        let (result, _) = try check(privateBucket, ["--memory-mb", "0"])
        XCTAssertEqual(result.status, 2, "usage error: \(result.stderr)")
        XCTAssertTrue(result.stderr.contains("--memory-mb"), result.stderr)
        let (negative, _) = try check(privateBucket, ["--memory-mb", "-5"])
        XCTAssertEqual(negative.status, 2, negative.stderr)
    }
}
