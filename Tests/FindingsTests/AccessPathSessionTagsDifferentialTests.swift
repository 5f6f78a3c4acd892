import Analysis
import Authorizer
import Encoding
@testable import Findings
import Policy
import RampartTestSupport
import XCTest

/// Session tags along paths from an inside user, against a concrete search (issue 18, item 3):
/// for generated accounts of one user, three roles and a bucket, a breadth-first search with the
/// Authorizer over (caller, session tags, transitive tags) states and the prover's search from the
/// user must agree both ways — every role and the bucket the concrete search reaches has a path
/// (proved or UNPROVEN) in the prover's answer, and every path the prover calls proved is one the
/// concrete search takes.
///
/// The concrete rules are AWS's (IAM User Guide, "Pass session tags in AWS STS"; STS API
/// Reference, `AssumeRole`, `Tags` and `TransitiveTagKeys`): passing tags needs `sts:TagSession`
/// allowed on the same request as the `AssumeRole`, which then carries `aws:RequestTag/…` and
/// `aws:TagKeys`; the new session's tags are the role's own, overridden by the transitive tags it
/// inherits and the tags passed; a tag passed as transitive is inherited by every later session;
/// passing a key that is inherited fails. One tag key, `team`, with the values the policies name
/// and one they do not.
final class AccessPathSessionTagsDifferentialTests: XCTestCase {
    private let zone = GeneratedPathAccount.zone
    private let user = GeneratedPathAccount.user
    private let bucket = GeneratedPathAccount.bucket
    private func roleARN(_ index: Int) -> String { GeneratedPathAccount.roleARN(index) }
    private let roleCount = 3
    private let values = ["red", "blue", "green", "other"]

    private struct World {
        var userIdentity: String
        var userTags: [String: String]
        var trusts: [String]
        var identities: [String]
        var roleTags: [[String: String]]
        var bucketPolicy: String?
        /// Its place among the generated worlds (every fourth is also searched with the memo).
        var index = 0
    }

    private func generate(_ random: inout SeededGenerator) -> World {
        func statements(_ parts: [String]) -> String { #"{"Version": "2012-10-17", "Statement": [\#(parts.joined(separator: ","))]}"# }
        let conditions = ["", #", "Condition": {"StringEquals": {"aws:RequestTag/team": "red"}}"#,
                          #", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "red"}}"#,
                          #", "Condition": {"Null": {"aws:RequestTag/team": "true"}}"#,
                          #", "Condition": {"StringEquals": {"aws:RequestTag/team": "blue"}}"#]
        let trustActions = [#""sts:AssumeRole""#, #"["sts:AssumeRole", "sts:TagSession"]"#, #"["sts:AssumeRole", "sts:TagSession"]"#]
        let tagChoices: [[String: String]] = [[:], ["team": "green"], ["team": "red"]]
        let userTarget = random.pick([roleARN(random.int(0...2)), "arn:aws:iam::\(zone):role/*"])
        var userParts = [#"{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "\#(userTarget)"}"#]
        if random.chance(0.7) { userParts.append(#"{"Effect": "Allow", "Action": "sts:TagSession", "Resource": "*"}"#) }
        var trusts: [String] = [], identities: [String] = [], roleTags: [[String: String]] = []
        for _ in 0..<roleCount {
            var trust: [String] = []
            for _ in 0..<random.int(1...2) {
                let principal = random.pick([user, "arn:aws:iam::\(zone):root", roleARN(random.int(0...2))])
                trust.append(#"{"Effect": "Allow", "Principal": {"AWS": "\#(principal)"}, "Action": \#(random.pick(trustActions))\#(random.pick(conditions))}"#)
            }
            trusts.append(statements(trust))
            var identity: [String] = []
            for _ in 0..<random.int(1...2) {
                if random.chance(0.6) {
                    identity.append(#"{"Effect": "Allow", "Action": \#(random.pick(trustActions)), "Resource": "\#(random.pick([roleARN(random.int(0...2)), "*"]))"}"#)
                } else {
                    identity.append(#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}"#)
                }
            }
            identities.append(statements(identity))
            roleTags.append(random.pick(tagChoices))
        }
        let deny = #"{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*", "Condition": "#
        let bucketPolicies: [String?] = [nil,
            statements([deny + #"{"StringNotEquals": {"aws:PrincipalTag/team": "red"}}}"#]),
            statements([deny + #"{"StringNotEquals": {"aws:PrincipalTag/team": "blue"}}}"#]),
            statements([deny + #"{"StringEquals": {"aws:PrincipalTag/team": "green"}}}"#])]
        return World(userIdentity: statements(userParts), userTags: random.pick(tagChoices), trusts: trusts, identities: identities,
                     roleTags: roleTags, bucketPolicy: random.pick(bucketPolicies))
    }

    private func parse(_ text: String, _ type: PolicyType) -> Policy? { PolicyParser.parse(text: text, source: "generated", type: type).policy }

    private func principal(_ caller: Int?, tags: [String: String]) -> Principal {
        var principal: Principal
        if let caller {
            principal = Principal.assumedRole(roleArn: roleARN(caller), sessionName: "s1")
            principal.userID = "AROAGENERATEDROLE000\(caller):s1"
        } else {
            principal = Principal.user(arn: user)
            principal.userID = "AIDAGENERATEDUSER0001"
        }
        principal.tags = tags
        return principal
    }

    /// Roles the concrete search enters from the user (caller nil), and whether it reads the bucket.
    private func concrete(_ world: World, trusts: [Policy], identities: [Policy], userIdentity: Policy,
                          bucketPolicy: Policy?) -> (roles: Set<Int>, bucket: Bool) {
        struct State: Hashable { var caller: Int?; var tags: [String: String]; var transitive: [String: String] }
        let start = State(caller: nil, tags: world.userTags, transitive: [:])
        var seen: Set<State> = [start]
        var queue = [start]
        func allowed(_ request: Request, _ set: PolicySet) -> Bool { Authorizer.evaluate(request, policies: set).outcome == .allow }
        var bucketRead = false
        while let state = queue.popLast() {
            let identity = state.caller.map { identities[$0] } ?? userIdentity
            if let caller = state.caller {
                var read = Request(principal: principal(caller, tags: state.tags), action: "s3:GetObject", resource: bucket + "/k")
                read.resourceAccount = zone
                if allowed(read, PolicySet(identityPolicies: [identity], resourcePolicy: bucketPolicy)) { bucketRead = true }
            }
            for next in trusts.indices {
                let set = PolicySet(identityPolicies: [identity], resourcePolicy: trusts[next], resourcePolicyKind: .roleTrust)
                // Pass nothing, or team=value, as transitive or not (not a key the session inherits).
                var passes: [(value: String, transitive: Bool)?] = [nil]
                if state.transitive["team"] == nil { for value in values { passes += [(value, false), (value, true)] } }
                for pass in passes {
                    var assume = Request(principal: principal(state.caller, tags: state.tags), action: "sts:AssumeRole", resource: roleARN(next))
                    assume.resourceAccount = zone
                    if let pass {
                        assume.context["aws:RequestTag/team"] = .string(pass.value)
                        assume.context.set("aws:TagKeys", values: [.string("team")])
                        if pass.transitive { assume.context.set("sts:TransitiveTagKeys", values: [.string("team")]) }
                    }
                    guard allowed(assume, set) else { continue }
                    if pass != nil {
                        var tagging = assume
                        tagging.action = "sts:TagSession"
                        guard allowed(tagging, set) else { continue }
                    }
                    var tags = world.roleTags[next]
                    var transitive = state.transitive
                    for (key, value) in state.transitive { tags[key] = value }
                    if let pass {
                        tags["team"] = pass.value
                        if pass.transitive { transitive["team"] = pass.value }
                    }
                    let successor = State(caller: next, tags: tags, transitive: transitive)
                    if seen.insert(successor).inserted { queue.append(successor) }
                }
            }
        }
        return (Set(seen.compactMap(\.caller)), bucketRead)
    }

    func testConcreteSearchFromAUserAgreesWithTheProversPathsBothWays() {
        var random = SeededGenerator(seed: 0x7A65_5E55)
        var failures: [String] = [], concreteRoles = 0, provedRoles = 0, bucketReads = 0, passingPaths = 0
        for index in 0..<40 where failures.count < 3 {
            var world = generate(&random)
            world.index = index
            let trusts = world.trusts.compactMap { parse($0, .trust) }, identities = world.identities.compactMap { parse($0, .identity) }
            guard trusts.count == roleCount, identities.count == roleCount, let userIdentity = parse(world.userIdentity, .identity) else { continue }
            let bucketPolicy = world.bucketPolicy.flatMap { parse($0, .resource) }
            let account = GeneratedPathAccount(trusts: trusts, identities: identities, roleTags: world.roleTags, user: principal(nil, tags: world.userTags),
                                               userIdentity: userIdentity, bucketPolicy: bucketPolicy)
            let search = account.search(actions: ["s3:GetObject"])
            let answer = concrete(world, trusts: trusts, identities: identities, userIdentity: userIdentity, bucketPolicy: bucketPolicy)
            concreteRoles += answer.roles.count
            if answer.bucket { bucketReads += 1 }
            let describe = "user: \(world.userIdentity) tags \(world.userTags)\ntrusts: \(world.trusts)\nidentities: \(world.identities)\n"
                + "role tags: \(world.roleTags)\nbucket: \(world.bucketPolicy ?? "none")"
            // Every fourth world, `who-can`'s way: searches from each role, then from the user, over
            // one cache, with and without the memo of visited role states (`VisitedStates`): the same paths.
            let caches = [ReachAnswers(keepsMovedAnswers: true), ReachAnswers(keepsMovedAnswers: true)], memo = VisitedStates()
            let shared = world.index % 4 != 0 ? [] : caches.indices.map { index -> AccessPathSearch.Result in
                for role in account.roles.keys.sorted() {
                    _ = AccessPathSearch.search(entries: [.inside(role)], callers: account.callers, roles: account.roles, resources: [account.bucket],
                                                actions: ["s3:GetObject"], timeoutMilliseconds: 120_000, answers: caches[index],
                                                visited: index == 0 ? memo : nil)
                }
                return account.search(actions: ["s3:GetObject"], answers: caches[index], visited: index == 0 ? memo : nil)
            }
            func described(_ result: AccessPathSearch.Result) -> [String] {
                func path(_ path: AccessPathSearch.Path?) -> String {
                    (path?.callers.joined(separator: ">") ?? "none") + " " + (path?.hops.map { ($0.witness.map(RequestFile.encode) ?? "-") + ($0.unproven ?? "") }.joined() ?? "")
                }
                return result.roles.keys.sorted().map { $0 + path(result.roles[$0]) } + result.reaches.map { path($0.path) + $0.unproven.map(path).joined() }
            }
            if shared.count == 2, described(shared[0]) != described(shared[1]) {
                failures.append("the memo of visited role states changes the user's paths:\n\(describe)\nwith: \(described(shared[0]).joined(separator: "\n"))\nwithout: \(described(shared[1]).joined(separator: "\n"))")
            }
            passingPaths += search.roles.values.filter { path in
                path.isProved && path.hops.contains { $0.witness?.context.contains("aws:TagKeys") ?? false }
            }.count
            let compared = GeneratedPathAccount.disagreements(search, concreteRoles: answer.roles, concreteBucket: answer.bucket, world: describe)
            failures += compared.failures
            provedRoles += compared.confirmed
        }
        print("AccessPathSessionTagsDifferentialTests: \(concreteRoles) roles entered and the bucket read in \(bucketReads) worlds concretely; "
              + "\(provedRoles) proved paths to roles confirmed, \(passingPaths) of them passing tags")
        for failure in failures { XCTFail(failure) }
        XCTAssertGreaterThan(concreteRoles, 0, "the generator must make some paths")
        XCTAssertGreaterThan(passingPaths, 0, "the generator must make some proved paths that pass tags")
        XCTAssertGreaterThan(bucketReads, 0, "the generator must make some paths to the bucket")
    }
}
