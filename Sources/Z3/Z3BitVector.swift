import CZ3

/// A fixed-width bit-vector term. Comparisons are unsigned.
///
/// Terms of different widths have the same Swift type; combining them is a Z3 sort
/// error, thrown as ``Z3Error/api(code:message:)``.
///
/// ```swift
/// let flags = try ctx.bitVectorVariable("flags", width: 8)
/// let f = try flags.bitwiseAnd(ctx.bitVector(0b100, width: 8)).equals(ctx.bitVector(0, width: 8))
/// ```
public struct Z3BitVector: Z3Expression {
    public let term: Z3Term
    /// The number of bits.
    public let width: UInt32

    init(unchecked term: Z3Term, width: UInt32) {
        self.term = term
        self.width = width
    }

    public init(_ term: Z3Term) throws {
        let sort = try term.sort
        guard case .bitVector(let width) = try sort.kind else {
            throw Z3Error.sortMismatch(expected: "(_ BitVec n)", actual: sort.description)
        }
        self.term = term
        self.width = width
    }

    /// `(bvult self other)`: unsigned less-than.
    public func ult(_ other: Z3BitVector) throws -> Z3Bool { try compare(other, Z3_mk_bvult, "Z3_mk_bvult") }
    /// `(bvule self other)`: unsigned less-than-or-equal.
    public func ule(_ other: Z3BitVector) throws -> Z3Bool { try compare(other, Z3_mk_bvule, "Z3_mk_bvule") }
    /// `(bvugt self other)`: unsigned greater-than.
    public func ugt(_ other: Z3BitVector) throws -> Z3Bool { try compare(other, Z3_mk_bvugt, "Z3_mk_bvugt") }
    /// `(bvuge self other)`: unsigned greater-than-or-equal.
    public func uge(_ other: Z3BitVector) throws -> Z3Bool { try compare(other, Z3_mk_bvuge, "Z3_mk_bvuge") }

    /// `(bvand self other)`.
    public func bitwiseAnd(_ other: Z3BitVector) throws -> Z3BitVector {
        try combine(other, Z3_mk_bvand, "Z3_mk_bvand")
    }

    /// `(bvor self other)`.
    public func bitwiseOr(_ other: Z3BitVector) throws -> Z3BitVector {
        try combine(other, Z3_mk_bvor, "Z3_mk_bvor")
    }

    /// `(bvnot self)`.
    public func bitwiseNot() throws -> Z3BitVector {
        let ctx = context
        return Z3BitVector(unchecked: try ctx.term(Z3_mk_bvnot(ctx.raw, term.ast), "Z3_mk_bvnot"), width: width)
    }

    /// `((_ extract high low) self)`: bits `high` down to `low`, inclusive.
    public func extract(high: UInt32, low: UInt32) throws -> Z3BitVector {
        guard low <= high, high < width else {
            throw Z3Error.invalidArgument("extract(high: \(high), low: \(low)) from a \(width)-bit vector")
        }
        let ctx = context
        return Z3BitVector(
            unchecked: try ctx.term(Z3_mk_extract(ctx.raw, high, low, term.ast), "Z3_mk_extract"),
            width: high - low + 1)
    }

    private func compare(
        _ other: Z3BitVector, _ make: (Z3_context?, Z3_ast?, Z3_ast?) -> Z3_ast?, _ name: String
    ) throws -> Z3Bool {
        let ctx = context
        return Z3Bool(unchecked: try ctx.term(make(ctx.raw, term.ast, try ctx.ast(of: other.term)), name))
    }

    private func combine(
        _ other: Z3BitVector, _ make: (Z3_context?, Z3_ast?, Z3_ast?) -> Z3_ast?, _ name: String
    ) throws -> Z3BitVector {
        let ctx = context
        return Z3BitVector(
            unchecked: try ctx.term(make(ctx.raw, term.ast, try ctx.ast(of: other.term)), name), width: width)
    }
}

extension Z3Context {
    /// The bit-vector literal `value` of `width` bits (`value` is truncated to the width).
    public func bitVector(_ value: UInt64, width: UInt32) throws -> Z3BitVector {
        guard width > 0 else { throw Z3Error.invalidArgument("bit-vector width 0") }
        return Z3BitVector(
            unchecked: try term(Z3_mk_unsigned_int64(raw, value, Z3_mk_bv_sort(raw, width)), "Z3_mk_unsigned_int64"),
            width: width)
    }

    /// A bit-vector variable named `name` of `width` bits.
    public func bitVectorVariable(_ name: String, width: UInt32) throws -> Z3BitVector {
        guard width > 0 else { throw Z3Error.invalidArgument("bit-vector width 0") }
        return Z3BitVector(unchecked: try variable(name, sort: Z3_mk_bv_sort(raw, width)), width: width)
    }
}
