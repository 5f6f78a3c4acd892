import Foundation
import XCTest

/// `scripts/collect-snapshot --organization` against moto_server behind a fault proxy: an
/// organization of a management account and three members, every resource type the collector
/// reads in two regions (Tests/Fixtures/collector/seed-organization.py), one member whose role
/// cannot be assumed, one API throttled a few times (recovered by retries) and one throttled on
/// every call (given up: not covered). The snapshot must scan to the findings the seed created,
/// and the reports must say what was not covered. Bounded by counts: faults are counted, never timed.
final class OrganizationCollectorTests: XCTestCase {
    func testOrganizationCollectedInParallelScansToTheSeededFindingsAndSaysWhatWasNotCovered() throws {
        let work = try ScanRunner.temporaryDirectory()
        let emulator = try LocalAWSEmulator(directory: work)
        defer { emulator.stop() }
        let python = try XCTUnwrap(LocalAWSEmulator.which("python3"))
        let seed = try ScanRunner.run(python, [ScanRunner.packageRoot.appendingPathComponent("Tests/Fixtures/collector/seed-organization.py").path,
                                               emulator.endpoint], environment: emulator.environment)
        XCTAssertEqual(seed.status, 0, seed.stderr)
        let seeded = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(seed.stdout.utf8)) as? [String: Any])
        let management = try XCTUnwrap(seeded["management"] as? String)
        let members = try XCTUnwrap(seeded["members"] as? [String])
        XCTAssertEqual(members.count, 3)
        let (a, b, c) = (members[0], members[1], members[2])
        let outside = "999988887777"

        // GetKeyPolicy is throttled 3 times in all (fewer than the 4 attempts a call gets: every
        // key policy is read in the end); ListSecrets in eu-west-1 on every call (never read).
        let proxy = try FaultProxy(upstream: emulator.endpoint, directory: work,
                                   arguments: ["--throttle", "GetKeyPolicy=3", "--throttle", "ListSecrets@eu-west-1=all", "--deny-assume", c])
        defer { proxy.stop() }
        let snapshot = work.appendingPathComponent("snapshot")
        let collect = try ScanRunner.run(ScanRunner.packageRoot.appendingPathComponent("scripts/collect-snapshot").path,
                                         [snapshot.path, "--endpoint-url", proxy.endpoint, "--regions", "us-east-1,eu-west-1", "--organization",
                                          "--concurrency", "4", "--max-attempts", "4", "--backoff-base", "0.01", "--name", "emulated-org"],
                                         environment: emulator.environment)
        XCTAssertEqual(collect.status, 0, collect.stderr)
        XCTAssertTrue(collect.stderr.contains("collect-snapshot: done: accounts 3/4"), collect.stderr)

        let faults = try proxy.faults()
        XCTAssertEqual(faults.filter { $0 == "throttle GetKeyPolicy us-east-1" }.count, 3)
        XCTAssertEqual(faults.filter { $0 == "throttle ListSecrets eu-west-1" }.count, 3 * 4, "4 attempts in each of the 3 collected accounts")
        XCTAssertEqual(faults.filter { $0 == "deny-assume \(c)" }.count, 1, "a refused AssumeRole is not retried")

        // The manifest: who was collected, what failed, and the retries.
        let manifest = try ScanRunner.json(snapshot.appendingPathComponent("coverage.json"))
        let accounts = try XCTUnwrap(manifest["accounts"] as? [[String: Any]])
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: accounts.map { ($0["id"] as? String ?? "", $0["status"] as? String ?? "") }),
                       [management: "collected", a: "collected", b: "collected", c: "skipped"])
        let errors = try XCTUnwrap(manifest["errors"] as? [[String: Any]])
        // The emulator does not implement CodeArtifact's ListDomains nor CloudTrail Lake's listings, nor S3 Tables in
        // eu-west-1: HTTP 500, retried like any fault (3 retries each), then an error of each collected account.
        let unserved = ["list_domains", "list_event_data_stores", "list_dashboards"]
        // Nor directory buckets' access points and S3 on Outposts: 404, not retried.
        let unservedErrors = Set([management, a, b].flatMap { account in
            (unserved + ["list_table_buckets"]).map { "\(account) \($0) 500" }
                + ["\(account) list_access_points_for_directory_buckets NoSuchBucket", "\(account) list_outposts_with_s3 404"]
        })
        XCTAssertEqual(Set(errors.map { "\($0["account"] as? String ?? "") \($0["operation"] as? String ?? "") \($0["code"] as? String ?? "")" }),
                       Set(["\(management) assume_role AccessDenied", "\(management) list_secrets ThrottlingException",
                            "\(a) list_secrets ThrottlingException", "\(b) list_secrets ThrottlingException"]).union(unservedErrors))
        let retries: Int = 3 + 3 * 3 + 3 * (3 * 2 * unserved.count) + 3 * 3
        XCTAssertEqual(manifest["retries"] as? Int, retries,
                       "3 GetKeyPolicy retries, 3 per ListSecrets that gave up, 3 per unserved listing (3 accounts, 2 regions; S3 Tables: 1 region)")

        // The scan: exactly the accesses seeded outside the organization, in the accounts collected.
        let out = work.appendingPathComponent("scan")
        let scan = try ScanRunner.rampart(ScanRunner.scanArguments(model: snapshot.path, zone: "organization", out: out))
        XCTAssertEqual(scan.status, 0, scan.stderr)
        // 3 secrets' regions, the 6 types the emulator does not list in 3 accounts and 2 regions, and S3
        // Tables' 2 types (table buckets, and the tables found through them) in 3 accounts' eu-west-1.
        let typeGaps: Int = 3 + 3 * 6 * 2 + 3 * 2
        XCTAssertTrue(scan.stdout.contains("NOT COVERED: 1 accounts, \(typeGaps) resource types"), scan.stdout)
        let report = try ScanRunner.json(out.appendingPathComponent("findings.json"))
        XCTAssertEqual((report["diagnostics"] as? [Any])?.count, 0, "\(report["diagnostics"] ?? "")")
        let findings = report["findings"] as? [[String: Any]] ?? []
        func key(_ finding: [String: Any]) -> String {
            let arn = finding["resource"] as? String ?? ""
            let region = arn.split(separator: ":", omittingEmptySubsequences: false).dropFirst(3).first.map(String.init) ?? "?"
            return [finding["resourceType"] as? String ?? "", finding["account"] as? String ?? "", region, finding["principal"] as? String ?? ""]
                .joined(separator: " ")
        }
        // Member A: each kind shared with account 999988887777 or everyone (seed-organization.py);
        // its eu-west-1 secret was never listed (throttled), so it has no finding: not covered.
        let expected: Set<String> = [
            "AWS::S3::Bucket \(a)  *", "AWS::IAM::Role \(a)  \(outside)",
            "AWS::KMS::Key \(a) us-east-1 \(outside)", "AWS::SQS::Queue \(a) us-east-1 \(outside)", "AWS::SNS::Topic \(a) us-east-1 \(outside)",
            "AWS::EFS::FileSystem \(a) us-east-1 \(outside)", "AWS::EC2::Snapshot \(a) us-east-1 \(outside)", "AWS::EC2::Snapshot \(a) us-east-1 *",
            "AWS::SecretsManager::Secret \(a) us-east-1 \(outside)",
            "AWS::Lambda::Function \(a) eu-west-1 \(outside)", "AWS::ECR::Repository \(a) eu-west-1 \(outside)",
            "AWS::DynamoDB::Table \(a) eu-west-1 \(outside)", "AWS::RDS::DBSnapshot \(a) eu-west-1 \(outside)",
            "AWS::RDS::DBClusterSnapshot \(a) eu-west-1 *",
            // Member B shares only with member A; its public bucket is under account-level Block
            // Public Access (RestrictPublicBuckets), which leaves AWS services (S3 User Guide,
            // "Blocking public access"): a service finding, not a public one.
            "AWS::S3::Bucket \(b)  *",
        ]
        XCTAssertEqual(Set(findings.map(key)), expected)
        XCTAssertEqual(findings.count, expected.count)
        let publicOnes = Set(findings.filter { $0["isPublic"] as? Bool == true }.map(key))
        XCTAssertEqual(publicOnes, ["AWS::S3::Bucket \(a)  *", "AWS::EC2::Snapshot \(a) us-east-1 *", "AWS::RDS::DBClusterSnapshot \(a) eu-west-1 *"])
        let resources = report["resources"] as? [[String: Any]] ?? []
        XCTAssertTrue(resources.allSatisfy { ["EXTERNAL_ACCESS", "NO_EXTERNAL_ACCESS"].contains($0["status"] as? String ?? "") }, "\(resources)")
        XCTAssertFalse(resources.contains { ($0["account"] as? String) == c }, "member C was not collected")

        // Coverage: member C, the throttled secrets and what the emulator could not list are not
        // covered; nothing else is missing.
        let coverage = try XCTUnwrap(report["coverage"] as? [String: Any])
        XCTAssertEqual(coverage["known"] as? Bool, true)
        let notCovered = (coverage["notCovered"] as? [[String: Any]] ?? []).map {
            "\($0["account"] as? String ?? "") \($0["resourceType"] as? String ?? "-") \($0["region"] as? String ?? "-")"
        }
        let unservedTypes = ["AWS::CodeArtifact::Domain", "AWS::CloudTrail::EventDataStore", "AWS::CloudTrail::Dashboard",
                             "AWS::S3Express::AccessPoint", "AWS::S3Outposts::Bucket", "AWS::S3Outposts::AccessPoint"]
        let unservedGaps = Set([management, a, b].flatMap { account in
            ["us-east-1", "eu-west-1"].flatMap { region in unservedTypes.map { "\(account) \($0) \(region)" } }
                + ["AWS::S3Tables::TableBucket", "AWS::S3Tables::Table"].map { "\(account) \($0) eu-west-1" }
        })
        XCTAssertEqual(Set(notCovered), Set(["\(c) - -", "\(management) AWS::SecretsManager::Secret eu-west-1",
                                             "\(a) AWS::SecretsManager::Secret eu-west-1", "\(b) AWS::SecretsManager::Secret eu-west-1"])
                        .union(unservedGaps))
        let markdown = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        // report.md has one row per account and type (its regions joined): C's, and per collected account
        // the secrets', the 6 unserved types' and S3 Tables' 2.
        let rows = 1 + 3 * (1 + unservedTypes.count + 2)
        XCTAssertTrue(markdown.contains("**Not covered** (\(rows))"), markdown)
        XCTAssertTrue(markdown.contains("`\(c)` | every type | all |"), markdown)
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<strong>Not covered</strong> (\(rows))"), "report.html has no coverage section")
        XCTAssertTrue(html.contains("<td><code>\(c)</code></td><td>every type</td><td>all</td>"), "report.html lacks the skipped member")
    }
}
