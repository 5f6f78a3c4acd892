/// A string that two glob patterns both match, when there is one: a breadth-first search of
/// the product of their automata (states are positions in both patterns; `*` may be skipped or
/// consume a character, a literal must agree with the other side, two wildcards take `x`).
/// Used to build a candidate resource a policy's pattern and a resource's scope both admit,
/// such as an object `arn:aws:s3:::bucket/:logs-for-stack` under `arn:aws:s3::*:logs-for-stack*`.
///
/// ```swift
/// GlobIntersection.commonMatch(GlobPattern("a*c"), GlobPattern("ab*"))  // "abc"
/// GlobIntersection.commonMatch(GlobPattern("a*"), GlobPattern("b*"))    // nil
/// ```
public enum GlobIntersection {
    public static func commonMatch(_ first: GlobPattern, _ second: GlobPattern) -> String? {
        // A pattern without wildcards matches one string, its text: the common match is that
        // text when the other pattern matches it token for token (no lowercasing: the search
        // below compares tokens as they are), else none — the search's answer, without it.
        if let text = first.literalText { return second.matches(text, subjectIsLowercased: true) ? text : nil }
        if let text = second.literalText { return first.matches(text, subjectIsLowercased: true) ? text : nil }
        return searched(first, second)
    }

    /// The breadth-first search of the product automaton (`commonMatch` without its shortcut).
    static func searched(_ first: GlobPattern, _ second: GlobPattern) -> String? {
        let a = first.tokens, b = second.tokens
        struct State: Hashable { var i: Int, j: Int }
        var parent: [State: (State, Unicode.Scalar?)] = [:]
        var queue = [State(i: 0, j: 0)]
        var seen: Set<State> = [State(i: 0, j: 0)]
        var head = 0
        func visit(_ next: State, from state: State, _ scalar: Unicode.Scalar?) {
            guard seen.insert(next).inserted else { return }
            parent[next] = (state, scalar)
            queue.append(next)
        }
        while head < queue.count {
            let state = queue[head]
            head += 1
            if state.i == a.count && state.j == b.count {
                var scalars: [Unicode.Scalar] = []
                var current = state
                while let (previous, scalar) = parent[current] {
                    if let scalar { scalars.append(scalar) }
                    current = previous
                }
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars.reversed())
                return String(view)
            }
            // `*` may match nothing.
            if state.i < a.count, a[state.i] == .anyRun { visit(State(i: state.i + 1, j: state.j), from: state, nil) }
            if state.j < b.count, b[state.j] == .anyRun { visit(State(i: state.i, j: state.j + 1), from: state, nil) }
            // One character both sides accept.
            guard state.i < a.count, state.j < b.count else { continue }
            var scalar: Unicode.Scalar = "x"
            switch (a[state.i], b[state.j]) {
            case (.literal(let x), .literal(let y)):
                guard x == y else { continue }
                scalar = x
            case (.literal(let x), _), (_, .literal(let x)):
                scalar = x
            default:
                break
            }
            let i = a[state.i] == .anyRun ? state.i : state.i + 1
            let j = b[state.j] == .anyRun ? state.j : state.j + 1
            visit(State(i: i, j: j), from: state, scalar)
        }
        return nil
    }
}
