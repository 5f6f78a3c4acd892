import Findings
import Foundation
import Policy

/// Defaults for `rampart scan` kept in a file (`--config FILE`, docs/CLI.md): what a nightly
/// job passes every time. Options given on the command line win over the file.
///
/// ```json
/// {"zone": "organization", "archiveRules": "archive-rules.json", "failOn": "new", "jobs": 8}
/// ```
/// `archiveRules` is relative to the file's own folder. Unknown keys are an error (a misspelt
/// `failOn` must not silently never fail a pipeline).
public struct ScanConfiguration: Sendable, Hashable {
    public var zone: ZoneMode?
    public var archiveRules: String?
    public var failOn: ScanRun.FailOn?
    public var jobs: Int?

    public init(zone: ZoneMode? = nil, archiveRules: String? = nil, failOn: ScanRun.FailOn? = nil, jobs: Int? = nil) {
        self.zone = zone
        self.archiveRules = archiveRules
        self.failOn = failOn
        self.jobs = jobs
    }

    public struct ReadError: Error, CustomStringConvertible {
        public var description: String
    }

    private struct File: Decodable {
        var zone: ZoneMode?
        var archiveRules: String?
        var failOn: ScanRun.FailOn?
        var jobs: Int?
    }

    static let keys: Set<String> = ["zone", "archiveRules", "failOn", "jobs"]

    public static func read(path: String) throws -> ScanConfiguration {
        let bytes: [UInt8]
        switch PolicyFileReader.read(argument: path) {
        case .success(let read): bytes = read
        case .failure(let error): throw ReadError(description: error.description)
        }
        let data = Data(bytes)
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ReadError(description: "\(path): not a JSON object (expected {\"zone\": …, \"archiveRules\": …, \"failOn\": …, \"jobs\": …})")
        }
        if let unknown = object.keys.sorted().first(where: { !keys.contains($0) }) {
            throw ReadError(description: "\(path): $.\(unknown) is not a scan setting (expected one of \(keys.sorted().joined(separator: ", ")))")
        }
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: data) } catch let error as DecodingError {
            throw ReadError(description: "\(path): \(DecodingErrorText.describe(error))")
        }
        if let jobs = file.jobs, jobs < 1 { throw ReadError(description: "\(path): $.jobs must be at least 1") }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let rules = file.archiveRules.map { $0.hasPrefix("/") ? $0 : folder.appendingPathComponent($0).path }
        return ScanConfiguration(zone: file.zone, archiveRules: rules, failOn: file.failOn, jobs: file.jobs)
    }
}
