import XCTest
@testable import Z3

final class Z3RegexTests: XCTestCase {
    /// The IAM glob "ab*c": "ab", then any string, then "c".
    private func glob(_ ctx: Z3Context) throws -> Z3Regex {
        try ctx.regexConcat([ctx.regex("ab"), ctx.regexFull(), ctx.regex("c")])
    }

    private func member(_ ctx: Z3Context, _ text: String, _ regex: Z3Regex) throws -> Bool {
        let result = try check(ctx, [ctx.string(text).matches(regex)])
        XCTAssertFalse(result.isUnknown)
        return result.isSat
    }

    func testGlobMembership() throws {
        let ctx = try Z3Context()
        let r = try glob(ctx)
        // By the glob's meaning: "abc", "abxyzc", "ab-c-c" match; "ac", "abx", "xabc" do not.
        for text in ["abc", "abxyzc", "ab-c-c", "ab😀c"] { XCTAssertTrue(try member(ctx, text, r), text) }
        for text in ["ac", "abx", "xabc", ""] { XCTAssertFalse(try member(ctx, text, r), text) }
    }

    func testSolverFindsAMatchingStringAvoidingAnother() throws {
        let ctx = try Z3Context()
        let s = try ctx.stringVariable("action")
        // s matches ab*c, s ≠ "abc", |s| = 4 → s = "ab?c".
        let model = try requireModel(check(ctx, [
            s.matches(glob(ctx)), s.notEquals(ctx.string("abc")), s.length().equals(ctx.int(4)),
        ]))
        let value = try model.value(of: s)
        XCTAssertTrue(value.hasPrefix("ab") && value.hasSuffix("c") && value.unicodeScalars.count == 4, value)
    }

    func testCharacterClassesAndOperators() throws {
        let ctx = try Z3Context()
        let digit = try ctx.regexRange("0", "9")
        // Twelve digits: an AWS account id.
        let account = try digit.repeated(min: 12, max: 12)
        XCTAssertTrue(try member(ctx, "111122223333", account))
        XCTAssertFalse(try member(ctx, "11112222333", account))
        XCTAssertFalse(try member(ctx, "11112222333x", account))
        // plus / star / optional.
        XCTAssertTrue(try member(ctx, "777", digit.plus()))
        XCTAssertFalse(try member(ctx, "", digit.plus()))
        XCTAssertTrue(try member(ctx, "", digit.star()))
        XCTAssertTrue(try member(ctx, "", digit.optional()))
        XCTAssertFalse(try member(ctx, "12", digit.optional()))
        // allchar is exactly one character, including non-ASCII.
        XCTAssertTrue(try member(ctx, "é", ctx.regexAllChar()))
        XCTAssertTrue(try member(ctx, "😀", ctx.regexAllChar()))
        XCTAssertFalse(try member(ctx, "ab", ctx.regexAllChar()))
        // union / intersect / complement / empty.
        let aOrB = try ctx.regex("a").union(ctx.regex("b"))
        XCTAssertTrue(try member(ctx, "b", aOrB))
        XCTAssertFalse(try member(ctx, "b", aOrB.intersect(ctx.regex("a"))))
        XCTAssertTrue(try member(ctx, "c", aOrB.complement()))
        XCTAssertFalse(try member(ctx, "a", aOrB.complement()))
        XCTAssertFalse(try member(ctx, "", ctx.regexEmpty()))
        XCTAssertTrue(try member(ctx, "anything", ctx.regexFull()))
        XCTAssertTrue(try member(ctx, "ab", ctx.regex("a").concat(ctx.regex("b"))))
        // Literal regexes are literal: "a*" matches only "a*".
        XCTAssertTrue(try member(ctx, "a*", ctx.regex("a*")))
        XCTAssertFalse(try member(ctx, "aa", ctx.regex("a*")))
    }

    func testEmptyRegexListsHaveTheIdentityMeaning() throws {
        let ctx = try Z3Context()
        XCTAssertTrue(try member(ctx, "", ctx.regexConcat([])))
        XCTAssertFalse(try member(ctx, "x", ctx.regexUnion([])))
        XCTAssertTrue(try member(ctx, "x", ctx.regexIntersect([])))
        XCTAssertThrowsError(try ctx.regex("a").repeated(min: 3, max: 2))
    }
}
