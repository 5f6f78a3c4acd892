import Foundation
import RampartTestSupport
import XCTest

/// One grammar for the commands (issue 20, docs/CLI.md "Options every command shares"): usage
/// errors exit 2 everywhere, one solver-timeout default, policies from a file, `-` or
/// `file://`, `--format`, no colour when piped, shell completion.
final class CommandGrammarTests: XCTestCase {
    private let commands = ["validate", "simulate", "check", "check-no-public-access", "check-access-not-granted", "check-no-new-access", "scan", "iac"]
    private let solverCommands = ["check", "check-no-public-access", "check-access-not-granted", "check-no-new-access", "scan", "iac"]
    private let publicPolicy = #"{"Version": "2012-10-17", "Statement": [{"Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::demo/*"}]}"#

    func testArgumentErrorsAreUsageErrorsWithStatus2OnEveryCommand() throws {
        for command in commands {
            // Missing required arguments, or the unknown option itself: an argument error either way.
            let result = try CLI.run([command, "--no-such-option"])
            XCTAssertEqual(result.status, 2, "\(command): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("Error:"), "\(command): \(result.stderr)")
        }
        let unknown = try CLI.run(["validate", "x.json", "--no-such-option"])
        XCTAssertEqual(unknown.status, 2, unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("--no-such-option"), unknown.stderr)
    }

    func testEverySolverCommandHasTheSameTimeoutDefault() throws {
        for command in solverCommands {
            let help = try CLI.run([command, "--help"])
            XCTAssertEqual(help.status, 0, command)
            // The option's help, with the lines ArgumentParser wrapped joined again.
            let words = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            let options = try XCTUnwrap(words.range(of: "OPTIONS:"), command)
            let entry = try XCTUnwrap(words[options.upperBound...].range(of: "--timeout-ms <timeout-ms>"), command)
            let text = words[entry.upperBound...].prefix(200)
            XCTAssertTrue(text.contains("default 30000 on every command"), "\(command): \(text)")
            XCTAssertTrue(help.stdout.contains("--memory-mb"), command)
        }
    }

    /// As the AWS CLI reads JSON parameters: a path, `file://PATH`, or `-` for standard input.
    func testPoliciesFromAFileFileURLOrStandardInputGiveTheSameAnswer() throws {
        let folder = try CLI.temporaryDirectory()
        let file = folder.appendingPathComponent("public policy.json")
        try Data(publicPolicy.utf8).write(to: file)
        let arguments = ["--resource-type", "AWS::S3::Bucket", "--resource-arn", "arn:aws:s3:::demo", "--format", "json"]
        let fromPath = try CLI.run(["check-no-public-access", "--policy", file.path] + arguments)
        let fromURL = try CLI.run(["check-no-public-access", "--policy", "file://" + file.path.replacingOccurrences(of: " ", with: "%20")] + arguments)
        let fromInput = try ProgramRunner.run(CLI.productsDirectory.appendingPathComponent("rampart").path,
                                              ["check-no-public-access", "--policy", "-"] + arguments, standardInput: Data(publicPolicy.utf8))
        for result in [fromPath, fromURL, fromInput] {
            XCTAssertEqual(result.status, 1, result.stderr)   // FAIL: the policy is public
            XCTAssertTrue(result.stdout.contains("\"result\" : \"FAIL\""), result.stdout)
        }
        let validated = try ProgramRunner.run(CLI.productsDirectory.appendingPathComponent("rampart").path, ["validate", "-"],
                                              standardInput: Data(publicPolicy.utf8))
        XCTAssertTrue(validated.stdout.contains("PUBLIC_ALLOW_WITHOUT_CONDITION"), validated.stdout)
    }

    /// Colour is for terminals: output to a pipe (as here) carries no escape sequence.
    func testPipedTextOutputIsNotColoured() throws {
        let folder = try CLI.temporaryDirectory()
        let file = folder.appendingPathComponent("policy.json")
        try Data(publicPolicy.utf8).write(to: file)
        let result = try CLI.run(["check", "--policy", file.path, "--resource-type", "AWS::S3::Bucket", "--resource-arn", "arn:aws:s3:::demo",
                                  "--zone-account", "111122223333"])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stdout.contains("EXTERNAL_ACCESS"))
        XCTAssertFalse(result.stdout.contains("\u{1B}["), result.stdout)
    }

    func testScanPrintsItsSummaryAsJSONAndTheSnapshotDecidesTheZone() throws {
        let out = try CLI.temporaryDirectory()
        let result = try CLI.run(["scan", CLI.packageRoot.appendingPathComponent("Models/organization").path, "--out", out.path,
                                  "--jobs", "2", "--timeout-ms", "120000", "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let summary = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(summary["zone"] as? String, "organization")
        XCTAssertEqual((summary["notes"] as? [String])?.count, 1)
        let written = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("findings.json"))) as? [String: Any])
        XCTAssertEqual(written["zone"] as? String, "organization")
        XCTAssertEqual((summary["summary"] as? [String: Any])?["active"] as? Int, (written["summary"] as? [String: Any])?["active"] as? Int)
    }

    /// Models/startup has one public finding: a configuration's `failOn: public` fails the run,
    /// and `--fail-on never` on the command line wins over it.
    func testAScanConfigurationGivesDefaultsTheCommandLineOverrides() throws {
        let folder = try CLI.temporaryDirectory()
        let config = folder.appendingPathComponent("scan.json")
        try Data(#"{"failOn": "public", "jobs": 2}"#.utf8).write(to: config)
        let model = CLI.packageRoot.appendingPathComponent("Models/startup").path
        let base = ["scan", model, "--out", folder.appendingPathComponent("out").path, "--timeout-ms", "120000", "--config", config.path]
        let failing = try CLI.run(base)
        XCTAssertEqual(failing.status, 1, failing.stdout + failing.stderr)
        XCTAssertTrue(failing.stdout.contains("2 jobs"), failing.stdout)
        let overridden = try CLI.run(base + ["--fail-on", "never"])
        XCTAssertEqual(overridden.status, 0, overridden.stdout + overridden.stderr)
        try Data(#"{"failon": "public"}"#.utf8).write(to: config)
        let misspelt = try CLI.run(base)
        XCTAssertEqual(misspelt.status, 2, misspelt.stderr)
        XCTAssertTrue(misspelt.stderr.contains("failon"), misspelt.stderr)
    }

    func testShellCompletionScriptsAreGenerated() throws {
        for shell in ["bash", "zsh", "fish"] {
            let result = try CLI.run(["--generate-completion-script", shell])
            XCTAssertEqual(result.status, 0, shell)
            XCTAssertTrue(result.stdout.contains("check-no-public-access"), shell)
        }
    }
}
