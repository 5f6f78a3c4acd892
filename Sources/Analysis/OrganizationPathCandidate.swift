import Authorizer

/// A well-formed `aws:PrincipalOrgPaths` entry (`o-…/r-…/ou-…/`, `OrganizationIdentifiers`)
/// that a `StringLike` pattern matches, for candidate witnesses (`WitnessCandidates`).
///
/// Filling a pattern's wildcards with "x" (what candidates do for other keys) gives no path:
/// `o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*` becomes `…/ou-ab12-11111111/x`, which no caller
/// carries (a path ends with `/`), so the candidate failed and the enumeration fell back on a
/// free search, whose model must meet the path regex with its bounded repetitions: seconds to
/// an `unknown` on Z3's string theory (issue 17). Here each wildcard takes one of a few fills
/// (an empty run, a root, an OU, a whole organization and root…) and the first combination that
/// the pattern matches and that is a path of its own first segment's organization is taken.
///
/// Only a guess, as every candidate: the Authorizer and the pinned solver check decide, and a
/// pattern no fill serves gives nil (the caller keeps its old, plainly filled value).
enum OrganizationPathCandidate {
    /// Fills tried for a `*`, in order: most patterns end in `/*` (an empty run), or leave out a
    /// root, an OU, an organization with its root, or part of an id.
    static let runFills = ["", "r-abcd/", "ou-abcd-abcdefgh/", "o-rampartwitness/r-abcd", "o-rampartwitness/r-abcd/",
                           "r-abcd", "abcd-abcdefgh/", "abcdefgh/", "abcd", "/", "/r-abcd/", "-abcdefgh/"]
    /// Fills tried for a `?`: a lowercase letter or digit (ids), or a separator.
    static let oneFills = ["a", "0", "/", "-"]
    /// At most this many wildcards get every fill; the ones after take the first fill only, so
    /// the search stays at most `runFills.count`³ matches.
    static let searchedWildcards = 3

    /// A path of some organization that `pattern` (a `StringLike` value, variables resolved)
    /// matches, or nil.
    static func path(matching pattern: String) -> String? {
        let glob = GlobPattern(pattern)
        let wildcardCount = glob.tokens.filter { !isLiteral($0) }.count
        var choice = [Int](repeating: 0, count: wildcardCount)
        while true {
            let text = fill(glob.tokens, choice)
            if isPath(text), glob.matches(text) { return text }
            // Next combination, over the first `searchedWildcards` wildcards only.
            var index = min(wildcardCount, searchedWildcards) - 1
            while index >= 0 {
                let fills = isRun(glob.tokens, wildcard: index) ? runFills.count : oneFills.count
                choice[index] += 1
                if choice[index] < fills { break }
                choice[index] = 0
                index -= 1
            }
            if index < 0 { return nil }
        }
    }

    /// `text` is a path of the organization its first segment names.
    static func isPath(_ text: String) -> Bool {
        guard let organization = text.split(separator: "/", maxSplits: 1).first else { return false }
        return OrganizationIdentifiers.isPath(text, in: String(organization))
    }

    private static func isLiteral(_ token: GlobToken) -> Bool {
        if case .literal = token { return true }
        return false
    }

    /// Whether the `index`th wildcard of `tokens` is a `*`.
    private static func isRun(_ tokens: [GlobToken], wildcard index: Int) -> Bool {
        tokens.filter { !isLiteral($0) }[index] == .anyRun
    }

    private static func fill(_ tokens: [GlobToken], _ choice: [Int]) -> String {
        var view = String.UnicodeScalarView()
        var wildcard = 0
        for token in tokens {
            switch token {
            case .literal(let scalar): view.append(scalar)
            case .anyRun:
                view.append(contentsOf: runFills[choice[wildcard]].unicodeScalars)
                wildcard += 1
            case .anyOne:
                view.append(contentsOf: oneFills[choice[wildcard]].unicodeScalars)
                wildcard += 1
            }
        }
        return String(view)
    }
}
