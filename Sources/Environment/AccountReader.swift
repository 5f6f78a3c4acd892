import Policy

/// Reads one `accounts/<id>/` folder. Resources are keyed by type and ARN, so two files that
/// describe the same resource (`sit%65.get-bucket-policy.json` beside
/// `site.get-bucket-policy.json`, two queue files with one `QueueArn`) meet in one resource,
/// judged on both, with an AMBIGUOUS_RESOURCE warning.
struct AccountReader {
    let id: String
    let folder: SnapshotFolder
    let relative: String
    /// Which resources' own files are read (`ResourceSelection`).
    let selection: ResourceSelection
    /// What could not be read in this account.
    private(set) var scopes: [UnreadableScope] = []
    private var resources: [String: SnapshotResource] = [:]
    private var order: [String] = []
    /// (resource key, command) → the first file that gave it.
    private var firstFile: [String: String] = [:]
    /// Bucket ACLs not fully read, by resource key: unknown parts of the bucket unless its Object
    /// Ownership disables ACLs (then what the ACL says grants nothing, read or not).
    private var unreadACLs: [String: [String]] = [:]

    init(id: String, folder: SnapshotFolder, relative: String, selection: ResourceSelection = .all) {
        self.id = id
        self.folder = folder
        self.relative = relative
        self.selection = selection
    }

    mutating func read(diagnostics: inout [SnapshotDiagnostic]) -> AccountSnapshot {
        var account = AccountSnapshot(id: id)
        guard let services = folder.entries(relative, diagnostics: &diagnostics) else {
            scopes.append(UnreadableScope(account: id, file: relative, reason: "the account folder could not be listed"))
            return account
        }
        if !services.contains("iam") {
            scopes.append(UnreadableScope(account: id, resourceTypes: ["AWS::IAM::Role"], file: relative + "/iam/get-account-authorization-details.json",
                                          reason: "the account has no get-account-authorization-details output, so its roles are unknown"))
        }
        for service in services {
            let serviceRelative = relative + "/" + service
            switch service {
            case "iam": readIAM(serviceRelative, into: &account, diagnostics: &diagnostics)
            case "s3control": readAccountPublicAccessBlock(serviceRelative, into: &account, diagnostics: &diagnostics)
            case "s3":
                if readBuckets(serviceRelative, diagnostics: &diagnostics)?.contains("access-points") == true {
                    let read = AccessPointReader(account: id, folder: folder, relative: serviceRelative + "/access-points")
                        .read(diagnostics: &diagnostics)
                    account.accessPoints = read.accessPoints
                    account.accessPointsUnknown = read.unknown
                    account.accessPointRegionsListed = read.regionsListed
                }
            case let regional where ResourcePolicyCommand.services.contains(regional):
                readRegional(service: regional, serviceRelative, diagnostics: &diagnostics)
            case let sharing where SharingAttributeCommand.services.contains(sharing):
                readSharing(service: sharing, serviceRelative, diagnostics: &diagnostics)
            default:
                unknown(serviceRelative, &diagnostics)
            }
        }
        for (key, parts) in unreadACLs where resources[key]?.objectOwnership?.disablesACLs != true {
            resources[key]?.unknownParts += parts
        }
        // Diagnostics found before a resource's ARN was known (an unreadable file) name it now.
        for resource in resources.values where resource.type != "AWS::IAM::Role" {
            for index in diagnostics.indices where diagnostics[index].resource == nil && resource.files.contains(diagnostics[index].file) {
                diagnostics[index].resource = resource.arn
            }
        }
        account.resources = order.compactMap { resources[$0] }.map { resource in
            var resource = resource
            // Every KMS key has a key policy (AWS KMS Developer Guide, "Key policies"): a key known
            // only from its grants has an unknown key policy, never "none".
            if resource.type == "AWS::KMS::Key", !resource.files.contains(where: { $0.hasSuffix(".get-key-policy.json") }) {
                resource.unknownParts.append("the key has no get-key-policy output, so its key policy is unknown")
            }
            resource.files = Array(Set(resource.files)).sorted()
            return resource
        }.sorted { ($0.type, $0.arn) < ($1.type, $1.arn) }
        return account
    }

    // MARK: - Services

    private mutating func readIAM(_ serviceRelative: String, into snapshot: inout AccountSnapshot, diagnostics: inout [SnapshotDiagnostic]) {
        let account = id
        let roleScope = { (file: String, reason: String) in
            UnreadableScope(account: account, resourceTypes: ["AWS::IAM::Role"], file: file, reason: reason)
        }
        guard let names = folder.entries(serviceRelative, diagnostics: &diagnostics) else {
            scopes.append(roleScope(serviceRelative, "the iam folder could not be listed"))
            return
        }
        let detailsName = "get-account-authorization-details.json"
        if !names.contains(detailsName) {
            scopes.append(roleScope(serviceRelative + "/" + detailsName,
                                    "the account has no get-account-authorization-details output, so its roles are unknown"))
        }
        for name in names {
            let file = serviceRelative + "/" + name
            guard name == detailsName else { unknown(file, &diagnostics); continue }
            guard let output = CLIOutputFile.open(file, in: folder, limits: .authorizationDetails, diagnostics: &diagnostics),
                  let readings = output.readings(diagnostics: &diagnostics) else {
                scopes.append(roleScope(file, "\(file) could not be read, so the account's roles are unknown"))
                continue
            }
            for (index, reading) in readings.enumerated() {
                let (details, roles, rolesUnknown) = IAMDetailsReader.read(reading, account: id, diagnostics: &diagnostics)
                if index == 0 { snapshot.iam = details }
                if let rolesUnknown { scopes.append(roleScope(file, rolesUnknown)) }
                for role in roles {
                    let key = resourceKey(type: role.type, arn: role.arn)
                    if resources[key] == nil {
                        order.append(key)
                        resources[key] = role
                    } else {
                        resources[key]?.mergePolicy(of: role)
                    }
                }
            }
        }
    }

    private mutating func readAccountPublicAccessBlock(_ serviceRelative: String, into account: inout AccountSnapshot,
                                                       diagnostics: inout [SnapshotDiagnostic]) {
        // Unreadable account-level settings stay absent: nothing blocked, the conservative reading.
        // The multi-Region access points' policies the folder holds are unknown.
        guard let names = folder.entries(serviceRelative, diagnostics: &diagnostics) else {
            scopes.append(UnreadableScope(account: id, resourceTypes: ["AWS::S3::MultiRegionAccessPoint"], file: serviceRelative,
                                          reason: "the s3control folder could not be listed, so the account's multi-Region access point policies are unknown"))
            return
        }
        for name in names {
            let file = serviceRelative + "/" + name
            if name == MultiRegionAccessPointReader.fileName {
                account.multiRegionAccessPointRoutes = MultiRegionAccessPointReader.read(file, in: folder, diagnostics: &diagnostics)
                continue
            }
            if let (alias, commandName) = SnapshotFolder.split(name, commands: ResourcePolicyCommand.commands(of: "s3control")),
               let command = ResourcePolicyCommand.find(service: "s3control", command: commandName) {
                readPolicyFile(file, name: alias, region: nil, command: command, diagnostics: &diagnostics)
                continue
            }
            guard name == "get-public-access-block.json" else { unknown(file, &diagnostics); continue }
            guard let output = CLIOutputFile.open(file, in: folder, diagnostics: &diagnostics),
                  let readings = output.readings(diagnostics: &diagnostics) else { continue }
            let settings = readings.map { S3SettingsFileReader.publicAccessBlock($0, diagnostics: &diagnostics) }
            account.publicAccessBlock = Self.leastBlocking(settings)
        }
    }

    /// Reads the buckets' files; returns the folder's entries (nil when it cannot be listed).
    private mutating func readBuckets(_ serviceRelative: String, diagnostics: inout [SnapshotDiagnostic]) -> [String]? {
        guard let names = folder.entries(serviceRelative, diagnostics: &diagnostics) else {
            scopes.append(UnreadableScope(account: id, resourceTypes: ["AWS::S3::Bucket"], file: serviceRelative,
                                          reason: "the s3 folder could not be listed, so the account's buckets are unknown"))
            return nil
        }
        for fileName in names where fileName != "access-points" {
            let file = serviceRelative + "/" + fileName
            guard let (bucket, command) = SnapshotFolder.split(fileName, commands: ResourcePolicyCommand.commands(of: "s3")) else {
                unknown(file, &diagnostics); continue
            }
            guard selection.includes(arnFromName: "arn:aws:s3:::\(bucket)") else { continue }
            let key = resource(type: "AWS::S3::Bucket", arn: "arn:aws:s3:::\(bucket)", region: nil, command: command, file: file,
                               diagnostics: &diagnostics)
            let readings = CLIOutputFile.open(file, in: folder, diagnostics: &diagnostics)
                .flatMap { $0.readings(resource: resources[key]?.arn, diagnostics: &diagnostics) }
            switch command {
            case "get-public-access-block":
                // Settings that cannot be read block nothing: the conservative reading.
                var settings = readings?.map { S3SettingsFileReader.publicAccessBlock($0, diagnostics: &diagnostics) } ?? [nil]
                if let existing = resources[key]?.publicAccessBlock { settings.append(existing) }
                resources[key]?.publicAccessBlock = Self.leastBlocking(settings) ?? PublicAccessBlockSettings()
            case "get-bucket-acl":
                readACL(readings, file: file, key: key, diagnostics: &diagnostics)
            case "get-bucket-ownership-controls":
                // Unreadable or absent: ACLs stay in force, the conservative reading. Several
                // readings (or files) disable ACLs only when every one says BucketOwnerEnforced.
                var settings = resources[key]?.objectOwnership?.settings ?? []
                var readable = readings != nil
                for reading in readings ?? [] {
                    guard let ownership = S3ObjectOwnership.read(reading, resource: resources[key]?.arn, diagnostics: &diagnostics) else {
                        readable = false
                        continue
                    }
                    settings += ownership.settings
                }
                if !readable { settings.append("unreadable") }
                resources[key]?.objectOwnership = S3ObjectOwnership(settings: settings)
            default:
                guard let command = ResourcePolicyCommand.find(service: "s3", command: command), let arn = resources[key]?.arn else { continue }
                guard let readings else {
                    resources[key]?.policyHasErrors = true
                    resources[key]?.policy = nil
                    continue
                }
                for reading in readings {
                    var read = SnapshotResource(type: "AWS::S3::Bucket", arn: arn, account: id)
                    command.read(reading, into: &read, diagnostics: &diagnostics)
                    resources[key]?.mergePolicy(of: read)
                }
            }
        }
        return names
    }

    private mutating func readACL(_ readings: [CLIOutputFile]?, file: String, key: String, diagnostics: inout [SnapshotDiagnostic]) {
        guard let readings else {
            unreadACLs[key, default: []].append("the bucket ACL (\(file)) could not be read")
            return
        }
        var grants: [BucketACL.Grant] = resources[key]?.acl?.grants ?? []
        var owners = Set<String?>()
        if let existing = resources[key]?.acl { owners.insert(existing.ownerID) }
        var complete = true
        for reading in readings {
            let before = diagnostics.count
            let acl = S3SettingsFileReader.acl(reading, diagnostics: &diagnostics)
            if acl == nil || diagnostics[before...].contains(where: { $0.severity == .error }) { complete = false }
            owners.insert(acl?.ownerID)
            for grant in acl?.grants ?? [] where !grants.contains(grant) { grants.append(grant) }
        }
        if !complete {
            unreadACLs[key, default: []].append("the bucket ACL (\(file)) could not be fully read: grants beyond those read may exist")
        }
        // Owners that disagree: none is trusted as the owner, so no grant is taken to be the owner's own.
        resources[key]?.acl = BucketACL(ownerID: owners.count == 1 ? owners.first ?? nil : nil, grants: grants)
    }

    /// The files in the region folders of a regional service's folder (`SERVICE/REGION/FILE`). A
    /// folder that cannot be listed makes its resource types unknown there (`UnreadableScope`);
    /// anything but a folder where a region belongs is an unknown file.
    private mutating func regionFiles(service: String, _ serviceRelative: String, types: [String],
                                      diagnostics: inout [SnapshotDiagnostic]) -> [(region: String, fileName: String, file: String)] {
        guard let regions = folder.entries(serviceRelative, diagnostics: &diagnostics) else {
            scopes.append(UnreadableScope(account: id, resourceTypes: types, file: serviceRelative,
                                          reason: "the \(service) folder could not be listed"))
            return []
        }
        var files: [(region: String, fileName: String, file: String)] = []
        for region in regions {
            let regionRelative = serviceRelative + "/" + region
            guard folder.isDirectory(regionRelative) else { unknown(regionRelative, &diagnostics); continue }
            guard let names = folder.entries(regionRelative, diagnostics: &diagnostics) else {
                scopes.append(UnreadableScope(account: id, resourceTypes: types, region: region, file: regionRelative,
                                              reason: "the folder \(regionRelative) could not be listed"))
                continue
            }
            files += names.map { (region, $0, regionRelative + "/" + $0) }
        }
        return files
    }

    private mutating func readRegional(service: String, _ serviceRelative: String, diagnostics: inout [SnapshotDiagnostic]) {
        let types = ResourcePolicyCommand.resourceTypes(of: service)
        for (region, fileName, file) in regionFiles(service: service, serviceRelative, types: types, diagnostics: &diagnostics) {
            guard let (name, commandName) = SnapshotFolder.split(fileName, commands: ResourcePolicyCommand.commands(of: service)) else {
                unknown(file, &diagnostics); continue
            }
            if service == "kms" && commandName == KMSGrantsReader.command {
                readGrants(file, name: name, region: region, diagnostics: &diagnostics)
                continue
            }
            guard let command = ResourcePolicyCommand.find(service: service, command: commandName), command.accepts(name: name) else {
                unknown(file, &diagnostics); continue
            }
            readPolicyFile(file, name: name, region: region, command: command, diagnostics: &diagnostics)
        }
    }

    /// One file of a policy command: the resource it describes (by the ARN the output carries, or
    /// the one built from its name), or several when readings of the file name different ARNs.
    /// A file that cannot be read leaves its resource's policy unknown.
    private mutating func readPolicyFile(_ file: String, name: String, region: String?, command: ResourcePolicyCommand,
                                         diagnostics: inout [SnapshotDiagnostic]) {
        let commandName = command.command
        let builtARN = command.arn(name, region ?? "", id)
        // Another resource's file (`ResourceSelection`): its name builds another ARN, and its
        // output carries none, or cannot spell the selected one, or cannot be read (a whole load
        // then leaves only the resource its name builds unknown). Its bytes are looked at only
        // when it is a regular file, not a link: in a folder listed inside the snapshot it is
        // then inside too; anything else is read as a whole load reads it.
        if !selection.includes(arnFromName: builtARN) {
            guard command.arnPath != nil else { return }
            if folder.isRegularFile(file) {
                guard case .success(let bytes) = PolicyFileReader.read(path: folder.path(file), limit: CLIOutputLimits.singleResource.fileBytes),
                      selection.mayName(bytes) else { return }
            }
        }
        let resourceType = command.resourceType(of: name)
        guard let output = CLIOutputFile.open(file, in: folder, diagnostics: &diagnostics),
              let readings = output.readings(resource: builtARN, diagnostics: &diagnostics) else {
            let key = resource(type: resourceType, arn: builtARN, region: region, command: commandName, file: file,
                               diagnostics: &diagnostics)
            resources[key]?.policyHasErrors = true
            resources[key]?.policy = nil
            return
        }
        // Readings that name different ARNs describe different resources; each is judged.
        var byKey: [String: SnapshotResource] = [:]
        var keys: [String] = []
        for reading in readings {
            let arn = command.arn(in: reading) ?? builtARN
            var read = SnapshotResource(type: resourceType, arn: arn, account: id, region: region)
            command.read(reading, into: &read, diagnostics: &diagnostics)
            let key = resourceKey(type: resourceType, arn: arn)
            if byKey[key] == nil {
                keys.append(key)
                byKey[key] = read
            } else {
                byKey[key]?.mergePolicy(of: read)
            }
        }
        for key in keys {
            guard let read = byKey[key] else { continue }
            _ = resource(type: read.type, arn: read.arn, region: region, command: commandName, file: file, diagnostics: &diagnostics)
            resources[key]?.mergePolicy(of: read)
        }
    }

    /// A key's grants (`kms/REGION/KEY.list-grants.json`), on the key the key policy's file names
    /// (`arn:aws:kms:REGION:ACCOUNT:key/KEY`). A listing that cannot be fully read keeps the grants
    /// read and leaves the key never NO_EXTERNAL_ACCESS: other grants may exist.
    private mutating func readGrants(_ file: String, name: String, region: String, diagnostics: inout [SnapshotDiagnostic]) {
        guard let command = ResourcePolicyCommand.find(service: "kms", command: "get-key-policy") else { return }
        let arn = command.arn(name, region, id)
        guard selection.includes(arnFromName: arn) else { return }
        let key = resource(type: command.resourceType, arn: arn, region: region, command: KMSGrantsReader.command, file: file,
                           diagnostics: &diagnostics)
        let readings = CLIOutputFile.open(file, in: folder, diagnostics: &diagnostics)
            .flatMap { $0.readings(resource: arn, diagnostics: &diagnostics) }
        var complete = readings != nil
        for reading in readings ?? [] {
            let listing = KMSGrantsReader.read(reading, resource: arn, diagnostics: &diagnostics)
            if !listing.complete { complete = false }
            for grant in listing.grants where resources[key]?.grants.contains(grant) == false { resources[key]?.grants.append(grant) }
        }
        if !complete {
            resources[key]?.unknownParts.append("the key's grants (\(file)) could not be fully read: grants beyond those read may exist")
        }
    }

    /// Snapshot sharing lists. A list that cannot be read leaves who may restore the snapshot
    /// unknown: the shares read are kept and the snapshot is never NO_EXTERNAL_ACCESS.
    private mutating func readSharing(service: String, _ serviceRelative: String, diagnostics: inout [SnapshotDiagnostic]) {
        let types = SharingAttributeCommand.resourceTypes(of: service)
        for (region, fileName, file) in regionFiles(service: service, serviceRelative, types: types, diagnostics: &diagnostics) {
            guard let (name, commandName) = SnapshotFolder.split(fileName, commands: SharingAttributeCommand.commands(of: service)),
                  let command = SharingAttributeCommand.find(service: service, command: commandName) else {
                unknown(file, &diagnostics); continue
            }
            let arn = command.arn(name, region, id)
            guard selection.includes(arnFromName: arn) else { continue }
            let key = resource(type: command.resourceType, arn: arn, region: region, command: commandName, file: file, diagnostics: &diagnostics)
            let readings = CLIOutputFile.open(file, in: folder, diagnostics: &diagnostics)
                .flatMap { $0.readings(resource: arn, diagnostics: &diagnostics) }
            var complete = readings != nil
            for reading in readings ?? [] {
                guard let shared = command.sharedWith(reading, resource: arn, diagnostics: &diagnostics) else { complete = false; continue }
                for entry in shared where resources[key]?.sharedWith.contains(entry) == false { resources[key]?.sharedWith.append(entry) }
            }
            if !complete {
                resources[key]?.unknownParts.append("the sharing list (\(file)) could not be fully read: the snapshot may be shared beyond what was read")
            }
        }
    }

    // MARK: - Resources

    private func resourceKey(type: String, arn: String) -> String { type + "|" + arn }

    /// The key of the resource of this type and ARN, made when new; records `file` on it, and
    /// AMBIGUOUS_RESOURCE when another file already gave it the same command's output.
    private mutating func resource(type: String, arn: String, region: String?, command: String, file: String,
                                   diagnostics: inout [SnapshotDiagnostic]) -> String {
        let key = resourceKey(type: type, arn: arn)
        if resources[key] == nil {
            order.append(key)
            resources[key] = SnapshotResource(type: type, arn: arn, account: id, region: region)
        }
        resources[key]?.files.append(file)
        let commandKey = key + "|" + command
        if let first = firstFile[commandKey], first != file {
            diagnostics.append(SnapshotDiagnostic(.warning, SnapshotDiagnosticCode.ambiguousResource,
                                                  "\(first) and this file both hold the \(command) output of \(arn): the resource is judged on both",
                                                  file: file, resource: arn))
        } else if firstFile[commandKey] == nil {
            firstFile[commandKey] = file
        }
        return key
    }

    /// Settings that several readings give: a flag is on only when every reading has it on.
    /// Nil when none could be read.
    static func leastBlocking(_ settings: [PublicAccessBlockSettings?]) -> PublicAccessBlockSettings? {
        guard !settings.isEmpty else { return nil }
        if settings.contains(where: { $0 == nil }) { return nil }
        let read = settings.compactMap { $0 }
        return PublicAccessBlockSettings(blockPublicAcls: read.allSatisfy(\.blockPublicAcls),
                                         ignorePublicAcls: read.allSatisfy(\.ignorePublicAcls),
                                         blockPublicPolicy: read.allSatisfy(\.blockPublicPolicy),
                                         restrictPublicBuckets: read.allSatisfy(\.restrictPublicBuckets))
    }

    private func unknown(_ file: String, _ diagnostics: inout [SnapshotDiagnostic]) {
        diagnostics.append(SnapshotDiagnostic(.warning, SnapshotDiagnosticCode.unknownFile,
                                              "not a file Rampart reads (see docs/SNAPSHOT.md); skipped", file: file))
    }
}
