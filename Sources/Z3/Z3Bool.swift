import CZ3

/// A Boolean term (a formula).
///
/// ```swift
/// let p = try ctx.boolVariable("p"), q = try ctx.boolVariable("q")
/// let f = try ctx.and(p, q.not()).implies(p)
/// ```
public struct Z3Bool: Z3Expression {
    public let term: Z3Term

    init(unchecked term: Z3Term) { self.term = term }

    public init(_ term: Z3Term) throws {
        try requireSort(term, { $0 == .bool }, expected: "Bool")
        self.term = term
    }

    /// `(not self)`.
    public func not() throws -> Z3Bool {
        let ctx = context
        return Z3Bool(unchecked: try ctx.term(Z3_mk_not(ctx.raw, term.ast), "Z3_mk_not"))
    }

    /// `(and self other)`.
    public func and(_ other: Z3Bool) throws -> Z3Bool { try context.and([self, other]) }

    /// `(or self other)`.
    public func or(_ other: Z3Bool) throws -> Z3Bool { try context.or([self, other]) }

    /// `(=> self other)`.
    public func implies(_ other: Z3Bool) throws -> Z3Bool {
        let ctx = context
        return Z3Bool(unchecked: try ctx.term(
            Z3_mk_implies(ctx.raw, term.ast, try ctx.ast(of: other.term)), "Z3_mk_implies"))
    }

    /// `(= self other)` on formulas: both hold or neither does.
    public func iff(_ other: Z3Bool) throws -> Z3Bool {
        let ctx = context
        return Z3Bool(unchecked: try ctx.term(
            Z3_mk_iff(ctx.raw, term.ast, try ctx.ast(of: other.term)), "Z3_mk_iff"))
    }

    /// `(xor self other)`.
    public func xor(_ other: Z3Bool) throws -> Z3Bool {
        let ctx = context
        return Z3Bool(unchecked: try ctx.term(
            Z3_mk_xor(ctx.raw, term.ast, try ctx.ast(of: other.term)), "Z3_mk_xor"))
    }
}

extension Z3Context {
    /// The Boolean constant `true` or `false`.
    public func bool(_ value: Bool) throws -> Z3Bool {
        Z3Bool(unchecked: try term(value ? Z3_mk_true(raw) : Z3_mk_false(raw), "Z3_mk_true/false"))
    }

    /// A Boolean variable (an uninterpreted constant) named `name`. The same name gives
    /// the same variable.
    public func boolVariable(_ name: String) throws -> Z3Bool {
        Z3Bool(unchecked: try variable(name, sort: Z3_mk_bool_sort(raw)))
    }

    /// A Boolean variable guaranteed distinct from every other (`Z3_mk_fresh_const`),
    /// named `prefix!N`.
    public func freshBoolVariable(prefix: String = "b") throws -> Z3Bool {
        Z3Bool(unchecked: try term(Z3_mk_fresh_const(raw, prefix, Z3_mk_bool_sort(raw)), "Z3_mk_fresh_const"))
    }

    /// `(and t1 t2 ...)`; `true` for an empty list.
    public func and(_ terms: [Z3Bool]) throws -> Z3Bool {
        guard !terms.isEmpty else { return try bool(true) }
        if terms.count == 1 { return terms[0] }
        let args = try asts(of: terms)
        return Z3Bool(unchecked: try term(Z3_mk_and(raw, UInt32(args.count), args), "Z3_mk_and"))
    }

    /// `(and t1 t2 ...)`.
    public func and(_ terms: Z3Bool...) throws -> Z3Bool { try and(terms) }

    /// `(or t1 t2 ...)`; `false` for an empty list.
    public func or(_ terms: [Z3Bool]) throws -> Z3Bool {
        guard !terms.isEmpty else { return try bool(false) }
        if terms.count == 1 { return terms[0] }
        let args = try asts(of: terms)
        return Z3Bool(unchecked: try term(Z3_mk_or(raw, UInt32(args.count), args), "Z3_mk_or"))
    }

    /// `(or t1 t2 ...)`.
    public func or(_ terms: Z3Bool...) throws -> Z3Bool { try or(terms) }

    /// `(not t)`.
    public func not(_ term: Z3Bool) throws -> Z3Bool { try term.not() }

    /// An uninterpreted constant of a raw sort. The sort is used before any other call.
    func variable(_ name: String, sort: Z3_sort?) throws -> Z3Term {
        let sort = try checked(sort, "sort for \(name)")
        return try term(Z3_mk_const(raw, try symbol(name), sort), "Z3_mk_const")
    }
}
