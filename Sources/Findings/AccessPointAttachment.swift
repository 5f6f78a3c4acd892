import Analysis
import Environment

/// The access points of a snapshot attached to one bucket: those whose `Bucket` is its name and
/// whose bucket owner (`BucketAccountId`, else the access point's own account) is its account,
/// from every account of the snapshot (an access point may be in another account: S3 User Guide,
/// "Creating access points restricted to a virtual private cloud" / cross-account access points,
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html).
///
/// Unknown is never safe: the access points of the bucket's own account that could not be read,
/// and any access point of the bucket whose policy could not be read, are returned in `unknown`
/// (the bucket is then never NO_EXTERNAL_ACCESS). Another account's unreadable list is named too
/// when the bucket has `RestrictPublicBuckets`, the one setting under which an access point
/// lets in more than the bucket's own question does (its owner's account).
enum AccessPointAttachment {
    static func attached(to bucket: SnapshotResource, restrictPublicBuckets: Bool, in snapshot: Snapshot)
        -> (accessPoints: [S3AccessPoint], unknown: [String]) {
        attached(to: bucket, restrictPublicBuckets: restrictPublicBuckets, among: accountsWithAccessPoints(in: snapshot))
    }

    /// The accounts of `snapshot` with access points or access point files that could not be
    /// read, in the snapshot's order: the only ones `attached` reads. A scan finds them once
    /// rather than going through every account of an organization for each bucket.
    static func accountsWithAccessPoints(in snapshot: Snapshot) -> [AccountSnapshot] {
        snapshot.accounts.filter { !$0.accessPoints.isEmpty || !$0.accessPointsUnknown.isEmpty }
    }

    /// `attached(to:restrictPublicBuckets:in:)` over `accountsWithAccessPoints(in:)`.
    static func attached(to bucket: SnapshotResource, restrictPublicBuckets: Bool, among accounts: [AccountSnapshot])
        -> (accessPoints: [S3AccessPoint], unknown: [String]) {
        let name = String(bucket.arn.dropFirst("arn:aws:s3:::".count))
        var accessPoints: [S3AccessPoint] = []
        var unknown: [String] = []
        for account in accounts {
            if account.id == bucket.account || restrictPublicBuckets { unknown += account.accessPointsUnknown }
            // Without `BucketAccountId`, an access point of another account naming this bucket is
            // attached as that account's (its policy left out): never dropped.
            for read in account.accessPoints where read.bucket == name && (read.bucketAccount ?? bucket.account) == bucket.account {
                // Of the bucket's account, an unreadable policy leaves the route unknown (named in
                // `accessPointsUnknown`); of another account, its policy is not read anyway (`AnalyzedResource.policies`).
                if read.policyUnreadable != nil && read.account == bucket.account { continue }
                accessPoints.append(S3AccessPoint(name: read.name, arn: read.arn, account: read.account, bucket: read.bucket,
                                                  networkOrigin: read.networkOrigin.flatMap(S3AccessPoint.NetworkOrigin.init(rawValue:)),
                                                  policy: read.policy))
            }
        }
        return (accessPoints, Array(Set(unknown)).sorted())
    }

    /// The accounts whose access points to `bucket` the snapshot knows whole, so that each of
    /// them is judged as a route of its own (`attached`) and the bucket's own question leaves
    /// them out (`AnalyzedResource.accessPointAccountsKnown`, `AccessPointRequestKeys`): an
    /// account whose `list-access-points` was read whole in at least one region, nothing of it
    /// unknown (`accessPointsUnknown`), a list read in each region `coverage.json` names for it
    /// (when it names them), and whose `list-multi-region-access-points` was read whole with no
    /// multi-Region access point routing to the bucket (requests through one carry the same keys:
    /// `MultiRegionAccessPointReader`; Rampart does not judge them as routes). Every other account
    /// may hold an access point to the bucket: the bucket's own question takes requests through
    /// it into account.
    static func knownAccounts(for bucket: SnapshotResource, in snapshot: Snapshot) -> [String] {
        guard bucket.type == "AWS::S3::Bucket" else { return [] }
        let name = String(bucket.arn.dropFirst("arn:aws:s3:::".count))
        var regionsCollected: [String: [String]] = [:]
        if case .known(let manifest, _) = snapshot.coverage {
            for account in manifest.accounts { regionsCollected[account.id, default: []] += account.regions }
        }
        return snapshot.accounts.filter { account in
            guard !account.accessPointRegionsListed.isEmpty, account.accessPointsUnknown.isEmpty,
                  Set(regionsCollected[account.id] ?? []).isSubset(of: Set(account.accessPointRegionsListed)),
                  let routes = account.multiRegionAccessPointRoutes else { return false }
            return !routes.contains { $0.bucket == name && ($0.bucketAccount ?? bucket.account) == bucket.account }
        }.map(\.id).sorted()
    }
}
