import CZ3

/// A mathematical (unbounded) integer term.
///
/// ```swift
/// let x = try ctx.intVariable("x")
/// let f = try x.plus(ctx.int(1)).lessThanOrEqual(ctx.int(10))
/// ```
public struct Z3Int: Z3Expression {
    public let term: Z3Term

    init(unchecked term: Z3Term) { self.term = term }

    public init(_ term: Z3Term) throws {
        try requireSort(term, { $0 == .int }, expected: "Int")
        self.term = term
    }

    /// `(< self other)`.
    public func lessThan(_ other: Z3Int) throws -> Z3Bool { try compare(other, Z3_mk_lt, "Z3_mk_lt") }
    /// `(<= self other)`.
    public func lessThanOrEqual(_ other: Z3Int) throws -> Z3Bool { try compare(other, Z3_mk_le, "Z3_mk_le") }
    /// `(> self other)`.
    public func greaterThan(_ other: Z3Int) throws -> Z3Bool { try compare(other, Z3_mk_gt, "Z3_mk_gt") }
    /// `(>= self other)`.
    public func greaterThanOrEqual(_ other: Z3Int) throws -> Z3Bool { try compare(other, Z3_mk_ge, "Z3_mk_ge") }

    /// `(+ self other)`.
    public func plus(_ other: Z3Int) throws -> Z3Int { try context.sum([self, other]) }

    /// `(- self other)`.
    public func minus(_ other: Z3Int) throws -> Z3Int {
        let ctx = context
        let args: [Z3_ast?] = [term.ast, try ctx.ast(of: other.term)]
        return Z3Int(unchecked: try ctx.term(Z3_mk_sub(ctx.raw, 2, args), "Z3_mk_sub"))
    }

    /// `(* self other)`. Nonlinear when both sides are variables: Z3 may answer unknown.
    public func times(_ other: Z3Int) throws -> Z3Int {
        let ctx = context
        let args: [Z3_ast?] = [term.ast, try ctx.ast(of: other.term)]
        return Z3Int(unchecked: try ctx.term(Z3_mk_mul(ctx.raw, 2, args), "Z3_mk_mul"))
    }

    private func compare(
        _ other: Z3Int, _ make: (Z3_context?, Z3_ast?, Z3_ast?) -> Z3_ast?, _ name: String
    ) throws -> Z3Bool {
        let ctx = context
        return Z3Bool(unchecked: try ctx.term(make(ctx.raw, term.ast, try ctx.ast(of: other.term)), name))
    }
}

extension Z3Context {
    /// The integer literal `value`.
    public func int(_ value: Int) throws -> Z3Int {
        Z3Int(unchecked: try term(Z3_mk_int64(raw, Int64(value), Z3_mk_int_sort(raw)), "Z3_mk_int64"))
    }

    /// An integer variable named `name`.
    public func intVariable(_ name: String) throws -> Z3Int {
        Z3Int(unchecked: try variable(name, sort: Z3_mk_int_sort(raw)))
    }

    /// `(+ t1 t2 ...)`; `0` for an empty list.
    public func sum(_ terms: [Z3Int]) throws -> Z3Int {
        guard !terms.isEmpty else { return try int(0) }
        if terms.count == 1 { return terms[0] }
        let args = try asts(of: terms)
        return Z3Int(unchecked: try term(Z3_mk_add(raw, UInt32(args.count), args), "Z3_mk_add"))
    }
}
