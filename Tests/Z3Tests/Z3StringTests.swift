import XCTest
@testable import Z3

final class Z3StringTests: XCTestCase {
    /// Strings chosen to hit every decoding pitfall of Z3 4.8.12 (see Z3StringLiteral).
    static let awkward: [String] = [
        "",
        "plain ascii ~!@#$%^&*()",
        "back\\slash",
        "\\u{41}",                    // looks like an escape, is six characters
        "\\u{e9}é",                   // an escape look-alike next to the real character
        "\\\\",
        "quote\"tab\tnewline\nnul\u{0}del\u{7f}",
        "héllo wörld",
        "日本語のテキスト",
        "emoji 😀 and 𝄞",
        "\u{2FFFF}",                  // the largest character Z3 accepts
        "arn:aws:iam::111122223333:role/Ädmin\\*",
    ]

    func testLiteralsRoundTripThroughAModel() throws {
        let ctx = try Z3Context()
        for (index, text) in Self.awkward.enumerated() {
            let s = try ctx.stringVariable("s\(index)")
            let model = try requireModel(check(ctx, [s.equals(ctx.string(text))]))
            XCTAssertEqual(try model.value(of: s), text, "round trip of \(text.debugDescription)")
        }
    }

    func testLengthCountsUnicodeScalars() throws {
        let ctx = try Z3Context()
        for text in Self.awkward {
            let n = try ctx.intVariable("n")
            let model = try requireModel(check(ctx, [n.equals(ctx.string(text).length())]))
            XCTAssertEqual(try model.value(of: n), text.unicodeScalars.count, text.debugDescription)
        }
    }

    func testCharactersBeyondZ3sAlphabetAreAThrownError() throws {
        let ctx = try Z3Context()
        // U+E0041 (a tag character) is above U+2FFFF.
        XCTAssertThrowsError(try ctx.string("tag \u{E0041}")) { error in
            XCTAssertEqual(error as? Z3Error, .characterOutOfRange("\u{E0041}"))
        }
        XCTAssertThrowsError(try ctx.regexRange("a", "\u{30000}"))
        XCTAssertEqual(Z3String.maximumCharacter, "\u{2FFFF}")
        XCTAssertNoThrow(try ctx.string("still usable afterwards"))
    }

    func testSolverBuildsAStringFromConstraints() throws {
        let ctx = try Z3Context()
        let s = try ctx.stringVariable("s")
        // s = "arn:" ++ t, s ends with "/é", |s| = 7 → s = "arn:x/é" for some one x.
        let t = try ctx.stringVariable("t")
        let model = try requireModel(check(ctx, [
            s.equals(ctx.string("arn:").concat(t)),
            s.hasSuffix(ctx.string("/é")),
            s.length().equals(ctx.int(7)),
            s.hasPrefix(ctx.string("arn:")),
            s.contains(ctx.string(":")),
        ]))
        let value = try model.value(of: s)
        XCTAssertTrue(value.hasPrefix("arn:") && value.hasSuffix("/é"), value)
        XCTAssertEqual(value.unicodeScalars.count, 7)
        XCTAssertEqual(try model.value(of: t), String(value.dropFirst(4)))
        // "abc" contains "bd"? No.
        XCTAssertTrue(try check(ctx, [ctx.string("abc").contains(ctx.string("bd"))]).isUnsat)
    }

    func testLexicographicOrder() throws {
        let ctx = try Z3Context()
        // "abc" < "abd" < "b"; "ab" < "abc" (prefix first).
        XCTAssertTrue(try check(ctx, [ctx.string("abc").lexicographicallyPrecedes(ctx.string("abd"))]).isSat)
        XCTAssertTrue(try check(ctx, [ctx.string("abd").lexicographicallyPrecedes(ctx.string("abc"))]).isUnsat)
        XCTAssertTrue(try check(ctx, [ctx.string("ab").lexicographicallyPrecedes(ctx.string("abc"))]).isSat)
        XCTAssertTrue(try check(ctx, [ctx.string("b").lexicographicallyPrecedesOrEquals(ctx.string("b"))]).isSat)
    }

    func testCharacterAtAndSubstring() throws {
        let ctx = try Z3Context()
        let text = try ctx.string("s3:GetObject")
        let c = try ctx.stringVariable("c"), sub = try ctx.stringVariable("sub")
        let model = try requireModel(check(ctx, [
            c.equals(text.character(at: ctx.int(3))),
            sub.equals(text.substring(offset: ctx.int(3), length: ctx.int(3))),
        ]))
        XCTAssertEqual(try model.value(of: c), "G")
        XCTAssertEqual(try model.value(of: sub), "Get")
    }
}
