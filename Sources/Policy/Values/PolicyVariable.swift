/// A piece of a policy string that may hold policy variables: `${aws:username}`,
/// `${aws:PrincipalTag/team, 'none'}` (with a default), and the escapes `${*}`, `${?}`,
/// `${$}` that stand for a literal `*`, `?` and `$` (IAM User Guide, "IAM policy elements:
/// Variables and tags").
public enum PolicyStringPart: Sendable, Hashable {
    /// Literal text, in which `*` and `?` are wildcards where the element allows them.
    case text(String)
    /// A character that must match literally even where wildcards apply (from `${*}`, `${?}`, `${$}`).
    case literal(Character)
    /// A variable: a context key, and the default used when the key is absent.
    case variable(key: String, defaultValue: String?)
}

/// Splits policy strings into literal text and variables.
public enum PolicyVariableParser {
    /// The parts of `text`. Text that only looks like a variable (`${` with no closing `}`)
    /// stays literal, as IAM does. Returns `[.text(text)]` when there is no variable.
    public static func parts(of text: String) -> [PolicyStringPart] {
        guard text.contains("${") else { return [.text(text)] }
        var parts: [PolicyStringPart] = []
        var current = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else { break }
            current += rest[..<start.lowerBound]
            let inner = rest[start.upperBound..<end]
            switch inner {
            case "*": flush(&current, into: &parts); parts.append(.literal("*"))
            case "?": flush(&current, into: &parts); parts.append(.literal("?"))
            case "$": flush(&current, into: &parts); parts.append(.literal("$"))
            default:
                if let variable = variable(from: inner) {
                    flush(&current, into: &parts)
                    parts.append(variable)
                } else {
                    current += rest[start.lowerBound...end]
                }
            }
            rest = rest[rest.index(after: end)...]
        }
        current += rest
        flush(&current, into: &parts)
        return parts
    }

    /// True when `text` holds at least one variable or escape.
    public static func containsVariables(_ text: String) -> Bool {
        parts(of: text).contains { if case .text = $0 { return false } else { return true } }
    }

    private static func flush(_ current: inout String, into parts: inout [PolicyStringPart]) {
        if !current.isEmpty { parts.append(.text(current)) }
        current = ""
    }

    /// `key` or `key, 'default'` (whitespace around the comma allowed).
    private static func variable(from inner: Substring) -> PolicyStringPart? {
        var key = inner
        var defaultValue: String?
        if let comma = inner.firstIndex(of: ",") {
            key = inner[..<comma]
            let tail = inner[inner.index(after: comma)...].trimmingSpaces()
            guard tail.count >= 2, tail.first == "'", tail.last == "'" else { return nil }
            defaultValue = String(tail.dropFirst().dropLast())
        }
        let trimmedKey = key.trimmingSpaces()
        guard !trimmedKey.isEmpty, trimmedKey.contains(":"),
              !trimmedKey.contains(where: { $0 == "$" || $0 == "{" || $0 == " " }) else { return nil }
        return .variable(key: String(trimmedKey), defaultValue: defaultValue)
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        let character: Character = " "
        var result = self
        while result.first == character { result = result.dropFirst() }
        while result.last == character { result = result.dropLast() }
        return result
    }
}
