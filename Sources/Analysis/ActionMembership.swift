import Authorizer
import Encoding
import Policy
import Z3

/// The action patterns of the resource policy and the RCPs (lowercased): actions that match the
/// same of them are indistinguishable to the policy. An action's *membership vector* says which
/// it matches; the finding enumeration blocks and lists action classes by these vectors.
struct ActionMembership {
    let patterns: [String]
    /// `patterns` compiled once (membership is computed for every catalog action of a finding).
    private let globs: [GlobPattern]

    init(statements: [Statement]) {
        var patterns = Set<String>()
        for statement in statements {
            for pattern in statement.actions?.values ?? [] { patterns.insert(pattern.lowercased()) }
        }
        self.patterns = patterns.sorted()
        globs = self.patterns.map { GlobPattern($0, caseInsensitive: true) }
    }

    /// Which patterns `action` matches (any case).
    func vector(of action: String) -> [Bool] {
        let lowered = action.lowercased()
        return globs.map { $0.matches(lowered, subjectIsLowercased: true) }
    }

    /// The realizable vectors of the patterns (`GlobCombinations`), nil past its limits.
    var realizableVectors: [[Bool]]? { GlobCombinations.realizable(globs) }

    /// The requests whose action has the same vector as `action`, as a formula over the request's action.
    func term(sameClassAs action: String, in authorization: SymbolicAuthorization) throws -> Z3Bool {
        let context = authorization.request.context
        return try context.and(zip(patterns, vector(of: action)).map { pattern, matches in
            let term = try authorization.actionMatches(pattern)
            return matches ? term : try term.not()
        })
    }
}
