import Analysis
import Authorizer
import Encoding
@testable import Findings
import Policy
import RampartTestSupport
import XCTest

/// Source identity along paths from an inside user, against a concrete search (issue 18, item 3):
/// for generated accounts of one user, three roles and a bucket, a breadth-first search with the
/// Authorizer over (caller, source identity) states never reaches a role or the bucket that the
/// prover's search from the user calls unreachable. The concrete rules are AWS's (IAM User Guide,
/// "Monitor and control actions taken with assumed roles"): the user's own requests carry no
/// source identity; an `AssumeRole` that sets one needs `sts:SetSourceIdentity` allowed too, on the
/// same role; once set it persists into the sessions chained from it (`sts:SourceIdentity` on
/// their `AssumeRole` requests, `aws:SourceIdentity` on every request).
final class AccessPathSourceIdentityDifferentialTests: XCTestCase {
    private let zone = GeneratedPathAccount.zone
    private let user = GeneratedPathAccount.user
    private let bucket = GeneratedPathAccount.bucket
    private func roleARN(_ index: Int) -> String { GeneratedPathAccount.roleARN(index) }
    private let roleCount = 3

    private struct World {
        var userIdentity: String
        var trusts: [String]
        var identities: [String]
        var bucketPolicy: String?
    }

    private func generate(_ random: inout SeededGenerator) -> World {
        func statements(_ parts: [String]) -> String { #"{"Version": "2012-10-17", "Statement": [\#(parts.joined(separator: ","))]}"# }
        let conditions = ["", #", "Condition": {"Null": {"sts:SourceIdentity": "false"}}"#,
                          #", "Condition": {"StringEquals": {"sts:SourceIdentity": "alice"}}"#,
                          #", "Condition": {"Null": {"sts:SourceIdentity": "true"}}"#]
        let trustActions = [#""sts:AssumeRole""#, #"["sts:AssumeRole", "sts:SetSourceIdentity"]"#, #""sts:SetSourceIdentity""#]
        let userTarget = random.pick([roleARN(random.int(0...2)), "arn:aws:iam::\(zone):role/*"])
        var userParts = [#"{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "\#(userTarget)"}"#]
        if random.chance(0.6) { userParts.append(#"{"Effect": "Allow", "Action": "sts:SetSourceIdentity", "Resource": "*"}"#) }
        var trusts: [String] = [], identities: [String] = []
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
                    identity.append(#"{"Effect": "Allow", "Action": ["sts:AssumeRole", "sts:SetSourceIdentity"], "Resource": "\#(random.pick([roleARN(random.int(0...2)), "*"]))"}"#)
                } else {
                    identity.append(#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}"#)
                }
            }
            identities.append(statements(identity))
        }
        let bucketPolicies: [String?] = [nil,
            statements([#"{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*", "Condition": {"Null": {"aws:SourceIdentity": "true"}}}"#]),
            statements([#"{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringNotEqualsIfExists": {"aws:SourceIdentity": "alice"}}}"#])]
        return World(userIdentity: statements(userParts), trusts: trusts, identities: identities, bucketPolicy: random.pick(bucketPolicies))
    }

    private func parse(_ text: String, _ type: PolicyType) -> Policy? { PolicyParser.parse(text: text, source: "generated", type: type).policy }

    private func principal(_ caller: Int?) -> Principal {
        guard let caller else {
            var principal = Principal.user(arn: user)
            principal.userID = "AIDAGENERATEDUSER0001"
            return principal
        }
        var principal = Principal.assumedRole(roleArn: roleARN(caller), sessionName: "s1")
        principal.userID = "AROAGENERATEDROLE000\(caller):s1"
        return principal
    }

    private func request(_ caller: Int?, _ action: String, _ resource: String, session: String?, setting: String? = nil) -> Request {
        var request = Request(principal: principal(caller), action: action, resource: resource)
        request.resourceAccount = zone
        if let session {
            request.context["aws:SourceIdentity"] = .string(session)
            request.context["sts:SourceIdentity"] = .string(session)
        } else if let setting {
            request.context["sts:SourceIdentity"] = .string(setting)
        }
        return request
    }

    /// Roles the concrete search enters from the user (caller nil), and whether it reads the bucket.
    private func concrete(trusts: [Policy], identities: [Policy], userIdentity: Policy, bucketPolicy: Policy?) -> (roles: Set<Int>, bucket: Bool) {
        struct State: Hashable { var caller: Int?; var sourceIdentity: String? }
        var seen: Set<State> = [State(caller: nil, sourceIdentity: nil)]
        var queue = Array(seen)
        func allowed(_ request: Request, _ set: PolicySet) -> Bool { Authorizer.evaluate(request, policies: set).outcome == .allow }
        var bucketRead = false
        while let state = queue.popLast() {
            let identity = state.caller.map { identities[$0] } ?? userIdentity
            if let caller = state.caller {
                let set = PolicySet(identityPolicies: [identity], resourcePolicy: bucketPolicy)
                var read = Request(principal: principal(caller), action: "s3:GetObject", resource: bucket + "/k")
                read.resourceAccount = zone
                if let carried = state.sourceIdentity { read.context["aws:SourceIdentity"] = .string(carried) }
                if allowed(read, set) { bucketRead = true }
            }
            for next in trusts.indices {
                let set = PolicySet(identityPolicies: [identity], resourcePolicy: trusts[next], resourcePolicyKind: .roleTrust)
                var successors: [State] = []
                if let carried = state.sourceIdentity {
                    if allowed(request(state.caller, "sts:AssumeRole", roleARN(next), session: carried), set) {
                        successors.append(State(caller: next, sourceIdentity: carried))
                    }
                } else {
                    if allowed(request(state.caller, "sts:AssumeRole", roleARN(next), session: nil), set) {
                        successors.append(State(caller: next, sourceIdentity: nil))
                    }
                    if allowed(request(state.caller, "sts:AssumeRole", roleARN(next), session: nil, setting: "alice"), set),
                       allowed(request(state.caller, "sts:SetSourceIdentity", roleARN(next), session: nil, setting: "alice"), set) {
                        successors.append(State(caller: next, sourceIdentity: "alice"))
                    }
                }
                for successor in successors where seen.insert(successor).inserted { queue.append(successor) }
            }
        }
        return (Set(seen.compactMap(\.caller)), bucketRead)
    }

    func testConcreteSearchFromAUserAgreesWithTheProversAbsentAndProvedPaths() {
        var random = SeededGenerator(seed: 0x5011_2CE1)
        var failures: [String] = [], concreteRoles = 0, withSourceIdentity = 0, bucketReads = 0, provedPaths = 0
        for _ in 0..<40 where failures.count < 3 {
            let world = generate(&random)
            let trusts = world.trusts.compactMap { parse($0, .trust) }, identities = world.identities.compactMap { parse($0, .identity) }
            guard trusts.count == roleCount, identities.count == roleCount, let userIdentity = parse(world.userIdentity, .identity) else { continue }
            let bucketPolicy = world.bucketPolicy.flatMap { parse($0, .resource) }
            let account = GeneratedPathAccount(trusts: trusts, identities: identities, roleTags: [], user: principal(nil),
                                               userIdentity: userIdentity, bucketPolicy: bucketPolicy)
            let search = account.search()
            let answer = concrete(trusts: trusts, identities: identities, userIdentity: userIdentity, bucketPolicy: bucketPolicy)
            concreteRoles += answer.roles.count
            if answer.bucket { bucketReads += 1 }
            if search.roles.values.contains(where: { $0.hops.contains { $0.sourceIdentity == .settingNow } }) { withSourceIdentity += 1 }
            let describe = "user: \(world.userIdentity)\ntrusts: \(world.trusts)\nidentities: \(world.identities)\nbucket: \(world.bucketPolicy ?? "none")"
            let compared = GeneratedPathAccount.disagreements(search, concreteRoles: answer.roles, concreteBucket: answer.bucket, world: describe)
            failures += compared.failures
            provedPaths += compared.confirmed
        }
        print("AccessPathSourceIdentityDifferentialTests: \(concreteRoles) roles entered and the bucket read in \(bucketReads) worlds concretely; \(withSourceIdentity) worlds with a hop that sets a source identity; \(provedPaths) proved paths to roles confirmed")
        for failure in failures { XCTFail(failure) }
        XCTAssertGreaterThan(concreteRoles, 0, "the generator must make some paths")
        XCTAssertGreaterThan(withSourceIdentity, 0, "the generator must make some paths that set a source identity")
        XCTAssertGreaterThan(bucketReads, 0, "the generator must make some paths to the bucket")
    }
}
