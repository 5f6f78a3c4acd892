import Policy

/// The organization an `aws:PrincipalOrgPaths` condition value fixes, for a lemma the encoding
/// states beside the path's well-formedness (issue 17).
///
/// Every path begins with the caller's own organization id and `/`, and the id holds no `/`
/// (both always stated, `SymbolicRequest`); so a path matching `o-a1b2c3d4e5/r-ab12/…/*` has the
/// caller's organization `o-a1b2c3d4e5`. That follows from the constraints, but Z3's sequence
/// solver has to find it by splitting the path: a free search over the OU share of issue 17 ran
/// 24 s to a model without the alphabets and to `unknown` with them, and the organization zone's
/// proof ran out of its 30 s. The lemma "an active entry matching these values ⇒ the caller's
/// organization is one of theirs" states the consequence outright. It is implied by what is
/// already asserted (the first `/` of the entry ends both the id and the value's literal first
/// segment), so it removes no model and adds none: every answer stays the same.
enum OrganizationPathLemma {
    /// The organizations the values fix as their first segment (each value's text before its
    /// first `/`, with no wildcard or variable before it), or nil when some value fixes none
    /// (then no lemma: the entry may begin anywhere). Only for `StringEquals` and `StringLike`,
    /// which compare the text case-sensitively.
    static func organizations(fixedBy values: [String], operator base: BaseConditionOperator) -> [String]? {
        guard [.stringEquals, .stringLike].contains(base), !values.isEmpty else { return nil }
        var result: [String] = []
        for value in values {
            guard let slash = value.firstIndex(of: "/") else { return nil }
            let segment = value[..<slash]
            if segment.contains("$") { return nil }
            if base == .stringLike, segment.contains("*") || segment.contains("?") { return nil }
            result.append(String(segment))
        }
        return Array(Set(result)).sorted()
    }
}
