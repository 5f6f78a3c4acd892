import XCTest
@testable import Authorizer
import RampartTestSupport

/// `GlobCombinations.realizable` is stated to the solver as a fact about every string, so it
/// must never leave out a vector some string has (that would hide findings); it should also
/// not list vectors no string has. Both are checked against brute force.
final class GlobCombinationsTests: XCTestCase {
    private func vectors(_ patterns: [String], caseInsensitive: Bool = true) throws -> Set<[Bool]> {
        let globs = patterns.map { GlobPattern($0, caseInsensitive: caseInsensitive) }
        return Set(try XCTUnwrap(GlobCombinations.realizable(globs)))
    }

    /// Worked by hand: everything `s3:getobject` matches, `s3:get*` matches too; a string can
    /// match `s3:get*` alone (`s3:getx`) or neither (`x`).
    func testNestedPatterns() throws {
        XCTAssertEqual(try vectors(["s3:get*", "s3:getobject"]), [[false, false], [true, false], [true, true]])
    }

    /// Two literal prefixes that differ: no string starts with both.
    func testDisjointPrefixes() throws {
        XCTAssertEqual(try vectors(["s3:getobject*", "s3:putobject*"]), [[false, false], [true, false], [false, true]])
    }

    /// `*` matches everything, `s3:*` and `*:get*` overlap (`s3:get`), and `?` takes one character.
    func testOverlapsAndSingleCharacter() throws {
        let found = try vectors(["*", "s3:*", "*:get*", "s3:?"])
        XCTAssertTrue(found.contains([true, true, true, false]))   // s3:getx
        XCTAssertTrue(found.contains([true, true, false, true]))   // s3:x
        XCTAssertTrue(found.contains([true, false, true, false]))  // kms:get
        XCTAssertFalse(found.contains([false, true, false, false])) // nothing escapes "*"
        XCTAssertFalse(found.contains([true, false, false, true])) // s3:? implies s3:*
    }

    /// Random patterns over a small alphabet against every string up to length 7 (with a
    /// character no pattern names): the computed vectors are exactly those the strings have.
    func testAgreesWithBruteForce() throws {
        var random = SeededGenerator(seed: 20_261_125)
        let pieces: [String] = ["a", "b", ":", "*", "?"]
        let alphabet: [Character] = ["a", "b", ":", "z"]
        let strings = allStrings(over: alphabet, upTo: 7)
        for _ in 0..<150 {
            let patterns = (0..<Int(random.next() % 3 + 2)).map { _ in
                String((0..<Int(random.next() % 4 + 1)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined())
            }
            let globs = patterns.map { GlobPattern($0) }
            let expected = Set(strings.map { text in globs.map { $0.matches(text) } })
            let computed = Set(try XCTUnwrap(GlobCombinations.realizable(globs)))
            XCTAssertEqual(computed, expected, "patterns \(patterns)")
            // Each vector's witness has that vector and is as short as the shortest string with it.
            for combination in try XCTUnwrap(GlobCombinations.combinations(globs)) {
                XCTAssertEqual(globs.map { $0.matches(combination.witness) }, combination.vector, "patterns \(patterns)")
                let shortest = strings.first { text in globs.map { $0.matches(text) } == combination.vector }
                XCTAssertEqual(combination.witness.count, shortest?.count, "patterns \(patterns), \(combination.vector)")
            }
        }
    }

    /// Witnesses are readable: the character standing for every unnamed one is an ASCII letter
    /// when one is free, so a class no catalog action is in still gets a printable action.
    func testWitnessesOfActionPatterns() throws {
        let globs = ["s3:*", "s3:get*", "s3:getobject"].map { GlobPattern($0, caseInsensitive: true) }
        let combinations = try XCTUnwrap(GlobCombinations.combinations(globs))
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: combinations.map { ($0.vector, $0.witness) }), [
            [false, false, false]: "",
            [true, false, false]: "s3:",
            [true, true, false]: "s3:get",
            [true, true, true]: "s3:getobject",
        ])
    }

    /// Patterns longer than one 64-bit word of positions (long ARNs): worked by hand, `a`×70 then
    /// anything needs 70 characters, `a`×65, one character and `b` exactly 67, so no string
    /// matches both; `a`×66 `b` matches the second and `*b`. Each witness has its vector.
    func testPatternsLongerThanOneWord() throws {
        let a70 = String(repeating: "a", count: 70), a65 = String(repeating: "a", count: 65)
        let globs = [GlobPattern(a70 + "*"), GlobPattern(a65 + "?b"), GlobPattern("*b")]
        let combinations = try XCTUnwrap(GlobCombinations.combinations(globs))
        for combination in combinations {
            XCTAssertEqual(globs.map { $0.matches(combination.witness) }, combination.vector, combination.witness)
        }
        let vectors = Set(combinations.map(\.vector))
        XCTAssertTrue(vectors.contains([true, false, false]))   // a×70
        XCTAssertTrue(vectors.contains([true, false, true]))    // a×70 b
        XCTAssertTrue(vectors.contains([false, true, true]))    // a×66 b
        XCTAssertFalse(vectors.contains { $0[0] && $0[1] })
        XCTAssertEqual(combinations.first { $0.vector == [true, false, false] }?.witness, a70)
    }

    /// A pattern longer than `tokenLimit` is declined, not truncated.
    func testDeclinesOverlongPatterns() {
        let long = GlobPattern(String(repeating: "a", count: GlobCombinations.tokenLimit + 1))
        XCTAssertNil(GlobCombinations.combinations([long]))
        XCTAssertNotNil(GlobCombinations.combinations([GlobPattern(String(repeating: "a", count: GlobCombinations.tokenLimit))]))
    }

    /// Past the state limit there is no answer (and the caller states nothing).
    func testGivesUpPastTheLimit() {
        let globs = ["*a*b*", "*b*a*", "*a?b*", "*?a*", "*b*b*"].map { GlobPattern($0) }
        XCTAssertNil(GlobCombinations.realizable(globs, stateLimit: 3))
        XCTAssertNotNil(GlobCombinations.realizable(globs))
    }
}
