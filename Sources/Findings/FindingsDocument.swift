import Foundation

/// Reads the `findings` of a previous run's `findings.json` (docs/REPORTS.md; written by the
/// Reports module from the same `FindingRecord`s), for `rampart scan --previous DIR`.
public enum FindingsDocument {
    public struct ReadError: Error, CustomStringConvertible {
        public var description: String
    }

    private struct Previous: Decodable {
        var findings: [FindingRecord]
    }

    /// Reads the findings of a previous run's `findings.json`; a document that does not have
    /// its shape is an error naming the JSON path (`$.findings[3].status`).
    public static func readFindings(_ data: Data, source: String) throws -> [ScanFinding] {
        guard (try? JSONSerialization.jsonObject(with: data)) is [String: Any] else {
            throw ReadError(description: "\(source): not a JSON object (expected a findings.json written by rampart scan)")
        }
        do {
            return try JSONDecoder().decode(Previous.self, from: data).findings.map(\.finding)
        } catch let error as DecodingError {
            throw ReadError(description: "\(source): \(DecodingErrorText.describe(error))")
        }
    }
}
