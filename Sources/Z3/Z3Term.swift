import CZ3

/// One Z3 term (an expression AST) that owns its Z3 reference.
///
/// `Z3_inc_ref` in `init`, `Z3_dec_ref` in `deinit`; the term keeps its
/// ``Z3Context`` alive. Code above the bridge normally works with the typed
/// wrappers (``Z3Bool``, ``Z3Int``, ``Z3String``...) which each hold one `Z3Term`.
///
/// Two terms are `==` when they are the same Z3 AST. Z3 hash-conses terms, so this
/// is structural identity (not logical equivalence, for which see
/// ``Z3Expression/equals(_:)``); it makes terms usable as dictionary keys in caches.
///
/// ```swift
/// let a = try ctx.stringVariable("a")
/// print(a.term)          // "a"
/// print(try a.term.sort) // "String"
/// ```
public final class Z3Term: Hashable, CustomStringConvertible {
    /// The context this term belongs to.
    public let context: Z3Context
    /// The raw AST; valid as long as this object lives.
    let ast: Z3_ast

    /// Takes a reference on `ast`. Only ``Z3Context/term(_:_:)`` and the owners of
    /// raw results call this.
    init(context: Z3Context, ast: Z3_ast) {
        self.context = context
        self.ast = ast
        Z3_inc_ref(context.raw, ast)
    }

    deinit {
        Z3_dec_ref(context.raw, ast)
    }

    /// The sort of this term.
    public var sort: Z3Sort {
        get throws {
            Z3Sort(context: context, sort: try context.checked(Z3_get_sort(context.raw, ast), "Z3_get_sort"))
        }
    }

    /// The SMT-LIB rendering of this term.
    public var description: String {
        (try? context.string(Z3_ast_to_string(context.raw, ast), "Z3_ast_to_string")) ?? "<term>"
    }

    public static func == (lhs: Z3Term, rhs: Z3Term) -> Bool {
        lhs.context === rhs.context && lhs.ast == rhs.ast
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ast)
    }
}

@available(*, unavailable, message: "Z3 terms belong to one context and must not cross threads.")
extension Z3Term: Sendable {}
