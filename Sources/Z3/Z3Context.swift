import CZ3

/// A Z3 context: the owner of every term, sort, solver and model made from it.
///
/// Created with `Z3_mk_config` + `Z3_mk_context_rc`, so every Z3 object is reference
/// counted and owned by a Swift value (``Z3Term``, ``Z3Sort``, ``Z3Solver``,
/// ``Z3Model``) that increments the count in `init` and decrements it in `deinit`.
/// Each of those values holds the context strongly, so the context is deleted last.
///
/// A no-op error handler is installed, so a Z3 error never aborts the process: every
/// call that can fail is followed by one check of `Z3_get_error_code` that throws
/// ``Z3Error``.
///
/// A context is not thread-safe and is deliberately not `Sendable`: create one per
/// worker and keep everything made from it on that worker.
///
/// ```swift
/// let ctx = try Z3Context()
/// let x = try ctx.intVariable("x")
/// let solver = try Z3Solver(context: ctx, timeoutMilliseconds: 1_000)
/// try solver.assert(x.greaterThan(ctx.int(41)))
/// if case .sat(let model) = try solver.check() { print(try model.value(of: x)) }  // 42
/// ```
public final class Z3Context {
    /// The raw `Z3_context`; only the bridge sees it.
    let raw: Z3_context

    /// `re.allchar`, built once per context (4.8.12 has no `Z3_mk_re_allchar`).
    private var cachedAllChar: Z3_ast?

    /// Every enumeration sort declared so far, by sort name, with its value names. The
    /// context holds a reference on each sort (released by `Z3_del_context`), so a
    /// redeclaration can return the same sort (see ``enumSort(named:cases:)``).
    var declaredEnumSorts: [String: (cases: [String], sort: Z3_sort)] = [:]

    /// Creates a reference-counted context.
    ///
    /// - Parameter parameters: configuration values passed to `Z3_set_param_value`
    ///   before the context is created (e.g. `["model": "true"]`); unknown names are
    ///   ignored by Z3 with a warning.
    public init(parameters: [String: String] = [:]) throws {
        guard let config = Z3_mk_config() else {
            throw Z3Error.nullResult(operation: "Z3_mk_config")
        }
        defer { Z3_del_config(config) }
        for (name, value) in parameters.sorted(by: { $0.key < $1.key }) {
            Z3_set_param_value(config, name, value)
        }
        guard let context = Z3_mk_context_rc(config) else {
            // With no context there is no error code to read. Under a memory cap
            // (``Z3Global/setMemoryLimit(megabytes:)``) the cap is the cause: Z3 refuses an
            // allocation that would cross it, often before its count reaches the cap.
            if let megabytes = Z3Global.memoryLimitMegabytes {
                throw Z3Error.api(code: .memoryOut,
                                  message: "Z3 could not create a context within its memory limit of \(megabytes) MB")
            }
            throw Z3Error.nullResult(operation: "Z3_mk_context_rc")
        }
        // A handler that records nothing: Z3 keeps the error code in the context and the
        // failing call returns NULL/0; `checked` turns that into a thrown Z3Error.
        Z3_set_error_handler(context) { _, _ in }
        self.raw = context
    }

    deinit {
        if let allChar = cachedAllChar { Z3_dec_ref(raw, allChar) }
        for (_, declared) in declaredEnumSorts { Z3_dec_ref(raw, Z3_sort_to_ast(raw, declared.sort)) }
        Z3_del_context(raw)
    }

    // MARK: - The one place Z3's error state becomes a Swift error

    /// Throws if the last Z3 call on this context reported an error.
    func checkError() throws {
        let code = Z3_get_error_code(raw)
        guard code != Z3_OK else { return }
        let message = Z3_get_error_msg(raw, code).map { String(cString: $0) } ?? ""
        throw Z3Error.api(code: Z3ErrorCode(code), message: message)
    }

    /// Checks Z3's error state after a call and unwraps its result.
    ///
    /// Use immediately around a C call: `try checked(Z3_mk_eq(raw, a, b), "Z3_mk_eq")`.
    func checked<Result>(_ result: Result?, _ operation: @autoclosure () -> String) throws -> Result {
        try checkError()
        guard let result else { throw Z3Error.nullResult(operation: operation()) }
        return result
    }

    /// Wraps a freshly returned AST in an owning ``Z3Term`` (after checking errors).
    ///
    /// Must be called before the next Z3 call that returns an AST: in a `_rc` context
    /// an unreferenced result only survives until then.
    func term(_ ast: Z3_ast?, _ operation: @autoclosure () -> String) throws -> Z3Term {
        Z3Term(context: self, ast: try checked(ast, operation()))
    }

    /// The raw AST of a term, after checking that it belongs to this context.
    func ast(of term: Z3Term) throws -> Z3_ast {
        guard term.context === self else { throw Z3Error.contextMismatch }
        return term.ast
    }

    /// The raw ASTs of several terms, in the `[Z3_ast?]` form C arrays import as.
    func asts<T: Z3Expression>(of terms: [T]) throws -> [Z3_ast?] {
        try terms.map { try ast(of: $0.term) }
    }

    /// A Z3 symbol for a name (symbols are not reference counted).
    func symbol(_ name: String) throws -> Z3_symbol {
        try checked(Z3_mk_string_symbol(raw, name), "Z3_mk_string_symbol")
    }

    /// A Swift copy of a string Z3 returns in its context-owned buffer.
    func string(_ cString: Z3_string?, _ operation: @autoclosure () -> String) throws -> String {
        String(cString: try checked(cString, operation()))
    }

    /// `re.allchar` over strings, parsed once from SMT-LIB and cached.
    func allCharRegex() throws -> Z3_ast {
        if let cached = cachedAllChar { return cached }
        let vector = try checked(
            Z3_parse_smtlib2_string(raw, "(assert (str.in_re \"\" re.allchar))", 0, nil, nil, 0, nil, nil),
            "Z3_parse_smtlib2_string")
        Z3_ast_vector_inc_ref(raw, vector)
        defer { Z3_ast_vector_dec_ref(raw, vector) }
        let membership = try checked(Z3_ast_vector_get(raw, vector, 0), "Z3_ast_vector_get")
        let app = try checked(Z3_to_app(raw, membership), "Z3_to_app")
        let allChar = try checked(Z3_get_app_arg(raw, app, 1), "Z3_get_app_arg")
        Z3_inc_ref(raw, allChar)
        cachedAllChar = allChar
        return allChar
    }
}

/// Z3 contexts must not cross threads; this makes the compiler say so.
@available(*, unavailable, message: "A Z3 context is not thread-safe: create one per worker.")
extension Z3Context: Sendable {}
