import CZ3

/// An enumeration sort: a finite domain with named, pairwise distinct values
/// (`Z3_mk_enumeration_sort`). Rampart encodes finite domains such as accounts and
/// principal kinds this way, which costs far less than strings.
///
/// ```swift
/// let kinds = try ctx.enumSort(named: "PrincipalKind", cases: ["AWS", "Service", "Federated", "Other"])
/// let kind = try ctx.enumVariable("kind", sort: kinds)
/// let isService = try kind.equals(kinds.value(named: "Service"))
/// ```
public final class Z3EnumSort {
    /// The sort itself.
    public let sort: Z3Sort
    /// The names of the values, in declaration order.
    public let names: [String]
    /// The values, in declaration order (`cases[i]` is named `names[i]`).
    public let cases: [Z3Enum]

    init(sort: Z3Sort, names: [String], cases: [Z3Enum]) {
        self.sort = sort
        self.names = names
        self.cases = cases
    }

    /// The value named `name`, or `nil` if the sort has no such value.
    public func value(named name: String) -> Z3Enum? {
        names.firstIndex(of: name).map { cases[$0] }
    }

    /// The value named `name`, throwing ``Z3Error/invalidArgument(_:)`` if there is none.
    public func requireValue(named name: String) throws -> Z3Enum {
        guard let value = value(named: name) else {
            throw Z3Error.invalidArgument("\(sort) has no value \(name)")
        }
        return value
    }
}

@available(*, unavailable, message: "Z3 sorts belong to one context and must not cross threads.")
extension Z3EnumSort: Sendable {}

extension Z3Context {
    /// Declares an enumeration sort named `name` with the given value names.
    ///
    /// Value names must be non-empty and unique. Declaring the same sort name again in
    /// the same context returns the same sort if the values are the same, and throws
    /// ``Z3Error/invalidArgument(_:)`` if they differ. (Z3 itself is inconsistent here:
    /// 4.8.12 silently merges the two, so `(= x p)` across them type-checks; 5.4.1
    /// refuses any redeclaration.) Use one name per domain per context, e.g.
    /// `"Account"` built once from all accounts in scope.
    public func enumSort(named name: String, cases caseNames: [String]) throws -> Z3EnumSort {
        guard !caseNames.isEmpty else { throw Z3Error.invalidArgument("enumeration sort \(name) has no values") }
        guard Set(caseNames).count == caseNames.count else {
            throw Z3Error.invalidArgument("enumeration sort \(name) repeats a value name")
        }
        if let declared = declaredEnumSorts[name] {
            guard declared.cases == caseNames else {
                throw Z3Error.invalidArgument(
                    "enumeration sort \(name) is already declared in this context with values \(declared.cases)")
            }
            return try enumSort(declared.sort, names: caseNames)
        }
        let symbols: [Z3_symbol?] = try caseNames.map { try symbol($0) }
        var constructors = [Z3_func_decl?](repeating: nil, count: caseNames.count)
        var testers = [Z3_func_decl?](repeating: nil, count: caseNames.count)
        let rawSort = try checked(
            Z3_mk_enumeration_sort(raw, try symbol(name), UInt32(caseNames.count), symbols, &constructors, &testers),
            "Z3_mk_enumeration_sort")
        Z3_inc_ref(raw, Z3_sort_to_ast(raw, rawSort))
        declaredEnumSorts[name] = (caseNames, rawSort)
        return try enumSort(rawSort, names: caseNames)
    }

    /// Wraps a declared enumeration sort and its constants (in declaration order).
    private func enumSort(_ rawSort: Z3_sort, names: [String]) throws -> Z3EnumSort {
        let sort = Z3Sort(context: self, sort: rawSort)
        var values: [Z3Enum] = []
        values.reserveCapacity(names.count)
        for index in names.indices {
            let constructor = try checked(
                Z3_get_datatype_sort_constructor(raw, rawSort, UInt32(index)), "Z3_get_datatype_sort_constructor")
            values.append(Z3Enum(unchecked: try term(Z3_mk_app(raw, constructor, 0, nil), "Z3_mk_app")))
        }
        return Z3EnumSort(sort: sort, names: names, cases: values)
    }

    /// A variable of an enumeration sort, named `name`.
    public func enumVariable(_ name: String, sort: Z3EnumSort) throws -> Z3Enum {
        guard sort.sort.context === self else { throw Z3Error.contextMismatch }
        return Z3Enum(unchecked: try term(Z3_mk_const(raw, try symbol(name), sort.sort.sort), "Z3_mk_const"))
    }
}
