import Analysis
import Authorizer
import Encoding
import Policy

/// Last hops on resources that share a policy template, asked once (issue 18's scale): the
/// organization-shared buckets of one account, say, differ only in their names, and every role
/// state that reaches one asks the same question of each. A target with a canonical form
/// (`CanonicalResource`: its name tokens swapped with `zq99…`, `zr99…`; its account is not
/// renamed, as the caller's side names accounts) is filed under that form's content; targets
/// filed together share one group of `LastHopAnswers`, whose questions about any of them are
/// asked in the canonical form of the group's first target — one question, literally the same,
/// for all of them.
///
/// Why an answer carries over (docs/ANALYSIS.md, "Canonical forms", and `CanonicalResource`):
/// the question for target t is σ applied to the canonical question when σ (t's swap) moves
/// every value of it accordingly and every test the semantics makes on a value commutes with σ.
/// The target's side is checked by `CanonicalResource.make` (its policy and RCPs; no KMS grants,
/// no access point); the caller's side — identity policies, boundary, session policy, SCPs and
/// the caller itself — must hold none of σ's tokens (then σ leaves it as it is, and it is one
/// side for every target of the group) and its policies must pass the same commutation checks
/// (`CanonicalResource.commutes`): `app-1234-*` in an identity policy, which would match a
/// target's name and not its canonical one, keeps the question as it is. Two targets are filed
/// together only when their canonical forms have the same content (`FieldFingerprint`), so the
/// canonical questions are the same question.
///
/// Then an UNSAT answer is a proof for the target; a witness is moved back by σ (its own
/// inverse) and replayed against the target's own question (`replays`), the target's own
/// question asked should it not replay; an UNPROVEN answer is not carried over: the target's own
/// question is asked. `TemplateTargetsTests` compares, question by question, the answers with and
/// without templates (`RAMPART_CANONICAL_CHECKS=all` on every corpus policy).
struct TemplateTargets: Sendable {
    /// Each target's group: its canonical form's content, or its own position when it has none.
    let groups: [String]
    /// Each target's swap to the canonical form of its group's first target; nil: asked as it is.
    let swaps: [TokenSwap?]
    /// Each group's canonical target (the canonical form of its first target).
    let canonical: [String: AnalyzedResource]

    /// - Parameter sharing: off, every target is its own group, asked as it is.
    init(resources: [AnalyzedResource], sharing: Bool) {
        var groups: [String] = [], swaps: [TokenSwap?] = [], canonical: [String: AnalyzedResource] = [:]
        // No single-account zone: only the name tokens are swapped, never an account.
        let zone = RenamableZone(ZoneOfTrust(accounts: []))
        for (position, resource) in resources.enumerated() {
            guard sharing, let form = CanonicalResource.make(resource, in: zone) else {
                groups.append("target\u{1E}\(position)")
                swaps.append(nil)
                continue
            }
            let key = "template\u{1E}" + resource.type.rawValue + "\u{1E}" + form.fingerprint
            if canonical[key] == nil { canonical[key] = form.resource }
            groups.append(key)
            swaps.append(form.swap)
        }
        self.groups = groups
        self.swaps = swaps
        self.canonical = canonical
    }

    /// The canonical question of `question` (a last hop on target `target`), or nil when it is
    /// to be asked as it is (no canonical form, or the caller's side does not pass the checks).
    func canonicalQuestion(_ question: ReachQuestion, target: Int) -> ReachQuestion? {
        guard let swap = swaps[target], let form = canonical[groups[target]] else { return nil }
        let tokens = swap.tokens
        let policies = question.policies
        let callerPolicies = (policies.identityPolicies ?? []) + [policies.permissionsBoundary, policies.sessionPolicy].compactMap { $0 }
            + (policies.serviceControlPolicies ?? []).flatMap { $0 }
        var values = ValueCollector()
        var principal = question.caller.principal
        principal.walkFields(&values)
        for var policy in callerPolicies { policy.walkFields(&values) }
        guard !values.holdsRun(of: tokens),
              callerPolicies.allSatisfy({ CanonicalResource.commutes($0, tokens: tokens, caseSensitiveTokens: true) }) else { return nil }
        var canonicalQuestion = question
        var set = form.policies
        set.identityPolicies = policies.identityPolicies
        set.permissionsBoundary = policies.permissionsBoundary
        set.serviceControlPolicies = policies.serviceControlPolicies
        set.sessionPolicy = policies.sessionPolicy
        canonicalQuestion.policies = set
        canonicalQuestion.resourceType = form.type
        canonicalQuestion.resourceARN = form.arn
        canonicalQuestion.resourceAccount = form.account
        canonicalQuestion.restrictPublicBucketsOwners = form.restrictPublicBucketsOwners
        return canonicalQuestion
    }

    /// The answer to `question` on target `target` from its canonical question's `answer`, or nil
    /// when the target's own question is to be asked (UNPROVEN, or a witness that does not replay).
    func answerBack(_ answer: ReachAnswer, for question: ReachQuestion, target: Int) -> ReachAnswer? {
        guard let swap = swaps[target] else { return nil }
        switch answer {
        case .unreachable:
            return .unreachable
        case .reachable(let witness):
            let moved = witness.renamed(by: swap)
            return Self.replays(moved, question) ? .reachable(moved) : nil
        case .unproven:
            return nil
        }
    }

    /// Whether `witness` is a real request of `question`'s caller that the question's policies
    /// allow — what `ReachAnswers` checks of a witness it moves to another member
    /// (`PrincipalReach.movedWitnessProblems`: the Authorizer and the facts, the pinned caller's
    /// kind, account, role and tags, no source-identity key its session cannot carry, S3
    /// RestrictPublicBuckets) — with the caller's own ARN unless its session name is free, on the
    /// question's resource.
    static func replays(_ witness: Request, _ question: ReachQuestion) -> Bool {
        guard PrincipalReach.movedWitnessProblems(witness, question: question).isEmpty else { return false }
        let caller = question.caller.principal
        if caller.kind != .assumedRoleSession || !question.caller.anySessionName, witness.principal.arn != caller.arn { return false }
        return witness.resource.hasPrefix(question.resourceARN)
    }
}

/// Every value of a walk, split in token runs (`TokenSwap.runs`): what a swap could rename.
private struct ValueCollector: FieldVisitor {
    var runs: Set<String> = []

    static var rewritesValues: Bool { false }

    mutating func visitValue(_ value: inout String, field: StaticString) {
        for run in TokenSwap.runs(in: value) { runs.insert(run) }
    }

    mutating func visitWord(_ word: String, field: StaticString) {}

    func holdsRun(of tokens: [String]) -> Bool { tokens.contains { runs.contains($0) } }
}
