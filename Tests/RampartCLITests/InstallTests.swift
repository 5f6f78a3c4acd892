import Foundation
import RampartTestSupport
import XCTest

/// scripts/install.sh and scripts/package.sh (README.md, "Install"), run as a user would, from
/// one release build: the installed binary and the unpacked tarball each check a policy from
/// another working folder, reading the resources installed beside them.
///
/// The release build has its own scratch folder, `.build/install-test` (the running `swift test`
/// holds `.build`'s lock), reused from run to run: the first run builds everything (minutes),
/// later ones only what changed. `RAMPART_SKIP_INSTALL_TESTS=1` skips them.
final class InstallTests: XCTestCase {
    private let root = ProgramRunner.packageRoot
    private var scratch: String { root.appendingPathComponent(".build/install-test").path }

    private func startupPolicy(in folder: URL) throws -> String {
        let name = "assets-bucket.json"
        try FileManager.default.copyItem(at: root.appendingPathComponent("Models/startup/policies/\(name)"), to: folder.appendingPathComponent(name))
        return name
    }

    /// `rampart check --format json` on the startup model's public assets bucket, run in `folder`
    /// with a relative policy path; the finding's severity.
    private func checkSeverity(_ rampart: String, in folder: URL, file: StaticString = #filePath, line: UInt = #line) throws -> String? {
        let result = try ProgramRunner.run(rampart, ["check", "--policy", "assets-bucket.json", "--resource-arn", "arn:aws:s3:::acme-startup-assets",
                                                     "--zone-account", "111122223333", "--format", "json", "--timeout-ms", "120000"],
                                           currentDirectory: folder)
        // Models/startup/EXPECTED.md: the assets bucket is public (exit 1, external access).
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr, file: file, line: line)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return ((object?["findings"] as? [[String: Any]])?.first)?["severity"] as? String
    }

    func testInstallThenPackageFromOneReleaseBuild() throws {
        if ProcessInfo.processInfo.environment["RAMPART_SKIP_INSTALL_TESTS"] == "1" { throw XCTSkip("RAMPART_SKIP_INSTALL_TESTS=1") }
        let temporary = try ProgramRunner.temporaryDirectory(prefix: "rampart-install")
        defer { try? FileManager.default.removeItem(at: temporary) }

        // install.sh into a prefix.
        let prefix = temporary.appendingPathComponent("prefix")
        let install = try ProgramRunner.run("/bin/bash", [root.appendingPathComponent("scripts/install.sh").path, "--prefix", prefix.path,
                                                          "--scratch-path", scratch])
        XCTAssertEqual(install.status, 0, install.stdout + install.stderr)
        let installed = prefix.appendingPathComponent("bin/rampart").path
        let catalog = prefix.appendingPathComponent("lib/rampart/Rampart_Analysis.resources/actions.txt")
        for path in ["lib/rampart/rampart", "share/doc/rampart/README.md", "share/doc/rampart/docs/REPORTS.md",
                     "share/doc/rampart/licenses/THIRD-PARTY-NOTICES.md", "share/doc/rampart/licenses/swift-argument-parser-LICENSE.txt"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: prefix.appendingPathComponent(path).path), path)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: catalog.path))
        let version = try ProgramRunner.run(installed, ["--version"])
        XCTAssertTrue(version.stdout.hasPrefix("rampart "), version.stdout + version.stderr)

        // From another working folder, with a relative policy path: s3:GetObject is Read, so the
        // public bucket is HIGH (docs/REPORTS.md, "Severity and remediation").
        let work = temporary.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        _ = try startupPolicy(in: work)
        XCTAssertEqual(try checkSeverity(installed, in: work), "HIGH")
        // The binary reads the catalog installed beside it, not the build folder's: with
        // s3:GetObject's level changed to Write in the installed copy, the same finding is CRITICAL.
        let text = try String(contentsOf: catalog, encoding: .utf8)
        let edited = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            line.hasPrefix("s3:GetObject\t") && line.hasSuffix("\tRead") ? line.dropLast("Read".count) + "Write" : String(line)
        }.joined(separator: "\n")
        XCTAssertNotEqual(edited, text, "the catalog's s3:GetObject line")
        try Data(edited.utf8).write(to: catalog)
        XCTAssertEqual(try checkSeverity(installed, in: work), "CRITICAL")

        // package.sh from the same release build: a tarball that unpacks anywhere and runs.
        let dist = temporary.appendingPathComponent("dist")
        let package = try ProgramRunner.run("/bin/bash", [root.appendingPathComponent("scripts/package.sh").path, "--out", dist.path,
                                                          "--scratch-path", scratch])
        XCTAssertEqual(package.status, 0, package.stdout + package.stderr)
        let tarball = try XCTUnwrap(package.stdout.split(separator: "\n").last.map(String.init))
        XCTAssertTrue(tarball.hasPrefix(dist.path) && tarball.hasSuffix(".tar.gz"), tarball)
        let unpacked = temporary.appendingPathComponent("unpacked")
        try FileManager.default.createDirectory(at: unpacked, withIntermediateDirectories: true)
        let untar = try ProgramRunner.run("/usr/bin/env", ["tar", "-xzf", tarball, "-C", unpacked.path])
        XCTAssertEqual(untar.status, 0, untar.stderr)
        let folders = try FileManager.default.contentsOfDirectory(atPath: unpacked.path)
        XCTAssertEqual(folders.count, 1, "one top folder: \(folders)")
        let top = unpacked.appendingPathComponent(folders.first ?? "")
        XCTAssertTrue(top.lastPathComponent.hasPrefix("rampart-"), top.lastPathComponent)
        for path in ["share/doc/rampart/docs/REPORTS.md", "share/doc/rampart/licenses/swift-argument-parser-LICENSE.txt",
                     "lib/rampart/Rampart_Analysis.resources/actions.txt"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: top.appendingPathComponent(path).path), path)
        }
        let unpackedWork = temporary.appendingPathComponent("work2")
        try FileManager.default.createDirectory(at: unpackedWork, withIntermediateDirectories: true)
        _ = try startupPolicy(in: unpackedWork)
        XCTAssertEqual(try checkSeverity(top.appendingPathComponent("bin/rampart").path, in: unpackedWork), "HIGH",
                       "the tarball's own catalog (the edit above was to the installed copy only)")

        // A scan by the unpacked binary names its own documentation as SARIF's informationUri.
        let out = temporary.appendingPathComponent("scan-out")
        let scan = try ProgramRunner.run(top.appendingPathComponent("bin/rampart").path,
                                         ["scan", root.appendingPathComponent("Models/startup").path, "--zone", "account", "--out", out.path,
                                          "--timeout-ms", "120000"], currentDirectory: unpackedWork)
        XCTAssertEqual(scan.status, 0, scan.stdout + scan.stderr)
        let sarif = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("findings.sarif"))) as? [String: Any]
        let driver = ((sarif?["runs"] as? [[String: Any]])?.first?["tool"] as? [String: Any])?["driver"] as? [String: Any]
        let information = try XCTUnwrap(driver?["informationUri"] as? String)
        XCTAssertEqual(URL(string: information)?.resolvingSymlinksInPath().path,
                       top.appendingPathComponent("share/doc/rampart/docs/REPORTS.md").resolvingSymlinksInPath().path)
    }
}
