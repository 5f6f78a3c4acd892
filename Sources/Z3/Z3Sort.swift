import CZ3

/// A Z3 sort (type) that owns its Z3 reference (`Z3_inc_ref` on `Z3_sort_to_ast`).
///
/// ```swift
/// let bv = try ctx.bitVectorVariable("flags", width: 8)
/// print(try bv.term.sort.kind)   // bitVector(width: 8)
/// ```
public final class Z3Sort: Hashable, CustomStringConvertible {
    /// What kind of sort this is, as far as the bridge distinguishes sorts.
    public enum Kind: Hashable, Sendable {
        case bool
        case int
        case bitVector(width: UInt32)
        case string
        case regex
        /// An algebraic datatype; enumeration sorts are datatypes with nullary constructors.
        case datatype
        case uninterpreted
        /// Any other Z3 sort kind, with its raw `Z3_sort_kind`.
        case other(UInt32)
    }

    /// The context this sort belongs to.
    public let context: Z3Context
    /// The raw sort; valid as long as this object lives.
    let sort: Z3_sort

    init(context: Z3Context, sort: Z3_sort) {
        self.context = context
        self.sort = sort
        Z3_inc_ref(context.raw, Z3_sort_to_ast(context.raw, sort))
    }

    deinit {
        Z3_dec_ref(context.raw, Z3_sort_to_ast(context.raw, sort))
    }

    /// The kind of this sort.
    public var kind: Kind {
        get throws {
            let raw = context.raw
            let kind = Z3_get_sort_kind(raw, sort)
            try context.checkError()
            switch kind {
            case Z3_BOOL_SORT: return .bool
            case Z3_INT_SORT: return .int
            case Z3_BV_SORT:
                let width = Z3_get_bv_sort_size(raw, sort)
                try context.checkError()
                return .bitVector(width: width)
            case Z3_SEQ_SORT:
                let isString = Z3_is_string_sort(raw, sort)
                try context.checkError()
                return isString ? .string : .other(kind.rawValue)
            case Z3_RE_SORT: return .regex
            case Z3_DATATYPE_SORT: return .datatype
            case Z3_UNINTERPRETED_SORT: return .uninterpreted
            default: return .other(kind.rawValue)
            }
        }
    }

    /// The SMT-LIB rendering of this sort.
    public var description: String {
        (try? context.string(Z3_sort_to_string(context.raw, sort), "Z3_sort_to_string")) ?? "<sort>"
    }

    public static func == (lhs: Z3Sort, rhs: Z3Sort) -> Bool {
        lhs.context === rhs.context && Z3_is_eq_sort(lhs.context.raw, lhs.sort, rhs.sort)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(Z3_get_sort_id(context.raw, sort))
    }
}

@available(*, unavailable, message: "Z3 sorts belong to one context and must not cross threads.")
extension Z3Sort: Sendable {}
