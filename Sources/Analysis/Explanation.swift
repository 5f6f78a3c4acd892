import Authorizer
import Encoding
import Policy
import Z3

/// Why no caller outside the zone gets in, read from unsat cores: for each Allow statement,
/// the parts of it (its principal, its conditions) and the Deny statements that together
/// leave no outside caller.
enum Explanation {
    /// The unsat-core label of the question's `actionsApply` (`ActionApplicability`).
    private static let actionsApplyLabel = "actions apply"

    static func whyNoExternalAccess(query: ExternalAccessQuery, enumerator: FindingEnumerator) throws -> [String] {
        let context = query.context
        let resourcePolicySource = query.resource.policy?.source
        let statements = query.authorization.statements.filter { $0.policy.source == resourcePolicySource }
        let allows = statements.filter { $0.statement.effect == .allow }
        // Deny statements of the resource policy and of the RCPs can both keep outsiders out.
        let denies = query.authorization.statements.filter { $0.statement.effect == .deny }
        let written = (query.resource.policy?.statements ?? []).filter { $0.effect == .allow }
        if written.isEmpty { return ["The policy has no Allow statement: it grants nothing."] }
        var lines: [String] = []
        for statement in written {
            // Left out of the encoding by the action scope: none of its actions is one of the
            // resource's services' (`ActionScope`).
            guard let allow = allows.first(where: { $0.statement.index == statement.index }) else {
                lines.append("\(label(statement)): does not apply to this resource's actions and resources.")
                continue
            }
            // As the enumerator asks: without the alphabets first (an UNSAT core without them
            // is one with them), in a simple solver within the budget, then in full. Not in the
            // preprocessing solver: its tactics may eliminate tracked assertions, which leaves
            // unsat cores empty (measured: every statement then read "does not apply").
            let options = enumerator.options
            var attempts: [(alphabets: Bool, kind: Z3Solver.Kind, budget: UInt32?)] = [(true, .general, nil)]
            if options.relaxedAlphabets {
                attempts.insert((false, .general, nil), at: 0)
                // The simple solver is poor at hard questions: a smaller budget than the first tries'.
                if options.firstTryBudget > 0 { attempts.insert((false, .simple, min(options.firstTryBudget, 20_000)), at: 0) }
            }
            var answer: Z3CheckResult = .unknown(reason: "not asked")
            for attempt in attempts {
                let solver = try Z3Solver(context: context, timeoutMilliseconds: options.timeoutMilliseconds,
                                          resourceLimit: attempt.budget, kind: attempt.kind)
                try solver.assert(query.frameOtherThanActionsApply)
                try solver.assertTracked(query.actionsApply, label: actionsApplyLabel)
                try solver.assert(allow.targetTest)
                try solver.assertTracked(query.external, label: "external")
                try solver.assertTracked(allow.principalTest, label: "principal")
                for (index, test) in allow.conditionTests.enumerated() { try solver.assertTracked(test, label: "condition:\(index)") }
                for (position, deny) in denies.enumerated() { try solver.assertTracked(try deny.applies.not(), label: "deny:\(position)") }
                try solver.assert(query.authorization.wellFormedness(alphabets: attempt.alphabets))
                answer = try solver.check()
                if answer.isUnsat { break }
                if case .sat(let model) = answer, try attempt.alphabets || query.authorization.alphabetsHold(in: model) { break }
            }
            let name = label(allow.statement)
            switch answer {
            case .unsat(let core):
                lines.append("\(name): " + describe(core: core, allow: allow.statement, denies: denies, resourcePolicy: resourcePolicySource))
            case .sat:
                // The statement alone could admit an outsider, yet the whole policy does not: the
                // evaluation logic (explicit-allow rules of the resource type) closes it.
                lines.append("\(name): admits no outside caller once the policy's evaluation rules apply.")
            case .unknown(let reason):
                lines.append("\(name): not explained (solver: \(reason)).")
            }
        }
        return lines
    }

    /// "Allow statement N (Sid)": how explanations name a statement.
    static func label(_ statement: Statement) -> String {
        if let sid = statement.sid?.value, !sid.isEmpty { return "Allow statement \(statement.index) (\(sid))" }
        return "Allow statement \(statement.index)"
    }

    private static func describe(core: [String], allow: Statement, denies: [CompiledStatement], resourcePolicy: String?) -> String {
        if core.isEmpty || core == ["external"] {
            return "does not apply to this resource's actions and resources."
        }
        var reasons: [String] = []
        if core.contains(actionsApplyLabel) {
            // Service Authorization Reference, each action's resource types (`ActionApplicability`).
            reasons.append("none of its actions applies to the resources it names (an action applies only to the resource types "
                + "the Service Authorization Reference gives it: s3:GetObject to objects, s3:ListBucket to the bucket)")
        }
        if core.contains("principal") {
            reasons.append("its Principal names only principals inside the zone of trust")
        }
        let conditions = core.compactMap { label -> String? in
            guard label.hasPrefix("condition:"), let index = Int(label.dropFirst("condition:".count)),
                  index < allow.conditions.count else { return nil }
            return ConditionText.describe(allow.conditions[index])
        }
        if !conditions.isEmpty {
            reasons.append("its condition\(conditions.count > 1 ? "s" : "") \(conditions.map { "[\($0)]" }.joined(separator: " and ")) admit\(conditions.count > 1 ? "" : "s") no caller outside the zone")
        }
        let blocking = core.compactMap { label -> String? in
            guard label.hasPrefix("deny:"), let position = Int(label.dropFirst("deny:".count)), position < denies.count
            else { return nil }
            let deny = denies[position].statement
            let name = deny.sid.map { "Deny statement \(deny.index) (\($0.value))" } ?? "Deny statement \(deny.index)"
            let source = denies[position].policy.source
            return source == resourcePolicy ? name : "\(name) of the RCP \(source)"
        }
        if !blocking.isEmpty {
            reasons.append("\(blocking.joined(separator: " and ")) den\(blocking.count > 1 ? "y" : "ies") the rest")
        }
        return reasons.joined(separator: "; ") + "."
    }
}
