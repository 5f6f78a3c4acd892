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
    /// the same context gives the same sort if the values are the same, and throws
    /// ``Z3Error/invalidArgument(_:)`` if they differ: Z3 would silently merge the two
    /// (measured on 4.8.12: `(= x p)` across them type-checks), so use one name per
    /// domain per context, e.g. `"Account"` built once from all accounts in scope.
    public func enumSort(named name: String, cases caseNames: [String]) throws -> Z3EnumSort {
        guard !caseNames.isEmpty else { throw Z3Error.invalidArgument("enumeration sort \(name) has no values") }
        guard Set(caseNames).count == caseNames.count else {
            throw Z3Error.invalidArgument("enumeration sort \(name) repeats a value name")
        }
        if let declared = declaredEnumSorts[name], declared != caseNames {
            throw Z3Error.invalidArgument(
                "enumeration sort \(name) is already declared in this context with values \(declared)")
        }
        let count = caseNames.count
        let symbols: [Z3_symbol?] = try caseNames.map { try symbol($0) }
        var constructors = [Z3_func_decl?](repeating: nil, count: count)
        var testers = [Z3_func_decl?](repeating: nil, count: count)
        let rawSort = try checked(
            Z3_mk_enumeration_sort(raw, try symbol(name), UInt32(count), symbols, &constructors, &testers),
            "Z3_mk_enumeration_sort")
        let sort = Z3Sort(context: self, sort: rawSort)
        var values: [Z3Enum] = []
        values.reserveCapacity(count)
        for constructor in constructors {
            let decl = try checked(constructor, "enumeration constructor")
            values.append(Z3Enum(unchecked: try term(Z3_mk_app(raw, decl, 0, nil), "Z3_mk_app")))
        }
        declaredEnumSorts[name] = caseNames
        return Z3EnumSort(sort: sort, names: caseNames, cases: values)
    }

    /// A variable of an enumeration sort, named `name`.
    public func enumVariable(_ name: String, sort: Z3EnumSort) throws -> Z3Enum {
        guard sort.sort.context === self else { throw Z3Error.contextMismatch }
        return Z3Enum(unchecked: try term(Z3_mk_const(raw, try symbol(name), sort.sort.sort), "Z3_mk_const"))
    }
}
