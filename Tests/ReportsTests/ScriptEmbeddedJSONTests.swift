import Foundation
@testable import Reports
import XCTest

/// The findings data inside `<script type="application/json">`: nothing in a string can end the
/// element or open a comment, and the text reads back as the same strings (JSON's own meaning of
/// its escapes, checked with Foundation's parser).
final class ScriptEmbeddedJSONTests: XCTestCase {
    func testNoInputCanEndTheScriptElementAndEveryStringReadsBack() throws {
        let hostile = ["</script><img src=x onerror=alert(1)>", "<!--", "</SCRIPT >", "a & b", "line\u{2028}separator\u{2029}", "\u{1B}[31m\r\n\t\"\\",
                       "<\u{0}>", "é 漢 🚀", ""]
        var json = ScriptEmbeddedJSON()
        json.array(hostile) { json, text in json.string(text) }
        for forbidden in ["<", ">", "&", "\u{2028}", "\u{2029}", "\u{1B}", "\r"] {
            XCTAssertFalse(json.text.contains(forbidden), "\(forbidden.unicodeScalars.map { $0.value }) written raw")
        }
        let read = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String])
        XCTAssertEqual(read, hostile)
    }

    func testObjectsArraysNumbersAndBooleans() throws {
        var json = ScriptEmbeddedJSON()
        json.object([
            ("list", { json in json.array([1, 2, 3]) { json, number in json.number(number) } }),
            ("score", { json in json.number(8.5) }),
            ("flag", { json in json.bool(true) }),
        ])
        XCTAssertEqual(json.text, #"{"list":[1,2,3],"score":8.5,"flag":true}"#)
    }
}
