/// ARN matching for `ArnEquals`/`ArnLike` and their negations.
///
/// IAM User Guide, "IAM JSON policy elements: Condition operators", ARN condition operators:
/// case-sensitive matching; "Each of the six colon-delimited components of the ARN is checked
/// separately and each can include multi-character match wildcards (*) or single-character match
/// wildcards (?)". So `*` never crosses one of the first five colons. The sixth segment (the
/// resource) is everything after the fifth colon and may itself contain colons.
///
/// A request value or policy value that does not have six segments matches nothing (documented choice).
enum ARNMatcher {
    /// Whether `value` matches the tokenized ARN pattern.
    static func matches(pattern: [GlobToken], value: String) -> Bool {
        guard let patternSegments = split(pattern) else { return false }
        let valueSegments = value.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard valueSegments.count == 6 else { return false }
        for index in 0..<6 where !GlobPattern.match(patternSegments[index], String(valueSegments[index]).unicodeScalars) {
            return false
        }
        return true
    }

    /// The pattern cut at its first five literal colons; nil when it has fewer.
    static func split(_ tokens: [GlobToken]) -> [[GlobToken]]? {
        var segments: [[GlobToken]] = [[]]
        for token in tokens {
            if segments.count < 6, token == .literal(":") {
                segments.append([])
            } else {
                segments[segments.count - 1].append(token)
            }
        }
        return segments.count == 6 ? segments : nil
    }
}
