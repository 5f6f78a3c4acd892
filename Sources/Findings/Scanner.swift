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
    /// Share one analysis among resources that differ only in their own account and name
    /// (`CanonicalResource`); off, only identical resources share one.
    public var canonicalForms: Bool
    /// Called from worker threads with (analyses done, analyses to do).
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// Also find access from outside through chains of roles (`AccessPathFindings`).
    public var accessPaths = false

    public init(zoneMode: ZoneMode, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                analysis: AnalysisOptions = AnalysisOptions(), canonicalForms: Bool = true,
                progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.zoneMode = zoneMode
        self.jobs = jobs
        self.analysis = analysis
        self.canonicalForms = canonicalForms
        self.progress = progress
    }
}

/// The outcome of scanning a snapshot, before the findings' life across runs is applied.
public struct ScanResult: Sendable {
    /// One per resource, ordered by account, type, ARN.
    public var outcomes: [ResourceOutcome]
    /// This run's findings (status ACTIVE, times not set yet), ordered like `outcomes`.
    public var findings: [ScanFinding]
    /// Distinct analyses run (identical resources, and resources with the same canonical form,
    /// are analysed once).
    public var analyses: Int
    public var seconds: Double
    /// One per distinct analysis, in the order they were planned: what it was and what it cost.
    public var timings: [AnalysisTiming] = []
    /// Resources analysed through their canonical form (the others could not be renamed safely).
    public var canonicalResources: Int = 0
    /// Resources answered from another resource's canonical form.
    public var canonicalReuses: Int = 0
    /// Answers of a canonical form whose mapped-back witness the Authorizer refused for the
    /// resource itself, so the resource was analysed as it is (expected 0; see `CanonicalResource`).
    public var canonicalFallbacks: Int = 0
}

/// The cost of one distinct analysis of a scan (for benchmarks and `--verbose` profiles).
public struct AnalysisTiming: Sendable {
    public var type: ResourceType
    public var status: ExternalAccessResult.Status
    public var seconds: Double
    public var solverCalls: Int
    /// Whether the analysis was of a canonical form (shared by resources differing in account and name).
    public var canonical: Bool
    /// The analysed resource's ARN (of its canonical form when `canonical`).
    public var arn: String
    /// Where the resource policy was read from (nil without one).
    public var policySource: String?
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
    /// What a scan must solve, without solving it: the number of distinct analyses (after the
    /// cache of identical resources and canonical forms). For estimates of larger scans.
    public static func distinctAnalyses(_ snapshot: Snapshot, options: ScanOptions) throws -> Int {
        try plan(snapshot, options: options).jobs.count
    }

    private struct Prepared {
        var zone: ZoneOfTrust
        /// Whether its job is its canonical form: then the job's answer is mapped to it by its
        /// swap (`CanonicalResource.swap`), worked out again when the answer is (a swap's names
        /// for each of 100,000 resources are not kept meanwhile).
        var renamed: Bool
        /// The analyses that answer it, one per reading of its policy (`PolicyReading`); empty
        /// when its policy has errors.
        var jobs: [Int]
        /// S3 buckets: one analysis per access point attached to the bucket (`AnalyzedResource.accessPoint`).
        var accessPointJobs: [Int] = []
        /// What of the bucket's access points could not be read (each naming its file).
        var accessPointsUnknown: [String] = []
    }

    /// One resource of the snapshot, by position (the snapshot holds it; its `AnalyzedResource`
    /// is rebuilt when needed, which is cheap, so items stay small at 100,000 resources).
    private struct Item {
        var account: Int
        var resource: Int
        var prepared: Result<Prepared, AnalyzedResourceBuilder.Unsupported>
    }

    /// Every resource prepared, and one job per distinct analysis in order of first appearance.
    /// A job says how to build what it solves (`ScanJob`) rather than keeping it, so memory
    /// grows with distinct analyses only by a few words each. The jobs are found by their key's
    /// hash, and a key is kept only for a job that was asked for again: a key holds the
    /// resource's whole walk (`FieldFingerprint`), and a scan of distinct policies would keep one
    /// per resource. A job matches only when its own key, rebuilt from what it solves, equals the
    /// resource's: the same test as before.
    private static func plan(_ snapshot: Snapshot, options: ScanOptions) throws -> (items: [Item], jobs: [ScanJob], accounts: [ScanJob.Account]) {
        var items: [Item] = []
        var jobs: [ScanJob] = []
        var accounts: [ScanJob.Account] = []
        // The first job of each key hash, and the others of a hash (rare: an array per hash
        // would be one more allocation per resource of a distinct scan).
        var jobsByHash: [Int: Int] = [:]
        var moreJobsByHash: [Int: [Int]] = [:]
        var reusedKeys: [Int: AnalysisKey] = [:]
        var renamable: RenamableZone?
        let accessPointAccounts = AccessPointAttachment.accountsWithAccessPoints(in: snapshot)
        for (accountIndex, account) in snapshot.accounts.enumerated() {
            let zone = try options.zoneMode.zone(for: account.id, in: snapshot)
            // An organization's accounts share one zone: its runs are found once (`RenamableZone`).
            if renamable?.zone != zone { renamable = RenamableZone(zone) }
            let renamableZone = renamable ?? RenamableZone(zone)
            let context = AccountOrganizationContext(account: account.id, organization: snapshot.organization)
            accounts.append(ScanJob.Account(context: context, renamable: renamableZone))
            // The account's resources' canonical forms rename its zone alike (their own account):
            // the jobs and keys share one copy of each, not one per resource (an organization's
            // zone is one string per member account).
            var canonicalZones: [ZoneOfTrust] = []
            func shared(_ zone: ZoneOfTrust) -> ZoneOfTrust {
                if let existing = canonicalZones.first(where: { $0 == zone }) { return existing }
                if canonicalZones.count < 8 { canonicalZones.append(zone) }
                return zone
            }
            for (resourceIndex, resource) in account.resources.enumerated() {
                do {
                    let accessPointAccountsKnown = AccessPointAttachment.knownAccounts(for: resource, in: snapshot)
                    let analyzed = try AnalyzedResourceBuilder.build(resource, account: account, context: context,
                                                                     accessPointAccountsKnown: accessPointAccountsKnown)
                    var prepared = Prepared(zone: zone, renamed: false, jobs: [])
                    func job(for key: AnalysisKey, reading: Int? = nil, route: ScanJob.Route = .asRead, zone: ZoneOfTrust) -> Int {
                        let hash = key.hashValue
                        for candidate in [jobsByHash[hash]].compactMap({ $0 }) + (moreJobsByHash[hash] ?? []) {
                            let candidateKey = reusedKeys[candidate]
                                ?? jobs[candidate].resource(in: snapshot, accounts: accounts).map { AnalysisKey($0, zone: jobs[candidate].zone) }
                            if candidateKey == key {
                                reusedKeys[candidate] = candidateKey
                                return candidate
                            }
                        }
                        if jobsByHash[hash] == nil { jobsByHash[hash] = jobs.count } else { moreJobsByHash[hash, default: []].append(jobs.count) }
                        jobs.append(ScanJob(type: analyzed.type, account: accountIndex, resource: resourceIndex, reading: reading, route: route, zone: zone))
                        return jobs.count - 1
                    }
                    if resource.policyHasErrors {
                        // Not analysed: reported as ERROR.
                    } else if !resource.alternativePolicies.isEmpty {
                        // More than one reading: each is analysed as it is, and the resource is judged on all.
                        for (index, reading) in resource.readings.enumerated() {
                            let alternative = try AnalyzedResourceBuilder.build(reading, account: account, context: context,
                                                                                  accessPointAccountsKnown: accessPointAccountsKnown)
                            prepared.jobs.append(job(for: AnalysisKey(alternative, zone: zone), reading: index, zone: zone))
                        }
                    } else if options.canonicalForms, let canonical = CanonicalResource.make(analyzed, in: renamableZone) {
                        let canonicalZone = shared(canonical.zone)
                        let key = AnalysisKey(canonical.resource, zone: canonicalZone)
                        prepared.jobs = [job(for: key, route: .canonicalForm, zone: canonicalZone)]
                        prepared.renamed = true
                    } else {
                        prepared.jobs = [job(for: AnalysisKey(analyzed, zone: zone), zone: zone)]
                    }
                    if analyzed.type == .s3Bucket, !resource.policyHasErrors {
                        let attached = AccessPointAttachment.attached(to: resource, restrictPublicBuckets: analyzed.blockPublicAccess?.restrictPublicBuckets == true,
                                                                      among: accessPointAccounts)
                        prepared.accessPointsUnknown = attached.unknown
                        for accessPoint in attached.accessPoints {
                            var route = analyzed
                            route.accessPoint = accessPoint
                            prepared.accessPointJobs.append(job(for: AnalysisKey(route, zone: zone), route: .accessPoint(accessPoint), zone: zone))
                        }
                    }
                    items.append(Item(account: accountIndex, resource: resourceIndex, prepared: .success(prepared)))
                } catch let error as AnalyzedResourceBuilder.Unsupported {
                    items.append(Item(account: accountIndex, resource: resourceIndex, prepared: .failure(error)))
                }
            }
        }
        return (items, jobs, accounts)
    }

    public static func scan(_ snapshot: Snapshot, options: ScanOptions) throws -> ScanResult {
        let start = Date()
        var (items, jobs, accounts) = try plan(snapshot, options: options)
        // Planning built and dropped a canonical form per resource.
        SolverMemory.returnFreed()
        let canonicalResources = items.filter { item in
            if case .success(let prepared) = item.prepared { return !prepared.jobs.isEmpty && prepared.renamed }
            return false
        }.count
        let total = jobs.count
        let analysisOptions = options.analysis
        let report = options.progress
        let trimmer = SolverMemory.Trimmer()
        // The results' and outcomes' explanations repeat the same few lines: each held once.
        let explanations = SharedLines()
        report?(0, total)
        let onProgress: (@Sendable (Int) -> Void)? = report.map { report in { @Sendable done in report(done, total) } }
        // Each worker builds what its job solves and lets it go once solved: only the result,
        // and for the timings what was solved (its type, ARN and policy's source), are kept —
        // split in two lists, the workers' list let go at once (not held through the outcomes).
        let (results, timings): ([ExternalAccessResult], [AnalysisTiming]) = { [jobs, accounts, snapshot] in
            let timed: [(ExternalAccessResult, AnalysisTiming)] = ParallelWorkers.run(count: total, workers: options.jobs, progress: onProgress) { index in
                let started = Date()
                guard let resource = jobs[index].resource(in: snapshot, accounts: accounts) else {
                    let result = ExternalAccessResult(status: .error, findings: [], explanation: ["internal error: the analysis's resource could not be built again"],
                                                      complete: false, solverCalls: 0)
                    return (result, AnalysisTiming(type: jobs[index].type, status: .error, seconds: 0, solverCalls: 0, canonical: jobs[index].canonical,
                                                   arn: "", policySource: nil))
                }
                var result = ExternalAccessAnalyzer.analyze(resource, zone: jobs[index].zone, options: analysisOptions)
                result.explanation = explanations.shared(result.explanation)
                let seconds = Date().timeIntervalSince(started)
                if result.solverCalls > 0 { trimmer.afterSolverUse() }
                return (result, AnalysisTiming(type: resource.type, status: result.status, seconds: seconds, solverCalls: result.solverCalls,
                                               canonical: jobs[index].canonical, arn: resource.arn, policySource: resource.policy?.source))
            }
            return (timed.map(\.0), timed.map(\.1))
        }()
        jobs = []
        accounts = []
        let jobARNs = timings.map(\.arn)

        var outcomes: [ResourceOutcome] = []
        outcomes.reserveCapacity(items.count)
        var findings: [ScanFinding] = []
        var analysedBy: [Int: String] = [:]
        var canonicalReuses = 0
        var canonicalFallbacks = 0
        // Each item is let go once its outcome is built (memory: the outcomes replace them).
        items.reverse()
        var context: AccountOrganizationContext?
        while let item = items.popLast() {
            let account = snapshot.accounts[item.account]
            if context?.account != account.id { context = AccountOrganizationContext(account: account.id, organization: snapshot.organization) }
            let accountContext = context ?? AccountOrganizationContext(account: account.id, organization: snapshot.organization)
            let resource = account.resources[item.resource]
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
            case .success(let prepared):
                guard !prepared.jobs.isEmpty, prepared.jobs.allSatisfy({ $0 < results.count }) else { failed("internal error: no analysis result"); continue }
                var judged: [(result: ExternalAccessResult, reading: SnapshotResource)] = []
                var reused = false
                if prepared.jobs.count > 1 {
                    for (index, reading) in zip(prepared.jobs, resource.readings) {
                        if analysedBy[index] != nil { reused = true } else { analysedBy[index] = resource.arn }
                        judged.append((results[index], reading))
                    }
                } else {
                    let index = prepared.jobs[0]
                    let renaming = prepared.renamed ? CanonicalResource.swap(account: resource.account, arn: resource.arn, zone: prepared.zone) : .identity
                    guard let swap = renaming else { failed("internal error: no canonical form"); continue }
                    var result = results[index].renamed(by: swap)
                    reused = analysedBy[index] != nil
                    if !reused { analysedBy[index] = resource.arn }
                    // The job's ARN as this resource sees it (rebased below when another identical resource was solved).
                    let original = swap.apply(jobARNs[index])
                    if !swap.isIdentity {
                        if reused { canonicalReuses += 1 }
                        // Built as in planning, which succeeded for this resource; only needed to
                        // replay policy findings (without any, every witness replays).
                        if result.findings.contains(where: { $0.source == .policy }) {
                            let analyzed = try AnalyzedResourceBuilder.build(resource, account: account, context: accountContext,
                                                                             accessPointAccountsKnown: AccessPointAttachment.knownAccounts(for: resource, in: snapshot))
                            if !witnessesReplay(result, for: analyzed, zone: prepared.zone) {
                                canonicalFallbacks += 1
                                result = ExternalAccessAnalyzer.analyze(analyzed, zone: prepared.zone, options: analysisOptions)
                            }
                        }
                    }
                    result.findings = result.findings.map { rebase($0, from: original, to: resource.arn) }
                    judged.append((result, resource))
                }
                var resourceFindings: [ScanFinding] = []
                let routes = prepared.accessPointJobs.filter { $0 < results.count }.map { results[$0] }
                for (result, reading) in judged + routes.map({ ($0, resource) }) {
                    for finding in result.findings {
                        let scanned = scanFinding(finding, resource: reading)
                        if !resourceFindings.contains(where: { $0.id == scanned.id }) { resourceFindings.append(scanned) }
                    }
                }
                findings += resourceFindings
                let unknownRCPs = ResourceType(rawValue: resource.type).flatMap { type -> String? in
                    if resource.account == account.id { return accountContext.unknownResourceControlPolicies(for: type) }
                    return AnalyzedResourceBuilder.unknownResourceControlPolicies(for: type, account: resource.account, in: snapshot.organization)
                }
                var judgedResource = resource
                judgedResource.unknownParts += prepared.accessPointsUnknown
                var verdict = ResourceVerdict.judge(judged.map(\.result), readings: judged.map(\.reading), resource: judgedResource,
                                                    unknownRCPs: unknownRCPs)
                verdict.include(accessPointRoutes: routes,
                                accessPointAccountsKnown: AccessPointAttachment.knownAccounts(for: resource, in: snapshot))
                outcomes.append(ResourceOutcome(arn: resource.arn, type: resource.type, account: resource.account,
                                                status: verdict.status, explanation: explanations.shared(verdict.explanation), complete: verdict.complete,
                                                findingIDs: resourceFindings.map(\.id), files: resource.files, reused: reused))
            }
        }
        return ScanResult(outcomes: outcomes, findings: findings, analyses: total, seconds: Date().timeIntervalSince(start), timings: timings,
                          canonicalResources: canonicalResources, canonicalReuses: canonicalReuses, canonicalFallbacks: canonicalFallbacks)
    }

    /// Every policy finding's witness, mapped back from a canonical form, is allowed by the
    /// resource's own policies and comes from outside its zone (`OutsideZone.contains`, the
    /// definition the question's `external` agrees with).
    private static func witnessesReplay(_ result: ExternalAccessResult, for resource: AnalyzedResource, zone: ZoneOfTrust) -> Bool {
        let policies = resource.policies
        return result.findings.allSatisfy { finding in
            guard finding.source == .policy else { return true }
            guard OutsideZone.contains(finding.witness, type: resource.type, zone: zone) else { return false }
            return Authorizer.evaluate(finding.witness, policies: policies).outcome == .allow
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
        // Through an access point, the statements of its policy are cited by the policy's name, not the bucket's file.
        let own = finding.statements.filter { finding.sourceDetail == nil || $0.policy == resource.policy?.source }
        let others = finding.statements.filter { !own.contains($0) }.map { reference in
            GrantingStatement(file: reference.policy, documentPath: "$.Policy", statementIndex: reference.index, sid: reference.sid,
                              line: nil, text: "")
        }
        let texts = own.isEmpty ? [:] : resource.statementTexts
        let statements = own.map { reference in
            GrantingStatement(file: resource.policyDocument?.file ?? resource.files.first ?? "",
                              documentPath: resource.policyDocument?.jsonPath ?? "$", statementIndex: reference.index, sid: reference.sid,
                              line: resource.statementLines[reference.index], text: texts[reference.index] ?? "")
        }
        let id = FindingIdentity.id(resource: resource.arn, principal: finding.principal, actions: finding.actions,
                                    conditions: finding.conditions, source: finding.source, accessPoint: finding.sourceDetail?.accessPointArn)
        return ScanFinding(id: id, resource: resource.arn, resourceType: resource.type, account: resource.account, access: finding,
                           statements: statements + others)
    }
}
