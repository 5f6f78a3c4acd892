import Foundation
import Policy
import RampartTestSupport
import XCTest

/// The inputs of the `FuzzPolicy` fuzz target (Fuzz/, docs/TESTING.md "Fuzzing") replayed in the
/// normal suite: the committed seeds in `Fuzz/corpus/policy/seeds/` and every finding kept in
/// `Fuzz/regressions/policy/` (a crash, timeout or out-of-memory input, committed with its fix).
/// Each is read exactly as the fuzz target reads it: as every policy type, then with the type
/// inferred, and rendered as `rampart validate` renders it. Reaching the end is the assertion
/// that matters (a trap ends the test process); each input must also give a model or an ERROR.
final class FuzzRegressionTests: XCTestCase {
    /// What `FuzzPolicy` does with one input (Fuzz/Sources/FuzzPolicy/FuzzPolicy.swift).
    private func replay(_ name: String, _ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
        let start = ContinuousClock.now
        for type in PolicyType.allCases {
            let result = PolicyParser.parse(bytes: bytes, source: name, type: type)
            XCTAssertTrue(result.policy != nil || result.diagnostics.contains { $0.severity == .error },
                          "\(name) as \(type): no model and no ERROR", file: file, line: line)
        }
        let inferred = PolicyParser.parse(bytes: bytes, source: name, type: nil)
        let validation = FileValidation(file: name, policyType: inferred.type, policyTypeInferred: true,
                                        readError: nil, diagnostics: inferred.diagnostics)
        XCTAssertEqual(validation.diagnosticLines.count, validation.diagnostics.count, file: file, line: line)
        // libFuzzer's -timeout in scripts/fuzz.sh is 10 s for a release build; a debug build
        // is slower, so this only catches a hang, not a slowdown.
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(30), "\(name) is slow", file: file, line: line)
    }

    func testCommittedSeedsReplay() throws {
        let seeds = try PackageFiles.contents(of: "Fuzz/corpus/policy/seeds")
        XCTAssertGreaterThanOrEqual(seeds.count, 10, "the committed seed corpus is missing")
        for (name, bytes) in seeds { replay(name, bytes) }
    }

    func testKeptFindingsReplay() throws {
        for (name, bytes) in try PackageFiles.contents(of: "Fuzz/regressions/policy") { replay(name, bytes) }
    }

    /// Inputs at the edges the fuzzer's mutations aim for, kept here so they run on every build.
    func testEdgeInputs() {
        let edges: [(String, [UInt8])] = [
            ("empty", []),
            ("bom only", [0xEF, 0xBB, 0xBF]),
            ("nul", [0x00]),
            ("lone high surrogate", Array(#"{"Statement": "\ud800"}"#.utf8)),
            ("lone low surrogate", Array(#"{"Sid": "\udc00x"}"#.utf8)),
            ("truncated escape", Array(#"{"Sid": "\u12"#.utf8)),
            ("overlong utf-8", [0x7B, 0x22, 0xC0, 0xAF, 0x22, 0x3A, 0x31, 0x7D]),
            ("surrogate in utf-8", [0x22, 0xED, 0xA0, 0x80, 0x22]),
            ("minus only", Array("-".utf8)),
            ("huge exponent", Array(policy(#"{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"NumericLessThan": {"n": 1e999999999999999999}, "DateLessThan": {"aws:EpochTime": "99999999999999999999999"}}}"#).utf8)),
            ("bad cidr", Array(policy(#"{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": ["::ffff:1.2.3.4/200", "1.2.3.4/-1", "1.2.3.4/", "/", "::/", ":::/0"]}}}"#).utf8)),
            ("variables", Array(policy(#"{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::${${aws:username}}/${", "Condition": {"StringLike": {"s3:prefix": "${aws:username, 'x'}${"}}}"#).utf8)),
            ("at depth limit", Array(repeating: UInt8(ascii: "["), count: 64) + Array(repeating: UInt8(ascii: "]"), count: 64)),
            ("over depth limit", Array(repeating: UInt8(ascii: "{"), count: 65)),
            ("duplicate keys", Array(#"{"Statement": [], "Statement": {}, "Version": "2012-10-17", "Version": 1}"#.utf8)),
        ]
        for (name, bytes) in edges { replay(name, bytes) }
    }
}
