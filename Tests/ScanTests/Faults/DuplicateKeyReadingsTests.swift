@testable import Environment
import Policy
import RampartTestSupport
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

    /// The quick question (`repeatsAKey`, asked before any path is built) against what the
    /// generator knows it wrote: objects of 0 to 24 members (past 16 the check uses a set) with
    /// keys from a small alphabet, nested in arrays and objects; a repeat anywhere is found, by
    /// it and by the full walk, and none is found where none was written.
    func testTheQuickCheckFindsARepeatExactlyWhereOneWasWritten() throws {
        var random = SeededGenerator(seed: 0xD0B1_E4E5)
        func value(_ depth: Int) -> (text: String, repeats: Bool) {
            switch depth == 0 ? 0 : random.int(0...2) {
            case 0:
                return (String(random.int(0...9)), false)
            case 1:
                let elements = (0..<random.int(0...3)).map { _ in value(depth - 1) }
                return ("[" + elements.map(\.text).joined(separator: ",") + "]", elements.contains(where: \.repeats))
            default:
                let count = random.pick([0, 1, 2, 5, 16, 17, 24])
                let keys = (0..<count).map { _ in "k\(random.int(0...(count > 12 ? 40 : 6)))" }
                let members = keys.map { ($0, value(depth - 1)) }
                let repeats = Set(keys).count < keys.count || members.contains { $0.1.repeats }
                return ("{" + members.map { "\"\($0.0)\": \($0.1.text)" }.joined(separator: ",") + "}", repeats)
            }
        }
        var withRepeats = 0, without = 0
        for _ in 0..<400 {
            let (text, repeats) = value(4)
            let parsed = try JSONParser.parse(text)
            XCTAssertEqual(DuplicateKeyReadings.repeatsAKey(parsed), repeats, text)
            XCTAssertEqual(DuplicateKeyReadings.allDuplicates(in: parsed, path: .root).isEmpty, !repeats, text)
            XCTAssertEqual(DuplicateKeyReadings.duplicates(in: parsed).isEmpty, !repeats, text)
            if repeats { withRepeats += 1 } else { without += 1 }
        }
        XCTAssertGreaterThan(withRepeats, 20)
        XCTAssertGreaterThan(without, 20)
    }
}
