import Foundation
import Policy
import XCTest

/// Each limit in `InputLimits` (docs/POLICY-LANGUAGE.md, "Limits"): exceeding it gives exactly one
/// ERROR `LIMIT_EXCEEDED` whose message names the limit, at the JSON path and line:column where
/// it was hit. Small limits keep the documents small; the defaults are checked in `JSONParserTests`.
final class InputLimitTests: XCTestCase {
    /// The one LIMIT_EXCEEDED diagnostic of `text` read with `limits`.
    private func limitDiagnostic(_ text: String, _ limits: InputLimits, type: PolicyType = .identity,
                                 file: StaticString = #filePath, line: UInt = #line) throws -> Diagnostic {
        let result = PolicyParser.parse(text: text, source: "limits.json", type: type, limits: limits)
        let found = result.diagnostics.filter { $0.code == .limitExceeded }
        XCTAssertEqual(found.count, 1, "\(result.diagnostics)", file: file, line: line)
        let diagnostic = try XCTUnwrap(found.first, file: file, line: line)
        XCTAssertEqual(diagnostic.severity, .error, file: file, line: line)
        return diagnostic
    }

    private func assertLocation(_ diagnostic: Diagnostic, path: String, line: Int, column: Int,
                                file: StaticString = #filePath, line testLine: UInt = #line) {
        XCTAssertEqual(diagnostic.location.path.description, path, file: file, line: testLine)
        XCTAssertEqual(diagnostic.location.position?.line, line, "line", file: file, line: testLine)
        XCTAssertEqual(diagnostic.location.position?.column, column, "column", file: file, line: testLine)
    }

    /// The 1-based line and column of the first occurrence of `needle` (columns count characters).
    private func position(of needle: String, in text: String) -> (line: Int, column: Int) {
        let start = text.range(of: needle)!.lowerBound
        let before = text[..<start]
        let line = before.filter { $0 == "\n" }.count + 1
        let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
        return (line, text.distance(from: lineStart, to: start) + 1)
    }

    func testDocumentSize() throws {
        let text = policy(#"{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}"#)
        let limits = InputLimits(maxDocumentBytes: text.utf8.count - 1)
        let diagnostic = try limitDiagnostic(text, limits)
        XCTAssertTrue(diagnostic.message.contains("maxDocumentBytes"), diagnostic.message)
        XCTAssertTrue(diagnostic.message.contains("\(text.utf8.count - 1) bytes"), diagnostic.message)
        assertLocation(diagnostic, path: "$", line: 1, column: 1)
        // Exactly at the limit is read.
        let atLimit = PolicyParser.parse(text: text, source: "t", type: .identity,
                                         limits: InputLimits(maxDocumentBytes: text.utf8.count))
        XCTAssertEqual(atLimit.diagnostics.map(\.code), [])
    }

    func testDocumentSizeOfAFileIsCheckedBeforeReadingIt() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rampart-limit-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        let text = policy(#"{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}"#)
        try Data(text.utf8).write(to: url)
        let result = FileValidation.validate(file: url.path, type: .identity, limits: InputLimits(maxDocumentBytes: 10))
        XCTAssertNil(result.readError)
        XCTAssertEqual(result.diagnostics.map(\.code), [.limitExceeded])
        XCTAssertEqual(result.diagnostics.first?.severity, .error)
        XCTAssertTrue(result.diagnostics.first?.message.contains("maxDocumentBytes") ?? false)
        XCTAssertEqual(result.diagnostics.first?.location.position?.line, 1)
    }

    func testNestingDepth() throws {
        // Depth 1 is the document object, 2 the Statement array, 3 the statement, 4 Condition,
        // 5 the operator, 6 the value list: the sixth level is one too many for a limit of 5.
        let text = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*",
              "Condition": {"StringEquals": {"aws:username": ["a"]}}}]}
            """
        let diagnostic = try limitDiagnostic(text, InputLimits(maxNestingDepth: 5))
        XCTAssertTrue(diagnostic.message.contains("maxNestingDepth"), diagnostic.message)
        XCTAssertTrue(diagnostic.message.contains("5 levels"), diagnostic.message)
        // Reported at the bracket that opens the sixth level.
        let bracket = position(of: #"["a"]"#, in: text)
        assertLocation(diagnostic, path: "$", line: bracket.line, column: bracket.column)
        XCTAssertEqual(PolicyParser.parse(text: text, source: "t", type: .identity,
                                          limits: InputLimits(maxNestingDepth: 6)).diagnostics.map(\.code), [])
    }

    func testStringLength() throws {
        let long = String(repeating: "a", count: 40)
        let text = """
            {"Version": "2012-10-17",
             "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::\(long)"}]}
            """
        let diagnostic = try limitDiagnostic(text, InputLimits(maxStringBytes: 32))
        XCTAssertTrue(diagnostic.message.contains("maxStringBytes"), diagnostic.message)
        XCTAssertTrue(diagnostic.message.contains("32 bytes"), diagnostic.message)
        // Reported where the string starts (its opening quote), not where the parser gave up.
        let quote = position(of: #""arn:aws:s3:::aaaa"#, in: text)
        XCTAssertEqual(quote.line, 2)
        assertLocation(diagnostic, path: "$", line: quote.line, column: quote.column)
    }

    func testStringLengthCountsEscapedBytes() throws {
        // Six characters of escapes decode to three bytes each (U+3042): 18 bytes > 16.
        let text = policy(#"{"Sid": "\u3042\u3042\u3042\u3042\u3042\u3042", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}"#)
        let diagnostic = try limitDiagnostic(text, InputLimits(maxStringBytes: 16))
        XCTAssertTrue(diagnostic.message.contains("maxStringBytes"), diagnostic.message)
        XCTAssertEqual(diagnostic.location.position?.line, 1)
    }

    func testNumberLength() throws {
        let digits = String(repeating: "9", count: 40)
        let text = policy(#"{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"NumericLessThan": {"s3:max-keys": \#(digits)}}}"#)
        let diagnostic = try limitDiagnostic(text, InputLimits(maxStringBytes: 32))
        XCTAssertTrue(diagnostic.message.contains("maxStringBytes"), diagnostic.message)
        let number = position(of: digits, in: text)
        assertLocation(diagnostic, path: "$", line: number.line, column: number.column)
    }

    func testStatementCount() throws {
        let statement = #"{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}"#
        let text = """
            {"Version": "2012-10-17",
             "Statement": [\([statement, statement, statement].joined(separator: ", "))]}
            """
        let diagnostic = try limitDiagnostic(text, InputLimits(maxStatements: 2))
        XCTAssertTrue(diagnostic.message.contains("maxStatements"), diagnostic.message)
        XCTAssertTrue(diagnostic.message.contains("3 statements"), diagnostic.message)
        let list = position(of: "[{", in: text)
        assertLocation(diagnostic, path: "$.Statement", line: list.line, column: list.column)
    }

    func testConditionValueCount() throws {
        let text = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*",
              "Condition": {"StringEquals": {"aws:username": ["a", "b", "c", "d"]}}}]}
            """
        let diagnostic = try limitDiagnostic(text, InputLimits(maxConditionValues: 3))
        XCTAssertTrue(diagnostic.message.contains("maxConditionValues"), diagnostic.message)
        XCTAssertTrue(diagnostic.message.contains("4 condition values"), diagnostic.message)
        let list = position(of: #"["a", "b""#, in: text)
        XCTAssertEqual(list.line, 2)
        assertLocation(diagnostic, path: "$.Statement[0].Condition.StringEquals.aws:username", line: list.line, column: list.column)
    }

    func testWildcardsInAResourcePattern() throws {
        let pattern = "arn:aws:s3:::" + String(repeating: "*a", count: 5)
        let text = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*",
              "Resource": ["arn:aws:s3:::b", "\(pattern)"]}]}
            """
        let diagnostic = try limitDiagnostic(text, InputLimits(maxWildcardsPerPattern: 4))
        XCTAssertTrue(diagnostic.message.contains("maxWildcardsPerPattern"), diagnostic.message)
        let value = position(of: "\"\(pattern)\"", in: text)
        XCTAssertEqual(value.line, 2)
        assertLocation(diagnostic, path: "$.Statement[0].Resource[1]", line: value.line, column: value.column)
    }

    func testWildcardsInAnActionPattern() throws {
        let text = policy(#"{"Effect": "Allow", "Action": "s3:?e?O?j?c*", "Resource": "*"}"#)
        let diagnostic = try limitDiagnostic(text, InputLimits(maxWildcardsPerPattern: 4), type: .identity)
        XCTAssertTrue(diagnostic.message.contains("maxWildcardsPerPattern"), diagnostic.message)
        let value = position(of: #""s3:?e"#, in: text)
        assertLocation(diagnostic, path: "$.Statement[0].Action", line: value.line, column: value.column)
        // At the limit: no diagnostic.
        XCTAssertEqual(PolicyParser.parse(text: text, source: "t", type: .identity,
                                          limits: InputLimits(maxWildcardsPerPattern: 5)).diagnostics.map(\.code), [])
    }

    /// The defaults documented in docs/POLICY-LANGUAGE.md, "Limits".
    func testDocumentedDefaults() {
        let limits = InputLimits.standard
        XCTAssertEqual(limits.maxDocumentBytes, 1 << 20)
        XCTAssertEqual(limits.maxNestingDepth, 64)
        XCTAssertEqual(limits.maxStringBytes, 16 * 1024)
        XCTAssertEqual(limits.maxStatements, 1_000)
        XCTAssertEqual(limits.maxConditionValues, 1_000)
        XCTAssertEqual(limits.maxWildcardsPerPattern, 64)
    }
}
