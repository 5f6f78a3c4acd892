import Policy

/// Renaming by a `TokenSwap`, derived from the models' one walk of their fields
/// (`FieldWalkable`): every *value* is swapped — principals, resources, condition values, Sids,
/// the witness request's values, cited policies, explanation text — and every word (actions,
/// condition keys, operators, kinds) stays. So a field added to a model is renamed as soon as it
/// is walked, both when a resource moves to its canonical form (`CanonicalResource`) and when
/// the answer moves back.
struct SwapRenaming: FieldVisitor {
    let swap: TokenSwap

    static var rewritesValues: Bool { true }

    mutating func visitValue(_ value: inout String, field: StaticString) { value = swap.apply(value) }

    mutating func visitWord(_ word: String, field: StaticString) {}
}

extension FieldWalkable {
    /// This value with every value field swapped by `swap` (σ is its own inverse).
    func renamed(by swap: TokenSwap) -> Self {
        guard !swap.isIdentity else { return self }
        var renaming = SwapRenaming(swap: swap)
        var copy = self
        copy.walkFields(&renaming)
        return copy
    }
}
