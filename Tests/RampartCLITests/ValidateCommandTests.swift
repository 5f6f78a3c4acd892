import Foundation
import XCTest

/// `rampart validate` as a user runs it: exit 0 without ERROR, 1 with one, 2 for usage or
/// I/O errors, and never a signal, whatever the input.
final class ValidateCommandTests: FolderTestCase {
    func testVersionPrintsRampartAndZ3() throws {
        let result = try CLI.run(["--version"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.hasPrefix("rampart "))
        XCTAssertTrue(result.stdout.contains("(Z3 4."), result.stdout)
    }

    func testValidPolicyExitsZero() throws {
        let file = try write("ok.json", #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}}"#)
        let result = try CLI.run(["validate", file])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.contains("identity (inferred) policy, no findings"), result.stdout)
    }

    func testMalformedFileExitsOneAndNamesTheLocation() throws {
        let file = try write("bad.json", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"},]\n}")
        let result = try CLI.run(["validate", file])
        XCTAssertEqual(result.status, 1)
        // The trailing comma is on line 3; the parser reports the ']' that follows it.
        XCTAssertTrue(result.stdout.contains("bad.json:3:"), result.stdout)
        XCTAssertTrue(result.stdout.contains("ERROR INVALID_JSON"), result.stdout)
    }

    func testJSONOutputShape() throws {
        let file = try write("public.json", #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}}"#)
        let result = try CLI.run(["validate", "--format", "json", file])
        XCTAssertEqual(result.status, 0, "a SECURITY_WARNING is not an ERROR")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let files = object?["files"] as? [[String: Any]]
        XCTAssertEqual(files?.first?["policyType"] as? String, "resource")
        XCTAssertEqual(files?.first?["policyTypeInferred"] as? Bool, true)
        let diagnostic = (files?.first?["diagnostics"] as? [[String: Any]])?.first
        XCTAssertEqual(diagnostic?["severity"] as? String, "SECURITY_WARNING")
        XCTAssertEqual(diagnostic?["code"] as? String, "PUBLIC_ALLOW_WITHOUT_CONDITION")
        XCTAssertEqual(diagnostic?["path"] as? String, "$.Statement.Principal")
        XCTAssertEqual(diagnostic?["line"] as? Int, 1)
        XCTAssertEqual((object?["summary"] as? [String: Any])?["securityWarnings"] as? Int, 1)
    }

    func testPolicyTypeFlagChangesTheRules() throws {
        let file = try write("p.json", #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}}"#)
        let result = try CLI.run(["validate", "--policy-type", "resource", file])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains("MISSING_PRINCIPAL"), result.stdout)
        XCTAssertEqual(try CLI.run(["validate", "--policy-type", "bogus", file]).status, 2, "a usage error: 2, like every usage or input error")
    }

    func testUsageAndIOErrorsExitTwo() throws {
        XCTAssertEqual(try CLI.run(["validate", directory.appendingPathComponent("missing.json").path]).status, 2)
        let dir = directory.appendingPathComponent("dir.json")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let result = try CLI.run(["validate", dir.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stdout.contains("is a directory"), result.stdout)
    }

    /// Every malformed-input class gives exit 1 (or 2) with a message, never a signal.
    func testBadInputClassesNeverCrash() throws {
        var random = SystemRandomNumberGenerator()
        let cases: [(String, [UInt8], String)] = [
            ("empty.json", [], "EMPTY_DOCUMENT"),
            ("truncated.json", Array(#"{"Version": "2012-10-17", "Statement": [{"Effect": "Al"#.utf8), "INVALID_JSON"),
            ("latin1.json", Array(#"{"Version": "2012-10-17", "Statement": {"Sid": ""#.utf8) + [0xE9] + Array(#"", "Effect": "Allow"}}"#.utf8), "INVALID_UTF8"),
            ("deep.json", Array(repeating: UInt8(ascii: "["), count: 50_000), "LIMIT_EXCEEDED"),
            ("huge-string.json", Array(#"{"Id": ""#.utf8) + Array(repeating: UInt8(ascii: "x"), count: 100_000) + Array(#""}"#.utf8), "LIMIT_EXCEEDED"),
            ("wrong-types.json", Array(#"{"Version": 1, "Statement": [1, "x", {"Effect": [], "Action": {}, "Resource": 2, "Condition": []}]}"#.utf8), "TYPE_MISMATCH"),
            ("garbage.bin", (0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) }, "ERROR"),
            ("too-large.json", Array(repeating: UInt8(ascii: " "), count: (1 << 20) + 10), "LIMIT_EXCEEDED"),
        ]
        for (name, bytes, expected) in cases {
            let file = try write(name, bytes)
            let result = try CLI.run(["validate", file])
            XCTAssertFalse(result.terminatedBySignal, name)
            XCTAssertEqual(result.status, 1, "\(name): \(result.stdout) \(result.stderr)")
            XCTAssertTrue(result.stdout.contains(expected), "\(name): \(result.stdout)")
        }
    }
}
