import Foundation
import XCTest

/// Issue 7, "How we will know": every malformed input class (truncated, wrong types, non-UTF-8,
/// deep nesting, huge strings, empty, binary garbage) gives exit 1 or 2 with a message, never a
/// signal. `rampart validate` is covered in `ValidateCommandTests`; these are the commands that
/// read policies, request files and AWS CLI outputs as inputs to an analysis or a simulation,
/// where a bad file is an input error (exit 2, message on standard error).
final class MalformedInputTests: FolderTestCase {
    /// One file per malformed class, each with a word the error message must contain
    /// (the JSON reader's own words, so the user learns what is wrong and where).
    private func malformedFiles() throws -> [(name: String, path: String, expected: String)] {
        var random = SystemRandomNumberGenerator()
        let classes: [(String, [UInt8], String)] = [
            ("empty.json", [], "empty"),
            ("truncated.json", Array(#"{"Version": "2012-10-17", "Statement": [{"Effect": "Al"#.utf8), "truncated"),
            ("latin1.json", Array(#"{"Version": "2012-10-17", "Sid": ""#.utf8) + [0xE9] + Array(#""}"#.utf8), "UTF-8"),
            ("deep.json", Array(repeating: UInt8(ascii: "["), count: 50_000), "maxNestingDepth"),
            ("huge-string.json", Array(#"{"Id": ""#.utf8) + Array(repeating: UInt8(ascii: "x"), count: 100_000) + Array(#""}"#.utf8),
             "maxStringBytes"),
            ("garbage.bin", [0x00, 0xFF, 0x7B] + (0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) }, "line 1"),
            ("too-large.json", Array(repeating: UInt8(ascii: " "), count: (1 << 20) + 10), "maxDocumentBytes"),
        ]
        return try classes.map { (name, bytes, expected) in (name, try write(name, bytes), expected) }
    }

    private func assertInputError(_ result: CLIResult, _ label: String, mentions expected: String? = nil,
                                  file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(result.terminatedBySignal, "\(label): killed by a signal", file: file, line: line)
        XCTAssertEqual(result.status, 2, "\(label): \(result.stdout) \(result.stderr)", file: file, line: line)
        XCTAssertFalse(result.stderr.isEmpty, "\(label): no message", file: file, line: line)
        if let expected {
            XCTAssertTrue(result.stderr.localizedCaseInsensitiveContains(expected), "\(label): \(result.stderr)", file: file, line: line)
        }
    }

    private let checkArguments = ["--resource-type", "AWS::S3::Bucket", "--resource-arn", "arn:aws:s3:::demo",
                                  "--zone-account", "111122223333", "--timeout-ms", "120000"]
    private let goodPolicy = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::demo/*"}]}"#
    private let goodRequest = #"{"principal": "arn:aws:iam::444455556666:role/R", "action": "s3:GetObject", "resource": "arn:aws:s3:::demo/k", "resourceAccount": "111122223333"}"#

    func testCheckRejectsEveryMalformedPolicyClass() throws {
        for (name, path, _) in try malformedFiles() {
            let result = try CLI.run(["check", "--policy", path] + checkArguments)
            // The policy's own diagnostics are printed: the code names the class.
            assertInputError(result, "check --policy \(name)", mentions: "ERROR")
        }
        // JSON of the wrong types.
        let wrongTypes = try write("wrong-types.json", #"{"Version": 1, "Statement": [1, "x", {"Effect": [], "Action": {}, "Resource": 2, "Condition": []}]}"#)
        assertInputError(try CLI.run(["check", "--policy", wrongTypes] + checkArguments), "check wrong types", mentions: "TYPE_MISMATCH")
    }

    func testCheckRejectsEveryMalformedS3SettingsFile() throws {
        let policy = try write("policy.json", goodPolicy)
        for (name, path, expected) in try malformedFiles() {
            // A 100 kB string is within the limit of AWS CLI outputs (256 KiB a string,
            // `CLIOutputLimits`, the same reader as snapshots'): that file is rejected for the
            // fields it lacks.
            let hugeString = name == "huge-string.json"
            let bpa = try CLI.run(["check", "--policy", policy, "--bpa", path] + checkArguments)
            assertInputError(bpa, "check --bpa \(name)",
                             mentions: hugeString ? "missing \"PublicAccessBlockConfiguration\"" : expected == "line 1" ? nil : expected)
            let acl = try CLI.run(["check", "--policy", policy, "--acl", path] + checkArguments)
            assertInputError(acl, "check --acl \(name)", mentions: hugeString ? "missing \"Grants\"" : expected == "line 1" ? nil : expected)
        }
        let wrongBPA = try write("bpa.json", #"{"PublicAccessBlockConfiguration": {"BlockPublicAcls": "yes"}}"#)
        assertInputError(try CLI.run(["check", "--policy", policy, "--bpa", wrongBPA] + checkArguments), "bpa wrong type",
                         mentions: "BlockPublicAcls")
        let wrongACL = try write("acl.json", #"{"Grants": [{"Grantee": 7}]}"#)
        assertInputError(try CLI.run(["check", "--policy", policy, "--acl", wrongACL] + checkArguments), "acl wrong type",
                         mentions: "Grants[0]")
        let notAnObject = try write("array.json", "[]")
        assertInputError(try CLI.run(["check", "--policy", policy, "--acl", notAnObject] + checkArguments), "acl array",
                         mentions: "object")
    }

    func testCheckRejectsMissingAndUnreadableFiles() throws {
        let missing = directory.appendingPathComponent("missing.json").path
        assertInputError(try CLI.run(["check", "--policy", missing] + checkArguments), "missing policy")
        let folder = directory.appendingPathComponent("folder.json")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        assertInputError(try CLI.run(["check", "--policy", folder.path] + checkArguments), "directory policy", mentions: "directory")
    }

    func testSimulateRejectsEveryMalformedRequestFile() throws {
        let policy = try write("policy.json", goodPolicy)
        for (name, path, expected) in try malformedFiles() {
            let result = try CLI.run(["simulate", "--request", path, "--resource-policy", policy])
            assertInputError(result, "simulate --request \(name)", mentions: expected == "line 1" ? nil : expected)
        }
        let wrongTypes: [(String, String)] = [
            (#"[]"#, "JSON object"),
            (#"{"principal": 7, "action": "s3:GetObject", "resource": "arn:aws:s3:::demo/k"}"#, "principal"),
            (#"{"principal": "anonymous", "action": ["s3:GetObject"], "resource": "arn:aws:s3:::demo/k"}"#, "action"),
            (#"{"principal": "anonymous", "action": "s3:GetObject", "resource": "arn:aws:s3:::demo/k", "context": []}"#, "context"),
            (#"{"principal": "anonymous", "action": "s3:GetObject", "resource": "arn:aws:s3:::demo/k", "context": {"k": {"x": 1}}}"#, "k"),
            (#"{"principal": "anonymous", "action": "s3:GetObject", "resource": "arn:aws:s3:::demo/k", "surprise": 1}"#, "surprise"),
            (#"{"action": "s3:GetObject", "resource": "arn:aws:s3:::demo/k"}"#, "principal"),
        ]
        for (index, (text, expected)) in wrongTypes.enumerated() {
            let request = try write("request-\(index).json", text)
            let result = try CLI.run(["simulate", "--request", request, "--resource-policy", policy])
            assertInputError(result, "simulate wrong types \(index)", mentions: expected)
        }
    }

    func testSimulateRejectsEveryMalformedPolicyFile() throws {
        let request = try write("request.json", goodRequest)
        for (name, path, _) in try malformedFiles() {
            for option in ["--resource-policy", "--identity-policy", "--scp", "--rcp", "--boundary", "--session-policy"] {
                let result = try CLI.run(["simulate", "--request", request, option, path])
                assertInputError(result, "simulate \(option) \(name)")
            }
        }
        let missing = directory.appendingPathComponent("missing.json").path
        assertInputError(try CLI.run(["simulate", "--request", missing, "--resource-policy", try write("p.json", goodPolicy)]),
                         "missing request")
    }
}
