import Policy
import XCTest

/// RFC 8259 behaviour plus the positions and limits Rampart needs.
final class JSONParserTests: XCTestCase {
    func testPositionsAreOneBasedLineAndColumn() throws {
        let value = try JSONParser.parse("{\n  \"a\": [1, \"x\"]\n}")
        guard let members = value.members, let array = members.first?.value.elements else {
            return XCTFail("expected an object holding an array")
        }
        XCTAssertEqual(members[0].keyPosition.line, 2)
        XCTAssertEqual(members[0].keyPosition.column, 3)
        XCTAssertEqual(array[1].position, SourcePosition(line: 2, column: 12, offset: 13))
    }

    func testColumnsCountCharactersNotBytes() throws {
        // "é" is two UTF-8 bytes but one column.
        let value = try JSONParser.parse(#"["é", 1]"#)
        XCTAssertEqual(value.elements?[1].position.column, 7)
        XCTAssertEqual(value.elements?[1].position.offset, 7)
    }

    func testEscapesAndSurrogatePairs() throws {
        let value = try JSONParser.parse(#"["a\"b\\c\/d\n", "\u00e9\ud83d\ude00"]"#)
        XCTAssertEqual(value.elements?[0].stringValue, "a\"b\\c/d\n")
        XCTAssertEqual(value.elements?[1].stringValue, "é😀")
    }

    func testNumbersKeepTheirSpelling() throws {
        let value = try JSONParser.parse("[1.50, -0, 2e10]")
        let texts = value.elements?.compactMap { element -> String? in
            if case .number(let text) = element.kind { return text } else { return nil }
        }
        XCTAssertEqual(texts, ["1.50", "-0", "2e10"])
    }

    func assertSyntaxError(_ text: [UInt8], _ expected: JSONSyntaxError.Reason, line: Int? = nil, column: Int? = nil,
                           limits: InputLimits = .standard, file: StaticString = #filePath, lineNumber: UInt = #line) {
        do {
            _ = try JSONParser.parse(text, limits: limits)
            XCTFail("expected \(expected)", file: file, line: lineNumber)
        } catch {
            XCTAssertEqual(error.reason, expected, file: file, line: lineNumber)
            if let line { XCTAssertEqual(error.position.line, line, file: file, line: lineNumber) }
            if let column { XCTAssertEqual(error.position.column, column, file: file, line: lineNumber) }
        }
    }

    func testMalformedInputs() {
        assertSyntaxError(Array("".utf8), .empty)
        assertSyntaxError(Array("  \n ".utf8), .empty)
        assertSyntaxError(Array("{\"a\": [1,".utf8), .unexpectedEnd, line: 1, column: 10)
        assertSyntaxError(Array("{\"a\": 1,}".utf8), .unexpectedCharacter("'}'"), line: 1, column: 9)
        assertSyntaxError(Array("{\"a\" 1}".utf8), .unexpectedCharacter("'1'"))
        assertSyntaxError(Array("[01]".utf8), .unexpectedCharacter("'1'"))
        assertSyntaxError(Array("[1.]".utf8), .invalidNumber)
        assertSyntaxError(Array("[\"a\\x\"]".utf8), .invalidEscape)
        assertSyntaxError(Array("[\"\\ud800\"]".utf8), .invalidEscape)
        assertSyntaxError(Array("[\"a\tb\"]".utf8), .controlCharacterInString)
        assertSyntaxError(Array("{} {}".utf8), .trailingContent)
        assertSyntaxError(Array("[tru]".utf8), .unexpectedCharacter("']'"))
        assertSyntaxError(Array("'a'".utf8), .unexpectedCharacter("'''"))
    }

    func testInvalidUTF8IsReportedAtTheFirstBadByte() {
        assertSyntaxError([0x7B, 0x0A, 0x22, 0xFF, 0x22, 0x7D], .invalidUTF8, line: 2, column: 2)
        assertSyntaxError([0x22, 0xC3], .invalidUTF8)                    // truncated sequence
        assertSyntaxError([0x22, 0xED, 0xA0, 0x80, 0x22], .invalidUTF8)  // encoded surrogate
        assertSyntaxError([0xC0, 0xAF], .invalidUTF8)                    // overlong
    }

    func testLimits() {
        let deep = Array(repeating: UInt8(ascii: "["), count: 100_000) + Array(repeating: UInt8(ascii: "]"), count: 100_000)
        assertSyntaxError(deep, .nestingTooDeep(limit: 64))
        let longString = Array("[\"".utf8) + Array(repeating: UInt8(ascii: "a"), count: 20_000) + Array("\"]".utf8)
        assertSyntaxError(longString, .stringTooLong(limit: 16 * 1024))
        assertSyntaxError(Array("[1, 2]".utf8), .documentTooLarge(limit: 4), limits: InputLimits(maxDocumentBytes: 4))
        // Exactly at the depth limit is fine.
        let atLimit = Array(repeating: UInt8(ascii: "["), count: 64) + Array(repeating: UInt8(ascii: "]"), count: 64)
        XCTAssertNoThrow(try JSONParser.parse(atLimit))
    }

    func testByteOrderMarkIsTolerated() throws {
        let value = try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("{}".utf8))
        XCTAssertNotNil(value.members)
    }

    func testRandomGarbageNeverTraps() {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<400 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = try? JSONParser.parse(bytes)
            let jsonish = (0..<length).map { _ in Array("{}[]\",:0123456789.eE-+truefalsn \\u\n".utf8).randomElement(using: &generator) ?? 0 }
            _ = try? JSONParser.parse(jsonish)
        }
    }
}
