import CZ3

/// A typed view of a ``Z3Term``: the Swift type says which sort the term has, so a
/// Boolean cannot be passed where a string is expected.
///
/// Conforming types: ``Z3Bool``, ``Z3Int``, ``Z3BitVector``, ``Z3String``,
/// ``Z3Regex``, ``Z3Enum``.
///
/// ```swift
/// let s = try ctx.stringVariable("s")
/// let same: Z3Bool = try s.equals(ctx.string("abc"))
/// let raw: Z3Term = s.term
/// let back = try Z3String(raw)   // checks the sort
/// ```
public protocol Z3Expression: Hashable, CustomStringConvertible {
    /// The owned, untyped term.
    var term: Z3Term { get }

    /// Views an untyped term as this type, throwing ``Z3Error/sortMismatch(expected:actual:)``
    /// if its sort does not fit.
    init(_ term: Z3Term) throws
}

extension Z3Expression {
    /// The context the term belongs to.
    public var context: Z3Context { term.context }

    public var description: String { term.description }

    /// `(= self other)`.
    public func equals(_ other: Self) throws -> Z3Bool {
        let ctx = context
        return Z3Bool(unchecked: try ctx.term(
            Z3_mk_eq(ctx.raw, term.ast, try ctx.ast(of: other.term)), "Z3_mk_eq"))
    }

    /// `(not (= self other))`.
    public func notEquals(_ other: Self) throws -> Z3Bool {
        try equals(other).not()
    }
}

/// Throws unless `term`'s sort has the expected kind.
func requireSort(_ term: Z3Term, _ matches: (Z3Sort.Kind) -> Bool, expected: String) throws {
    let sort = try term.sort
    guard matches(try sort.kind) else {
        throw Z3Error.sortMismatch(expected: expected, actual: sort.description)
    }
}

extension Z3Context {
    /// `(ite condition then else)`: `then` when `condition` holds, else `else`.
    ///
    /// ```swift
    /// let max = try ctx.ite(x.greaterThan(y), then: x, else: y)
    /// ```
    public func ite<T: Z3Expression>(_ condition: Z3Bool, then thenTerm: T, else elseTerm: T) throws -> T {
        try T(term(Z3_mk_ite(raw, try ast(of: condition.term), try ast(of: thenTerm.term),
                             try ast(of: elseTerm.term)), "Z3_mk_ite"))
    }

    /// `(distinct t1 t2 ...)`: all terms pairwise different. True for fewer than two terms.
    public func distinct<T: Z3Expression>(_ terms: [T]) throws -> Z3Bool {
        guard terms.count >= 2 else { return try bool(true) }
        let args = try asts(of: terms)
        return Z3Bool(unchecked: try term(Z3_mk_distinct(raw, UInt32(args.count), args), "Z3_mk_distinct"))
    }
}
