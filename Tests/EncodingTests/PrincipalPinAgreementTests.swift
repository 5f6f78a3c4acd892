import Authorizer
import Encoding
import Foundation
import RampartTestSupport
import XCTest
import Z3

/// `PrincipalPin` (issue 18's edges) agrees with the Authorizer: for generated policy sets and a
/// generated caller, the pinned question (allowed, the caller fixed, everything else free) either
/// finds a witness — which must be a request of that caller the Authorizer allows — or proves that
/// none exists, which every generated request of that caller must confirm. With `anySessionName`,
/// a role session's name varies (and its `aws:userid` with it) over the confirming requests.
final class PrincipalPinAgreementTests: XCTestCase {
    static var sets: Int { Int(60 * DifferentialBudget.scale) }
    static let resourceLimit: UInt32 = 2_000_000
    static let hangGuardMilliseconds: UInt32 = 600_000
    static let requestsPerProof = 24

    /// A session of the same role named `name`, its `aws:userid` the role id and the name.
    private func session(_ principal: Principal, named name: String, roleID: String?) -> Principal {
        guard let roleArn = principal.roleArn else { return principal }
        var renamed = Principal.assumedRole(roleArn: roleArn, sessionName: name)
        renamed.userID = roleID.map { "\($0):\(name)" }
        renamed.orgID = principal.orgID
        renamed.orgPaths = principal.orgPaths
        renamed.tags = principal.tags
        renamed.canonicalUserID = principal.canonicalUserID
        return renamed
    }

    private func agree(seed: UInt64) {
        var policies = PolicyGenerator(seed: seed)
        var requests = RequestGenerator(seed: seed ^ 0x0000_0000_0091_7700)
        var random = SeededGenerator(seed: seed ^ 0x0000_0091_7000_0000)
        var found = 0, proofs = 0, unknown = 0, skipped = 0, failures: [String] = []
        for _ in 0..<Self.sets where failures.count < 3 {
            let (generated, set) = policies.validPolicySet(small: true)
            let account = random.pick(DifferentialPools.accounts)
            var caller = requests.request(for: set).principal
            let anySessionName = caller.kind == .assumedRoleSession && random.chance(0.5)
            var roleID: String?
            if anySessionName {
                roleID = caller.userID.map { String($0.prefix { $0 != ":" }) }
                caller = session(caller, named: "s1", roleID: roleID)
                caller.userID = roleID
            }
            let answer: Z3CheckResult
            let context: Z3Context
            let authorization: SymbolicAuthorization
            do {
                context = try Z3Context()
                authorization = try EvaluationCompiler.compile(set, resourceAccount: account, in: context)
                let pinned = try authorization.pin(PrincipalPin(caller, anySessionName: anySessionName))
                let solver = try Z3Solver(context: context, timeoutMilliseconds: Self.hangGuardMilliseconds, resourceLimit: Self.resourceLimit)
                try solver.assert(authorization.allowed)
                try solver.assert(pinned)
                try solver.assert(authorization.wellFormedness())
                answer = try solver.check()
            } catch {
                skipped += 1  // a caller the symbolic model cannot represent (RequestPinning's documented limits)
                continue
            }
            switch answer {
            case .sat(let model):
                found += 1
                guard var witness = try? authorization.decode(model) else {
                    failures.append("the witness could not be decoded, seed \(seed)\n\(generated.description)")
                    continue
                }
                let pin = PrincipalPin(caller, anySessionName: anySessionName)
                let decoded = witness.principal
                // The decoder writes only what the policies read: what it wrote must be the caller's.
                let sameCaller = decoded.kind == caller.kind && decoded.account == caller.account && decoded.roleArn == caller.roleArn
                    && decoded.tags.allSatisfy { caller.tags[$0.key] == $0.value } && (anySessionName || decoded.arn == caller.arn)
                witness.principal = pin.caller(of: decoded)
                let principal = witness.principal
                let allowed = Authorizer.evaluate(witness, policies: set).outcome == .allow
                if !sameCaller || !allowed {
                    failures.append("""
                    pinned witness \(allowed ? "" : "not allowed by the Authorizer ")\(sameCaller ? "" : "of another caller "), seed \(seed)
                    \(generated.description)
                    caller: \(caller)
                    witness: \(RequestFile.encode(witness))
                    """)
                }
                if anySessionName, let roleID, let name = principal.arn?.split(separator: "/").last, principal.userID != "\(roleID):\(name)" {
                    failures.append("a free session's aws:userid is not the role id and its name: \(RequestFile.encode(witness))")
                }
            case .unsat:
                proofs += 1
                for index in 0..<Self.requestsPerProof {
                    var request = requests.request(for: set)
                    request.resourceAccount = account
                    request.principal = anySessionName
                        ? session(caller, named: DifferentialPools.sessionNames[index % DifferentialPools.sessionNames.count], roleID: roleID)
                        : caller
                    if Authorizer.evaluate(request, policies: set).outcome == .allow {
                        failures.append("""
                        the pinned question proved no request of the caller is allowed, but the Authorizer allows one, seed \(seed)
                        \(generated.description)
                        request: \(RequestFile.encode(request))
                        """)
                        break
                    }
                }
            case .unknown:
                unknown += 1
            }
        }
        print("PrincipalPinAgreementTests seed \(seed): \(found) witnesses replayed, \(proofs) proofs confirmed, \(unknown) unknown, \(skipped) not representable")
        for failure in failures { XCTFail(failure) }
        XCTAssertGreaterThan(found, 0)
        XCTAssertGreaterThan(proofs, 0)
        XCTAssertLessThanOrEqual(unknown * 5, (found + proofs + unknown) * 2, "more than 40% of the questions ran out of budget")
    }

    func testPinnedCallersAgreeSeed1() { agree(seed: 0x0001_9177) }
    func testPinnedCallersAgreeSeed2() { agree(seed: 0x0002_9177) }
}
