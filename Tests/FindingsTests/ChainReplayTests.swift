import Analysis
import Authorizer
import Encoding
import Environment
@testable import Findings
import Policy
import XCTest

/// A path's hops as one chain of sessions (issue 18, item 3), worked by hand on account
/// 111122223333 and an outside account 444455556666.
///
/// AWS's rules used (IAM User Guide, "Monitor and control actions taken with assumed roles"; "Pass
/// session tags in AWS STS"; STS API Reference, `AssumeRole`): a source identity, once set, is in
/// every later request of the chain and cannot change; a session's tags are its role's own tags
/// overridden by the tags passed when it was assumed and by the transitive tags it inherits;
/// passing tags needs `sts:TagSession`. Each hop alone is open with some value; the question is
/// whether one value serves every hop.
final class ChainReplayTests: XCTestCase {
    private let zone = "111122223333"
    private let user = "arn:aws:iam::111122223333:user/U"
    private let bucket = "arn:aws:s3:::b"
    private func roleARN(_ name: String) -> String { "arn:aws:iam::111122223333:role/\(name)" }

    private func policy(_ statements: [String], _ type: PolicyType) throws -> Policy {
        let text = #"{"Version": "2012-10-17", "Statement": [\#(statements.joined(separator: ","))]}"#
        return try XCTUnwrap(PolicyParser.parse(text: text, source: "test", type: type).policy, text)
    }

    private struct World {
        var callers: [String: CallerIdentity] = [:]
        var roles: [String: AnalyzedResource] = [:]
        var bucket: AnalyzedResource?
    }

    private func addRole(_ name: String, trust: [String], identity: [String], tags: [String: String] = [:], to world: inout World) throws {
        let arn = roleARN(name)
        world.roles[arn] = AnalyzedResource(arn: arn, type: .iamRole, account: zone, policy: try policy(trust, .trust))
        var session = Principal.assumedRole(roleArn: arn, sessionName: "session")
        session.userID = "AROA\(name.uppercased())0000000000"
        session.tags = tags
        world.callers[arn] = CallerIdentity(arn: arn, account: zone, isRole: true,
                                            pin: PrincipalPin(session, anySessionName: true, anyOrganization: true),
                                            identityPolicies: [try policy(identity, .identity)], permissionsBoundary: nil,
                                            serviceControlPolicies: nil, unknown: [])
    }

    private func search(_ world: World, entries: [AccessPathSearch.Entry]) throws -> AccessPathSearch.Result {
        let bucket = try XCTUnwrap(world.bucket)
        return AccessPathSearch.search(entries: entries, callers: world.callers, roles: world.roles, resources: [bucket],
                                       actions: ["s3:GetObject"], timeoutMilliseconds: 120_000)
    }

    /// The outside entries of the world's roles, from their trust policies' analysis.
    private func outsideEntries(_ world: World) -> [AccessPathSearch.Entry] {
        world.roles.values.sorted { $0.arn < $1.arn }.compactMap { role in
            let result = ExternalAccessAnalyzer.analyze(role, zone: .account(zone), options: AnalysisOptions(timeoutMilliseconds: 120_000))
            return AccessPathSearch.entry(roleARN: role.arn, result: result)
        }
    }

    // MARK: - Source identity

    /// User U may assume any role and set a source identity. Role Hop lets U in only when U sets
    /// the source identity `alice`; Hop's sessions may assume Audited, which lets Hop in only when
    /// the session's source identity (`aws:SourceIdentity`) is `required`; Audited's sessions may
    /// read bucket b (same account: its identity policy suffices).
    private func sourceIdentityWorld(required: String) throws -> World {
        var world = World()
        var principal = Principal.user(arn: user)
        principal.userID = "AIDAUSER000000000001"
        world.callers[user] = CallerIdentity(arn: user, account: zone, isRole: false, pin: PrincipalPin(principal, anyOrganization: true),
                                             identityPolicies: [try policy([#"{"Effect": "Allow", "Action": ["sts:AssumeRole", "sts:SetSourceIdentity"], "Resource": "*"}"#], .identity)],
                                             permissionsBoundary: nil, serviceControlPolicies: nil, unknown: [])
        try addRole("Hop", trust: [#"""
            {"Effect": "Allow", "Principal": {"AWS": "\#(user)"}, "Action": ["sts:AssumeRole", "sts:SetSourceIdentity"],
             "Condition": {"StringEquals": {"sts:SourceIdentity": "alice"}}}
            """#], identity: [#"{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "\#(roleARN("Audited"))"}"#], to: &world)
        try addRole("Audited", trust: [#"""
            {"Effect": "Allow", "Principal": {"AWS": "\#(roleARN("Hop"))"}, "Action": "sts:AssumeRole",
             "Condition": {"StringEquals": {"aws:SourceIdentity": "\#(required)"}}}
            """#], identity: [#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}"#], to: &world)
        world.bucket = AnalyzedResource(arn: bucket, type: .s3Bucket, account: zone, policy: nil)
        return world
    }

    /// Audited wants `bob`, but the only way in sets `alice`, which cannot change: no path. Each
    /// hop alone is open (U→Hop with `alice`; Hop→Audited with a session whose source identity is
    /// `bob`), so the path found hop by hop is not proved: it is UNPROVEN, with the reason.
    func testASourceIdentitySetToOneValueCannotMeetAHopThatNeedsAnother() throws {
        let result = try search(try sourceIdentityWorld(required: "bob"), entries: [.inside(user)])
        XCTAssertEqual(result.roles[roleARN("Hop")]?.isProved, true)
        let audited = try XCTUnwrap(result.roles[roleARN("Audited")], "the hop-by-hop path is kept, as UNPROVEN")
        XCTAssertFalse(audited.isProved)
        XCTAssertTrue(audited.hops.last?.unproven?.contains("as one chain of sessions") ?? false, audited.hops.last?.unproven ?? "")
        let reach = try XCTUnwrap(result.reaches.first)
        XCTAssertNil(reach.path, "no proved path to the bucket")
        XCTAssertFalse(reach.unproven.isEmpty, "the bucket's path is reported UNPROVEN, not absent")
    }

    /// Audited wants `alice`, the value set on entering Hop: the path is proved, and its witnesses
    /// are one chain — `alice` set on U's AssumeRole of Hop, carried by every later request.
    func testTheSameSourceIdentityCarriedThroughEveryHopIsProved() throws {
        let result = try search(try sourceIdentityWorld(required: "alice"), entries: [.inside(user)])
        let path = try XCTUnwrap(result.reaches.first?.path)
        XCTAssertEqual(path.callers, [user, roleARN("Hop"), roleARN("Audited")])
        let witnesses = path.hops.compactMap(\.witness)
        XCTAssertEqual(witnesses.count, 3)
        XCTAssertEqual(witnesses[0].context["sts:SourceIdentity"]?.text, "alice")
        XCTAssertNil(witnesses[0].context["aws:SourceIdentity"], "U's own request has none: it sets one")
        XCTAssertEqual(witnesses[1].context["aws:SourceIdentity"]?.text, "alice")
        XCTAssertEqual(witnesses[1].context["sts:SourceIdentity"]?.text, "alice")
        XCTAssertEqual(witnesses[2].context["aws:SourceIdentity"]?.text, "alice")
        XCTAssertNil(witnesses[2].context["sts:SourceIdentity"], "s3:GetObject carries only aws:SourceIdentity")
    }

    // MARK: - Session tags

    /// Role A lets account 444455556666 in only when it passes the session tag team=red (its trust
    /// allows `sts:AssumeRole` and `sts:TagSession` with `aws:RequestTag/team` = red). With
    /// `through` set, A's sessions go on to role B, whose trust lets A in but allows no tags; the
    /// last session reads bucket b, whose policy denies every principal whose `team` tag is not
    /// `bucketWants`.
    private func tagWorld(bucketWants: String, through: Bool) throws -> World {
        var world = World()
        let reads = #"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}"#
        let assumesB = #"{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "\#(roleARN("B"))"}"#
        try addRole("A", trust: [#"""
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": ["sts:AssumeRole", "sts:TagSession"],
             "Condition": {"StringEquals": {"aws:RequestTag/team": "red"}}}
            """#], identity: [through ? assumesB : reads], tags: ["team": "green"], to: &world)
        if through {
            try addRole("B", trust: [#"{"Effect": "Allow", "Principal": {"AWS": "\#(roleARN("A"))"}, "Action": "sts:AssumeRole"}"#],
                        identity: [reads], to: &world)
        }
        world.bucket = AnalyzedResource(arn: bucket, type: .s3Bucket, account: zone, policy: try policy([#"""
            {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*",
             "Condition": {"StringNotEquals": {"aws:PrincipalTag/team": "\#(bucketWants)"}}}
            """#], .resource))
        return world
    }

    /// A's sessions are tagged team=red (passed, overriding A's own green): the bucket, which wants
    /// blue, is closed to them. The last hop alone is open with free tags; as one chain it is not.
    func testTagsPassedOnEnteringMustBeTheTagsTheLastHopNeeds() throws {
        let world = try tagWorld(bucketWants: "blue", through: false)
        let entries = outsideEntries(world)
        XCTAssertEqual(entries.map(\.roleARN), [roleARN("A")])
        XCTAssertEqual(entries.first?.tagsFree, true)
        let reach = try XCTUnwrap(try search(world, entries: entries).reaches.first)
        XCTAssertNil(reach.path)
        XCTAssertFalse(reach.unproven.isEmpty)
    }

    /// The bucket wants red, what the entry passes: proved, the entry's witness passing team=red
    /// and the last hop's caller tagged team=red.
    func testTagsPassedOnEnteringThatTheLastHopNeedsAreProved() throws {
        let world = try tagWorld(bucketWants: "red", through: false)
        let path = try XCTUnwrap(try search(world, entries: outsideEntries(world)).reaches.first?.path)
        XCTAssertEqual(path.entry.witness?.context["aws:RequestTag/team"]?.text, "red")
        XCTAssertEqual(path.hops.last?.witness?.principal.tags["team"], "red")
    }

    /// Through B, which allows no tags: red reaches B's session only as a transitive tag passed on
    /// entering A, so the entry's witness names it in `sts:TransitiveTagKeys`.
    func testATagNeededTwoHopsLaterIsPassedAsTransitive() throws {
        let world = try tagWorld(bucketWants: "red", through: true)
        let result = try search(world, entries: outsideEntries(world))
        let path = try XCTUnwrap(result.reaches.first?.path, "\(result.reaches.first?.unproven.map { $0.hops.compactMap(\.unproven) } ?? [])")
        XCTAssertEqual(path.callers, [roleARN("A"), roleARN("B")])
        XCTAssertEqual(path.entry.witness?.context.values(for: "sts:TransitiveTagKeys")?.map(\.text), ["team"])
        XCTAssertFalse(path.hops[0].passesTags, "B's trust allows no sts:TagSession")
        XCTAssertNil(path.hops[0].witness?.context["aws:RequestTag/team"], "A's session passes no tag to B")
        XCTAssertEqual(path.hops[1].witness?.principal.tags["team"], "red")
    }

    /// Through B, with the bucket wanting blue: B's session has no `team` tag (B has none of its
    /// own) or the red one inherited from the entry, and B's trust lets no tag be passed, so the
    /// bucket's Deny applies either way (a negated operator on an absent key is true). No proved path.
    func testATransitiveTagCannotBecomeAnotherValueLater() throws {
        let world = try tagWorld(bucketWants: "blue", through: true)
        let reach = try XCTUnwrap(try search(world, entries: outsideEntries(world)).reaches.first)
        XCTAssertNil(reach.path)
        XCTAssertFalse(reach.unproven.isEmpty)
    }

    /// A witness may name a tag only to show it is not some value: the bucket denies sessions
    /// tagged x=bad, and the last hop's witness (tags free) says x=good. Passing x on entering A
    /// is refused (A's trust lets only `team` be passed: `ForAllValues:StringEquals` on
    /// `aws:TagKeys`), but the chain needs no x at all — A's session without it is not denied —
    /// so the path is one chain with no tag passed, and its last witness carries A's own tags.
    func testATagAWitnessNamesNeedNotBePassed() throws {
        var user = Principal.user(arn: self.user)
        user.userID = "AIDAUSER000000000001"
        let userSide = try policy([#"{"Effect": "Allow", "Action": ["sts:AssumeRole", "sts:TagSession"], "Resource": "*"}"#], .identity)
        let trust = try policy([#"""
            {"Effect": "Allow", "Principal": {"AWS": "\#(self.user)"}, "Action": ["sts:AssumeRole", "sts:TagSession"],
             "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}}}
            """#], .trust)
        let reads = try policy([#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}"#], .identity)
        let denyBad = try policy([#"""
            {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*",
             "Condition": {"StringEquals": {"aws:PrincipalTag/x": "bad"}}}
            """#], .resource)
        var session = Principal.assumedRole(roleArn: roleARN("A"), sessionName: "s")
        session.userID = "AROAA0000000000000:s"
        var roleSession = session
        roleSession.userID = "AROAA0000000000000"
        let entering = ReachQuestion(caller: PrincipalPin(user), policies: PolicySet(identityPolicies: [userSide], resourcePolicy: trust,
                                                                                     resourcePolicyKind: .roleTrust),
                                     resourceType: .iamRole, resourceARN: roleARN("A"), resourceAccount: zone, actions: ["sts:AssumeRole"])
        let reading = ReachQuestion(caller: PrincipalPin(roleSession, anySessionName: true, anyTags: true),
                                    policies: PolicySet(identityPolicies: [reads], resourcePolicy: denyBad),
                                    resourceType: .s3Bucket, resourceARN: bucket, resourceAccount: zone)
        var assume = Request(principal: user, action: "sts:AssumeRole", resource: roleARN("A"), resourceAccount: zone)
        assume.context["aws:SecureTransport"] = .bool(true)
        var read = Request(principal: session, action: "s3:GetObject", resource: bucket + "/k", resourceAccount: zone)
        read.principal.tags = ["x": "good"]
        read.context["aws:SecureTransport"] = .bool(true)
        var first = AccessPathSearch.Hop(caller: self.user, target: roleARN("A"), witness: assume, tagsFree: false, unproven: nil,
                                         sourceIdentity: .absent, question: entering)
        first.passesTags = true
        let last = AccessPathSearch.Hop(caller: roleARN("A"), target: bucket, witness: read, tagsFree: true, unproven: nil,
                                        sourceIdentity: .free, question: reading)
        // Each hop alone replays.
        XCTAssertEqual(PrincipalReach.movedWitnessProblems(assume, question: entering), [])
        XCTAssertEqual(PrincipalReach.movedWitnessProblems(read, question: reading), [])
        let path = AccessPathSearch.Path(entry: .inside(self.user), hops: [first, last])
        guard case .consistent(let replayed) = ChainReplay.replay(path, entryPolicies: nil) else {
            return XCTFail("the path is one chain with no tag passed")
        }
        XCTAssertNil(replayed.hops[0].witness?.context["aws:TagKeys"], "no tag passed on entering A")
        XCTAssertEqual(replayed.hops[1].witness?.principal.tags, [:], "A's session carries A's own tags: none")
    }

    // MARK: - On a model

    /// Models/role-chains, EXPECTED.md: chains-vault is reached by the partner through
    /// `TaggedEntry`, whose sessions carry no `clearance` tag of their own, then `TagGated`, which
    /// trusts `TaggedEntry` only with `aws:PrincipalTag/clearance` = high. As one chain, the tag
    /// must be passed on entering `TaggedEntry` (its trust allows the partner `sts:TagSession`):
    /// the entry's witness passes clearance=high and the next hop's caller carries it.
    func testTheModelsTaggedChainPassesTheTagOnEntering() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let snapshot = try SnapshotLoader.load(folder: root.appendingPathComponent("Models/role-chains").path)
        let model = AccessModel(snapshot: snapshot, zoneMode: .organization)
        let answer = try XCTUnwrap(try model.whoCan(resource: "arn:aws:s3:::chains-vault", options: AnalysisOptions(timeoutMilliseconds: 120_000)))
        let path = try XCTUnwrap(answer.outsideThroughRoles?.path)
        XCTAssertEqual(path.callers, ["arn:aws:iam::210000000002:role/TaggedEntry", "arn:aws:iam::210000000002:role/TagGated"])
        XCTAssertEqual(path.entry.witness?.context["aws:RequestTag/clearance"]?.text, "high")
        XCTAssertEqual(path.entry.witness?.context.values(for: "aws:TagKeys")?.map(\.text), ["clearance"])
        XCTAssertEqual(path.hops.first?.witness?.principal.tags["clearance"], "high")
    }
}
