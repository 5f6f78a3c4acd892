import Analysis
import Environment
import Findings
import Foundation

/// Everything a scan's reports show, in the order they show it. Every renderer reads this one
/// value, so the four outputs cannot disagree.
public struct ScanReport: Sendable {
    public var modelName: String
    /// The snapshot folder as given on the command line: SARIF locations are this plus the file.
    public var modelPath: String
    public var toolVersion: String
    public var zoneMode: ZoneMode
    /// ISO 8601 time of the scan.
    public var generatedAt: String
    /// True when `--previous` was given (otherwise every finding is new by definition).
    public var hasPrevious: Bool
    public var findings: [ScanFinding]
    public var outcomes: [ResourceOutcome]
    public var diagnostics: [SnapshotDiagnostic]
    public var organizationID: String?
    public var accounts: [String]
    public var analyses: Int
    public var seconds: Double
    /// The folder the scan ran in (absolute): SARIF's `%SRCROOT%` when the snapshot folder was
    /// given as a relative path.
    public var workingDirectory: String
    /// Where SARIF readers find Rampart's documentation (`tool.driver.informationUri`); nil: not known.
    public var informationURI: String?
    /// What the snapshot covered (its coverage manifest), or unknown.
    public var coverage: SnapshotCoverage

    public init(modelName: String, modelPath: String, toolVersion: String, zoneMode: ZoneMode, generatedAt: String, hasPrevious: Bool, findings: [ScanFinding],
                outcomes: [ResourceOutcome], diagnostics: [SnapshotDiagnostic], organizationID: String?, accounts: [String],
                analyses: Int, seconds: Double, workingDirectory: String = FileManager.default.currentDirectoryPath, informationURI: String? = nil,
                coverage: SnapshotCoverage = .unknown(reason: "not given")) {
        self.modelName = modelName
        self.modelPath = modelPath
        self.toolVersion = toolVersion
        self.zoneMode = zoneMode
        self.generatedAt = generatedAt
        self.hasPrevious = hasPrevious
        self.findings = ScanReport.ordered(findings)
        self.outcomes = outcomes
        self.diagnostics = diagnostics
        self.organizationID = organizationID
        self.accounts = accounts
        self.analyses = analyses
        self.seconds = seconds
        self.workingDirectory = workingDirectory
        self.informationURI = informationURI
        self.coverage = coverage
    }

    /// ACTIVE before ARCHIVED before RESOLVED, then most severe first (which puts public findings
    /// first: every public rung scores above every other, `FindingSeverity`), then new first,
    /// then by resource, principal, id.
    static func ordered(_ findings: [ScanFinding]) -> [ScanFinding] {
        func statusRank(_ status: FindingStatus) -> Int { status == .active ? 0 : status == .archived ? 1 : 2 }
        return findings.map { ($0, -$0.severity.score) }.sorted { pair, other in
            let (a, b) = (pair.0, other.0)
            let left = (statusRank(a.status), pair.1, a.isNew ? 0 : 1, a.resource, a.principal, a.id)
            let right = (statusRank(b.status), other.1, b.isNew ? 0 : 1, b.resource, b.principal, b.id)
            return left < right
        }.map(\.0)
    }

    /// Counts shown at the top of every report.
    public struct Summary: Sendable, Hashable, Codable {
        public var resources = 0
        public var resourcesWithExternalAccess = 0
        public var resourcesUnproven = 0
        public var resourcesNotAnalysed = 0
        /// Resources with findings whose list stopped early (the finding cap, a timeout, RCPs left out).
        public var resourcesIncomplete = 0
        public var active = 0
        public var activePublic = 0
        /// ACTIVE findings by severity label (`CRITICAL`, `HIGH`, `MEDIUM`, `LOW`; every label present).
        public var activeBySeverity: [String: Int] = Dictionary(uniqueKeysWithValues: FindingSeverity.Label.allCases.map { ($0.rawValue, 0) })
        public var new = 0
        public var archived = 0
        public var resolved = 0
        public var documentErrors = 0
        public var documentWarnings = 0
    }

    /// The counts, in one pass over the outcomes, the findings and the diagnostics (each
    /// finding's severity judged once).
    public var summary: Summary {
        var summary = Summary()
        summary.resources = outcomes.count
        for outcome in outcomes {
            switch outcome.status {
            case .externalAccess:
                summary.resourcesWithExternalAccess += 1
                if !outcome.complete { summary.resourcesIncomplete += 1 }
            case .unproven: summary.resourcesUnproven += 1
            case .error: summary.resourcesNotAnalysed += 1
            case .noExternalAccess: break
            }
        }
        for finding in findings {
            switch finding.status {
            case .active:
                summary.active += 1
                if finding.isPublic { summary.activePublic += 1 }
                summary.activeBySeverity[finding.severity.label.rawValue, default: 0] += 1
            case .archived: summary.archived += 1
            case .resolved: summary.resolved += 1
            }
            if finding.status != .resolved && finding.isNew { summary.new += 1 }
        }
        for diagnostic in diagnostics {
            if diagnostic.severity == .error { summary.documentErrors += 1 }
            if diagnostic.severity == .warning { summary.documentWarnings += 1 }
        }
        return summary
    }

    /// Resources without a proof or a complete list of findings: UNPROVEN, ERROR, and
    /// EXTERNAL_ACCESS whose enumeration stopped early. Their earlier findings are carried over.
    public var troubledOutcomes: [ResourceOutcome] {
        outcomes.filter { $0.status == .unproven || $0.status == .error || !$0.complete }
    }

    /// Findings of this run that were not there before (ACTIVE or ARCHIVED).
    public var newFindings: [ScanFinding] { findings.filter { $0.status != .resolved && $0.isNew } }
}
