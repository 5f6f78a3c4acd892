import Analysis
import Environment

/// One distinct analysis of a scan, kept as how to build what it solves from the snapshot, not
/// as the built resource: the worker that runs it builds it (`resource(in:)`), solves it and lets
/// it go. A scan of distinct policies has one job per resource, and a job that kept its
/// `AnalyzedResource` — for a canonical form a renamed copy of the whole policy — held a second
/// copy of the snapshot's policies until the analysis ended.
///
/// Building is deterministic (`AnalyzedResourceBuilder.build`, `CanonicalResource.make`): the
/// resource built from a job is the one the plan built and keyed (`AnalysisKey`) when it made
/// the job.
///
/// ```swift
/// let job = ScanJob(type: .s3Bucket, account: 0, resource: 3, reading: nil, accessPoint: nil, canonicalIn: nil,
///                   context: context, accessPointAccountsKnown: [], zone: zone)
/// job.resource(in: snapshot)?.arn    // the snapshot's fourth resource of its first account, as analysed
/// ```
struct ScanJob: Sendable {
    /// The type of what is solved (every reading and route of a resource has the resource's type).
    var type: ResourceType
    /// The account's position in the snapshot.
    var account: Int
    /// The resource's position in its account.
    var resource: Int
    /// Which of the resource's policy readings is solved (`SnapshotResource.readings`); nil: the resource as read.
    var reading: Int?
    /// S3 buckets: the route through this access point (`AnalyzedResource.accessPoint`).
    var accessPoint: S3AccessPoint?
    /// Set when what is solved is the resource's canonical form (`CanonicalResource`), renaming
    /// this zone (the one prepared for its account's resources).
    var canonicalIn: RenamableZone?
    /// What the account takes from the organization (shared by the account's jobs).
    var context: AccountOrganizationContext
    /// The accounts whose access points to the bucket are known whole (`AccessPointAttachment.knownAccounts`).
    var accessPointAccountsKnown: [String]
    /// The zone the job is solved in (for a canonical form, the renamed zone).
    var zone: ZoneOfTrust

    /// Whether what is solved is a canonical form.
    var canonical: Bool { canonicalIn != nil }

    /// What the job solves, built from `snapshot` (the snapshot it was planned from); nil when it
    /// cannot be built, which a snapshot the plan read never gives.
    func resource(in snapshot: Snapshot) -> AnalyzedResource? {
        guard snapshot.accounts.indices.contains(account), snapshot.accounts[account].resources.indices.contains(resource) else { return nil }
        let owner = snapshot.accounts[account]
        var read = owner.resources[resource]
        if let reading {
            let readings = read.readings
            guard readings.indices.contains(reading) else { return nil }
            read = readings[reading]
        }
        guard var analyzed = try? AnalyzedResourceBuilder.build(read, account: owner, context: context,
                                                                accessPointAccountsKnown: accessPointAccountsKnown) else { return nil }
        if let accessPoint { analyzed.accessPoint = accessPoint }
        guard let canonicalIn else { return analyzed }
        return CanonicalResource.make(analyzed, in: canonicalIn)?.resource
    }
}
