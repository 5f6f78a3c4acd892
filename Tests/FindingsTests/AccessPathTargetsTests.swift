import Analysis
import Authorizer
import Environment
@testable import Findings
import XCTest

/// `AccessPathTargets.leadingTo` on Models/role-chains (its EXPECTED.md works the chains by
/// hand): the callers from which a path to a resource could exist include every one that
/// reaches it, and a search kept to them finds, from each, the same path as a search over every
/// role.
final class AccessPathTargetsTests: XCTestCase {
    private func model() throws -> AccessModel {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let snapshot = try SnapshotLoader.load(folder: root.appendingPathComponent("Models/role-chains").path)
        return AccessModel(snapshot: snapshot, zoneMode: .organization)
    }

    private func role(_ name: String) -> String { "arn:aws:iam::210000000002:role/\(name)" }

    /// EXPECTED.md: `DataRole` reads chains-data (its identity policy, same account, no bucket
    /// policy), `PartnerAccess` through `DataRole`; `WebApp`'s identity policy allows only the
    /// secret and no trust names it, so no path from it reaches the bucket.
    func testTheCallersLeadingToChainsData() throws {
        let model = try model()
        let bucket = try XCTUnwrap(model.resources.first { $0.arn == "arn:aws:s3:::chains-data" })
        let targets = AccessPathTargets(callers: model.callers, roles: model.roles, resources: [bucket], actions: nil, unknownTargets: model.unknown)
        let leading = targets.leadingTo(role: nil, callers: model.callers)
        XCTAssertTrue(leading.isSuperset(of: [role("DataRole"), role("PartnerAccess")]))
        XCTAssertFalse(leading.contains(role("WebApp")))
    }

    /// For every resource and role of the model, each caller's search over every role and its
    /// search kept to `leadingTo` find the same reach (the same hops and witnesses), and every
    /// caller that reaches it is in the set.
    func testKeptSearchesFindTheSamePaths() throws {
        let model = try model()
        // One cache for every search: the same question has the same answer; what is compared
        // is which questions the searches ask and in what order they find paths.
        let answers = ReachAnswers()
        for target in model.resources {
            let isRole = target.type == .iamRole
            let resources = isRole ? [] : [target]
            let targets = AccessPathTargets(callers: model.callers, roles: model.roles, resources: resources, actions: nil,
                                            unknownTargets: model.unknown)
            let leading = targets.leadingTo(role: isRole ? target.arn : nil, callers: model.callers)
            // The same set with the own sides read once per class, and on several threads.
            XCTAssertEqual(targets.leadingTo(role: isRole ? target.arn : nil, callers: model.callers, classes: model.classes, workers: 3), leading,
                           target.arn)
            let kept = targets.keptTo(isRole ? leading.union([target.arn]) : leading)
            for caller in model.callers.keys.sorted() {
                func reach(_ searched: AccessPathTargets) -> String {
                    let result = AccessPathSearch.search(entries: [.inside(caller)], callers: model.callers, roles: model.roles,
                                                         resources: resources, unknownTargets: model.unknown, timeoutMilliseconds: 60_000,
                                                         answers: answers, targets: searched)
                    let path = isRole ? result.roles[target.arn] : result.reaches.first.flatMap { $0.path ?? $0.unproven.first }
                    guard let path else { return "none" }
                    return path.hops.map { "\($0.caller) → \($0.target) \($0.witness.map(RequestFile.encode) ?? "-") \($0.unproven ?? "")" }
                        .joined(separator: "; ")
                }
                let everyRole = reach(targets)
                if everyRole != "none" { XCTAssertTrue(leading.contains(caller), "\(caller) reaches \(target.arn) but is not leading there") }
                guard leading.contains(caller) else { continue }
                XCTAssertEqual(reach(kept), everyRole, "\(caller) → \(target.arn)")
            }
        }
    }
}
