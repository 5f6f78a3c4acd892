import Analysis
import Authorizer
import Environment
import Foundation
import Policy

/// Options of a scan.
public struct ScanOptions: Sendable {
    public var zoneMode: ZoneMode
    /// Worker threads; each analysis creates its own Z3 context on its worker.
    public var jobs: Int
    public var analysis: AnalysisOptions
    /// Called from worker threads with (analyses done, analyses to do).
    public var progress: (@Sendable (Int, Int) -> Void)?

    public init(zoneMode: ZoneMode, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                analysis: AnalysisOptions = AnalysisOptions(), progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.zoneMode = zoneMode
        self.jobs = jobs
        self.analysis = analysis
        self.progress = progress
    }
}

/// The outcome of scanning a snapshot, before the findings' life across runs is applied.
public struct ScanResult: Sendable {
    /// One per resource, ordered by account, type, ARN.
    public var outcomes: [ResourceOutcome]
    /// This run's findings (status ACTIVE, times not set yet), ordered like `outcomes`.
    public var findings: [ScanFinding]
    /// Distinct analyses run (identical resources are analysed once).
    public var analyses: Int
    public var seconds: Double
}

/// Scans every resource of a snapshot for external access, in parallel, solving each distinct
/// (policy, zone, type, settings) once.
///
/// ```swift
/// let snapshot = try SnapshotLoader.load(folder: "Models/startup")
/// let result = try Scanner.scan(snapshot, options: ScanOptions(zoneMode: .account, jobs: 2))
/// result.findings.map(\.principal)
/// ```
public enum Scanner {
    public static func scan(_ snapshot: Snapshot, options: ScanOptions) throws -> ScanResult {
        let start = Date()
        struct Item {
            var resource: SnapshotResource
            var prepared: Result<(AnalyzedResource, ZoneOfTrust, AnalysisKey), AnalyzedResourceBuilder.Unsupported>
        }
        var items: [Item] = []
        for account in snapshot.accounts {
            let zone = try options.zoneMode.zone(for: account.id, in: snapshot)
            for resource in account.resources {
                do {
                    let analyzed = try AnalyzedResourceBuilder.build(resource, account: account, organization: snapshot.organization)
                    items.append(Item(resource: resource, prepared: .success((analyzed, zone, AnalysisKey(analyzed, documentText: resource.documentText, zone: zone)))))
                } catch let error as AnalyzedResourceBuilder.Unsupported {
                    items.append(Item(resource: resource, prepared: .failure(error)))
                }
            }
        }
        // One analysis per distinct key, in order of first appearance.
        var keyIndex: [AnalysisKey: Int] = [:]
        var jobs: [(AnalyzedResource, ZoneOfTrust)] = []
        for item in items where !item.resource.policyHasErrors {
            guard case .success(let (analyzed, zone, key)) = item.prepared, keyIndex[key] == nil else { continue }
            keyIndex[key] = jobs.count
            jobs.append((analyzed, zone))
        }
        let total = jobs.count
        let work = jobs
        let analysisOptions = options.analysis
        let report = options.progress
        report?(0, total)
        let onProgress: (@Sendable (Int) -> Void)? = report.map { report in { @Sendable done in report(done, total) } }
        let results: [ExternalAccessResult] = ParallelWorkers.run(count: total, workers: options.jobs, progress: onProgress) { index in
            ExternalAccessAnalyzer.analyze(work[index].0, zone: work[index].1, options: analysisOptions)
        }

        var outcomes: [ResourceOutcome] = []
        var findings: [ScanFinding] = []
        var analysedBy: [Int: String] = [:]
        for item in items {
            let resource = item.resource
            func failed(_ reason: String) {
                outcomes.append(ResourceOutcome(arn: resource.arn, type: resource.type, account: resource.account, status: .error,
                                                explanation: [reason], complete: false, findingIDs: [], files: resource.files, reused: false))
            }
            if resource.policyHasErrors {
                failed("not analysed: its policy document could not be read or has errors (see the diagnostics)")
                continue
            }
            switch item.prepared {
            case .failure(let error):
                failed("not analysed: \(error.description)")
            case .success(let (analyzed, _, key)):
                guard let index = keyIndex[key], index < results.count else { failed("internal error: no analysis result"); continue }
                let result = results[index]
                let reused = analysedBy[index] != nil
                if !reused { analysedBy[index] = resource.arn }
                let original = jobs[index].0.arn
                let resourceFindings = result.findings.map { finding in
                    scanFinding(rebase(finding, from: original, to: analyzed.arn), resource: resource)
                }
                findings += resourceFindings
                outcomes.append(ResourceOutcome(arn: resource.arn, type: resource.type, account: resource.account,
                                                status: status(result.status), explanation: result.explanation, complete: result.complete,
                                                findingIDs: resourceFindings.map(\.id), files: resource.files, reused: reused))
            }
        }
        return ScanResult(outcomes: outcomes, findings: findings, analyses: total, seconds: Date().timeIntervalSince(start))
    }

    private static func status(_ status: ExternalAccessResult.Status) -> ResourceOutcome.Status {
        switch status {
        case .externalAccess: return .externalAccess
        case .noExternalAccess: return .noExternalAccess
        case .unproven: return .unproven
        case .error: return .error
        }
    }

    /// A finding reused from an identical resource, moved to `arn` (its witness named the other one).
    private static func rebase(_ finding: ExternalAccessFinding, from original: String, to arn: String) -> ExternalAccessFinding {
        guard original != arn else { return finding }
        var moved = finding
        if moved.witness.resource == original {
            moved.witness.resource = arn
        } else if moved.witness.resource.hasPrefix(original + "/") {
            moved.witness.resource = arn + moved.witness.resource.dropFirst(original.count)
        }
        return moved
    }

    private static func scanFinding(_ finding: ExternalAccessFinding, resource: SnapshotResource) -> ScanFinding {
        let statements = finding.statements.map { reference in
            GrantingStatement(file: resource.policyDocument?.file ?? resource.files.first ?? "",
                              documentPath: resource.policyDocument?.jsonPath ?? "$", statementIndex: reference.index, sid: reference.sid,
                              line: resource.statementLines[reference.index], text: resource.statementTexts[reference.index] ?? "")
        }
        let id = FindingIdentity.id(resource: resource.arn, principal: finding.principal, actions: finding.actions,
                                    conditions: finding.conditions, source: finding.source.rawValue)
        return ScanFinding(id: id, resource: resource.arn, resourceType: resource.type, account: resource.account, principal: finding.principal,
                           principalKind: finding.principalKind.rawValue, actions: finding.actions, conditions: finding.conditions,
                           isPublic: finding.isPublic, witness: finding.witness, statements: statements, source: finding.source.rawValue)
    }
}
