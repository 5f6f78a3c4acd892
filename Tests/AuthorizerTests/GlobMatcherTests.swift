import XCTest
@testable import Authorizer
import RampartTestSupport

/// IAM User Guide, "IAM JSON policy elements: Condition operators" (string condition operators):
/// `*` matches any run of characters (including none), `?` any single character; wildcards are the
/// same in Action and Resource ("IAM JSON policy elements: Action", "...: Resource").
final class GlobMatcherTests: XCTestCase {
    func testTable() {
        let rows: [(String, String, Bool, UInt)] = [
            ("*", "", true, #line),
            ("*", "anything:with/colons", true, #line),
            ("", "", true, #line),
            ("", "a", false, #line),
            ("a", "a", true, #line),
            ("a", "A", false, #line),
            ("?", "", false, #line),
            ("?", "x", true, #line),
            ("?", "xy", false, #line),
            ("a*b", "ab", true, #line),
            ("a*b", "axxb", true, #line),
            ("a*b", "axxbc", false, #line),
            ("a*b*c", "abbbbc", true, #line),
            ("a*b*c", "acb", false, #line),
            ("*.jpg", "photos/cat.jpg", true, #line),
            ("*.jpg", "photos/cat.jpeg", false, #line),
            ("s3:Get*", "s3:GetObject", true, #line),
            ("s3:Get*", "s3:PutObject", false, #line),
            ("a?c", "abc", true, #line),
            ("a?c", "ac", false, #line),
            ("**", "x", true, #line),
            ("*?", "", false, #line),
            ("*?", "é", true, #line),                  // ? is one character, not one byte
            ("caf?", "café", true, #line),
            ("arn:aws:s3:::b/*", "arn:aws:s3:::b/", true, #line),
            ("arn:aws:s3:::b/*", "arn:aws:s3:::bb/k", false, #line),
        ]
        for (pattern, subject, expected, line) in rows {
            XCTAssertEqual(GlobPattern(pattern).matches(subject), expected, "\(pattern) ~ \(subject)", line: line)
        }
    }

    /// Action names are case-insensitive ("IAM JSON policy elements: Action").
    func testCaseInsensitive() {
        XCTAssertTrue(GlobPattern("S3:get*", caseInsensitive: true).matches("s3:GetObject"))
        XCTAssertTrue(GlobPattern("iam:PASSROLE", caseInsensitive: true).matches("iam:passrole"))
        XCTAssertFalse(GlobPattern("S3:get*", caseInsensitive: false).matches("s3:GetObject"))
    }

    /// The Authorizer's uncompiled path for `Action` patterns gives the compiled matcher's answer
    /// (checked by the table above) on every ASCII pattern and subject up to length 4 over
    /// letters of both cases, `:`, `*` and `?`; it declines (nil) anything non-ASCII.
    func testASCIIActionMatchingAgreesWithCompiledPatterns() {
        let patterns = allStrings(over: ["a", "B", ":", "*", "?"], upTo: 4)
        let subjects = allStrings(over: ["a", "b", ":"], upTo: 4)
        for pattern in patterns {
            let compiled = GlobPattern(pattern, caseInsensitive: true)
            for subject in subjects {
                XCTAssertEqual(GlobPattern.matchesASCIIIgnoringCase(pattern, lowercasedSubject: subject),
                               compiled.matches(subject, subjectIsLowercased: true), "\(pattern) ~ \(subject)")
            }
        }
        XCTAssertEqual(GlobPattern.matchesASCIIIgnoringCase("S3:Get*", lowercasedSubject: "s3:getobject"), true)
        XCTAssertEqual(GlobPattern.matchesASCIIIgnoringCase("s3:Put*", lowercasedSubject: "s3:getobject"), false)
        XCTAssertNil(GlobPattern.matchesASCIIIgnoringCase("caf?", lowercasedSubject: "café"))
        XCTAssertNil(GlobPattern.matchesASCIIIgnoringCase("cafÉ", lowercasedSubject: "cafe"))
    }

    /// The uncompiled paths for literal patterns give the compiled matcher's answers: every
    /// pattern up to length 3 over letters of both cases, `:`, `*`, `?` and `$`, against every
    /// prefix and text up to length 3 (case-insensitive for actions, variables widened for
    /// resources, where `${x}` stands for any text).
    func testUncompiledScreenQuestionsAgreeWithCompiledPatterns() {
        let patterns = allStrings(over: ["a", "B", ":", "*", "?", "$"], upTo: 3) + ["a${x}", "${x}b", "aB:"]
        let texts = allStrings(over: ["a", "b", "B", ":"], upTo: 3)
        for pattern in patterns {
            let action = GlobPattern(pattern, caseInsensitive: true), resource = GlobPattern.widenedOverVariables(pattern)
            for text in texts {
                XCTAssertEqual(GlobPattern.matchesSomeExtension(pattern, ofAny: [text], caseInsensitive: true),
                               action.matchesSomeExtension(of: text), "\(pattern) extends \(text), ignoring case")
                XCTAssertEqual(GlobPattern.widenedMatches(pattern, any: [(text, true)]), resource.matchesSomeExtension(of: text),
                               "\(pattern) extends \(text)")
                XCTAssertEqual(GlobPattern.widenedMatches(pattern, any: [(text, false)]), resource.matches(text), "\(pattern) ~ \(text)")
            }
        }
        XCTAssertTrue(GlobPattern.matchesSomeExtension("S3:GetObject", ofAny: ["sqs:", "s3:"], caseInsensitive: true))
        XCTAssertFalse(GlobPattern.widenedMatches("arn:aws:s3:::logs", any: [("arn:aws:s3:::logs/", true), ("arn:aws:s3:::log", false)]))
    }

    /// Literal tokens (from `${*}`) never act as wildcards.
    func testLiteralStarToken() {
        let pattern = GlobPattern(tokens: [.literal("a"), .literal("*")])
        XCTAssertTrue(pattern.matches("a*"))
        XCTAssertFalse(pattern.matches("ab"))
    }

    /// No exponential backtracking: a pathological pattern on a long subject finishes quickly.
    func testNoExponentialBacktracking() {
        let pattern = GlobPattern(String(repeating: "*a", count: 40) + "*b")
        let subject = String(repeating: "a", count: 5000)
        let start = Date()
        XCTAssertFalse(pattern.matches(subject))
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
    }
}
