/// One way the formulas over a symbolic request read its action (`SymbolicRequest.actionReads`):
/// a caller that relies on what reads the action (a request that differs only in its action is
/// judged by its `Action` patterns alone) checks it here rather than by convention.
public enum ActionRead: Hashable, Sendable {
    /// An `Action`/`NotAction` value of a compiled statement, lowercased.
    case statementPattern(String)
    /// A glob a question tests itself (`SymbolicAuthorization.actionMatches`), lowercased.
    case questionPattern(String)
    /// The action string itself (`SymbolicRequest.action`), compared with anything at all.
    case string
    /// A context key that exists only on some actions, by its name: `kms:CallerAccount`, on
    /// `kms:*` requests (`DerivedContextKeys`).
    case derivedKey(String)
    /// A named finite set of actions a question tests (`ActionGroup`, by its key): its caller
    /// states the same fact concretely (the external-access question's `ActionApplicability`).
    case group(String)

}
