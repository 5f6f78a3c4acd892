import Analysis
import Authorizer
import Encoding
@testable import Findings
import Policy
import RampartTestSupport
import XCTest

/// Access paths against a concrete search (issue 18): for generated accounts of four roles and a
/// bucket, a breadth-first search with the Authorizer over sampled requests — outside callers
/// assuming roles, each role's session assuming the next, the last reading the bucket — never
/// finds a path to the bucket that the prover calls absent, and every path the prover reports
/// replays hop by hop through the Authorizer.
final class AccessPathDifferentialTests: XCTestCase {
    private let zone = "111122223333", outside = "444455556666"
    private let bucket = "arn:aws:s3:::b"
    private func roleARN(_ index: Int) -> String { "arn:aws:iam::111122223333:role/R\(index)" }
    private func roleID(_ index: Int) -> String { "AROAGENERATEDROLE000\(index)" }

    private struct World {
        var trusts: [String]          // one trust document per role
        var identities: [String]      // one identity document per role
        var tags: [[String: String]]
        var bucketPolicy: String?
    }

    private func generate(_ random: inout SeededGenerator) -> World {
        let count = 4
        func statements(_ parts: [String]) -> String { #"{"Version": "2012-10-17", "Statement": [\#(parts.joined(separator: ","))]}"# }
        let conditions = ["", #", "Condition": {"StringEquals": {"sts:ExternalId": "x"}}"#,
                          #", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "red"}}"#,
                          #", "Condition": {"StringEquals": {"aws:PrincipalAccount": "111122223333"}}"#]
        var trusts: [String] = [], identities: [String] = [], tags: [[String: String]] = []
        for _ in 0..<count {
            var trust: [String] = []
            for _ in 0..<random.int(1...2) {
                let principals = ["arn:aws:iam::\(outside):root", "arn:aws:iam::\(zone):root", roleARN(random.int(0...(count - 1))), "*"]
                let effect = random.chance(0.15) ? "Deny" : "Allow"
                trust.append(#"{"Effect": "\#(effect)", "Principal": {"AWS": "\#(random.pick(principals))"}, "Action": "sts:AssumeRole"\#(random.pick(conditions))}"#)
            }
            trusts.append(statements(trust))
            var identity: [String] = []
            for _ in 0..<random.int(1...3) {
                let assume = [roleARN(random.int(0...(count - 1))), "arn:aws:iam::\(zone):role/*", "*"]
                if random.chance(0.6) {
                    identity.append(#"{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "\#(random.pick(assume))"}"#)
                } else {
                    identity.append(#"{"Effect": "Allow", "Action": "\#(random.pick(["s3:GetObject", "s3:*", "*"]))", "Resource": "\#(random.pick(["arn:aws:s3:::b/*", "*"]))"}"#)
                }
            }
            identities.append(statements(identity))
            tags.append(random.chance(0.4) ? ["team": "red"] : [:])
        }
        let bucketPolicies: [String?] = [nil,
            statements([#"{"Effect": "Allow", "Principal": {"AWS": "\#(roleARN(random.int(0...3)))"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}"#]),
            statements([#"{"Effect": "Deny", "Principal": {"AWS": "\#(roleARN(random.int(0...3)))"}, "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"]}"#])]
        return World(trusts: trusts, identities: identities, tags: tags, bucketPolicy: random.pick(bucketPolicies))
    }

    private func parse(_ text: String, _ type: PolicyType) -> Policy? { PolicyParser.parse(text: text, source: "generated", type: type).policy }

    /// A session of role `index` as the concrete search uses it (the prover leaves the name free).
    private func session(_ index: Int, world: World) -> Principal {
        var principal = Principal.assumedRole(roleArn: roleARN(index), sessionName: "s1")
        principal.userID = roleID(index) + ":s1"
        principal.tags = world.tags[index]
        return principal
    }

    private let contexts: [[String: String]] = [[:], ["sts:ExternalId": "x"]]

    private func request(_ principal: Principal, _ action: String, _ resource: String, _ context: [String: String]) -> Request {
        var request = Request(principal: principal, action: action, resource: resource)
        request.resourceAccount = zone
        for (key, value) in context { request.context[key] = .string(value) }
        return request
    }

    /// Roles the concrete search reaches from outside, and whether it reaches the bucket.
    private func concrete(_ world: World, trusts: [Policy], identities: [Policy], bucketPolicy: Policy?) -> (roles: Set<Int>, bucket: Bool) {
        let outsiders: [Principal] = [.accountRoot(outside), .role(arn: "arn:aws:iam::\(outside):role/X")]
        var reached = Set<Int>()
        for index in trusts.indices {
            let set = PolicySet(identityPolicies: nil, resourcePolicy: trusts[index], resourcePolicyKind: .roleTrust)
            if outsiders.contains(where: { caller in contexts.contains { Authorizer.evaluate(request(caller, "sts:AssumeRole", roleARN(index), $0), policies: set).outcome == .allow } }) {
                reached.insert(index)
            }
        }
        var queue = Array(reached)
        while let current = queue.popLast() {
            for next in trusts.indices where !reached.contains(next) {
                let set = PolicySet(identityPolicies: [identities[current]], resourcePolicy: trusts[next], resourcePolicyKind: .roleTrust)
                if contexts.contains(where: { Authorizer.evaluate(request(session(current, world: world), "sts:AssumeRole", roleARN(next), $0), policies: set).outcome == .allow }) {
                    reached.insert(next)
                    queue.append(next)
                }
            }
        }
        let bucket = reached.contains { index in
            let set = PolicySet(identityPolicies: [identities[index]], resourcePolicy: bucketPolicy)
            return Authorizer.evaluate(request(session(index, world: world), "s3:GetObject", self.bucket + "/k", [:]), policies: set).outcome == .allow
        }
        return (reached, bucket)
    }

    private func check(seed: UInt64, worlds: Int) {
        var random = SeededGenerator(seed: seed)
        var concreteReaches = 0, proverReaches = 0, failures: [String] = []
        for _ in 0..<worlds where failures.count < 3 {
            let world = generate(&random)
            let trusts = world.trusts.compactMap { parse($0, .trust) }, identities = world.identities.compactMap { parse($0, .identity) }
            guard trusts.count == world.trusts.count, identities.count == world.identities.count else { continue }
            let bucketPolicy = world.bucketPolicy.flatMap { parse($0, .resource) }
            // The prover: entries from each trust's external-access analysis, then the search.
            var roles: [String: AnalyzedResource] = [:], callers: [String: CallerIdentity] = [:], entries: [AccessPathSearch.Entry] = []
            for index in trusts.indices {
                let role = AnalyzedResource(arn: roleARN(index), type: .iamRole, account: zone, policy: trusts[index])
                roles[role.arn] = role
                var principal = Principal.assumedRole(roleArn: roleARN(index), sessionName: "session")
                principal.userID = roleID(index)
                principal.tags = world.tags[index]
                callers[role.arn] = CallerIdentity(arn: role.arn, account: zone, isRole: true,
                                                   pin: PrincipalPin(principal, anySessionName: true, anyOrganization: true),
                                                   identityPolicies: [identities[index]], permissionsBoundary: nil, serviceControlPolicies: nil, unknown: [])
                let result = ExternalAccessAnalyzer.analyze(role, zone: .account(zone), options: AnalysisOptions(timeoutMilliseconds: 120_000))
                if let entry = AccessPathSearch.entry(roleARN: role.arn, result: result) { entries.append(entry) }
            }
            let target = AnalyzedResource(arn: bucket, type: .s3Bucket, account: zone, policy: bucketPolicy)
            let search = AccessPathSearch.search(entries: entries, callers: callers, roles: roles, resources: [target], timeoutMilliseconds: 120_000)
            let proverReach = search.reaches.first
            let concreteAnswer = concrete(world, trusts: trusts, identities: identities, bucketPolicy: bucketPolicy)
            if concreteAnswer.bucket { concreteReaches += 1 }
            if proverReach?.path != nil { proverReaches += 1 }
            let describe = "seed \(seed)\ntrusts: \(world.trusts)\nidentities: \(world.identities)\ntags: \(world.tags)\nbucket: \(world.bucketPolicy ?? "none")"
            if concreteAnswer.bucket && proverReach == nil {
                failures.append("the concrete search reaches the bucket, the prover finds no path: \(describe)")
            }
            for index in concreteAnswer.roles where search.roles[roleARN(index)] == nil {
                failures.append("the concrete search enters \(roleARN(index)) from outside, the prover does not: \(describe)")
            }
            // Every proved path replays hop by hop.
            if let path = proverReach?.path {
                for hop in path.hops {
                    guard let witness = hop.witness, let caller = callers[hop.caller] else { failures.append("a proved hop without a witness"); continue }
                    let set = hop.target == bucket ? caller.policies(toward: target) : roles[hop.target].map { caller.policies(toward: $0) }
                    if let set, Authorizer.evaluate(witness, policies: set).outcome != .allow {
                        failures.append("hop \(hop.caller) → \(hop.target) does not replay: \(RequestFile.encode(witness))\n\(describe)")
                    }
                }
            }
        }
        print("AccessPathDifferentialTests seed \(seed): the bucket reached in \(concreteReaches) worlds by the concrete search, \(proverReaches) by a proved path")
        for failure in failures { XCTFail(failure) }
        XCTAssertGreaterThan(concreteReaches, 0, "the generator must make some paths")
    }

    func testConcreteSearchNeverFindsAPathTheProverCallsAbsent() { check(seed: 0x00A1_7E18, worlds: 40) }
}
