import Foundation
import XCTest

/// The required structure of a SARIF 2.1.0 log (OASIS SARIF 2.1.0, §3.13 sarifLog, §3.14 run,
/// §3.18 toolComponent, §3.27 result, §3.28 location; the schema's "required" lists), checked
/// the way the schema checks it: required properties present with the right JSON types, and
/// every result's ruleId naming a rule of the driver.
enum SARIFStructure {
    static func assertValid(_ log: [String: Any], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(log["version"] as? String, "2.1.0", file: file, line: line)
        XCTAssertNotNil(log["$schema"] as? String, file: file, line: line)
        guard let runs = log["runs"] as? [[String: Any]], !runs.isEmpty else { return XCTFail("runs must be a non-empty array", file: file, line: line) }
        for run in runs {
            guard let tool = run["tool"] as? [String: Any], let driver = tool["driver"] as? [String: Any] else {
                return XCTFail("run.tool.driver is required", file: file, line: line)
            }
            XCTAssertNotNil(driver["name"] as? String, "driver.name is required", file: file, line: line)
            XCTAssertNotNil(driver["version"] as? String, file: file, line: line)
            let rules = driver["rules"] as? [[String: Any]] ?? []
            let ruleIDs = rules.compactMap { $0["id"] as? String }
            XCTAssertEqual(ruleIDs.count, rules.count, "every rule needs an id", file: file, line: line)
            guard let results = run["results"] as? [[String: Any]] else { return XCTFail("run.results must be an array", file: file, line: line) }
            for result in results {
                guard let message = result["message"] as? [String: Any], message["text"] is String else {
                    return XCTFail("result.message.text is required", file: file, line: line)
                }
                let ruleID = result["ruleId"] as? String ?? ""
                XCTAssertTrue(ruleIDs.contains(ruleID), "ruleId \(ruleID) is not a driver rule", file: file, line: line)
                if let index = result["ruleIndex"] as? Int { XCTAssertEqual(ruleIDs[safe: index], ruleID, file: file, line: line) }
                XCTAssertTrue(["none", "note", "warning", "error"].contains(result["level"] as? String ?? ""), file: file, line: line)
                for location in result["locations"] as? [[String: Any]] ?? [] {
                    let physical = location["physicalLocation"] as? [String: Any]
                    let artifact = physical?["artifactLocation"] as? [String: Any]
                    XCTAssertNotNil(artifact?["uri"] as? String, "physicalLocation.artifactLocation.uri", file: file, line: line)
                    if let region = physical?["region"] as? [String: Any] {
                        XCTAssertGreaterThanOrEqual(region["startLine"] as? Int ?? 0, 1, "region.startLine is 1-based", file: file, line: line)
                    }
                }
            }
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
