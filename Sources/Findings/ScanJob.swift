import Analysis
import Environment

/// One distinct analysis of a scan, kept as how to build what it solves from the snapshot, not
/// as the built resource: the worker that runs it builds it (`resource(in:accounts:)`), solves
/// it and lets it go. A scan of distinct policies has one job per resource, and a job that kept
/// its `AnalyzedResource` — for a canonical form a renamed copy of the whole policy — held a
/// second copy of the snapshot's policies until the analysis ended. What a job shares with the
/// other jobs of its account (`Account`) is kept once per account, so a job is a few words.
///
/// Building is deterministic (`AnalyzedResourceBuilder.build`, `AccessPointAttachment.knownAccounts`,
/// `CanonicalResource.make`): the resource built from a job is the one the plan built and keyed
/// (`AnalysisKey`) when it made the job.
///
/// ```swift
/// let job = ScanJob(type: .sqsQueue, account: 0, resource: 3, reading: nil, route: .asRead, zone: zone)
/// job.resource(in: snapshot, accounts: accounts)?.arn    // the first account's fourth resource, as analysed
/// ```
struct ScanJob: Sendable {
    /// What the jobs of one account share: what it takes from the organization, and its zone
    /// prepared for renaming (`RenamableZone`).
    struct Account: Sendable {
        var context: AccountOrganizationContext
        var renamable: RenamableZone
    }

    /// Which question about the resource the job is.
    enum Route: Sendable {
        /// The resource as read (or the reading `reading` names).
        case asRead
        /// The resource's canonical form (`CanonicalResource`), renaming its account's zone.
        case canonicalForm
        /// S3 buckets: the route through this access point (`AnalyzedResource.accessPoint`).
        indirect case accessPoint(S3AccessPoint)
    }

    /// The type of what is solved (every reading and route of a resource has the resource's type).
    var type: ResourceType
    /// The account's position in the snapshot (and in the plan's `Account`s).
    var account: Int
    /// The resource's position in its account.
    var resource: Int
    /// Which of the resource's policy readings is solved (`SnapshotResource.readings`); nil: the resource as read.
    var reading: Int?
    var route: Route
    /// The zone the job is solved in (for a canonical form, the renamed zone).
    var zone: ZoneOfTrust

    /// Whether what is solved is a canonical form.
    var canonical: Bool {
        if case .canonicalForm = route { return true }
        return false
    }

    /// What the job solves, built from `snapshot` (the snapshot it was planned from) with its
    /// account's shared part; nil when it cannot be built, which a snapshot the plan read never gives.
    func resource(in snapshot: Snapshot, accounts: [Account]) -> AnalyzedResource? {
        guard snapshot.accounts.indices.contains(account), accounts.indices.contains(account),
              snapshot.accounts[account].resources.indices.contains(resource) else { return nil }
        let owner = snapshot.accounts[account]
        var read = owner.resources[resource]
        let accessPointAccountsKnown = AccessPointAttachment.knownAccounts(for: read, in: snapshot)
        if let reading {
            let readings = read.readings
            guard readings.indices.contains(reading) else { return nil }
            read = readings[reading]
        }
        guard var analyzed = try? AnalyzedResourceBuilder.build(read, account: owner, context: accounts[account].context,
                                                                accessPointAccountsKnown: accessPointAccountsKnown) else { return nil }
        switch route {
        case .asRead: return analyzed
        case .accessPoint(let accessPoint):
            analyzed.accessPoint = accessPoint
            return analyzed
        case .canonicalForm:
            return CanonicalResource.make(analyzed, in: accounts[account].renamable)?.resource
        }
    }
}
