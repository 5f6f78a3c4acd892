import Authorizer
import Environment
import Foundation
import Policy
import RampartTestSupport
import XCTest

/// The inputs of the `FuzzSnapshot` fuzz target (Fuzz/, docs/TESTING.md "Fuzzing") replayed in
/// the normal suite through the readers the fuzz target drives: the JSON parser, the S3
/// settings reader and request files. (The snapshot folder loader is replayed by the fuzz
/// target itself.) Seeds: `Fuzz/corpus/snapshot/seeds/`; kept findings:
/// `Fuzz/regressions/snapshot/`. Thrown errors are expected; a trap would end the test process.
final class FuzzSnapshotRegressionTests: XCTestCase {
    /// What `FuzzSnapshot` does with one input, minus the folder loader; returns how many
    /// readers accepted it.
    @discardableResult
    private func replay(_ bytes: [UInt8]) -> Int {
        var accepted = 0
        if (try? JSONParser.parse(bytes)) != nil { accepted += 1 }
        if S3SettingsFileReader.publicAccessBlock(bytes: bytes, file: "fuzz").isComplete { accepted += 1 }
        if S3SettingsFileReader.acl(bytes: bytes, file: "fuzz").isComplete { accepted += 1 }
        if (try? RequestFile.decode(bytes: bytes)) != nil { accepted += 1 }
        return accepted
    }

    func testCommittedSeedsReplay() throws {
        let seeds = try PackageFiles.contents(of: "Fuzz/corpus/snapshot/seeds")
        XCTAssertGreaterThanOrEqual(seeds.count, 5, "the committed seed corpus is missing")
        for (name, bytes) in seeds {
            // Every seed is valid JSON, so each reaches past the parser into at least one reader.
            XCTAssertGreaterThanOrEqual(replay(bytes), 1, name)
        }
        // The seeds exercise each reader's success path at least once.
        let byName = Dictionary(uniqueKeysWithValues: seeds.map { ($0.name, $0.bytes) })
        XCTAssertTrue(S3SettingsFileReader.publicAccessBlock(bytes: try XCTUnwrap(byName["public-access-block.json"]), file: "seed").isComplete)
        let acl = S3SettingsFileReader.acl(bytes: try XCTUnwrap(byName["bucket-acl.json"]), file: "seed")
        XCTAssertTrue(acl.isComplete, "\(acl.diagnostics.map(\.text))")
        XCTAssertEqual(acl.value?.grants.count, 3)
        XCTAssertNoThrow(try RequestFile.decode(bytes: try XCTUnwrap(byName["request-session.json"])))
    }

    func testKeptFindingsReplay() throws {
        for (_, bytes) in try PackageFiles.contents(of: "Fuzz/regressions/snapshot") { replay(bytes) }
    }
}
