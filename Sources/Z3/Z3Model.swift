import CZ3

/// A model of a satisfiable query, owning its Z3 reference. Reads the values of
/// terms as Swift values.
///
/// ```swift
/// if case .sat(let model) = try solver.check() {
///     let action: String = try model.value(of: actionTerm)
///     let port: UInt64 = try model.value(of: portTerm)
///     let kind = try model.value(of: kindTerm).name
/// }
/// ```
public final class Z3Model: CustomStringConvertible {
    /// The context the model belongs to.
    public let context: Z3Context
    let raw: Z3_model

    init(context: Z3Context, model: Z3_model) {
        self.context = context
        self.raw = model
        Z3_model_inc_ref(context.raw, model)
    }

    deinit {
        Z3_model_dec_ref(context.raw, raw)
    }

    /// Evaluates `term` in the model (`Z3_model_eval`). With `completion`, variables
    /// the model leaves open get a default value, so the result is a literal.
    public func eval<T: Z3Expression>(_ term: T, completion: Bool = true) throws -> T {
        try T(evaluate(term.term, completion: completion))
    }

    /// The value of a Boolean term.
    public func value(of term: Z3Bool, completion: Bool = true) throws -> Bool {
        let result = try evaluate(term.term, completion: completion)
        let value = Z3_get_bool_value(context.raw, result.ast)
        try context.checkError()
        switch value {
        case Z3_L_TRUE: return true
        case Z3_L_FALSE: return false
        default: throw Z3Error.notAValue(result.description)
        }
    }

    /// The value of an integer term, if it fits an `Int`.
    public func value(of term: Z3Int, completion: Bool = true) throws -> Int {
        let numeral = try numeralString(evaluate(term.term, completion: completion))
        guard let value = Int(numeral) else { throw Z3Error.numeralOutOfRange(numeral) }
        return value
    }

    /// The value of a bit-vector term (of at most 64 bits), unsigned.
    public func value(of term: Z3BitVector, completion: Bool = true) throws -> UInt64 {
        let numeral = try numeralString(evaluate(term.term, completion: completion))
        guard let value = UInt64(numeral) else { throw Z3Error.numeralOutOfRange(numeral) }
        return value
    }

    /// The value of a string term, exactly (see ``Z3Context/string(_:)``).
    public func value(of term: Z3String, completion: Bool = true) throws -> String {
        try Z3StringLiteral.decode(evaluate(term.term, completion: completion))
    }

    /// The value of an enumeration term: its position in the sort's declaration order
    /// and its name.
    public func value(of term: Z3Enum, completion: Bool = true) throws -> Z3EnumValue {
        let result = try evaluate(term.term, completion: completion)
        let ctx = context.raw
        let isApp = Z3_is_app(ctx, result.ast)
        try context.checkError()
        guard isApp else { throw Z3Error.notAValue(result.description) }
        let app = try context.checked(Z3_to_app(ctx, result.ast), "Z3_to_app")
        let decl = try context.checked(Z3_get_app_decl(ctx, app), "Z3_get_app_decl")
        let sort = try result.sort
        let count = Z3_get_datatype_sort_num_constructors(ctx, sort.sort)
        try context.checkError()
        for index in 0..<count {
            let constructor = try context.checked(
                Z3_get_datatype_sort_constructor(ctx, sort.sort, index), "Z3_get_datatype_sort_constructor")
            if Z3_is_eq_func_decl(ctx, decl, constructor) {
                let name = try context.string(
                    Z3_get_symbol_string(ctx, Z3_get_decl_name(ctx, constructor)), "Z3_get_symbol_string")
                return Z3EnumValue(index: Int(index), name: name)
            }
        }
        throw Z3Error.notAValue(result.description)
    }

    /// The model in Z3's text form, for debugging.
    public var description: String {
        (try? context.string(Z3_model_to_string(context.raw, raw), "Z3_model_to_string")) ?? "<model>"
    }

    private func evaluate(_ term: Z3Term, completion: Bool) throws -> Z3Term {
        var result: Z3_ast?
        let ok = Z3_model_eval(context.raw, raw, try context.ast(of: term), completion, &result)
        try context.checkError()
        guard ok else { throw Z3Error.notAValue(term.description) }
        return try context.term(result, "Z3_model_eval")
    }

    private func numeralString(_ term: Z3Term) throws -> String {
        let isNumeral = Z3_is_numeral_ast(context.raw, term.ast)
        try context.checkError()
        guard isNumeral else { throw Z3Error.notAValue(term.description) }
        return try context.string(Z3_get_numeral_string(context.raw, term.ast), "Z3_get_numeral_string")
    }
}

/// The value of an enumeration term in a model.
public struct Z3EnumValue: Hashable, Sendable, CustomStringConvertible {
    /// Position in ``Z3EnumSort/names``.
    public let index: Int
    /// The value's name.
    public let name: String

    public var description: String { name }
}

@available(*, unavailable, message: "Z3 models belong to one context and must not cross threads.")
extension Z3Model: Sendable {}
