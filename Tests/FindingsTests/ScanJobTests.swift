import Analysis
import Environment
@testable import Findings
import Policy
import XCTest

/// A scan's job keeps how to build what it solves, not the built resource (`ScanJob`): what it
/// builds must be what the plan would have kept — the resource as the builder makes it, one
/// reading of its policy, a route through an access point, or its canonical form
/// (`CanonicalResource.make`) — and a job that points at nothing builds nothing.
final class ScanJobTests: XCTestCase {
    private let owner = "200000000001"
    private let zone = ZoneOfTrust.account("200000000001")

    private func policy(_ text: String, source: String) throws -> Policy {
        try XCTUnwrap(PolicyParser.parse(text: text, source: source, type: .resource).policy)
    }

    /// A bucket whose name has a renamable token (`logs-4242x`) and a policy naming the bucket and another account.
    private func snapshot() throws -> Snapshot {
        var bucket = SnapshotResource(type: "AWS::S3::Bucket", arn: "arn:aws:s3:::logs-4242x", account: owner)
        bucket.policy = try policy(#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::300000000003:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs-4242x/*"}]}"#,
                                   source: "bucket-policy.json")
        let other = try policy(#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs-4242x/*"}]}"#,
                               source: "bucket-policy-2.json")
        bucket.alternativePolicies = [PolicyReading(policy: other, location: nil, statementLines: [:], documentText: nil)]
        let queue = SnapshotResource(type: "AWS::SQS::Queue", arn: "arn:aws:sqs:us-east-1:\(owner):jobs", account: owner)
        return Snapshot(name: "jobs", accounts: [AccountSnapshot(id: owner, resources: [queue, bucket])])
    }

    private func job(resource: Int, reading: Int? = nil, route: ScanJob.Route = .asRead) -> ScanJob {
        ScanJob(type: .s3Bucket, account: 0, resource: resource, reading: reading, route: route, zone: zone)
    }

    /// The account's shared part, as the plan makes it.
    private var accounts: [ScanJob.Account] {
        [ScanJob.Account(context: AccountOrganizationContext(account: owner, organization: nil), renamable: RenamableZone(zone))]
    }

    func testAJobBuildsTheResourceAsTheBuilderDoes() throws {
        let snapshot = try snapshot()
        let account = snapshot.accounts[0]
        let direct = try AnalyzedResourceBuilder.build(account.resources[1], account: account)
        XCTAssertEqual(job(resource: 1).resource(in: snapshot, accounts: accounts), direct)
        XCTAssertEqual(job(resource: 1).resource(in: snapshot, accounts: accounts)?.policy?.source, "bucket-policy.json")
        XCTAssertFalse(job(resource: 1).canonical)
    }

    func testAJobBuildsTheReadingItNames() throws {
        let snapshot = try snapshot()
        let built = job(resource: 1, reading: 1).resource(in: snapshot, accounts: accounts)
        XCTAssertEqual(built?.policy?.source, "bucket-policy-2.json", "the second reading is the alternative policy")
        XCTAssertEqual(built?.arn, "arn:aws:s3:::logs-4242x")
        XCTAssertEqual(job(resource: 1, reading: 0).resource(in: snapshot, accounts: accounts)?.policy?.source, "bucket-policy.json")
    }

    func testAJobBuildsTheRouteThroughItsAccessPoint() throws {
        let snapshot = try snapshot()
        let point = S3AccessPoint(name: "reports", arn: "arn:aws:s3:us-east-1:\(owner):accesspoint/reports", account: owner, bucket: "logs-4242x")
        let built = try XCTUnwrap(job(resource: 1, route: .accessPoint(point)).resource(in: snapshot, accounts: accounts))
        XCTAssertEqual(built.accessPoint, point)
        var expected = try AnalyzedResourceBuilder.build(snapshot.accounts[0].resources[1], account: snapshot.accounts[0])
        expected.accessPoint = point
        XCTAssertEqual(built, expected)
    }

    func testACanonicalJobBuildsTheCanonicalForm() throws {
        let snapshot = try snapshot()
        let account = snapshot.accounts[0]
        var single = account.resources[1]
        single.alternativePolicies = []
        let plain = Snapshot(name: "one", accounts: [AccountSnapshot(id: owner, resources: [single])])
        let direct = try AnalyzedResourceBuilder.build(single, account: plain.accounts[0])
        let canonical = try XCTUnwrap(CanonicalResource.make(direct, zone: zone))
        let canonicalJob = job(resource: 0, route: .canonicalForm)
        XCTAssertTrue(canonicalJob.canonical)
        let built = try XCTUnwrap(canonicalJob.resource(in: plain, accounts: accounts))
        XCTAssertEqual(built, canonical.resource)
        // The account and the bucket's name token are renamed (`CanonicalResource`).
        XCTAssertEqual(built.account, CanonicalResource.canonicalAccount)
        XCTAssertFalse(built.arn.contains("logs-4242x"))
    }

    func testAJobThatPointsAtNothingBuildsNothing() throws {
        let snapshot = try snapshot()
        XCTAssertNil(job(resource: 5).resource(in: snapshot, accounts: accounts))
        XCTAssertNil(job(resource: 1, reading: 2).resource(in: snapshot, accounts: accounts), "the bucket has two readings")
        var elsewhere = job(resource: 0)
        elsewhere.account = 1
        XCTAssertNil(elsewhere.resource(in: snapshot, accounts: accounts))
        XCTAssertNil(job(resource: 0).resource(in: snapshot, accounts: []), "no shared part for the account")
    }
}
