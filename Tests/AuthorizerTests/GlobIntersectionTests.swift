@testable import Authorizer
import RampartTestSupport
import XCTest

/// `GlobIntersection.commonMatch` builds candidate resources: a string it returns must match
/// both patterns, and it must find one whenever one exists. Checked by hand and by brute force.
final class GlobIntersectionTests: XCTestCase {
    /// Worked by hand, including the S3 shape that needed it: a pattern with a wildcard account
    /// (`arn:aws:s3::*:logs-for-stack*`) and a bucket's object scope (`arn:aws:s3:::b/*`) share the
    /// object `arn:aws:s3:::b/:logs-for-stack`; `a*` and `b*` share nothing; `?` takes one character.
    func testHandWorked() {
        XCTAssertEqual(GlobIntersection.commonMatch(GlobPattern("a*c"), GlobPattern("ab*")), "abc")
        XCTAssertNil(GlobIntersection.commonMatch(GlobPattern("a*"), GlobPattern("b*")))
        XCTAssertEqual(GlobIntersection.commonMatch(GlobPattern("a?"), GlobPattern("*b")), "ab")
        XCTAssertNil(GlobIntersection.commonMatch(GlobPattern("a?"), GlobPattern("abc")))
        let object = GlobIntersection.commonMatch(GlobPattern("arn:aws:s3::*:logs-for-stack*"), GlobPattern("arn:aws:s3:::b/*"))
        XCTAssertEqual(object, "arn:aws:s3:::b/:logs-for-stack")
        XCTAssertNil(GlobIntersection.commonMatch(GlobPattern("arn:aws:s3::*:logs-for-stack*"), GlobPattern("arn:aws:s3:::b")))
    }

    /// Random pattern pairs over a small alphabet against every string up to length 6 over it
    /// (plus a character no pattern names): an answer matches both; no answer only when no string does.
    func testAgreesWithBruteForce() {
        var random = SeededGenerator(seed: 20_261_125)
        let pieces = ["a", "b", "*", "?"]
        let alphabet: [Character] = ["a", "b", "z"]
        let strings = allStrings(over: alphabet, upTo: 6)
        for _ in 0..<300 {
            let texts = (0..<2).map { _ in (0..<Int.random(in: 0...4, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "a" }.joined() }
            let first = GlobPattern(texts[0]), second = GlobPattern(texts[1])
            // The shortcut for a pattern without wildcards gives the search's own answer.
            XCTAssertEqual(GlobIntersection.commonMatch(first, second), GlobIntersection.searched(first, second), "\(texts)")
            if let common = GlobIntersection.commonMatch(first, second) {
                XCTAssertTrue(first.matches(common) && second.matches(common), "\(texts) → \(common)")
            } else {
                XCTAssertNil(strings.first { first.matches($0) && second.matches($0) }, "\(texts): a common match exists")
            }
        }
    }
}
