import Authorizer
import Policy

/// The request's resource as one of finitely many classes, as `ActionClasses` does for the
/// action, within the query's scope (the resource itself and, where the type has them, its
/// objects or sub-resources).
///
/// The policies read the resource only through their `Resource`/`NotResource` globs, and the
/// query through its scope patterns; when no pattern holds a policy variable (whose value would
/// be another symbolic string), two resources with the same memberships are interchangeable in
/// every formula. Every question asserts the scope, so only classes inside it are kept, and a
/// pattern that shares no string with the scope (`arn:aws:iot:*:*:thing/idt*` on a bucket,
/// checked with `GlobIntersection`) is false on every request asked about and is left out of
/// the product. The same exactness argument as for actions then holds for all requests in the
/// scope; measured: a managed policy's last UNSAT over S3 resource globs took 130 ms on Z3's
/// string theory and takes milliseconds here.
///
/// ```swift
/// let scope = [ResourceClasses.scopePattern(prefix: "arn:aws:s3:::logs", anySuffix: false),
///              ResourceClasses.scopePattern(prefix: "arn:aws:s3:::logs/", anySuffix: true)]
/// let classes = ResourceClasses(policies: set, scopes: scope, preferring: ["arn:aws:s3:::logs"])
/// ```
public struct ResourceClasses: StringPartition {
    /// The patterns that meet the scope, then the scope patterns: the vectors' positions.
    public let keys: [[GlobToken]]
    /// Patterns that meet no scope pattern: false on every request in the scope.
    public let outsideScope: Set<[GlobToken]>
    /// `Resource` values with policy variables that meet no scope pattern whatever the
    /// variables' values (`GlobPattern.widenedOverVariables`): false on every request in the scope.
    public let outsideScopeWithVariables: Set<String>
    public let vectors: [[Bool]]
    public let representatives: [String]
    private let globs: [GlobPattern]

    /// Classes past this count are left to the string encoding.
    public static let classLimit = 4_096

    /// nil when a `Resource`/`NotResource` value that can meet the scope holds a policy variable
    /// the policy substitutes, or when the classes cannot be computed within `GlobCombinations`'
    /// limits.
    /// - Parameters:
    ///   - scopes: the scope's patterns (the query asserts that one of them holds).
    ///   - preferring: resources to use as representatives where they fall in a class.
    public init?(policies: PolicySet, scopes: [[GlobToken]], preferring preferred: [String] = []) {
        let scopeGlobs = scopes.map { GlobPattern(tokens: $0) }
        var patterns = Set<[GlobToken]>(), outsideWithVariables = Set<String>()
        for policy in EvaluationCompiler.policies(of: policies) {
            for statement in policy.statements {
                for value in statement.resources?.values ?? [] {
                    if let tokens = ResourceClasses.tokens(of: value, substitute: policy.substitutesVariables) {
                        patterns.insert(tokens)
                        continue
                    }
                    let widened = GlobPattern.widenedOverVariables(value)
                    guard !scopeGlobs.contains(where: { GlobIntersection.commonMatch(widened, $0) != nil }) else { return nil }
                    outsideWithVariables.insert(value)
                }
            }
        }
        var inside: [[GlobToken]] = [], outside = Set<[GlobToken]>()
        for tokens in patterns.sorted(by: { $0.lexicographicallyPrecedes($1, by: ResourceClasses.order) }) {
            let glob = GlobPattern(tokens: tokens)
            if scopeGlobs.contains(where: { GlobIntersection.commonMatch(glob, $0) != nil }) {
                inside.append(tokens)
            } else {
                outside.insert(tokens)
            }
        }
        let keys = inside + scopes
        let globs = keys.map { GlobPattern(tokens: $0) }
        // Only classes inside the scope (every question asserts it): explored from each scope
        // pattern's literal prefix, where the patterns of other resources are already dead.
        var inScope: [GlobCombinations.Combination] = []
        var seen = Set<[Bool]>()
        for scope in scopes {
            let prefix = ResourceClasses.literalPrefix(of: scope)
            let found: [GlobCombinations.Combination]
            if prefix.count == scope.count {
                found = [GlobCombinations.Combination(vector: globs.map { $0.matches(prefix.text) }, witness: prefix.text)]
            } else {
                guard let explored = GlobCombinations.combinations(globs, prefix: prefix.text) else { return nil }
                found = explored
            }
            for combination in found where combination.vector.suffix(scopes.count).contains(true) {
                if seen.insert(combination.vector).inserted { inScope.append(combination) }
            }
        }
        guard !inScope.isEmpty, inScope.count <= ResourceClasses.classLimit else { return nil }
        self.keys = keys
        outsideScope = outside
        outsideScopeWithVariables = outsideWithVariables
        self.globs = globs
        vectors = inScope.map(\.vector)
        representatives = Encoding.representatives(inScope, preferring: preferred) { resource in globs.map { $0.matches(resource) } }
    }

    /// The classes of every `Resource` pattern of `policies` over all strings (the scope `*`),
    /// for checks of the encoding that ask about any resource.
    public init?(anyResourceOf policies: PolicySet) {
        self.init(policies: policies, scopes: [[.anyRun]])
    }

    public func classIndex(of subject: String) -> Int? {
        vectors.firstIndex(of: globs.map { $0.matches(subject) })
    }

    /// The glob tokens `StatementCompiler` matches a `Resource` value with, or nil when the value
    /// holds a policy variable the policy substitutes (its value is another string of the
    /// request). Escapes (`${*}`) are literal characters, as `PolicyValueResolver` reads them.
    public static func tokens(of value: String, substitute: Bool) -> [GlobToken]? {
        guard substitute, value.contains("${") else { return GlobPattern(value).tokens }
        var tokens: [GlobToken] = []
        for part in PolicyVariableParser.parts(of: value) {
            switch part {
            case .text(let plain): tokens += GlobPattern(plain).tokens
            case .literal(let character): tokens += character.unicodeScalars.map { .literal($0) }
            case .variable: return nil
            }
        }
        return tokens
    }

    /// The literal tokens a pattern starts with, as text, and how many tokens that is.
    static func literalPrefix(of tokens: [GlobToken]) -> (text: String, count: Int) {
        var text = String.UnicodeScalarView()
        for token in tokens {
            guard case .literal(let scalar) = token else { break }
            text.append(scalar)
        }
        return (String(text), text.count)
    }

    /// The scope pattern of a request resource: exactly `prefix`, or (with `anySuffix`) anything
    /// that starts with it.
    public static func scopePattern(prefix: String, anySuffix: Bool) -> [GlobToken] {
        literal(prefix) + (anySuffix ? [.anyRun] : [])
    }

    /// A pattern matching exactly `text` (no wildcards).
    public static func literal(_ text: String) -> [GlobToken] { text.unicodeScalars.map { .literal($0) } }

    /// A deterministic order of patterns (so that the class index means the same in every run).
    private static func order(_ a: GlobToken, _ b: GlobToken) -> Bool {
        func rank(_ token: GlobToken) -> (Int, UInt32) {
            switch token {
            case .literal(let scalar): return (0, scalar.value)
            case .anyOne: return (1, 0)
            case .anyRun: return (2, 0)
            }
        }
        return rank(a) < rank(b)
    }
}
