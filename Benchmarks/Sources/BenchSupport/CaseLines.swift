import Foundation

/// The latency cases as JSON lines (`rampart-bench --cases-out FILE.jsonl`): each case's policy
/// document as analysed, Rampart's answer and its time, so a peer tool can be run over the same
/// documents and the times compared case by case (`Benchmarks/peers/policyuniverse_compare.py`,
/// docs/BENCHMARKS.md "Side by side with a peer").
///
/// One line: `{"corpus", "kind", "id", "resourceType", "status", "public", "findings",
/// "screened", "decidedBy", "milliseconds", "document"}` — `milliseconds` is the analysis alone
/// (`ExternalAccessAnalyzer.analyze`, the document already parsed), `document` the compact JSON
/// text analysed (a converted identity policy after its conversion).
public enum CaseLines {
    public static func write(_ measurements: [CaseMeasurement], of cases: [CorpusCase], to path: String) throws {
        var text = ""
        for (measurement, item) in zip(measurements, cases) {
            let line: [String: Any] = [
                "corpus": measurement.corpus, "kind": measurement.kind, "id": measurement.id,
                "resourceType": item.resource.type.rawValue, "status": measurement.status.rawValue,
                "public": measurement.isPublic, "findings": measurement.findings, "screened": measurement.screened,
                "decidedBy": measurement.decidedBy.rawValue,
                "milliseconds": measurement.milliseconds, "document": item.documentText,
            ]
            let data = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
            text += String(decoding: data, as: UTF8.self) + "\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
