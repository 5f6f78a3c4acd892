import Policy

/// Reads `accounts/<id>/s3/access-points/<region>/`: `list-access-points.json` (`aws s3control
/// list-access-points --account-id ID --region R`: `{"AccessPointList": [{"Name", "NetworkOrigin",
/// "Bucket", "AccessPointArn", "BucketAccountId", …}]}`) and one
/// `<name>.get-access-point-policy.json` (`aws s3control get-access-point-policy --account-id ID
/// --name NAME --region R`: `{"Policy": "<JSON string>"}`) per access point with a policy (S3
/// Control API Reference, ListAccessPoints and GetAccessPointPolicy:
/// https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_ListAccessPoints.html,
/// https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_GetAccessPointPolicy.html).
///
/// What cannot be read is unknown, never "none": a region whose list cannot be read or a policy
/// file that cannot be read is named in `unknown`, and the buckets it may concern are never
/// judged NO_EXTERNAL_ACCESS (the scan, `Scanner`).
struct AccessPointReader {
    let account: String
    let folder: SnapshotFolder
    /// `…/s3/access-points`.
    let relative: String

    /// The access points read, what could not be read (each naming its file), and the regions whose list was read whole.
    func read(diagnostics: inout [SnapshotDiagnostic]) -> (accessPoints: [SnapshotAccessPoint], unknown: [String], regionsListed: [String]) {
        var accessPoints: [SnapshotAccessPoint] = []
        var unknown: [String] = []
        var regionsListed: [String] = []
        guard let regions = folder.entries(relative, diagnostics: &diagnostics) else {
            return ([], ["the access points of account \(account) (\(relative) could not be listed)"], [])
        }
        for region in regions {
            let regionRelative = relative + "/" + region
            guard let names = folder.entries(regionRelative, diagnostics: &diagnostics) else {
                unknown.append("the access points of account \(account) in \(region) (\(regionRelative) could not be listed)")
                continue
            }
            let listFile = regionRelative + "/list-access-points.json"
            guard names.contains("list-access-points.json") else {
                if !names.isEmpty { unknown.append("the access points of account \(account) in \(region) (no \(listFile))") }
                continue
            }
            guard let listed = list(listFile, region: region, diagnostics: &diagnostics) else {
                unknown.append("the access points of account \(account) in \(region) (\(listFile) could not be read)")
                continue
            }
            regionsListed.append(region)
            // Access point name → its policy file (`NAME.get-access-point-policy.json`).
            var policyFiles: [String: String] = [:]
            for fileName in names where fileName != "list-access-points.json" {
                if let (name, _) = SnapshotFolder.split(fileName, commands: ["get-access-point-policy"]), policyFiles[name] == nil,
                   listed.contains(where: { $0.name == name }) {
                    policyFiles[name] = fileName
                } else {
                    diagnostics.append(SnapshotDiagnostic(.warning, SnapshotDiagnosticCode.unknownFile,
                                                          "not the policy of an access point \(listFile) lists; skipped",
                                                          file: regionRelative + "/" + fileName))
                }
            }
            for var accessPoint in listed {
                if let fileName = policyFiles[accessPoint.name] {
                    readPolicy(regionRelative + "/" + fileName, into: &accessPoint, diagnostics: &diagnostics)
                    if let reason = accessPoint.policyUnreadable { unknown.append(reason) }
                }
                accessPoints.append(accessPoint)
            }
        }
        return (accessPoints, unknown, regionsListed)
    }

    /// The entries of a `list-access-points` output; nil when it cannot be read as one.
    private func list(_ file: String, region: String, diagnostics: inout [SnapshotDiagnostic]) -> [SnapshotAccessPoint]? {
        guard let output = CLIOutputFile.open(file, in: folder, diagnostics: &diagnostics) else { return nil }
        let before = diagnostics.count
        var result: [SnapshotAccessPoint] = []
        let entries = output.array("AccessPointList", of: output.root, path: .root, diagnostics: &diagnostics)
        for (index, entry) in entries.enumerated() {
            let path = JSONPath.root.appending("AccessPointList").appending(index)
            guard let name = output.string("Name", of: entry, path: path, required: true, diagnostics: &diagnostics),
                  let bucket = output.string("Bucket", of: entry, path: path, required: true, diagnostics: &diagnostics) else { continue }
            let arn = output.string("AccessPointArn", of: entry, path: path, required: false, diagnostics: &diagnostics)
                ?? "arn:aws:s3:\(region):\(account):accesspoint/\(name)"
            let origin = output.string("NetworkOrigin", of: entry, path: path, required: false, diagnostics: &diagnostics)
            let bucketAccount = output.string("BucketAccountId", of: entry, path: path, required: false, diagnostics: &diagnostics)
            result.append(SnapshotAccessPoint(name: name, arn: arn, account: account, region: region, bucket: bucket,
                                              bucketAccount: bucketAccount,
                                              networkOrigin: ["Internet", "VPC"].contains(origin ?? "") ? origin : nil, files: [file]))
        }
        // A list not read whole may miss access points: unknown.
        if diagnostics[before...].contains(where: { $0.severity == .error }) { return nil }
        return result
    }

    private func readPolicy(_ file: String, into accessPoint: inout SnapshotAccessPoint, diagnostics: inout [SnapshotDiagnostic]) {
        accessPoint.files.append(file)
        let unreadable = "the policy of access point \(accessPoint.arn) (\(file) could not be read)"
        guard let output = CLIOutputFile.open(file, in: folder, diagnostics: &diagnostics),
              let readings = output.readings(resource: accessPoint.arn, diagnostics: &diagnostics), readings.count == 1,
              let reading = readings.first else {
            accessPoint.policyUnreadable = unreadable
            return
        }
        let before = diagnostics.count
        guard let document = output.member("Policy", of: reading.root, path: .root, diagnostics: &diagnostics) else {
            diagnostics.append(output.diagnostic(.error, SnapshotDiagnosticCode.missingField,
                                                 "missing $.Policy (the get-access-point-policy output holds the policy there)",
                                                 path: .root, at: output.root, resource: accessPoint.arn))
            accessPoint.policyUnreadable = unreadable
            return
        }
        let embedded = EmbeddedPolicyReader.read(document, in: reading, path: JSONPath.root.appending("Policy"), type: .resource,
                                                 resource: accessPoint.arn, diagnostics: &diagnostics)
        if embedded.hasErrors || embedded.policy == nil || diagnostics[before...].contains(where: { $0.severity == .error }) {
            accessPoint.policyUnreadable = unreadable
            return
        }
        accessPoint.policy = embedded.policy
    }
}
