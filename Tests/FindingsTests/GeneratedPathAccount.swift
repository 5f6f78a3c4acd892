import Analysis
import Authorizer
import Encoding
@testable import Findings
import Policy

/// One generated account of the access-path differential tests (source identity, session tags):
/// user U, roles R0…, a bucket b, as `AccessPathSearch` reads them, and the comparison of the
/// prover's search from U with a concrete search's answer, both ways.
struct GeneratedPathAccount {
    static let zone = "111122223333"
    static let user = "arn:aws:iam::111122223333:user/U"
    static let bucket = "arn:aws:s3:::b"
    static func roleARN(_ index: Int) -> String { "arn:aws:iam::111122223333:role/R\(index)" }

    var roles: [String: AnalyzedResource] = [:]
    var callers: [String: CallerIdentity] = [:]
    var bucket: AnalyzedResource

    /// Role `index` has trust `trusts[index]`, identity policy `identities[index]` and own tags
    /// `roleTags[index]`; the user is `user` (its tags its own) with `userIdentity`.
    init(trusts: [Policy], identities: [Policy], roleTags: [[String: String]], user: Principal, userIdentity: Policy, bucketPolicy: Policy?) {
        let zone = Self.zone
        for index in trusts.indices {
            let arn = Self.roleARN(index)
            roles[arn] = AnalyzedResource(arn: arn, type: .iamRole, account: zone, policy: trusts[index])
            // Any session of the role: its name the assumer's choice, its id the role's.
            var session = Principal.assumedRole(roleArn: arn, sessionName: "session")
            session.userID = "AROAGENERATEDROLE000\(index)"
            session.tags = roleTags.indices.contains(index) ? roleTags[index] : [:]
            callers[arn] = CallerIdentity(arn: arn, account: zone, isRole: true, pin: PrincipalPin(session, anySessionName: true, anyOrganization: true),
                                          identityPolicies: [identities[index]], permissionsBoundary: nil, serviceControlPolicies: nil, unknown: [])
        }
        callers[Self.user] = CallerIdentity(arn: Self.user, account: zone, isRole: false, pin: PrincipalPin(user, anyOrganization: true),
                                            identityPolicies: [userIdentity], permissionsBoundary: nil, serviceControlPolicies: nil, unknown: [])
        bucket = AnalyzedResource(arn: Self.bucket, type: .s3Bucket, account: zone, policy: bucketPolicy)
    }

    /// The prover's search from the user (over its own cache, or `answers` and `visited`).
    func search(actions: [String]? = nil, answers: ReachAnswers? = nil, visited: VisitedStates? = nil) -> AccessPathSearch.Result {
        AccessPathSearch.search(entries: [.inside(Self.user)], callers: callers, roles: roles, resources: [bucket], actions: actions,
                                timeoutMilliseconds: 120_000, answers: answers, visited: visited)
    }

    /// Where `search` and a concrete search (the roles it enters by index, whether it reads the
    /// bucket) disagree: something reached concretely that the prover has no path to, or a path
    /// the prover calls proved that the concrete search does not take; and how many proved paths
    /// to roles were confirmed.
    static func disagreements(_ search: AccessPathSearch.Result, concreteRoles: Set<Int>, concreteBucket: Bool,
                              world: String) -> (failures: [String], confirmed: Int) {
        var failures: [String] = [], confirmed = 0
        for index in concreteRoles.sorted() where search.roles[roleARN(index)] == nil {
            failures.append("the concrete search enters \(roleARN(index)) from the user, the prover finds no path:\n\(world)")
        }
        if concreteBucket && search.reaches.first == nil {
            failures.append("the concrete search reads the bucket from the user, the prover finds no path:\n\(world)")
        }
        // The other way (`ChainReplay`): a path the prover calls proved is one chain of sessions,
        // which the concrete search takes too.
        for (role, path) in search.roles.sorted(by: { $0.key < $1.key }) where path.isProved {
            guard concreteRoles.contains(where: { roleARN($0) == role }) else {
                failures.append("the prover proves a path to \(role) that the concrete search does not take:\n\(world)")
                continue
            }
            confirmed += 1
        }
        if let path = search.reaches.first?.path, !concreteBucket {
            let witnesses = path.hops.compactMap { $0.witness.map(RequestFile.encode) }.joined(separator: "\n")
            failures.append("the prover proves a path to the bucket that the concrete search does not take:\n\(world)\n\(witnesses)")
        }
        return (failures, confirmed)
    }
}
