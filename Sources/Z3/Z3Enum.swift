import CZ3

/// A term of an enumeration sort (see ``Z3EnumSort``).
///
/// All enumeration sorts share this Swift type; comparing values of two different
/// enumeration sorts is a Z3 sort error, thrown as ``Z3Error/api(code:message:)``.
///
/// ```swift
/// let account = try ctx.enumVariable("account", sort: accounts)
/// let external = try ctx.distinct([account, accounts.requireValue(named: "111122223333")])
/// ```
public struct Z3Enum: Z3Expression {
    public let term: Z3Term

    init(unchecked term: Z3Term) { self.term = term }

    /// Accepts a term whose sort is a datatype with only nullary constructors.
    public init(_ term: Z3Term) throws {
        let sort = try term.sort
        let ctx = term.context
        guard try sort.kind == .datatype else {
            throw Z3Error.sortMismatch(expected: "an enumeration sort", actual: sort.description)
        }
        let count = Z3_get_datatype_sort_num_constructors(ctx.raw, sort.sort)
        try ctx.checkError()
        for index in 0..<count {
            let constructor = try ctx.checked(
                Z3_get_datatype_sort_constructor(ctx.raw, sort.sort, index), "Z3_get_datatype_sort_constructor")
            let arity = Z3_get_arity(ctx.raw, constructor)
            try ctx.checkError()
            guard arity == 0 else {
                throw Z3Error.sortMismatch(expected: "an enumeration sort", actual: sort.description)
            }
        }
        self.term = term
    }
}
