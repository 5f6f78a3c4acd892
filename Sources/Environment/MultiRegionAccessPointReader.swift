import Policy

/// Reads `accounts/<id>/s3control/list-multi-region-access-points.json` (`aws s3control
/// list-multi-region-access-points --account-id ID --region us-west-2`: `{"AccessPoints": [{"Name",
/// "Alias", "Regions": [{"Bucket", "Region", "BucketAccountId"}], …}]}`; S3 Control API Reference,
/// ListMultiRegionAccessPoints,
/// https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_ListMultiRegionAccessPoints.html):
/// the buckets each multi-Region access point of the account routes to.
///
/// A request through a multi-Region access point reaches the bucket it is routed to, and a bucket
/// may delegate access control to it as to an access point (S3 User Guide, "Permissions" of
/// Multi-Region Access Points,
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiRegionAccessPointPermissions.html).
/// `list-access-points` does not list them, so an account's access points are known whole only
/// with this list too (`AccountSnapshot.multiRegionAccessPointBuckets`; nil: not known).
struct MultiRegionAccessPointReader {
    static let fileName = "list-multi-region-access-points.json"

    /// The (bucket, bucket owner) pairs the account's multi-Region access points route to (the
    /// owner nil when the output does not say); nil when the file cannot be read whole.
    static func read(_ file: String, in folder: SnapshotFolder, diagnostics: inout [SnapshotDiagnostic]) -> [MultiRegionRoute]? {
        guard let output = CLIOutputFile.open(file, in: folder, diagnostics: &diagnostics),
              let readings = output.readings(diagnostics: &diagnostics) else { return nil }
        let before = diagnostics.count
        var routes: [MultiRegionRoute] = []
        for reading in readings {
            guard let list = reading.member("AccessPoints", of: reading.root, path: .root, diagnostics: &diagnostics) else {
                diagnostics.append(reading.diagnostic(.error, SnapshotDiagnosticCode.missingField,
                                                      "missing $.AccessPoints (the list-multi-region-access-points output holds them there)",
                                                      path: .root, at: reading.root))
                return nil
            }
            guard list.elements != nil else {
                diagnostics.append(reading.diagnostic(.error, SnapshotDiagnosticCode.wrongType, "\"AccessPoints\" must be an array, found \(list.typeName)",
                                                      path: JSONPath.root.appending("AccessPoints"), at: list))
                return nil
            }
            for (index, entry) in reading.array("AccessPoints", of: reading.root, path: .root, diagnostics: &diagnostics).enumerated() {
                let path = JSONPath.root.appending("AccessPoints").appending(index)
                let name = reading.string("Name", of: entry, path: path, required: true, diagnostics: &diagnostics) ?? ""
                for (regionIndex, region) in reading.array("Regions", of: entry, path: path, diagnostics: &diagnostics).enumerated() {
                    let regionPath = path.appending("Regions").appending(regionIndex)
                    guard let bucket = reading.string("Bucket", of: region, path: regionPath, required: true, diagnostics: &diagnostics) else { continue }
                    let owner = reading.string("BucketAccountId", of: region, path: regionPath, required: false, diagnostics: &diagnostics)
                    routes.append(MultiRegionRoute(name: name, bucket: bucket, bucketAccount: owner))
                }
            }
        }
        // A list not read whole may miss a route: unknown.
        if diagnostics[before...].contains(where: { $0.severity == .error }) { return nil }
        return routes
    }
}

/// One bucket a multi-Region access point routes to.
public struct MultiRegionRoute: Sendable, Hashable {
    /// The multi-Region access point's name.
    public var name: String
    public var bucket: String
    /// `BucketAccountId`; nil when the output does not say (then it may be any account's bucket of that name).
    public var bucketAccount: String?

    public init(name: String, bucket: String, bucketAccount: String?) {
        self.name = name
        self.bucket = bucket
        self.bucketAccount = bucketAccount
    }
}
