import Policy

/// One element of a compiled glob: a literal scalar, `?` or `*`.
public enum GlobToken: Sendable, Hashable {
    case literal(Unicode.Scalar)
    /// `?`: exactly one character (one Unicode scalar).
    case anyOne
    /// `*`: any run of characters, including none, `:` and `/`.
    case anyRun
}

/// A compiled `*`/`?` pattern as IAM uses them in `Action`, `Resource`, `StringLike`
/// and the ARN operators (IAM User Guide, "IAM JSON policy elements: Condition operators",
/// string condition operators: "`*` matches any combination of characters, `?` any single character").
///
/// Matching is linear in practice and O(pattern × subject) in the worst case (the classic
/// two-pointer greedy algorithm with one backtrack point): there is no exponential backtracking.
/// A "character" is a Unicode scalar.
///
/// ```swift
/// GlobPattern("s3:Get*").matches("s3:GetObject")              // true
/// GlobPattern("s3:get*", caseInsensitive: true).matches("S3:GETOBJECT")  // true
/// ```
public struct GlobPattern: Sendable, Hashable {
    public let tokens: [GlobToken]
    /// True when the pattern was compiled for case-insensitive matching (both sides lowercased).
    public let caseInsensitive: Bool
    /// Set when the pattern has no wildcard: matching is then plain equality.
    private let exact: String?

    /// The one string the pattern matches when it has no wildcard (its tokens' text); nil otherwise.
    public var literalText: String? { exact }

    /// Compiles `text`, where `*` and `?` are wildcards and every other character is literal.
    public init(_ text: String, caseInsensitive: Bool = false) {
        let source = caseInsensitive ? text.lowercased() : text
        self.init(tokens: source.unicodeScalars.map { scalar in
            switch scalar {
            case "*": return .anyRun
            case "?": return .anyOne
            default: return .literal(scalar)
            }
        }, caseInsensitive: caseInsensitive)
    }

    /// A pattern built from tokens (for example after policy-variable substitution, where
    /// `${*}` must stay a literal `*`). With `caseInsensitive`, literal tokens must already be lowercase.
    public init(tokens: [GlobToken], caseInsensitive: Bool = false) {
        self.tokens = tokens
        self.caseInsensitive = caseInsensitive
        if tokens.allSatisfy({ if case .literal = $0 { return true } else { return false } }) {
            var view = String.UnicodeScalarView()
            for case .literal(let scalar) in tokens { view.append(scalar) }
            exact = String(view)
        } else {
            exact = nil
        }
    }

    /// Whether `subject` matches the whole pattern. With `caseInsensitive`, `subject` is lowercased
    /// here unless `subjectIsLowercased` says the caller already did it.
    public func matches(_ subject: String, subjectIsLowercased: Bool = false) -> Bool {
        let text = caseInsensitive && !subjectIsLowercased ? subject.lowercased() : subject
        if let exact { return exact == text }
        return GlobPattern.match(tokens, text.unicodeScalars)
    }

    /// Whether some string that starts with `prefix` matches the pattern: the states the pattern
    /// can be in after reading `prefix` (a set of token positions, `*` looping) are not all dead.
    /// Whatever tokens remain can always be matched by some continuation, so a live state suffices.
    /// With `caseInsensitive`, `prefix` is lowercased here.
    public func matchesSomeExtension(of prefix: String) -> Bool { !states(afterReading: prefix).isEmpty }

    /// The token positions the pattern can be in after reading `prefix` (`*` looping, closed
    /// over `*` matching nothing); empty when no string starting with `prefix` can match.
    public func states(afterReading prefix: String) -> Set<Int> {
        let text = caseInsensitive ? prefix.lowercased() : prefix
        var states = closure([0])
        for scalar in text.unicodeScalars {
            var next: Set<Int> = []
            for position in states where position < tokens.count {
                switch tokens[position] {
                case .anyRun: next.insert(position)
                case .anyOne: next.insert(position + 1)
                case .literal(let literal): if literal == scalar { next.insert(position + 1) }
                }
            }
            states = closure(next)
            if states.isEmpty { return [] }
        }
        return states
    }

    /// Positions of `tokens` reachable from `positions` without reading a character (a `*` may
    /// match nothing): the step of a matcher over a pattern's tokens.
    private func closure(_ positions: Set<Int>) -> Set<Int> {
        var result = positions
        var pending = Array(positions)
        while let position = pending.popLast() {
            if position < tokens.count, tokens[position] == .anyRun, result.insert(position + 1).inserted {
                pending.append(position + 1)
            }
        }
        return result
    }

    /// Whether some string starting with one of `prefixes` matches `pattern`
    /// (`GlobPattern(pattern, caseInsensitive:).matchesSomeExtension(of:)`), a pattern with no
    /// wildcard and no `$` compared as it is, without compiling it: screens ask this of every
    /// action pattern of every statement, and managed policies list hundreds of literal actions.
    public static func matchesSomeExtension(_ pattern: String, ofAny prefixes: [String], caseInsensitive: Bool = false) -> Bool {
        guard isLiteral(pattern) else {
            let glob = GlobPattern(pattern, caseInsensitive: caseInsensitive)
            return prefixes.contains { glob.matchesSomeExtension(of: $0) }
        }
        let text = caseInsensitive ? pattern.lowercased() : pattern
        return prefixes.contains { text.unicodeScalars.starts(with: (caseInsensitive ? $0.lowercased() : $0).unicodeScalars) }
    }

    /// Whether `widenedOverVariables(pattern)` matches one of `texts` whole or, where its
    /// `anyExtension` is set, some string starting with it; a pattern with no wildcard and no `$`
    /// (so no variable to widen) compared as it is, without compiling it.
    public static func widenedMatches(_ pattern: String, any texts: [(text: String, anyExtension: Bool)]) -> Bool {
        guard isLiteral(pattern) else {
            let glob = widenedOverVariables(pattern)
            return texts.contains { $0.anyExtension ? glob.matchesSomeExtension(of: $0.text) : glob.matches($0.text) }
        }
        let literal = pattern.unicodeScalars
        return texts.contains { $0.anyExtension ? literal.starts(with: $0.text.unicodeScalars) : literal.elementsEqual($0.text.unicodeScalars) }
    }

    /// No `*`, `?` or `$`: the pattern matches itself alone, whether or not variables are widened.
    private static func isLiteral(_ pattern: String) -> Bool {
        !pattern.unicodeScalars.contains { $0 == "*" || $0 == "?" || $0 == "$" }
    }

    /// The pattern with every `${…}` (a policy variable, or an escape such as `${*}`) widened to
    /// `*`: it matches every string the pattern can match under any values of the variables,
    /// whether the policy substitutes them (2012-10-17: a value is inserted as literal text, an
    /// escape is one literal character) or not (2008-10-17: the text is taken as written). So
    /// when even the widened pattern cannot reach a string, the pattern cannot.
    ///
    /// ```swift
    /// GlobPattern.widenedOverVariables("arn:aws:s3:::b/${aws:username}/*").matches("arn:aws:s3:::b/x/y")  // true
    /// ```
    public static func widenedOverVariables(_ pattern: String) -> GlobPattern {
        guard pattern.contains("${") else { return GlobPattern(pattern) }
        var tokens: [GlobToken] = []
        for part in PolicyVariableParser.parts(of: pattern) {
            switch part {
            case .text(let plain):
                tokens += GlobPattern(plain).tokens
            case .literal, .variable:
                if tokens.last != .anyRun { tokens.append(.anyRun) }
            }
        }
        return GlobPattern(tokens: tokens)
    }

    /// `pattern` (an `Action` glob as written) against an already lowercased action, ignoring
    /// case, without compiling the pattern: the same answer as
    /// `GlobPattern(pattern, caseInsensitive: true).matches(subject, subjectIsLowercased: true)`
    /// when both are ASCII (one byte is one character, and lowercasing is per byte), nil
    /// otherwise. The Authorizer matches every action pattern of a policy on every request it
    /// evaluates, and the finding enumeration evaluates thousands of requests: compiling each
    /// pattern each time was most of a finding's time (measured: 86 % on one managed policy).
    ///
    /// ```swift
    /// GlobPattern.matchesASCIIIgnoringCase("s3:Get*", lowercasedSubject: "s3:getobject")  // true
    /// GlobPattern.matchesASCIIIgnoringCase("s3:Gét*", lowercasedSubject: "s3:getobject")  // nil
    /// ```
    public static func matchesASCIIIgnoringCase(_ pattern: String, lowercasedSubject subject: String) -> Bool? {
        var pattern = pattern, subject = subject
        return pattern.withUTF8 { p in
            subject.withUTF8 { s in
                guard p.allSatisfy({ $0 < 0x80 }), s.allSatisfy({ $0 < 0x80 }) else { return nil }
                return matchBytes(p, s)
            }
        }
    }

    /// `match` over ASCII bytes, the pattern's letters lowercased as they are read.
    private static func matchBytes(_ pattern: UnsafeBufferPointer<UInt8>, _ subject: UnsafeBufferPointer<UInt8>) -> Bool {
        let star = UInt8(ascii: "*"), question = UInt8(ascii: "?")
        @inline(__always) func lower(_ byte: UInt8) -> UInt8 {
            byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
        }
        var p = 0, s = 0, starP = -1, starS = 0
        while s < subject.count {
            if p < pattern.count {
                let token = pattern[p]
                if token == star {
                    starP = p
                    starS = s
                    p += 1
                    continue
                }
                if token == question || lower(token) == subject[s] {
                    p += 1
                    s += 1
                    continue
                }
            }
            guard starP >= 0 else { return false }
            p = starP + 1
            starS += 1
            s = starS
        }
        while p < pattern.count, pattern[p] == star { p += 1 }
        return p == pattern.count
    }

    /// Greedy two-pointer matching: on a mismatch, retry from the last `*` with one more
    /// character consumed by it. Each subject position is revisited at most once per `*`.
    static func match(_ tokens: [GlobToken], _ subject: String.UnicodeScalarView) -> Bool {
        var p = 0
        var s = subject.startIndex
        var starP = -1
        var starS = subject.startIndex
        while s < subject.endIndex {
            if p < tokens.count {
                switch tokens[p] {
                case .anyRun:
                    starP = p
                    starS = s
                    p += 1
                    continue
                case .anyOne:
                    p += 1
                    s = subject.index(after: s)
                    continue
                case .literal(let scalar):
                    if scalar == subject[s] {
                        p += 1
                        s = subject.index(after: s)
                        continue
                    }
                }
            }
            guard starP >= 0 else { return false }
            p = starP + 1
            starS = subject.index(after: starS)
            s = starS
        }
        while p < tokens.count, tokens[p] == .anyRun { p += 1 }
        return p == tokens.count
    }
}
