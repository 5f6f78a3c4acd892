import Analysis
import Environment
import Findings
import Foundation
import Policy

/// The nightly scan as one library call: load the snapshot, read the previous run and the
/// archive rules, analyse every resource, carry findings across runs, write the four reports.
/// `rampart scan` only parses its options into this and prints `summaryText`; a program can run
/// the same job without the CLI.
///
/// ```swift
/// let run = ScanRun(snapshotFolder: "Models/startup", zoneMode: .account, outputFolder: "out")
/// let outcome = try run.run()
/// print(outcome.summaryText)
/// ```
public struct ScanRun: Sendable {
    public var snapshotFolder: String
    /// Nil: the snapshot decides — `organization` when it has an `organization/` folder, else `account`.
    public var zoneMode: ZoneMode?
    public var outputFolder: String
    /// A previous run's output folder: its `findings.json` gives statuses across runs. A folder
    /// that does not exist yet makes this the first run (with a note).
    public var previousFolder: String?
    /// Archive rules (JSON; docs/REPORTS.md).
    public var archiveRulesFile: String?
    public var options: ScanOptions
    /// The scan's time (findings' first/last seen, resolved-at).
    public var now: Date
    public var toolVersion: String
    /// Where SARIF readers find the documentation (`tool.driver.informationUri`).
    public var informationURI: String?

    public init(snapshotFolder: String, zoneMode: ZoneMode?, outputFolder: String, previousFolder: String? = nil, archiveRulesFile: String? = nil,
                options: ScanOptions? = nil, now: Date = Date(), toolVersion: String = "dev", informationURI: String? = nil) {
        self.snapshotFolder = snapshotFolder
        self.zoneMode = zoneMode
        self.outputFolder = outputFolder
        self.previousFolder = previousFolder
        self.archiveRulesFile = archiveRulesFile
        self.options = options ?? ScanOptions(zoneMode: zoneMode ?? .account)
        self.now = now
        self.toolVersion = toolVersion
        self.informationURI = informationURI
    }

    /// A problem with the job's inputs or output folder (the CLI's exit status 2): no snapshot
    /// folder, an unreadable `--previous` or archive rules file, an output folder not writable.
    public struct InputError: Error, CustomStringConvertible {
        public var description: String
    }

    /// What a run did: the report it wrote and what the user should be told about the inputs.
    public struct Outcome: Sendable {
        public var report: ScanReport
        public var notes: [String]
        /// Wall time and memory of each phase of the run (`rampart scan --timings`).
        public var phases: ScanPhases

        /// Findings that make a pipeline alert (`--fail-on`).
        public func matches(_ rule: FailOn) -> Bool {
            let active = report.findings.filter { $0.status == .active }
            switch rule {
            case .never: return false
            case .active: return !active.isEmpty
            case .new: return active.contains(where: \.isNew)
            case .public: return active.contains(where: \.isPublic)
            }
        }

        /// What `rampart scan --format json` prints: the summary of findings.json, the notes, the
        /// zone used, speed and the files written.
        public func summaryJSON(jobs: Int, outputFolder: String) -> String {
            struct Document: Encodable {
                var model: String
                var zone: String
                var notes: [String]
                var summary: ScanReport.Summary
                var coverage: CoverageReport.Record
                var analyses: Int
                var seconds: Double
                var jobs: Int
                var files: [String]
            }
            return ReportJSON.encode(Document(
                model: report.modelName, zone: report.zoneMode.rawValue, notes: notes, summary: report.summary,
                coverage: CoverageReport.Record(report.coverage), analyses: report.analyses,
                seconds: report.seconds, jobs: jobs,
                files: ReportFiles.names.map { URL(fileURLWithPath: outputFolder).appendingPathComponent($0).path }))
        }

        /// The lines `rampart scan` prints: counts, severities, speed, the files written.
        public func summaryText(jobs: Int, outputFolder: String) -> String {
            let summary = report.summary
            let rate = report.seconds > 0 ? Double(summary.resources) / report.seconds : 0
            let severities = FindingSeverity.Label.allCases.map { "\(summary.activeBySeverity[$0.rawValue] ?? 0) \($0.rawValue)" }
            let files = ReportFiles.names.map { URL(fileURLWithPath: outputFolder).appendingPathComponent($0).path }
            return notes.map { "note: \($0)\n" }.joined() + """
                \(report.modelName): \(summary.resources) resources, \(summary.active) active findings (\(summary.activePublic) public, \(summary.new) new), \
                \(summary.archived) archived, \(summary.resolved) resolved, \(summary.resourcesUnproven) unproven, \
                \(summary.resourcesNotAnalysed) not analysed, \(summary.documentErrors) document errors
                \(CoverageReport.summaryLine(report.coverage))
                active findings by severity: \(severities.joined(separator: ", "))
                analysed \(report.analyses) distinct resources in \(String(format: "%.1f", report.seconds)) s \
                (\(String(format: "%.2f", rate)) resources/s, \(jobs) jobs)
                wrote \(files.joined(separator: ", "))

                """
        }
    }

    /// When a scan's findings make the pipeline fail (`rampart scan --fail-on`).
    public enum FailOn: String, Sendable, CaseIterable, Codable {
        /// New active findings.
        case new
        case active
        /// Active public findings.
        case `public`
        case never
    }

    public func run() throws -> Outcome {
        var phases = ScanPhases()
        var snapshot: Snapshot
        do { snapshot = try SnapshotLoader.load(folder: snapshotFolder) } catch let error as SnapshotLoader.FolderError {
            throw InputError(description: error.description)
        }
        if zoneMode == .organization && snapshot.organization == nil { throw InputError(description: ZoneMode.MissingOrganization().description) }
        phases.end("load")
        var notes: [String] = []
        let zone = zoneMode ?? (snapshot.organization == nil ? .account : .organization)
        if zoneMode == nil {
            notes.append(zone == .organization ? "zone of trust: the organization (the snapshot has organization/; --zone account to judge each account alone)"
                                               : "zone of trust: each account alone (the snapshot has no organization/)")
        }
        var options = options
        options.zoneMode = zone
        let previousFindings = try readPrevious(notes: &notes)
        let rules = try archiveRulesFile.map { path -> [ArchiveRule] in
            do { return try ArchiveRuleFile.read(Data(read(path)), source: path) } catch let error as ArchiveRuleFile.ReadError {
                throw InputError(description: error.description)
            }
        } ?? []
        phases.end("previous and archive rules")

        var result = try Scanner.scan(snapshot, options: options)
        phases.end("analysis")
        if options.accessPaths {
            let added = try AccessPathFindings.add(to: result, snapshot: snapshot, options: options)
            result.findings = added.findings
            result.outcomes = added.outcomes
            phases.end("access paths")
        }
        // The resources (their policies, texts and settings) are not read after the analysis: let
        // them go before the reports are built, so that the two never take memory together.
        let accountIDs = snapshot.accounts.map(\.id)
        snapshot.accounts = []
        SolverMemory.returnFreed()
        let outcomes = result.outcomes + FindingCarryOver.unreadOutcomes(previous: previousFindings ?? [], outcomes: result.outcomes,
                                                                         scopes: snapshot.unreadableScopes)
        let findings = FindingLifecycle.apply(current: result.findings, previous: previousFindings, rules: rules,
                                              unanalysed: FindingCarryOver.unresolvable(outcomes), now: now)
        let report = ScanReport(modelName: snapshot.name, modelPath: snapshotFolder, toolVersion: toolVersion, zoneMode: zone,
                                generatedAt: FindingLifecycle.timestamp(now), hasPrevious: previousFindings != nil, findings: findings,
                                outcomes: outcomes, diagnostics: snapshot.diagnostics, organizationID: snapshot.organization?.id,
                                accounts: accountIDs, analyses: result.analyses, seconds: result.seconds,
                                informationURI: informationURI, coverage: snapshot.coverage)
        phases.end("lifecycle")
        do {
            try ReportFiles.write(report, to: outputFolder, stopAt: { step in
                if case .fileWritten(let name) = step { phases.end(name) }
            })
        } catch let error as ReportFiles.WriteError {
            throw InputError(description: error.description)
        }
        phases.end("reports switched")
        return Outcome(report: report, notes: notes, phases: phases)
    }

    /// The previous run's findings; nil for a first run (no `--previous`, or a folder that does
    /// not exist yet). A folder that exists must hold a readable `findings.json`: a wrong folder
    /// must not turn every finding into a new one silently.
    private func readPrevious(notes: inout [String]) throws -> [ScanFinding]? {
        guard let previousFolder else { return nil }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: previousFolder, isDirectory: &isFolder) else {
            notes.append("--previous \(previousFolder) does not exist yet: this is a first run, every finding is new")
            return nil
        }
        let path = URL(fileURLWithPath: previousFolder).appendingPathComponent("findings.json").path
        // An organization's findings.json runs to hundreds of megabytes: no policy-sized limit here.
        do { return try FindingsDocument.readFindings(Data(read(path, limit: Int(Int32.max))), source: path) } catch let error as FindingsDocument.ReadError {
            throw InputError(description: error.description)
        }
    }

    private func read(_ path: String, limit: Int = InputLimits.standard.maxDocumentBytes) throws -> [UInt8] {
        switch PolicyFileReader.read(path: path, limit: limit) {
        case .success(let bytes): return bytes
        case .failure(let error): throw InputError(description: error.description)
        }
    }
}
