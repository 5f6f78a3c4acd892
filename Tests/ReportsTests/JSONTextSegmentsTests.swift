import Foundation
@testable import Reports
import XCTest

/// Witnesses are stored as segments (`HTMLReportData`): joined, they must give the text back
/// exactly, escapes and all; string literals are cut out whole.
final class JSONTextSegmentsTests: XCTestCase {
    func testSegmentsJoinBackToTheTextAndCutOutWholeStringLiterals() {
        let texts = [
            #"{"principal": "anonymous", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/x", "context": {"aws:UserAgent": ["a\"b\\", "<c>"]}}"#,
            "{\n  \"a\": 1\n}", #""only""#, "", "no strings", #"{"unterminated": "ab"#,
        ]
        for text in texts {
            XCTAssertEqual(JSONTextSegments.split(text).joined(), text)
        }
        XCTAssertEqual(JSONTextSegments.split(#"{"a\"b": "c"}"#), ["{", #""a\"b""#, ": ", #""c""#, "}"])
    }
}
