import Foundation

/// A one-account snapshot folder written for a test: the account's (empty) IAM details, which
/// every snapshot account has, and the given files under `accounts/ACCOUNT/` (docs/SNAPSHOT.md).
///
/// ```swift
/// let folder = try SnapshotFolderFixture.write(account: "111122223333", files: ["s3/b.get-bucket-policy.json": text])
/// let snapshot = try SnapshotLoader.load(folder: folder.path)
/// ```
public enum SnapshotFolderFixture {
    public static func write(account: String, files: [String: String]) throws -> URL {
        let folder = try ProgramRunner.temporaryDirectory()
        let iam = folder.appendingPathComponent("accounts/\(account)/iam")
        try FileManager.default.createDirectory(at: iam, withIntermediateDirectories: true)
        try Data(#"{"RoleDetailList": []}"#.utf8).write(to: iam.appendingPathComponent("get-account-authorization-details.json"))
        for (path, text) in files {
            let url = folder.appendingPathComponent("accounts/\(account)/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return folder
    }
}
