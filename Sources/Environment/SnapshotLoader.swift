import Foundation
import Policy

/// Reads a snapshot folder (docs/SNAPSHOT.md) into a `Snapshot`. Never fails on a bad document:
/// every problem becomes a `SnapshotDiagnostic` and the rest is read.
///
/// ```swift
/// let snapshot = SnapshotLoader.load(folder: "Models/organization")
/// snapshot.organization?.accountIDs   // the member accounts
/// ```
public enum SnapshotLoader {
    public struct FolderError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Throws only when `folder` is not a snapshot folder at all (missing, or without `accounts/`).
    public static func load(folder: String) throws -> Snapshot {
        guard SnapshotFolder.isDirectory(folder) else { throw FolderError(description: "\(folder): not a folder") }
        let root = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        guard SnapshotFolder.isDirectory(root + "/accounts") else {
            throw FolderError(description: "\(folder): not a snapshot (no accounts/ folder; see docs/SNAPSHOT.md)")
        }
        var diagnostics: [SnapshotDiagnostic] = []
        var snapshot = Snapshot(name: URL(fileURLWithPath: root).lastPathComponent)
        readManifest(root, into: &snapshot, diagnostics: &diagnostics)
        if SnapshotFolder.isDirectory(root + "/organization") {
            snapshot.organization = OrganizationReader.read(folder: root + "/organization", relative: "organization", diagnostics: &diagnostics)
        }
        for name in SnapshotFolder.entries(root + "/accounts") {
            let relative = "accounts/\(name)"
            guard SnapshotFolder.isAccountID(name), SnapshotFolder.isDirectory(root + "/" + relative) else {
                diagnostics.append(SnapshotDiagnostic(.warning, SnapshotDiagnosticCode.unknownAccountFolder,
                                                      "account folders are named by twelve-digit account id; skipped", file: relative))
                continue
            }
            if let organization = snapshot.organization, !organization.accountIDs.contains(name) {
                diagnostics.append(SnapshotDiagnostic(.warning, SnapshotDiagnosticCode.accountNotInOrganization,
                                                      "account \(name) is not in the organization's list-accounts output", file: relative))
            }
            snapshot.accounts.append(readAccount(name, folder: root + "/" + relative, relative: relative, diagnostics: &diagnostics))
        }
        snapshot.diagnostics = diagnostics.sorted { ($0.file, $0.line ?? 0, $0.column ?? 0) < ($1.file, $1.line ?? 0, $1.column ?? 0) }
        return snapshot
    }

    /// `model.json`: `{"name": "…", "description": "…"}`; optional.
    private static func readManifest(_ root: String, into snapshot: inout Snapshot, diagnostics: inout [SnapshotDiagnostic]) {
        let path = root + "/model.json"
        guard FileManager.default.fileExists(atPath: path),
              let manifest = CLIOutputFile.open(path: path, relative: "model.json", diagnostics: &diagnostics) else { return }
        if let name = manifest.string("name", of: manifest.root, path: .root, required: false, diagnostics: &diagnostics) { snapshot.name = name }
        snapshot.description = manifest.string("description", of: manifest.root, path: .root, required: false, diagnostics: &diagnostics)
    }

    private static func readAccount(_ id: String, folder: String, relative: String, diagnostics: inout [SnapshotDiagnostic]) -> AccountSnapshot {
        var account = AccountSnapshot(id: id)
        var resources: [String: SnapshotResource] = [:]   // keyed by service/region/name

        for service in SnapshotFolder.entries(folder) {
            let serviceFolder = folder + "/" + service
            let serviceRelative = relative + "/" + service
            switch service {
            case "iam":
                for name in SnapshotFolder.entries(serviceFolder) {
                    let file = serviceRelative + "/" + name
                    guard name == "get-account-authorization-details.json" else { unknown(file, &diagnostics); continue }
                    guard let output = CLIOutputFile.open(path: serviceFolder + "/" + name, relative: file, diagnostics: &diagnostics) else { continue }
                    let (details, roles) = IAMDetailsReader.read(output, account: id, diagnostics: &diagnostics)
                    account.iam = details
                    for role in roles { resources["iam//\(role.arn)"] = role }
                }
            case "s3control":
                for name in SnapshotFolder.entries(serviceFolder) {
                    let file = serviceRelative + "/" + name
                    guard name == "get-public-access-block.json" else { unknown(file, &diagnostics); continue }
                    guard let output = CLIOutputFile.open(path: serviceFolder + "/" + name, relative: file, diagnostics: &diagnostics) else { continue }
                    account.publicAccessBlock = S3SettingsFileReader.publicAccessBlock(output, diagnostics: &diagnostics)
                }
            case "s3":
                for fileName in SnapshotFolder.entries(serviceFolder) {
                    let file = serviceRelative + "/" + fileName
                    guard let (bucket, command) = SnapshotFolder.split(fileName, commands: ResourcePolicyCommand.commands(of: "s3")) else {
                        unknown(file, &diagnostics); continue
                    }
                    let key = "s3//\(bucket)"
                    var resource = resources[key] ?? SnapshotResource(type: "AWS::S3::Bucket", arn: "arn:aws:s3:::\(bucket)", account: id)
                    resource.files.append(file)
                    if let output = CLIOutputFile.open(path: serviceFolder + "/" + fileName, relative: file, diagnostics: &diagnostics) {
                        switch command {
                        case "get-public-access-block":
                            resource.publicAccessBlock = S3SettingsFileReader.publicAccessBlock(output, diagnostics: &diagnostics)
                        case "get-bucket-acl":
                            resource.acl = S3SettingsFileReader.acl(output, diagnostics: &diagnostics)
                        default:
                            ResourcePolicyCommand.find(service: "s3", command: command)?.read(output, into: &resource, diagnostics: &diagnostics)
                        }
                    } else if command == "get-bucket-policy" {
                        resource.policyHasErrors = true
                    }
                    resources[key] = resource
                }
            case let regional where ResourcePolicyCommand.services.contains(regional):
                for region in SnapshotFolder.entries(serviceFolder) {
                    let regionFolder = serviceFolder + "/" + region
                    guard SnapshotFolder.isDirectory(regionFolder) else { unknown(serviceRelative + "/" + region, &diagnostics); continue }
                    for fileName in SnapshotFolder.entries(regionFolder) {
                        let file = serviceRelative + "/" + region + "/" + fileName
                        guard let (name, commandName) = SnapshotFolder.split(fileName, commands: ResourcePolicyCommand.commands(of: service)),
                              let command = ResourcePolicyCommand.find(service: service, command: commandName) else {
                            unknown(file, &diagnostics); continue
                        }
                        let key = "\(service)/\(region)/\(name)"
                        var resource = resources[key]
                            ?? SnapshotResource(type: command.resourceType, arn: command.arn(name, region, id), account: id, region: region)
                        resource.files.append(file)
                        if let output = CLIOutputFile.open(path: regionFolder + "/" + fileName, relative: file, diagnostics: &diagnostics) {
                            command.read(output, into: &resource, diagnostics: &diagnostics)
                        } else {
                            resource.policyHasErrors = true
                        }
                        resources[key] = resource
                    }
                }
            default:
                unknown(serviceRelative, &diagnostics)
            }
        }
        // Diagnostics found before a resource's ARN was known (an unreadable file) name it now.
        for resource in resources.values {
            for index in diagnostics.indices where diagnostics[index].resource == nil && resource.files.contains(diagnostics[index].file)
                && resource.type != "AWS::IAM::Role" {
                diagnostics[index].resource = resource.arn
            }
        }
        account.resources = resources.values.map { resource in
            var resource = resource
            resource.files.sort()
            return resource
        }.sorted { ($0.type, $0.arn) < ($1.type, $1.arn) }
        return account
    }

    private static func unknown(_ file: String, _ diagnostics: inout [SnapshotDiagnostic]) {
        diagnostics.append(SnapshotDiagnostic(.warning, SnapshotDiagnosticCode.unknownFile,
                                              "not a file Rampart reads (see docs/SNAPSHOT.md); skipped", file: file))
    }
}
