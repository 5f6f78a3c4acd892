import Policy

/// Substitutes policy variables in a policy string (IAM User Guide, "IAM policy elements:
/// Variables and tags").
///
/// - Variables are substituted only when the policy says `"Version": "2012-10-17"`; otherwise the
///   text is used as written (`Policy.substitutesVariables`).
/// - `${key}` takes the single value of `key`. When the key is absent (or has several values: a
///   multivalued key cannot be a variable, "Single-valued vs. multivalued context keys"), the
///   default `${key, 'default'}` is used; without a default the whole policy value is unresolved
///   and matches nothing.
/// - Substituted text and defaults are literal: a `*` that comes from a request value is not a
///   wildcard (documented choice). `${*}`, `${?}`, `${$}` are a literal `*`, `?`, `$`.
enum PolicyValueResolver {
    /// A resolved piece: text whose `*`/`?` are wildcards where the operator allows them, or literal text.
    enum Piece {
        case pattern(String)
        case literal(String)
    }

    /// The pieces of `text`, or nil when a variable cannot be resolved.
    static func resolve(_ text: String, substitute: Bool, context: RequestContext) -> [Piece]? {
        guard substitute, text.contains("${") else { return [.pattern(text)] }
        var pieces: [Piece] = []
        for part in PolicyVariableParser.parts(of: text) {
            switch part {
            case .text(let plain):
                pieces.append(.pattern(plain))
            case .literal(let character):
                pieces.append(.literal(String(character)))
            case .variable(let key, let defaultValue):
                if let values = context.values(for: key), values.count == 1 {
                    pieces.append(.literal(values[0].text))
                } else if let defaultValue {
                    pieces.append(.literal(defaultValue))
                } else {
                    return nil
                }
            }
        }
        return pieces
    }

    /// The resolved text with no wildcard meaning (for `StringEquals`, numbers, dates...).
    static func plain(_ pieces: [Piece]) -> String {
        var result = ""
        for piece in pieces {
            switch piece {
            case .pattern(let text), .literal(let text): result += text
            }
        }
        return result
    }

    /// The resolved text as glob tokens; with `lowercase`, literals are lowercased (case-insensitive matching).
    static func tokens(_ pieces: [Piece], lowercase: Bool = false) -> [GlobToken] {
        var tokens: [GlobToken] = []
        for piece in pieces {
            switch piece {
            case .pattern(let text):
                for scalar in (lowercase ? text.lowercased() : text).unicodeScalars {
                    switch scalar {
                    case "*": tokens.append(.anyRun)
                    case "?": tokens.append(.anyOne)
                    default: tokens.append(.literal(scalar))
                    }
                }
            case .literal(let text):
                for scalar in (lowercase ? text.lowercased() : text).unicodeScalars { tokens.append(.literal(scalar)) }
            }
        }
        return tokens
    }
}
