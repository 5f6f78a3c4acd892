@testable import Environment
import Policy
import XCTest

/// The readings of a CLI output that repeats keys (`DuplicateKeyReadings`), worked by hand:
/// every choice of one occurrence per repeated key, and none when there are too many.
final class DuplicateKeyReadingsTests: XCTestCase {
    private func texts(_ json: String) throws -> [String]? {
        try DuplicateKeyReadings.readings(of: JSONParser.parse(json))?.map(JSONValueWriter.write).map { $0.filter { !$0.isWhitespace } }
    }

    func testNoRepeatedKeyIsOneReading() throws {
        XCTAssertEqual(try texts(#"{"a": 1, "b": [1, {"c": 2}]}"#), [#"{"a":1,"b":[1,{"c":2}]}"#])
        XCTAssertTrue(DuplicateKeyReadings.duplicates(in: try JSONParser.parse(#"{"a": 1, "b": [1, {"c": 2}]}"#)).isEmpty)
    }

    func testEachOccurrenceIsAReading() throws {
        // {"Policy": A, "Policy": B}: two readings, the key kept at its first place.
        XCTAssertEqual(try texts(#"{"Policy": "A", "x": 0, "Policy": "B"}"#), [#"{"Policy":"A","x":0}"#, #"{"Policy":"B","x":0}"#])
        let duplicates = DuplicateKeyReadings.duplicates(in: try JSONParser.parse(#"{"Attributes": {"Policy": "A", "Policy": "B"}}"#))
        XCTAssertEqual(duplicates.map(\.path.description), ["$.Attributes"])
        XCTAssertEqual(duplicates.map(\.occurrences), [2])
    }

    func testRepeatedKeysInTwoPlacesMultiply() throws {
        // 2 choices in the first element × 3 in the second = 6 readings.
        let readings = try texts(#"[{"k": 1, "k": 2}, {"k": 3, "k": 4, "k": 5}]"#)
        XCTAssertEqual(readings?.count, 6)
        XCTAssertEqual(Set(readings ?? []).count, 6)
    }

    func testTooManyReadingsIsNone() throws {
        // 2^5 = 32 > 16.
        let json = "[" + Array(repeating: #"{"k": 1, "k": 2}"#, count: 5).joined(separator: ",") + "]"
        XCTAssertNil(try texts(json))
    }
}
