import Authorizer
import Encoding
import Policy

/// An index over the targets of access-path hops (issue 18's scale): for one caller, the targets
/// whose hop `ReachScreen` could leave open, so that a search visits those instead of every role
/// and every resource of the snapshot.
///
/// `ReachScreen` closes a hop unless the caller's identity policies could allow it (an Allow
/// statement whose actions could match the question's and whose resources could match the
/// target) or the target's resource policy could name the caller (an Allow statement whose
/// principal could) — and, for a target that must allow explicitly (a role's trust, a KMS key's
/// policy), unless the latter. So every hop the screen leaves open is to a target found here
/// through one of two doors, each read more loosely than the screen reads it:
///
/// - the resource's side: its Allow statements' `Principal` entries, filed by what could name a
///   caller (`StatementScreen.entryReach`): an account id or root ARN, an ARN (ignoring case), a
///   unique id, any session ARN (for a role's sessions of any name); a statement with no
///   principal, `NotPrincipal`, everyone, a wildcard or variable or `CanonicalUser` entry could
///   name anyone. Actions and resources are not read here.
/// - the caller's side: each Allow statement of its identity policies whose actions could match
///   the target's question (`ReachScreen.actionCouldMatch`) finds the targets whose request
///   resources share a prefix with one of its `Resource` patterns — a pattern and a scope can
///   match one string only when the pattern's literal head is a prefix of the scope's or, for a
///   scope open at its end, the other way round. Not read for targets that must allow explicitly,
///   nor for targets of another account than the caller's: across accounts the screen closes a
///   hop unless both sides could allow ("Cross-account policy evaluation logic", IAM User Guide),
///   so such a target is a candidate only through the resource's door. A target whose owner is
///   not known (`Target.account` nil) may be in the caller's account: this door stays open.
///
/// Targets the screen does not read are always candidates: those with S3 access points, those
/// whose ARN is not of their type, and every target for a caller that is not an IAM identity or
/// whose identity policies are unknown (`nil`, read as allowing). Whatever this returns, the
/// question still goes through the screen and the solver: the index only skips hops the screen
/// would close (`ReachCandidatesTests` checks it against the screen on generated policies).
///
/// ```swift
/// let index = ReachCandidates(targets: roles.map { ReachCandidates.Target(resourceType: .iamRole, arn: $0.arn,
///                                                                       policies: $0.policies, actions: ["sts:AssumeRole"]) })
/// for position in index.candidates(caller: pin, identityPolicies: policies) { /* ask about targets[position] */ }
/// ```
public struct ReachCandidates: Sendable {
    /// One target: what the screen reads of it.
    public struct Target: Sendable {
        public var resourceType: ResourceType
        public var arn: String
        /// Its side of a request (resource policy, access points); the caller's side is ignored.
        public var policies: PolicySet
        /// The action patterns asked about it; nil: any action of its type's services.
        public var actions: [String]?
        /// The owning account, as the hop's question states it (`ReachQuestion.resourceAccount`);
        /// nil when not known.
        public var account: String?

        public init(resourceType: ResourceType, arn: String, policies: PolicySet, actions: [String]?, account: String?) {
            self.resourceType = resourceType
            self.arn = arn
            self.policies = policies
            self.actions = actions
            self.account = account
        }
    }

    /// The targets of one action scope whose identity side is read: their request resources by
    /// lowercase prefix.
    private struct ScopeGroup: Sendable {
        var patterns: [GlobPattern]
        /// (prefix bytes, target) sorted by prefix, every scope of every target.
        var prefixes: [(prefix: [UInt8], target: Int)] = []
        /// Targets by the prefix of a scope open at its end.
        var openEnded: [[UInt8]: [Int]] = [:]
        var openEndedLengths: Set<Int> = []
        var all: [Int] = []
    }

    public let count: Int
    /// Each target's owning account (`Target.account`).
    private var accounts: [String?] = []
    private var always: [Int] = []
    private var everyTarget: [Int] = []
    /// Targets whose resource policy could name any caller, or any session of a role.
    private var namingAnyone: [Int] = []
    private var namingAnySession: [Int] = []
    /// Targets whose resource policy has an entry equal to the key (an account, a unique id), or
    /// equal ignoring case (an ARN, lowercased).
    private var namingExactly: [String: [Int]] = [:]
    private var namingLowercased: [String: [Int]] = [:]
    private var groups: [ScopeGroup] = []

    public init(targets: [Target]) {
        count = targets.count
        everyTarget = Array(targets.indices)
        accounts = targets.map(\.account)
        var groupByPatterns: [[String]: Int] = [:]
        for (position, target) in targets.enumerated() {
            let scopes = target.resourceType.requestResources(for: target.arn)
            if scopes.isEmpty || !(target.policies.accessPointPolicies?.isEmpty ?? true) {
                always.append(position)
                continue
            }
            fileResourceSide(target.policies.resourcePolicy, position: position)
            var policies = target.policies
            if policies.resourcePolicyKind == nil {
                policies.resourcePolicyKind = target.resourceType.isRoleTrust ? .roleTrust
                    : ResourcePolicyKind.infer(policy: policies.resourcePolicy, resource: target.arn)
            }
            // Such a target opens only through its own grant (`ReachScreen`'s last rule).
            if policies.resourcePolicyKind?.mustAllowExplicitly ?? false { continue }
            let patterns = ReachScreen.actionScope(target.actions, resourceType: target.resourceType)
            let key = patterns
            let group: Int
            if let known = groupByPatterns[key] {
                group = known
            } else {
                group = groups.count
                groupByPatterns[key] = group
                groups.append(ScopeGroup(patterns: ReachScreen.actionGlobs(patterns)))
            }
            groups[group].all.append(position)
            for scope in scopes {
                let prefix = Array(scope.prefix.lowercased().utf8)
                groups[group].prefixes.append((prefix, position))
                if scope.anySuffix {
                    groups[group].openEnded[prefix, default: []].append(position)
                    groups[group].openEndedLengths.insert(prefix.count)
                }
            }
        }
        for group in groups.indices {
            groups[group].prefixes.sort { $0.prefix.lexicographicallyPrecedes($1.prefix) }
        }
    }

    private mutating func fileResourceSide(_ policy: Policy?, position: Int) {
        guard let policy else { return }
        var anyone = false, anySession = false
        var exact: Set<String> = [], lowered: Set<String> = []
        for statement in policy.statements where statement.effect == .allow {
            guard let element = statement.principal, !element.isNegated, !element.namesEveryone else {
                anyone = true
                break
            }
            for entry in element.entries {
                switch entry.type {
                case .service, .federated:
                    continue
                case .canonicalUser:
                    anyone = true
                case .aws:
                    let value = entry.value
                    if value.contains("*") || value.contains("?") || value.contains("${") {
                        anyone = true
                        continue
                    }
                    exact.insert(value)
                    if let arn = ARN(parsing: value), arn.service == "iam", arn.resource == "root" { exact.insert(arn.account) }
                    let lowercased = value.lowercased()
                    lowered.insert(lowercased)
                    if lowercased.contains(":assumed-role/") { anySession = true }
                }
            }
            if anyone { break }
        }
        if anyone {
            namingAnyone.append(position)
            return
        }
        if anySession { namingAnySession.append(position) }
        for key in exact { namingExactly[key, default: []].append(position) }
        for key in lowered { namingLowercased[key, default: []].append(position) }
    }

    /// The positions, ascending, of the targets whose hop from `caller`, with `identityPolicies`
    /// (nil: unknown, allowing), the screen could leave open.
    /// `ownSide`: what `ownSide(_:account:)` gives for these identity policies and the caller's
    /// account, when already known (the same for every caller of the account with these policies).
    public func candidates(caller: PrincipalPin, identityPolicies: [Policy]?, ownSide known: Set<Int>? = nil) -> [Int] {
        let principal = caller.principal
        guard principal.kind == .iamUser || principal.kind == .assumedRoleSession, let identityPolicies else { return everyTarget }
        var found = Set(always)
        found.formUnion(namingAnyone)
        if principal.kind == .assumedRoleSession && caller.anySessionName { found.formUnion(namingAnySession) }
        for key in [principal.account, principal.userID].compactMap({ $0 }) { found.formUnion(namingExactly[key] ?? []) }
        for arn in [principal.arn, principal.roleArn].compactMap({ $0 }) { found.formUnion(namingLowercased[arn.lowercased()] ?? []) }
        found.formUnion(known ?? ownSide(identityPolicies, account: principal.account))
        return found.sorted()
    }

    /// The caller's door: the targets an Allow statement of `identityPolicies` could reach, kept
    /// to those of `account` (the caller's) or whose owner is not known.
    public func ownSide(_ identityPolicies: [Policy], account: String?) -> Set<Int> {
        var ownSide = Set<Int>()
        for policy in identityPolicies {
            for statement in policy.statements where statement.effect == .allow {
                for group in groups where ReachScreen.actionsCouldMatch(statement, scope: group.patterns) {
                    guard let resources = statement.resources, !resources.isNegated else {
                        ownSide.formUnion(group.all)
                        continue
                    }
                    for pattern in resources.values {
                        Self.collect(Self.literalHead(pattern), in: group, into: &ownSide)
                    }
                }
            }
        }
        guard let account else { return ownSide }
        return ownSide.filter { position in accounts[position].map { $0 == account } ?? true }
    }

    /// The bytes of `pattern` (lowercased, variables widened as the screen widens them) before its
    /// first wildcard.
    static func literalHead(_ pattern: String) -> [UInt8] {
        var head = String.UnicodeScalarView()
        for token in GlobPattern.widenedOverVariables(pattern.lowercased()).tokens {
            guard case .literal(let scalar) = token else { break }
            head.append(scalar)
        }
        return Array(String(head).utf8)
    }

    /// The targets of `group` with a scope whose prefix starts with `head`, or (open-ended) is a
    /// prefix of `head`.
    private static func collect(_ head: [UInt8], in group: ScopeGroup, into found: inout Set<Int>) {
        var low = 0, high = group.prefixes.count
        while low < high {
            let middle = (low + high) / 2
            if group.prefixes[middle].prefix.lexicographicallyPrecedes(head) { low = middle + 1 } else { high = middle }
        }
        while low < group.prefixes.count, group.prefixes[low].prefix.starts(with: head) {
            found.insert(group.prefixes[low].target)
            low += 1
        }
        for length in group.openEndedLengths where length < head.count {
            if let targets = group.openEnded[Array(head[..<length])] { found.formUnion(targets) }
        }
    }
}
