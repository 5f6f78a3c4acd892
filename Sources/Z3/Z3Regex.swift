import CZ3

/// A regular expression over strings (Z3's `(RegEx String)`).
///
/// ```swift
/// // The IAM glob "ab*c" as a regex: "ab", any string, "c".
/// let glob = try ctx.regexConcat([ctx.regex("ab"), ctx.regexFull(), ctx.regex("c")])
/// let f = try ctx.stringVariable("action").matches(glob)
/// ```
public struct Z3Regex: Z3Expression {
    public let term: Z3Term

    init(unchecked term: Z3Term) { self.term = term }

    public init(_ term: Z3Term) throws {
        try requireSort(term, { $0 == .regex }, expected: "(RegEx String)")
        self.term = term
    }

    /// `(re.* self)`: zero or more repetitions.
    public func star() throws -> Z3Regex { try unary(Z3_mk_re_star, "Z3_mk_re_star") }
    /// `(re.+ self)`: one or more repetitions.
    public func plus() throws -> Z3Regex { try unary(Z3_mk_re_plus, "Z3_mk_re_plus") }
    /// `(re.opt self)`: zero or one.
    public func optional() throws -> Z3Regex { try unary(Z3_mk_re_option, "Z3_mk_re_option") }
    /// `(re.comp self)`: every string not matched.
    public func complement() throws -> Z3Regex { try unary(Z3_mk_re_complement, "Z3_mk_re_complement") }

    /// `((_ re.loop min max) self)`: between `min` and `max` repetitions; `max: nil` is unbounded.
    public func repeated(min: UInt32, max: UInt32?) throws -> Z3Regex {
        if let max, max < min || max == 0 {
            throw Z3Error.invalidArgument("repeated(min: \(min), max: \(max))")
        }
        let ctx = context
        return Z3Regex(unchecked: try ctx.term(Z3_mk_re_loop(ctx.raw, term.ast, min, max ?? 0), "Z3_mk_re_loop"))
    }

    /// `(re.++ self other)`.
    public func concat(_ other: Z3Regex) throws -> Z3Regex { try context.regexConcat([self, other]) }
    /// `(re.union self other)`.
    public func union(_ other: Z3Regex) throws -> Z3Regex { try context.regexUnion([self, other]) }
    /// `(re.inter self other)`.
    public func intersect(_ other: Z3Regex) throws -> Z3Regex { try context.regexIntersect([self, other]) }

    private func unary(_ make: (Z3_context?, Z3_ast?) -> Z3_ast?, _ name: String) throws -> Z3Regex {
        let ctx = context
        return Z3Regex(unchecked: try ctx.term(make(ctx.raw, term.ast), name))
    }
}

extension Z3Context {
    /// `(str.to_re literal)`: exactly the string `literal`.
    public func regex(_ literal: String) throws -> Z3Regex { try string(literal).toRegex() }

    /// `(re.range lower upper)`: any one character from `lower` to `upper` inclusive.
    public func regexRange(_ lower: Unicode.Scalar, _ upper: Unicode.Scalar) throws -> Z3Regex {
        let low = try string(String(lower)), high = try string(String(upper))
        return Z3Regex(unchecked: try term(Z3_mk_re_range(raw, low.term.ast, high.term.ast), "Z3_mk_re_range"))
    }

    /// `re.allchar`: any one character.
    public func regexAllChar() throws -> Z3Regex {
        Z3Regex(unchecked: Z3Term(context: self, ast: try allCharRegex()))
    }

    /// `re.all`: every string (the glob `*`).
    public func regexFull() throws -> Z3Regex {
        Z3Regex(unchecked: try term(Z3_mk_re_full(raw, try regexSort()), "Z3_mk_re_full"))
    }

    /// `re.none`: no string at all.
    public func regexEmpty() throws -> Z3Regex {
        Z3Regex(unchecked: try term(Z3_mk_re_empty(raw, try regexSort()), "Z3_mk_re_empty"))
    }

    /// `(re.++ r1 r2 ...)`; the empty-string regex for an empty list.
    public func regexConcat(_ terms: [Z3Regex]) throws -> Z3Regex {
        guard !terms.isEmpty else { return try regex("") }
        return try regexNary(terms, Z3_mk_re_concat, "Z3_mk_re_concat")
    }

    /// `(re.union r1 r2 ...)`; ``regexEmpty()`` for an empty list.
    public func regexUnion(_ terms: [Z3Regex]) throws -> Z3Regex {
        guard !terms.isEmpty else { return try regexEmpty() }
        return try regexNary(terms, Z3_mk_re_union, "Z3_mk_re_union")
    }

    /// `(re.inter r1 r2 ...)`; ``regexFull()`` for an empty list.
    public func regexIntersect(_ terms: [Z3Regex]) throws -> Z3Regex {
        guard !terms.isEmpty else { return try regexFull() }
        return try regexNary(terms, Z3_mk_re_intersect, "Z3_mk_re_intersect")
    }

    private func regexNary(
        _ terms: [Z3Regex], _ make: (Z3_context?, UInt32, UnsafePointer<Z3_ast?>?) -> Z3_ast?, _ name: String
    ) throws -> Z3Regex {
        if terms.count == 1 { return terms[0] }
        let args = try asts(of: terms)
        return Z3Regex(unchecked: try term(make(raw, UInt32(args.count), args), name))
    }

    /// `(RegEx String)`; the sort is used by the caller before any other call.
    private func regexSort() throws -> Z3_sort {
        try checked(Z3_mk_re_sort(raw, Z3_mk_string_sort(raw)), "Z3_mk_re_sort")
    }
}
