import Environment
import Foundation
import Policy
import RampartTestSupport
import XCTest

/// A resource's statement texts are derived from its document's text when a report asks
/// (`StatementTexts`), not kept: they must be the texts of the statements as first read — as
/// written by hand below, and as the writer gives them from the document first parsed, for
/// every document of the corpus.
final class StatementTextsTests: XCTestCase {
    private let account = "111122223333"

    func testABucketPolicysStatementsAreShownAsWritten() throws {
        // Escapes, a non-ASCII character, a number as spelled and a single-statement object.
        let document = #"{"Version":"2012-10-17","Statement":[{"Sid":"Read\"Q\"","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":["s3:GetObject","s3:ListBucket"],"Resource":"arn:aws:s3:::café/*","Condition":{"NumericLessThan":{"s3:max-keys":"1.50"}}},{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":false}}}]}"#
        let single = #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"s3:GetObject","Resource":"*"}}"#
        func printed(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        let folder = try SnapshotFolderFixture.write(account: account, files: [
            "s3/two.get-bucket-policy.json": #"{"Policy": \#(printed(document))}"#,
            "s3/one.get-bucket-policy.json": #"{"Policy": \#(printed(single))}"#,
        ])
        let snapshot = try SnapshotLoader.load(folder: folder.path)
        XCTAssertEqual(snapshot.diagnostics.count, 0, "\(snapshot.diagnostics)")
        let two = try XCTUnwrap(snapshot.resources.first { $0.arn == "arn:aws:s3:::two" })
        XCTAssertEqual(two.statementTexts.count, 2)
        XCTAssertEqual(two.statementTexts[0], """
            {
              "Sid": "Read\\"Q\\"",
              "Effect": "Allow",
              "Principal": {
                "AWS": "arn:aws:iam::999988887777:root"
              },
              "Action": ["s3:GetObject", "s3:ListBucket"],
              "Resource": "arn:aws:s3:::café/*",
              "Condition": {
                "NumericLessThan": {
                  "s3:max-keys": "1.50"
                }
              }
            }
            """)
        XCTAssertEqual(two.statementTexts[1], """
            {
              "Effect": "Deny",
              "Principal": "*",
              "Action": "s3:*",
              "Resource": "*",
              "Condition": {
                "Bool": {
                  "aws:SecureTransport": false
                }
              }
            }
            """)
        let one = try XCTUnwrap(snapshot.resources.first { $0.arn == "arn:aws:s3:::one" })
        XCTAssertEqual(Array(one.statementTexts.keys), [0])
        XCTAssertEqual(one.statementTexts[0]?.hasPrefix("{\n  \"Effect\": \"Allow\","), true)
        XCTAssertEqual(one.statementLines[0], two.statementLines[0], "each on the line of its document's string")
    }

    func testNoDocumentNoTexts() {
        XCTAssertEqual(StatementTexts.of(nil), [:])
        XCTAssertEqual(StatementTexts.of(#"{"Version": "2012-10-17"}"#), [:])
        XCTAssertEqual(StatementTexts.of("not JSON"), [:])
    }

    func testTheLastOfRepeatedStatementKeysIsShown() throws {
        let text = #"{"Statement": [{"Effect": "Deny"}], "Statement": [{"Effect": "Allow"}, {"Effect": "Deny"}]}"#
        let texts = StatementTexts.of(JSONValueWriter.write(try JSONParser.parse(text)))
        XCTAssertEqual(texts, [0: "{\n  \"Effect\": \"Allow\"\n}", 1: "{\n  \"Effect\": \"Deny\"\n}"])
    }

    /// Every corpus document: the statements written from the document's text are those written
    /// from the document as first parsed.
    func testTextsFromTheDocumentsTextAreTheTextsOfTheDocumentFirstRead() throws {
        let corpus = ProgramRunner.packageRoot.appendingPathComponent("Tests/Fixtures/corpus/policy-examples/policy-examples.jsonl")
        let lines = try String(contentsOf: corpus, encoding: .utf8).split(separator: "\n")
        var compared = 0
        for line in lines {
            guard let entry = try? JSONParser.parse(String(line)),
                  let document = entry.members?.first(where: { $0.key == "document" })?.value, document.members != nil else { continue }
            let statementValue = document.members?.last(where: { $0.key == "Statement" })?.value
            let statements = statementValue.map { $0.elements ?? [$0] } ?? []
            let expected = Dictionary(uniqueKeysWithValues: statements.enumerated().map { ($0.offset, JSONValueWriter.write($0.element)) })
            XCTAssertEqual(StatementTexts.of(JSONValueWriter.write(document)), expected)
            compared += 1
        }
        XCTAssertGreaterThan(compared, 100)
    }
}
