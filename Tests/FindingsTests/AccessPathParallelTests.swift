import Analysis
import Authorizer
import Environment
import Policy
import RampartTestSupport
@testable import Findings
import XCTest

/// The access-paths phase on several workers (issue 18's scale): the trust analyses and the last
/// hops run on `--jobs` threads (`AccessModel.trustResults`, `LastHopAnswers`), and what the
/// phase adds — findings, their order, their ids, witnesses, paths, outcomes — is the same
/// whatever the number of workers. On Models/role-chains, whose EXPECTED.md works the three chains
/// that hold out by hand, and on a generated account where many roles reach many buckets of one
/// template (each bucket asked by several role states, so that a target's questions are grouped
/// and their cache's sharing is exercised).
final class AccessPathParallelTests: XCTestCase {
    private var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    private func phase(_ snapshot: Snapshot, jobs: Int, zoneMode: ZoneMode = .organization) throws -> AccessPathFindings.Added {
        let options = ScanOptions(zoneMode: zoneMode, jobs: jobs, analysis: AnalysisOptions(timeoutMilliseconds: 120_000))
        let scanned = try Scanner.scan(snapshot, options: options)
        return try AccessPathFindings.add(to: scanned, snapshot: snapshot, options: options)
    }

    /// Everything a finding and an outcome say, as one comparable text per item.
    private func described(_ added: AccessPathFindings.Added) -> [String] {
        added.findings.map { finding in
            let path = (finding.access.accessPath ?? []).map { "\($0.caller)>\($0.target):\($0.action ?? "-")@\($0.resource ?? "-")" }
            let witness = RequestFile.encode(finding.access.witness)
            return [finding.id, finding.resource, finding.access.principal, finding.access.actions.joined(separator: ","),
                    path.joined(separator: " "), witness].joined(separator: " | ")
        } + added.outcomes.map { "\($0.arn) \($0.status.rawValue) \($0.findingIDs) \($0.explanation)" }
    }

    func testRoleChainsTheSameOnOneTwoAndFourWorkers() throws {
        let snapshot = try SnapshotLoader.load(folder: root.appendingPathComponent("Models/role-chains").path)
        let one = try phase(snapshot, jobs: 1)
        // EXPECTED.md, "Through roles": chains-data, chains-vault and the secret, nothing else.
        let chains = one.findings.filter { $0.access.source == .roleChain }.map(\.resource).sorted()
        XCTAssertEqual(chains, ["arn:aws:s3:::chains-data", "arn:aws:s3:::chains-vault",
                                "arn:aws:secretsmanager:us-east-1:210000000002:secret:chains/app-AbCdEf"])
        for jobs in [2, 4] {
            XCTAssertEqual(described(try phase(snapshot, jobs: jobs)), described(one), "\(jobs) workers")
        }
    }

    /// `who-can`'s inside searches share a memo of the role states they visit (`VisitedStates`):
    /// on Models/role-chains, every caller's search to every resource gives the same paths,
    /// witnesses and UNPROVEN reasons with the memo as without it, over one cache each.
    func testInsideSearchesTheSameWithTheVisitedStatesMemo() throws {
        let snapshot = try SnapshotLoader.load(folder: root.appendingPathComponent("Models/role-chains").path)
        let model = AccessModel(snapshot: snapshot, zoneMode: .organization)
        func describe(_ path: AccessPathSearch.Path?) -> String {
            guard let path else { return "none" }
            return path.callers.joined(separator: ">") + " " + path.hops.map {
                ($0.witness.map(RequestFile.encode) ?? "-") + " " + ($0.unproven ?? "proved")
            }.joined(separator: " ; ")
        }
        var compared = 0, reached = 0
        for resource in model.resources where resource.type != .iamRole {
            let answers = [ReachAnswers(keepsMovedAnswers: true), ReachAnswers(keepsMovedAnswers: true)]
            let memo = VisitedStates()
            for caller in model.callers.keys.sorted() {
                let results = answers.indices.map { index in
                    AccessPathSearch.search(entries: [.inside(caller)], callers: model.callers, roles: model.roles, resources: [resource],
                                            unknownTargets: model.unknown, timeoutMilliseconds: 120_000, answers: answers[index],
                                            classes: model.classes, visited: index == 0 ? memo : nil)
                }
                XCTAssertEqual(results[0].reaches.map { describe($0.path) + " | " + $0.unproven.map(describe).joined(separator: " | ") },
                               results[1].reaches.map { describe($0.path) + " | " + $0.unproven.map(describe).joined(separator: " | ") },
                               "\(caller) to \(resource.arn)")
                XCTAssertEqual(results[0].roles.keys.sorted().map { describe(results[0].roles[$0]) },
                               results[1].roles.keys.sorted().map { describe(results[1].roles[$0]) }, "\(caller)'s roles")
                compared += 1
                if results[0].reaches.first?.path != nil { reached += 1 }
            }
            XCTAssertFalse(memo.chained.isEmpty, "the memo was used")
        }
        XCTAssertGreaterThan(compared, 10)
        XCTAssertGreaterThan(reached, 0, "some inside caller reaches some resource")
    }

    /// A hop to a target whose policies are not known is UNPROVEN whatever its answer (the
    /// search's rule: no answer about such a target is a proof). On Models/role-chains with
    /// chains-logs taken as not known: its last hops are closed (EXPECTED.md: its policy denies
    /// DataRole, and no other role reached from outside may act on it), yet the bucket has
    /// UNPROVEN paths and no proved one, on one worker and on two; chains-data keeps its path.
    func testAHopToATargetNotKnownIsUnprovenEvenWhenClosed() throws {
        let snapshot = try SnapshotLoader.load(folder: root.appendingPathComponent("Models/role-chains").path)
        let model = AccessModel(snapshot: snapshot, zoneMode: .organization)
        let entries = try model.entries(options: AnalysisOptions(timeoutMilliseconds: 120_000))
        var unknown = model.unknown
        unknown["arn:aws:s3:::chains-logs"] = "taken as not known by the test"
        let targets = model.resources.filter { $0.type != .iamRole }
        for workers in [1, 2] {
            let result = AccessPathSearch.search(entries: entries, callers: model.callers, roles: model.roles, resources: targets,
                                                 unknownTargets: unknown, timeoutMilliseconds: 120_000, classes: model.classes,
                                                 workers: workers, shareTemplates: true)
            let logs = result.reaches.first { $0.resource == "arn:aws:s3:::chains-logs" }
            XCTAssertNil(logs?.path, "\(workers) workers")
            XCTAssertFalse(logs?.unproven.isEmpty ?? true, "\(workers) workers")
            XCTAssertNotNil(result.reaches.first { $0.resource == "arn:aws:s3:::chains-data" }?.path, "\(workers) workers")
        }
    }

    /// One account, 111122223333, with a partner role `Entry` (trusting 444455556666) whose
    /// sessions may assume `Hop1` and `Hop2`, each of which may assume the next; six buckets share
    /// one template granting `s3:GetObject` to everyone whose `aws:PrincipalAccount` is the account
    /// (same account: the bucket policy alone suffices, IAM User Guide, "Policy evaluation logic"), so every role reached
    /// from outside reaches every bucket — by hand, six `ROLE_CHAIN` findings, each entered
    /// through `Entry`, the first path found being `Entry`'s own (one hop).
    func testManyStatesOnManyBucketsTheSameOnOneAndThreeWorkers() throws {
        let account = "111122223333"
        func role(_ name: String, trust: String, assumes: String?) -> String {
            let inline = assumes.map { #"[{"PolicyName": "inline", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111122223333:role/\#($0)"}]}}]"# } ?? "[]"
            return #"""
            {"Path": "/", "RoleName": "\#(name)", "RoleId": "AROA\#(name.uppercased().padding(toLength: 16, withPad: "X", startingAt: 0))", "Arn": "arn:aws:iam::111122223333:role/\#(name)",
             "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "\#(trust)"}, "Action": "sts:AssumeRole"}]},
             "RolePolicyList": \#(inline), "AttachedManagedPolicies": [], "Tags": []}
            """#
        }
        let roles = [role("Entry", trust: "arn:aws:iam::444455556666:root", assumes: "Hop*")]
            + (1...2).map { role("Hop\($0)", trust: $0 == 1 ? "arn:aws:iam::111122223333:role/Entry" : "arn:aws:iam::111122223333:role/Hop\($0 - 1)",
                                 assumes: $0 < 2 ? "Hop\($0 + 1)" : nil) }
        var files = ["iam/get-account-authorization-details.json":
                        #"{"UserDetailList": [], "GroupDetailList": [], "Policies": [], "RoleDetailList": [\#(roles.joined(separator: ","))]}"#]
        for index in 1...6 {
            let bucket = "shared-\(1000 + index)-data"
            files["s3/\(bucket).get-bucket-policy.json"] = #"{"Policy": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::\#(bucket)/*\", \"Condition\": {\"StringEquals\": {\"aws:PrincipalAccount\": \"111122223333\"}}}]}"}"#
        }
        let folder = try SnapshotFolderFixture.write(account: account, files: files)
        let snapshot = try SnapshotLoader.load(folder: folder.path)
        let one = try phase(snapshot, jobs: 1, zoneMode: .account)
        let chains = one.findings.filter { $0.access.source == .roleChain }
        XCTAssertEqual(chains.count, 6)
        XCTAssertTrue(chains.allSatisfy { ($0.access.accessPath ?? []).map(\.target).first == "arn:aws:iam::111122223333:role/Entry" })
        XCTAssertEqual(described(try phase(snapshot, jobs: 3, zoneMode: .account)), described(one))
    }
}
