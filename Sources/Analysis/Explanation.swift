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

    static func whyNoExternalAccess(query: ExternalAccessQuery, options: AnalysisOptions,
                                    budget: QuestionBudget = .unbounded) throws -> [String] {
        // Its own asker: the enumeration's count of solver calls stays the enumeration's. Within
        // what is left of the question's time: past it, statements are "not explained" (the
        // proof stands).
        let asker = SolverAsker(authorization: query.authorization, options: options.asking,
                                subject: query.resource.arn, dumpPrefix: "explanation-")
        asker.budget = budget
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
            // Tracked for an unsat core, and asked as every question is (`SolverAsker`): without
            // the alphabets first, then in full.
            var tracked = [(label: "external", formula: query.external), (label: "principal", formula: allow.principalTest),
                           (label: actionsApplyLabel, formula: query.actionsApply)]
            for (index, test) in allow.conditionTests.enumerated() { tracked.append((label: "condition:\(index)", formula: test)) }
            for (position, deny) in denies.enumerated() { tracked.append((label: "deny:\(position)", formula: try deny.applies.not())) }
            let question = SolverQuestion([query.frameOtherThanActionsApply, allow.targetTest], tracked: tracked, purpose: "explanation")
            // A model naming a zone account the question does not state may be the relaxation's
            // (`ZoneRefinement`): the analysis is asked again with it.
            let answer = try asker.ask(question) { model in
                let unencoded = try ZoneRefinement.unencodedAccounts(in: model, query: query)
                if !unencoded.isEmpty { throw ZoneRefinementNeeded(accounts: unencoded) }
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
        let conditions = core.compactMap { label -> String? in
            guard label.hasPrefix("condition:"), let index = Int(label.dropFirst("condition:".count)),
                  index < allow.conditions.count else { return nil }
            return ConditionText.describe(allow.conditions[index])
        }
        // What closes the statement beside its Principal: its conditions, then Deny statements.
        var closing: [String] = []
        if !conditions.isEmpty {
            closing.append("its condition\(conditions.count > 1 ? "s" : "") \(conditions.map { "[\($0)]" }.joined(separator: " and ")) admit\(conditions.count > 1 ? "" : "s") no caller outside the zone")
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
            let denied = core.contains("principal") && conditions.isEmpty ? "them" : "the rest"
            closing.append("\(blocking.joined(separator: " and ")) den\(blocking.count > 1 ? "y" : "ies") \(denied)")
        }
        if core.contains("principal") {
            // The Principal alone keeps outsiders out only when nothing else is in the core; with
            // conditions or denies it names outside callers (a partner's role) that they close.
            if closing.isEmpty {
                reasons.append("its Principal names only principals inside the zone of trust")
            } else {
                closing[0] = "for the outside callers its Principal names, " + closing[0]
            }
        }
        return (reasons + closing).joined(separator: "; ") + "."
    }
}
