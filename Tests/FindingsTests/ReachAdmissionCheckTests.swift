@testable import Analysis
import Authorizer
import Encoding
import Environment
@testable import Findings
import RampartTestSupport
import XCTest

/// The check of `ReachAdmission` against the solver: every hop question an access-path search
/// of Models/role-chains can ask — each user and role toward each role (`sts:AssumeRole`,
/// `sts:TagSession`, `sts:SetSourceIdentity`) and each resource, with the caller's tags fixed and
/// free and its source identity free and absent — and, for each request admitted without the
/// solver, the pinned question must be SAT with a witness that replays. CI checks a seeded sample
/// (`RAMPART_REACH_ADMISSION_CHECKS`, default 40 admitted requests); `all` checks every one.
final class ReachAdmissionCheckTests: XCTestCase {
    func testEveryAdmittedHopRequestIsSatPinned() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let snapshot = try SnapshotLoader.load(folder: root.appendingPathComponent("Models/role-chains").path)
        let model = AccessModel(snapshot: snapshot, zoneMode: .organization)
        var questions: [ReachQuestion] = []
        for caller in model.callers.values.sorted(by: { $0.arn < $1.arn }) {
            for anyTags in [false, true] {
                for sourceIdentity in [SourceIdentityState.free, .absent] {
                    var pin = caller.pin
                    pin.anyTags = anyTags
                    pin.sourceIdentity = sourceIdentity
                    for (arn, role) in model.roles.sorted(by: { $0.key < $1.key }) {
                        for action in ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"] {
                            questions.append(ReachQuestion(caller: pin, policies: caller.policies(toward: role), resourceType: .iamRole,
                                                           resourceARN: arn, resourceAccount: role.account, actions: [action]))
                        }
                    }
                    for resource in model.resources where resource.type != .iamRole {
                        var question = ReachQuestion(caller: pin, policies: caller.policies(toward: resource), resourceType: resource.type,
                                                     resourceARN: resource.arn, resourceAccount: resource.account)
                        question.restrictPublicBucketsOwners = resource.restrictPublicBucketsOwners
                        questions.append(question)
                    }
                }
            }
        }
        var admitted: [(ReachQuestion, Request)] = []
        for question in questions {
            for candidate in PrincipalReach.candidates(question, catalog: .shipped) {
                if candidate.admitted { admitted.append((question, candidate.request)) }
            }
        }
        // The model has hops with no condition (DataRole's read of chains-data, the loop LoopA ⇄
        // LoopB, EXPECTED.md): some requests are admitted.
        XCTAssertGreaterThan(admitted.count, 0)
        let limit = ProcessInfo.processInfo.environment["RAMPART_REACH_ADMISSION_CHECKS"].map { $0 == "all" ? Int.max : Int($0) ?? 40 } ?? 40
        var generator = SeededGenerator(seed: 18)
        let sample = admitted.count <= limit ? admitted : Array(admitted.shuffled(using: &generator).prefix(limit))
        for (question, request) in sample {
            guard case .reachable? = PrincipalReach.pinnedAnswer(question, request: request, catalog: .shipped, timeoutMilliseconds: 60_000) else {
                XCTFail("admitted without the solver but not confirmed pinned: \(RequestFile.encode(request)) for \(question.caller.principal.arn ?? "") → \(question.resourceARN)")
                continue
            }
        }
    }
}
