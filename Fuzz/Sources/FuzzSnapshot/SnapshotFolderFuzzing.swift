import Environment
import Foundation

/// Feeds one fuzz input to `SnapshotLoader.load(folder:)` as one file of a snapshot folder
/// (docs/SNAPSHOT.md). The input's first byte picks the file (`slots[byte % count]`), the rest
/// is its content; the folder around it is a fixed, valid skeleton (an organization and one
/// account), so each reader — organization, IAM details, S3 settings, every resource-policy
/// command and the policies embedded in them — is reached through the public loader.
enum SnapshotFolderFuzzing {
    static let account = "111122223333"

    /// Every file the loader reads, by the path it is read from. `scripts/fuzz-seeds.py` keeps
    /// the same list (seeds are prefixed with their slot's index).
    static let slots: [String] = [
        "model.json",
        "organization/describe-organization.json",
        "organization/list-accounts.json",
        "organization/list-roots.json",
        "organization/parents/r-a1b2.list-organizational-units-for-parent.json",
        "organization/parents/r-a1b2.list-accounts-for-parent.json",
        "organization/policies/p-fuzz.describe-policy.json",
        "organization/policies/p-fuzz.list-targets-for-policy.json",
        "accounts/\(account)/iam/get-account-authorization-details.json",
        "accounts/\(account)/s3control/get-public-access-block.json",
        "accounts/\(account)/s3/bucket.get-bucket-policy.json",
        "accounts/\(account)/s3/bucket.get-public-access-block.json",
        "accounts/\(account)/s3/bucket.get-bucket-acl.json",
        "accounts/\(account)/kms/us-east-1/key.get-key-policy.json",
        "accounts/\(account)/sqs/us-east-1/queue.get-queue-attributes.json",
        "accounts/\(account)/sns/us-east-1/topic.get-topic-attributes.json",
        "accounts/\(account)/lambda/us-east-1/function.get-policy.json",
        "accounts/\(account)/secretsmanager/us-east-1/secret.get-resource-policy.json",
        "accounts/\(account)/ecr/us-east-1/repository.get-repository-policy.json",
        "accounts/\(account)/s3/bucket.get-bucket-ownership-controls.json",
        "accounts/\(account)/kms/us-east-1/key.list-grants.json",
    ]

    /// The skeleton's organization, restored after an input replaced it.
    static let describeOrganization = Data("""
        {"Organization": {"Id": "o-a1b2c3d4e5", "Arn": "arn:aws:organizations::\(account):organization/o-a1b2c3d4e5",
         "MasterAccountId": "\(account)", "MasterAccountArn": "arn:aws:organizations::\(account):account/o-a1b2c3d4e5/\(account)",
         "FeatureSet": "ALL"}}
        """.utf8)

    /// A fresh folder for this process (removed on a normal exit; a crash leaves it for inspection).
    nonisolated(unsafe) static let root: String = {
        let path = NSTemporaryDirectory() + "rampart-fuzz-snapshot-\(ProcessInfo.processInfo.processIdentifier)"
        let manager = FileManager.default
        try? manager.removeItem(atPath: path)
        for slot in slots {
            let folder = (path + "/" + slot as NSString).deletingLastPathComponent
            try? manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        manager.createFile(atPath: path + "/" + slots[1], contents: describeOrganization)
        atexit { try? FileManager.default.removeItem(atPath: SnapshotFolderFuzzing.root) }
        return path
    }()

    static func run(_ bytes: [UInt8]) {
        guard let selector = bytes.first else { return }
        let index = Int(selector) % slots.count
        let path = root + "/" + slots[index]
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes.dropFirst())) else { return }
        defer {
            if index == 1 {
                FileManager.default.createFile(atPath: path, contents: describeOrganization)
            } else {
                try? FileManager.default.removeItem(atPath: path)
            }
        }
        if let snapshot = try? SnapshotLoader.load(folder: root) {
            // Touch what a scan reads, so lazily computed parts are exercised too.
            _ = snapshot.diagnostics.count
            _ = snapshot.accounts.flatMap(\.resources).count
        }
    }
}
