import Analysis
import ArgumentParser
import Environment
import Findings
import Foundation
import Reports
import Z3

extension ZoneMode: ExpressibleByArgument {}

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

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case new, active, `public`, never
    }

    @Argument(help: "The snapshot folder (docs/SNAPSHOT.md).") var model: String
    @Option(help: "Zone of trust: account (each account alone) or organization.") var zone: ZoneMode
    @Option(help: "Output folder for the reports (created if missing).") var out: String
    @Option(help: "A previous run's output folder: its findings.json gives statuses across runs.") var previous: String?
    @Option(name: .customLong("archive-rules"), help: "Archive rules (JSON; docs/REPORTS.md).") var archiveRules: String?
    @Option(name: .customLong("fail-on"), help: "Exit 1 when there are: new (new active findings), active, public (active public findings), never.")
    var failOn: FailOn = .never
    @Option(help: "Parallel analyses (default: all cores).") var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(name: .customLong("timeout-ms"), help: "Solver timeout per query, in milliseconds (a timeout makes the resource UNPROVEN, never safe).")
    var timeoutMilliseconds: UInt32 = 30_000
    @Option(name: .customLong("memory-mb"),
            help: "Memory limit for the solver, in megabytes (Z3's memory_max_size; default: none). Over it a resource is UNPROVEN.")
    var memoryMegabytes: UInt32?
    @Option(help: "fast (solver-free proofs and pinned candidate witnesses before the solver) or solver (the faithful encoding alone).")
    var engine: AnalysisEngine = .fast
    @Option(name: .customLong("scan-time"), help: "The scan's time (ISO 8601, e.g. 2025-01-31T02:00:00Z) instead of now, for reproducible runs.")
    var scanTime: String?

    func validate() throws {
        if memoryMegabytes == 0 { throw ValidationError("--memory-mb must be at least 1") }
    }

    func run() throws {
        InterruptGuard.install()
        try CommandSupport.guarded {
            guard jobs >= 1 else { throw InputError(description: "--jobs must be at least 1") }
            let now = try scanTime.map { text -> Date in
                guard let date = FindingLifecycle.parse(text) else { throw InputError(description: "--scan-time: \(text) is not an ISO 8601 time") }
                return date
            } ?? Date()
            let snapshot: Snapshot
            do { snapshot = try SnapshotLoader.load(folder: model) } catch let error as SnapshotLoader.FolderError {
                throw InputError(description: error.description)
            }
            if zone == .organization && snapshot.organization == nil { throw InputError(description: ZoneMode.MissingOrganization().description) }
            let previousFindings = try previous.map { folder -> [ScanFinding] in
                let path = URL(fileURLWithPath: folder).appendingPathComponent("findings.json").path
                do { return try FindingsDocument.readFindings(Data(CommandSupport.readFile(path)), source: path) } catch let error as FindingsDocument.ReadError {
                    throw InputError(description: error.description)
                }
            }
            let rules = try archiveRules.map { path -> [ArchiveRule] in
                do { return try ArchiveRuleFile.read(Data(CommandSupport.readFile(path)), source: path) } catch let error as ArchiveRuleFile.ReadError {
                    throw InputError(description: error.description)
                }
            } ?? []

            if let memoryMegabytes { Z3Global.setMemoryLimit(megabytes: memoryMegabytes) }
            let bar = ProgressBar(label: "scanning")
            let options = ScanOptions(zoneMode: zone, jobs: jobs, analysis: engine.options(timeoutMilliseconds: timeoutMilliseconds),
                                      canonicalForms: engine == .fast, progress: { done, total in bar.update(done: done, total: total) })
            let result = try Scanner.scan(snapshot, options: options)
            bar.finish()
            let outcomes = result.outcomes + FindingCarryOver.unreadOutcomes(previous: previousFindings ?? [], outcomes: result.outcomes,
                                                                             scopes: snapshot.unreadableScopes)
            let findings = FindingLifecycle.apply(current: result.findings, previous: previousFindings, rules: rules,
                                                  unanalysed: FindingCarryOver.unresolvable(outcomes), now: now)
            let report = ScanReport(modelName: snapshot.name, modelPath: model, toolVersion: Rampart.version, zoneMode: zone,
                                    generatedAt: FindingLifecycle.timestamp(now), hasPrevious: previousFindings != nil, findings: findings,
                                    outcomes: outcomes, diagnostics: snapshot.diagnostics, organizationID: snapshot.organization?.id,
                                    accounts: snapshot.accounts.map(\.id), analyses: result.analyses, seconds: result.seconds,
                                    informationURI: InstalledDocumentation.reportsPage?.absoluteString, coverage: snapshot.coverage)
            do { try ReportFiles.write(report, to: out) } catch let error as ReportFiles.WriteError { throw InputError(description: error.description) }

            let summary = report.summary
            let rate = result.seconds > 0 ? Double(summary.resources) / result.seconds : 0
            CommandSupport.write("""
                \(snapshot.name): \(summary.resources) resources, \(summary.active) active findings (\(summary.activePublic) public, \(summary.new) new), \
                \(summary.archived) archived, \(summary.resolved) resolved, \(summary.resourcesUnproven) unproven, \
                \(summary.resourcesNotAnalysed) not analysed, \(summary.documentErrors) document errors
                \(CoverageReport.summaryLine(snapshot.coverage))
                active findings by severity: \(FindingSeverity.Label.allCases.map { "\(summary.activeBySeverity[$0.rawValue] ?? 0) \($0.rawValue)" }.joined(separator: ", "))
                analysed \(result.analyses) distinct resources in \(String(format: "%.1f", result.seconds)) s \
                (\(String(format: "%.2f", rate)) resources/s, \(jobs) jobs)
                wrote \(ReportFiles.names.map { URL(fileURLWithPath: out).appendingPathComponent($0).path }.joined(separator: ", "))

                """)
            let active = findings.filter { $0.status == .active }
            switch failOn {
            case .never: return 0
            case .active: return active.isEmpty ? 0 : 1
            case .new: return active.contains(where: \.isNew) ? 1 : 0
            case .public: return active.contains(where: \.isPublic) ? 1 : 0
            }
        }
    }
}
