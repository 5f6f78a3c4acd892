import Authorizer
import Policy

/// A generated `PolicySet`: one document (or list of documents) per layer, kept as generated
/// documents so the shrinker can edit them and a failure can print them as JSON.
struct GeneratedPolicySet: Equatable {
    /// nil: unknown (assumed to allow); []: the caller has none.
    var identity: [GeneratedPolicy]?
    var resource: GeneratedPolicy?
    /// nil: inferred from the request, as both engines do.
    var resourceKind: ResourcePolicyKind?
    var boundary: GeneratedPolicy?
    var session: GeneratedPolicy?
    var scps: [[GeneratedPolicy]]?
    var rcps: [[GeneratedPolicy]]?

    /// Every document with a label saying where it sits.
    var labelledDocuments: [(label: String, policy: GeneratedPolicy)] {
        var result: [(String, GeneratedPolicy)] = []
        for (index, policy) in (identity ?? []).enumerated() { result.append(("identity[\(index)]", policy)) }
        if let resource { result.append(("resource", resource)) }
        if let boundary { result.append(("boundary", boundary)) }
        if let session { result.append(("session", session)) }
        for (level, policies) in (scps ?? []).enumerated() {
            for (index, policy) in policies.enumerated() { result.append(("scp[\(level)][\(index)]", policy)) }
        }
        for (level, policies) in (rcps ?? []).enumerated() {
            for (index, policy) in policies.enumerated() { result.append(("rcp[\(level)][\(index)]", policy)) }
        }
        return result
    }

    /// The parsed set, or nil when some document has an ERROR diagnostic.
    func build() -> PolicySet? {
        func parse(_ policy: GeneratedPolicy, _ label: String) -> Policy? { policy.parse(source: label + ".json") }
        var set = PolicySet()
        set.resourcePolicyKind = resourceKind
        if let identity {
            var parsed: [Policy] = []
            for (index, policy) in identity.enumerated() {
                guard let built = parse(policy, "identity\(index)") else { return nil }
                parsed.append(built)
            }
            set.identityPolicies = parsed
        }
        if let resource {
            guard let built = parse(resource, "resource") else { return nil }
            set.resourcePolicy = built
        }
        if let boundary {
            guard let built = parse(boundary, "boundary") else { return nil }
            set.permissionsBoundary = built
        }
        if let session {
            guard let built = parse(session, "session") else { return nil }
            set.sessionPolicy = built
        }
        func levels(_ levels: [[GeneratedPolicy]]?, _ name: String) -> [[Policy]]?? {
            guard let levels else { return .some(nil) }
            var result: [[Policy]] = []
            for (level, policies) in levels.enumerated() {
                var parsed: [Policy] = []
                for (index, policy) in policies.enumerated() {
                    guard let built = parse(policy, "\(name)\(level)-\(index)") else { return nil }
                    parsed.append(built)
                }
                result.append(parsed)
            }
            return .some(result)
        }
        guard let scpLevels = levels(scps, "scp"), let rcpLevels = levels(rcps, "rcp") else { return nil }
        set.serviceControlPolicies = scpLevels
        set.resourceControlPolicies = rcpLevels
        return set
    }

    /// The documents as people read them in a failure message.
    var description: String {
        var lines: [String] = []
        lines.append("identity policies: " + (identity == nil ? "unknown (nil)" : "\(identity?.count ?? 0)"))
        lines.append("resource policy kind: " + (resourceKind?.rawValue ?? "inferred (nil)"))
        if scps != nil { lines.append("SCP levels: \(scps?.count ?? 0)") }
        if rcps != nil { lines.append("RCP levels: \(rcps?.count ?? 0)") }
        for (label, policy) in labelledDocuments {
            lines.append("\(label) (\(policy.type.rawValue)): \(policy.json)")
        }
        return lines.joined(separator: "\n")
    }
}

extension PolicyGenerator {
    /// A random policy set: some layers present, each with 1-2 documents.
    mutating func policySet() -> GeneratedPolicySet {
        var set = GeneratedPolicySet()
        let identityChoice = random.int(0...9)
        if identityChoice < 3 {
            set.identity = nil
        } else if identityChoice < 4 {
            set.identity = []
        } else {
            set.identity = (0..<random.int(1...2)).map { _ in policy(.identity) }
        }
        let resourceChoice = random.int(0...9)
        if resourceChoice < 6 {
            set.resource = policy(.resource)
        } else if resourceChoice < 7 {
            set.resource = policy(.trust)
        }
        if random.chance(0.2) { set.resourceKind = random.pick(ResourcePolicyKind.allCases) }
        if random.chance(0.25) { set.boundary = policy(.boundary) }
        if random.chance(0.2) { set.session = policy(.identity) }
        if random.chance(0.25) {
            set.scps = (0..<random.int(0...2)).map { _ in (0..<random.int(1...2)).map { _ in policy(.scp) } }
        }
        if random.chance(0.2) {
            set.rcps = (0..<random.int(0...2)).map { _ in (0..<random.int(1...2)).map { _ in policy(.rcp) } }
        }
        return set
    }

    /// A smaller random set for witness searches (Z3 4.8.12 needs seconds to search some large
    /// sets): a resource policy, sometimes identity policies, rarely a boundary or one SCP level.
    mutating func smallPolicySet() -> GeneratedPolicySet {
        let saved = maximumStatements
        maximumStatements = 2
        defer { maximumStatements = saved }
        var set = GeneratedPolicySet()
        switch random.int(0...9) {
        case 0...2: set.identity = nil
        case 3: set.identity = []
        default: set.identity = [policy(.identity)]
        }
        set.resource = random.chance(0.8) ? policy(.resource) : policy(.trust)
        if random.chance(0.1) { set.resourceKind = random.pick(ResourcePolicyKind.allCases) }
        if random.chance(0.15) { set.boundary = policy(.boundary) }
        if random.chance(0.1) { set.scps = [[policy(.scp)]] }
        return set
    }

    /// A random policy set whose documents all parse without ERROR diagnostics.
    mutating func validPolicySet(small: Bool = false) -> (GeneratedPolicySet, PolicySet) {
        while true {
            let generated = small ? smallPolicySet() : policySet()
            if let built = generated.build() { return (generated, built) }
        }
    }
}
