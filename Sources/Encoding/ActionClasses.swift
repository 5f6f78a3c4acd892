import Authorizer
import Policy
import Z3

/// The request's action as one of finitely many *classes* instead of a string.
///
/// A policy reads the action only through its `Action`/`NotAction` globs (matched ignoring
/// case) and a query only through a few more (the resource's service, `s3:*`). Two actions
/// that match the same of these patterns — the same *membership vector* — are interchangeable
/// in every formula: substituting one for the other changes no atom. So the question "is there
/// an action …" is the question "is there a realizable vector …", and the vectors some string
/// has are computed exactly beforehand (`GlobCombinations`, brute-force tested). The encoding
/// then states the action as a bit-vector index into those vectors, and each pattern's
/// membership as the disjunction of the indices whose vector has it: propositional logic where
/// Z3's string theory needed regular-expression intersections and complements (measured: one
/// action-class question over `s3:*Bucket*`, `s3:*Object*` and `s3:*Object` took 5.7 s and
/// then timed out; with classes it is ~1 ms).
///
/// Exactness, both ways: a model of the string encoding has a realizable vector, which is a
/// model here; a model here names a realizable vector, and its representative (a string with
/// exactly that vector, lowercase as the string encoding's alphabet requires) is a model there.
/// So an UNSAT answer is a proof of the same question, and a SAT answer decodes to a request
/// that is then replayed through the Authorizer as before.
///
/// ```swift
/// let classes = ActionClasses(patterns: ["s3:*", "s3:get*"], preferring: ["s3:getobject", "s3:putobject"])
/// classes?.vectors          // [[false, false], [true, false], [true, true]]
/// classes?.representatives  // ["", "s3:putobject", "s3:getobject"]
/// ```
///
/// Over a finite domain (`init(patterns:domain:groups:)`: the actions AWS defines, see
/// `ActionGroup`), the classes are the vectors the domain's actions have, over the patterns and
/// the groups: the same exactness argument holds for requests whose action is in the domain.
public struct ActionClasses: StringPartition {
    /// The patterns, lowercased and sorted; every action pattern the compiled formulas test
    /// must be one of them (`SymbolicRequest.actionMatches` throws otherwise).
    public let patterns: [String]
    /// Named finite sets of actions the question tests (`SymbolicRequest.actionIsIn`); their
    /// memberships follow the patterns' in each vector. Empty for classes over all strings.
    public let groups: [ActionGroup]
    /// The realizable membership vectors over `patterns` then `groups`, one per class.
    public let vectors: [[Bool]]
    /// For each class, a lowercase action with exactly its vector: the first of the preferred
    /// actions in it (real action names, for readable witnesses), else a shortest string.
    public let representatives: [String]
    let globs: [GlobPattern]
    /// Over a finite domain: its actions (lowercased); nil for classes over all strings.
    private let domain: Set<String>?

    /// The vector positions' keys: the patterns, then the groups' keys.
    var keys: [String] { patterns + groups.map(\.key) }

    /// Patterns in more classes than this are left to the string encoding (a class index wider
    /// than 12 bits would be a sign of patterns no policy writes).
    public static let classLimit = 4_096

    /// nil when the vectors cannot be computed within `GlobCombinations`' limits or there are
    /// more than `classLimit` of them: the caller then keeps the string encoding.
    /// - Parameter preferring: lowercase action names to use as representatives, in order of
    ///   preference (for example the catalog's actions of the resource's services).
    public init?(patterns: [String], preferring preferred: [String] = []) {
        let patterns = Array(Set(patterns.map { $0.lowercased() })).sorted()
        let globs = patterns.map { GlobPattern($0, caseInsensitive: true) }
        guard let combinations = GlobCombinations.combinations(globs), combinations.count <= ActionClasses.classLimit
        else { return nil }
        self.patterns = patterns
        self.globs = globs
        groups = []
        domain = nil
        vectors = combinations.map(\.vector)
        representatives = Encoding.representatives(combinations, preferring: preferred.map { $0.lowercased() }) {
            ActionClasses.membership(of: $0, in: globs)
        }
    }

    /// The classes of the actions of a finite `domain` (any case; the first action of each
    /// vector, in the domain's order, is its representative) over `patterns` and `groups`. An
    /// action outside the domain has no class: pins of it are false, as no such request exists.
    /// nil past `classLimit` classes.
    public init?(patterns: [String], domain: [String], groups: [ActionGroup]) {
        let patterns = Array(Set(patterns.map { $0.lowercased() })).sorted()
        let globs = patterns.map { GlobPattern($0, caseInsensitive: true) }
        var vectors: [[Bool]] = [], representatives: [String] = [], seen = Set<[Bool]>()
        let lowered = domain.map { $0.lowercased() }
        for action in lowered {
            let vector = ActionClasses.membership(of: action, in: globs) + groups.map { $0.members.contains(action) }
            if seen.insert(vector).inserted {
                vectors.append(vector)
                representatives.append(action)
            }
        }
        guard !vectors.isEmpty, vectors.count <= ActionClasses.classLimit else { return nil }
        self.patterns = patterns
        self.groups = groups
        self.globs = globs
        self.domain = Set(lowered)
        self.vectors = vectors
        self.representatives = representatives
    }

    /// The classes of every action pattern of `policies` (nil past the limits).
    public init?(of policies: PolicySet) {
        self.init(patterns: ActionClasses.patterns(of: [policies]))
    }

    /// The class of `action` (any case), or nil when its vector is not realizable — impossible
    /// for an exact computation, and then treated as "no such request" by pins.
    public func classIndex(of action: String) -> Int? {
        let lowered = action.lowercased()
        if let domain, !domain.contains(lowered) { return nil }
        return vectors.firstIndex(of: ActionClasses.membership(of: lowered, in: globs) + groups.map { $0.members.contains(lowered) })
    }

    /// Every action pattern the formulas over `sets` test, lowercased: their statements'
    /// `Action`/`NotAction` values (as `EvaluationCompiler` compiles them), plus `extra` (the
    /// query's own patterns, such as the resource's service scope).
    public static func patterns(of sets: [PolicySet], extra: [String] = []) -> [String] {
        var patterns = Set(extra.map { $0.lowercased() })
        for policy in sets.flatMap(EvaluationCompiler.policies(of:)) {
            for statement in policy.statements {
                for value in statement.actions?.values ?? [] { patterns.insert(value.lowercased()) }
                // A key its service sets from the caller is present on that service's actions only.
                for condition in statement.conditions {
                    if let service = ServiceRequestFacts.callerAccountKeys[condition.key.value.lowercased()] {
                        patterns.insert(service + ":*")
                    }
                }
            }
        }
        return patterns.sorted()
    }

    /// Every `Action`/`NotAction` value of the statements `EvaluationCompiler` compiles from
    /// `sets`, as written (for the policies' own spelling of an action).
    public static func actionValues(of sets: [PolicySet]) -> [String] {
        sets.flatMap(EvaluationCompiler.policies(of:)).flatMap(\.statements).flatMap { $0.actions?.values ?? [] }
    }

    static func membership(of lowercasedAction: String, in globs: [GlobPattern]) -> [Bool] {
        globs.map { $0.matches(lowercasedAction, subjectIsLowercased: true) }
    }
}
