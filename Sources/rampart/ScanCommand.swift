import Analysis
import ArgumentParser
import Environment
import Findings
import Foundation
import Reports

extension ZoneMode: ExpressibleByArgument {}
extension ScanRun.FailOn: ExpressibleByArgument {}

/// `rampart scan MODEL --zone account|organization --out DIR`: the nightly scan (docs/CLI.md).
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan an account or organization snapshot for external access; write findings.json, findings.sarif, report.md, report.html.",
        discussion: """
            Exit status: 0 the scan ran (and --fail-on did not match), 1 --fail-on matched, 2 usage or input error \
            (no snapshot folder, unreadable --previous or --archive-rules, output folder not writable). Bad documents \
            inside the snapshot never stop the scan: they are reported with their diagnostics.
            """
    )

    @Argument(help: "The snapshot folder (docs/SNAPSHOT.md).") var model: String
    @Option(help: "Zone of trust: account (each account alone) or organization (default: organization when the snapshot has organization/, else account).") var zone: ZoneMode?
    @Option(help: "Output folder for the reports (created if missing).") var out: String
    @Option(help: "A previous run's output folder: its findings.json gives statuses across runs (a folder that does not exist yet: a first run).") var previous: String?
    @Option(name: .customLong("archive-rules"), help: "Archive rules (JSON; docs/REPORTS.md).") var archiveRules: String?
    @Option(name: .customLong("fail-on"), help: "Exit 1 when there are: new (new active findings), active, public (active public findings), never (default).")
    var failOn: ScanRun.FailOn?
    @Option(help: "Parallel analyses (default: all cores).") var jobs: Int?
    @Option(help: "A JSON file of defaults for zone, archiveRules, failOn and jobs (docs/CLI.md); options given here win.")
    var config: String?
    @OptionGroup var solver: SolverOptions

    @OptionGroup var findingLimit: FindingLimitOptions
    @Option(help: "What to print when done: text (for people) or json (the summary, notes and files written).")
    var format: OutputFormat = .text
    @Option(help: "fast (solver-free proofs and pinned candidate witnesses before the solver) or solver (the faithful encoding alone).")
    var engine: AnalysisEngine = .fast
    @Option(name: .customLong("scan-time"), help: "The scan's time (ISO 8601, e.g. 2025-01-31T02:00:00Z) instead of now, for reproducible runs.")
    var scanTime: String?
    @Flag(name: .customLong("access-paths"), help: "Also find access from outside the zone through chains of roles (findings of source ROLE_CHAIN; docs/CLI.md, who-can).")
    var accessPaths = false
    @Option(help: "Write the wall time and resident memory of each phase (load, analysis, lifecycle, each report) to this JSON file (docs/CLI.md).")
    var timings: String?

    func run() throws {
        InterruptGuard.install()
        try CommandSupport.guarded {
            let defaults: ScanConfiguration
            do { defaults = try config.map(ScanConfiguration.read) ?? ScanConfiguration() } catch let error as ScanConfiguration.ReadError {
                throw InputError(description: error.description)
            }
            let zone = self.zone ?? defaults.zone
            let archiveRules = self.archiveRules ?? defaults.archiveRules
            let failOn = self.failOn ?? defaults.failOn ?? .never
            let jobs = self.jobs ?? defaults.jobs ?? ProcessInfo.processInfo.activeProcessorCount
            guard jobs >= 1 else { throw InputError(description: "--jobs must be at least 1") }
            let now = try scanTime.map { text -> Date in
                guard let date = FindingLifecycle.parse(text) else { throw InputError(description: "--scan-time: \(text) is not an ISO 8601 time") }
                return date
            } ?? Date()
            solver.apply()
            let bar = ProgressBar(label: "scanning")
            var options = ScanOptions(zoneMode: zone ?? .account, jobs: jobs, analysis: solver.analysisOptions(engine: engine, findings: findingLimit),
                                      canonicalForms: engine == .fast, progress: { done, total in bar.update(done: done, total: total) })
            options.accessPaths = accessPaths
            let run = ScanRun(snapshotFolder: model, zoneMode: zone, outputFolder: out, previousFolder: previous, archiveRulesFile: archiveRules,
                              options: options, now: now, toolVersion: Rampart.version,
                              informationURI: InstalledDocumentation.reportsPage?.absoluteString)
            let outcome: ScanRun.Outcome
            do { outcome = try run.run() } catch let error as ScanRun.InputError { throw InputError(description: error.description) }
            bar.finish()
            if let timings {
                do { try Data(outcome.phases.json.utf8).write(to: URL(fileURLWithPath: timings)) } catch {
                    throw InputError(description: "--timings \(timings): cannot write (\(error.localizedDescription))")
                }
            }
            try CommandSupport.emit(format, json: { outcome.summaryJSON(jobs: jobs, outputFolder: out) },
                                text: { outcome.summaryText(jobs: jobs, outputFolder: out) })
            return outcome.matches(failOn) ? 1 : 0
        }
    }
}
