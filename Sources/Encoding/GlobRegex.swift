import Policy
import Z3

/// One piece of a pattern once policy variables are resolved symbolically: text whose `*`
/// and `?` are wildcards, literal text (from `${*}` escapes or defaults), or the value of
/// another key, which is literal (a `*` inside a request value is not a wildcard, as in
/// the Authorizer's `PolicyValueResolver`).
enum PatternPiece {
    case pattern(String)
    case literal(String)
    case term(Z3String)
}

/// Glob patterns (`*` any run of characters, `?` exactly one) as Z3 regular expressions.
///
/// The same rules as the Authorizer's `GlobMatcher`: `*` may span `:` and `/` in `Action` and
/// `Resource` and in `StringLike`; ARN operators match each of the six colon-separated
/// segments separately (`ARNRegex`).
struct GlobRegex {
    let context: Z3Context
    /// Characters a single `*` or `?` may stand for; for ARN segments, everything but `:`.
    let wildcardCharacter: Z3Regex

    init(context: Z3Context) throws {
        self.context = context
        self.wildcardCharacter = try context.regexAllChar()
    }

    init(context: Z3Context, excluding excluded: Unicode.Scalar) throws {
        self.context = context
        self.wildcardCharacter = try GlobRegex.anyCharacter(except: excluded, in: context)
    }

    /// Z3's alphabet ends at U+2FFFF.
    static let lastCharacter = Unicode.Scalar(0x2FFFF as UInt32) ?? "\u{FFFF}"

    /// Every character but one, as two ranges: complements and intersections of regexes are
    /// slow in Z3's sequence solver, ranges are not.
    static func anyCharacter(except excluded: Unicode.Scalar, in context: Z3Context) throws -> Z3Regex {
        try anyCharacter(exceptRange: excluded, excluded, in: context)
    }

    /// Every character outside `lower...upper`.
    static func anyCharacter(exceptRange lower: Unicode.Scalar, _ upper: Unicode.Scalar, in context: Z3Context) throws -> Z3Regex {
        var parts: [Z3Regex] = []
        if lower.value > 0, let below = Unicode.Scalar(lower.value - 1) {
            parts.append(try context.regexRange("\u{0}", below))
        }
        if upper.value < lastCharacter.value, let above = Unicode.Scalar(upper.value + 1) {
            parts.append(try context.regexRange(above, lastCharacter))
        }
        return parts.count == 1 ? parts[0] : try context.regexUnion(parts)
    }

    /// The regex of a glob given as text.
    func regex(_ glob: String) throws -> Z3Regex {
        try regex([.pattern(glob)])
    }

    /// The regex of resolved pieces.
    func regex(_ pieces: [PatternPiece]) throws -> Z3Regex {
        var parts: [Z3Regex] = []
        var literal = ""
        func flush() throws {
            if !literal.isEmpty { parts.append(try context.regex(literal)) }
            literal = ""
        }
        for piece in pieces {
            switch piece {
            case .pattern(let text):
                for character in text.unicodeScalars {
                    switch character {
                    case "*":
                        try flush()
                        parts.append(try wildcardCharacter.star())
                    case "?":
                        try flush()
                        parts.append(wildcardCharacter)
                    default:
                        literal.unicodeScalars.append(character)
                    }
                }
            case .literal(let text):
                literal += text
            case .term(let term):
                try flush()
                parts.append(try term.toRegex())
            }
        }
        try flush()
        if parts.isEmpty { return try context.regex("") }
        if parts.count == 1 { return parts[0] }
        return try context.regexConcat(parts)
    }

    /// A case-insensitive regex for a literal: each letter becomes a two-letter class
    /// (`StringEqualsIgnoreCase`, `Bool`). Letters whose case mapping is not one-to-one are
    /// matched as written (docs/ENCODING.md, "Known limits").
    func caseInsensitiveRegex(_ text: String) throws -> Z3Regex {
        var parts: [Z3Regex] = []
        for character in text {
            let lower = String(character).lowercased(), upper = String(character).uppercased()
            if lower != upper, lower.count == 1, upper.count == 1 {
                parts.append(try context.regex(lower).union(try context.regex(upper)))
            } else {
                parts.append(try context.regex(String(character)))
            }
        }
        if parts.isEmpty { return try context.regex("") }
        return parts.count == 1 ? parts[0] : try context.regexConcat(parts)
    }
}

/// ARN condition operators as regexes: the pattern is cut at its first five literal colons
/// and each of the first five segments matches a value segment without `:`; the sixth (the
/// resource) may hold colons. A pattern with fewer than six segments matches nothing, as in
/// the Authorizer's `ARNMatcher`.
struct ARNRegex {
    let segment: GlobRegex
    let resource: GlobRegex
    let context: Z3Context

    init(context: Z3Context) throws {
        self.context = context
        self.segment = try GlobRegex(context: context, excluding: ":")
        self.resource = try GlobRegex(context: context)
    }

    /// The regex, or nil when the pattern does not have six segments.
    func regex(_ pieces: [PatternPiece]) throws -> Z3Regex? {
        var segments: [[PatternPiece]] = [[]]
        for piece in pieces {
            switch piece {
            case .pattern(let text):
                var current = ""
                for character in text.unicodeScalars {
                    if character == ":" && segments.count < 6 {
                        if !current.isEmpty { segments[segments.count - 1].append(.pattern(current)) }
                        current = ""
                        segments.append([])
                    } else {
                        current.unicodeScalars.append(character)
                    }
                }
                if !current.isEmpty { segments[segments.count - 1].append(.pattern(current)) }
            case .literal(let text):
                // Literal text (a default or an escape) also splits on ':' in the Authorizer,
                // which tokenizes literals into the same token stream.
                var current = ""
                for character in text.unicodeScalars {
                    if character == ":" && segments.count < 6 {
                        if !current.isEmpty { segments[segments.count - 1].append(.literal(current)) }
                        current = ""
                        segments.append([])
                    } else {
                        current.unicodeScalars.append(character)
                    }
                }
                if !current.isEmpty { segments[segments.count - 1].append(.literal(current)) }
            case .term:
                // A variable's value may itself contain ':', which would move segment
                // boundaries in the Authorizer; the encoding does not model that.
                throw EncodingError.unsupported("a policy variable inside an ARN operator value")
            }
        }
        guard segments.count == 6 else { return nil }
        var parts: [Z3Regex] = []
        for (index, pieces) in segments.enumerated() {
            if index > 0 { parts.append(try context.regex(":")) }
            parts.append(try (index < 5 ? segment : resource).regex(pieces))
        }
        return try context.regexConcat(parts)
    }
}
