import CZ3

/// A string term (Z3's `String`, a sequence of Unicode characters up to U+2FFFF).
///
/// ```swift
/// let arn = try ctx.stringVariable("resource")
/// let f = try arn.hasPrefix(ctx.string("arn:aws:s3:::"))
/// ```
public struct Z3String: Z3Expression {
    public let term: Z3Term

    /// The largest character Z3 strings can hold (U+2FFFF).
    public static let maximumCharacter: Unicode.Scalar = "\u{2FFFF}"

    init(unchecked term: Z3Term) { self.term = term }

    public init(_ term: Z3Term) throws {
        try requireSort(term, { $0 == .string }, expected: "String")
        self.term = term
    }

    /// `(str.len self)`.
    public func length() throws -> Z3Int {
        let ctx = context
        return Z3Int(unchecked: try ctx.term(Z3_mk_seq_length(ctx.raw, term.ast), "Z3_mk_seq_length"))
    }

    /// `(str.++ self other)`.
    public func concat(_ other: Z3String) throws -> Z3String { try context.concat([self, other]) }

    /// `(str.prefixof prefix self)`: `self` starts with `prefix`.
    public func hasPrefix(_ prefix: Z3String) throws -> Z3Bool {
        let ctx = context
        return Z3Bool(unchecked: try ctx.term(
            Z3_mk_seq_prefix(ctx.raw, try ctx.ast(of: prefix.term), term.ast), "Z3_mk_seq_prefix"))
    }

    /// `(str.suffixof suffix self)`: `self` ends with `suffix`.
    public func hasSuffix(_ suffix: Z3String) throws -> Z3Bool {
        let ctx = context
        return Z3Bool(unchecked: try ctx.term(
            Z3_mk_seq_suffix(ctx.raw, try ctx.ast(of: suffix.term), term.ast), "Z3_mk_seq_suffix"))
    }

    /// `(str.contains self other)`: `other` occurs in `self`.
    public func contains(_ other: Z3String) throws -> Z3Bool {
        let ctx = context
        return Z3Bool(unchecked: try ctx.term(
            Z3_mk_seq_contains(ctx.raw, term.ast, try ctx.ast(of: other.term)), "Z3_mk_seq_contains"))
    }

    /// `(str.< self other)`: lexicographically (by code point) before `other`.
    public func lexicographicallyPrecedes(_ other: Z3String) throws -> Z3Bool {
        let ctx = context
        return Z3Bool(unchecked: try ctx.term(
            Z3_mk_str_lt(ctx.raw, term.ast, try ctx.ast(of: other.term)), "Z3_mk_str_lt"))
    }

    /// `(str.<= self other)`.
    public func lexicographicallyPrecedesOrEquals(_ other: Z3String) throws -> Z3Bool {
        let ctx = context
        return Z3Bool(unchecked: try ctx.term(
            Z3_mk_str_le(ctx.raw, term.ast, try ctx.ast(of: other.term)), "Z3_mk_str_le"))
    }

    /// `(str.at self index)`: the one-character string at `index`, or `""` out of range.
    public func character(at index: Z3Int) throws -> Z3String {
        let ctx = context
        return Z3String(unchecked: try ctx.term(
            Z3_mk_seq_at(ctx.raw, term.ast, try ctx.ast(of: index.term)), "Z3_mk_seq_at"))
    }

    /// `(str.substr self offset length)`.
    public func substring(offset: Z3Int, length: Z3Int) throws -> Z3String {
        let ctx = context
        return Z3String(unchecked: try ctx.term(
            Z3_mk_seq_extract(ctx.raw, term.ast, try ctx.ast(of: offset.term), try ctx.ast(of: length.term)),
            "Z3_mk_seq_extract"))
    }

    /// `(str.in_re self regex)`: `self` is in the language of `regex`.
    public func matches(_ regex: Z3Regex) throws -> Z3Bool {
        let ctx = context
        return Z3Bool(unchecked: try ctx.term(
            Z3_mk_seq_in_re(ctx.raw, term.ast, try ctx.ast(of: regex.term)), "Z3_mk_seq_in_re"))
    }

    /// `(str.to_re self)`: the regex matching exactly this string.
    public func toRegex() throws -> Z3Regex {
        let ctx = context
        return Z3Regex(unchecked: try ctx.term(Z3_mk_seq_to_re(ctx.raw, term.ast), "Z3_mk_seq_to_re"))
    }
}

extension Z3Context {
    /// The string literal `value`. Any Swift string whose scalars are at most
    /// ``Z3String/maximumCharacter`` (U+2FFFF) round-trips exactly through a model
    /// (backslashes, NUL and non-ASCII included); a larger scalar throws
    /// ``Z3Error/characterOutOfRange(_:)``.
    public func string(_ value: String) throws -> Z3String {
        let escaped = try Z3StringLiteral.escaped(value)
        return Z3String(unchecked: try term(Z3_mk_string(raw, escaped), "Z3_mk_string"))
    }

    /// A string variable named `name`.
    public func stringVariable(_ name: String) throws -> Z3String {
        Z3String(unchecked: try variable(name, sort: Z3_mk_string_sort(raw)))
    }

    /// `(str.++ t1 t2 ...)`; `""` for an empty list.
    public func concat(_ terms: [Z3String]) throws -> Z3String {
        guard !terms.isEmpty else { return try string("") }
        if terms.count == 1 { return terms[0] }
        let args = try asts(of: terms)
        return Z3String(unchecked: try term(Z3_mk_seq_concat(raw, UInt32(args.count), args), "Z3_mk_seq_concat"))
    }
}
