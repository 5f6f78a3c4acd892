/// Which sets of glob patterns one string can match at the same time.
///
/// A string's *membership* in patterns `p₁ … pₙ` is the vector of `pᵢ.matches(string)`. Not every
/// vector occurs: no action matches both `s3:getobject*` and `s3:putobject*`, and every action
/// matching `s3:getobjectacl` matches `s3:get*`. `realizable` computes the vectors that occur,
/// exactly, by exploring the product of the patterns' automata: a state is, per pattern, the
/// set of token positions a prefix can have reached; a character moves each set; a reachable
/// state's vector says which patterns accept there. Characters that appear in no pattern all
/// move a state the same way (only `?` and `*` take them), so one stands for all of them, and
/// the exploration covers every string.
///
/// The finding enumeration states "the action's membership is one of these vectors" to the
/// solver: a fact true of every string, so it removes no model, but it lets Z3 settle a
/// question about which action classes remain by propositional reasoning instead of regex
/// intersections on its string theory.
///
/// ```swift
/// GlobCombinations.realizable([GlobPattern("s3:get*"), GlobPattern("s3:getobject")])
/// // [[false, false], [true, false], [true, true]]
/// ```
public enum GlobCombinations {
    /// Product states explored before giving up (nil): patterns with many overlapping `*`s
    /// can make the product large, and the vectors are then left to the solver.
    public static let stateLimit = 20_000

    /// The membership vectors some string has, sorted; nil past `stateLimit` states. Patterns
    /// must be compiled alike: all case-sensitive, or all case-insensitive (lowercase literals,
    /// which a lowercased subject meets the same way).
    public static func realizable(_ patterns: [GlobPattern], stateLimit: Int = stateLimit) -> [[Bool]]? {
        let tokens = patterns.map(\.tokens)
        var alphabet = Set<Unicode.Scalar>()
        for pattern in tokens {
            for case .literal(let scalar) in pattern { alphabet.insert(scalar) }
        }
        // A character no pattern names: every such character moves states alike.
        var other = Unicode.Scalar(0x1F)!
        while alphabet.contains(other) { other = Unicode.Scalar(other.value - 1)! }
        let characters = Array(alphabet) + [other]

        let start = tokens.map { closure([0], $0) }
        var seen: Set<[Set<Int>]> = [start]
        var frontier = [start]
        var vectors = Set<[Bool]>()
        while let state = frontier.popLast() {
            vectors.insert(zip(state, tokens).map { positions, pattern in positions.contains(pattern.count) })
            for character in characters {
                let next = zip(state, tokens).map { positions, pattern in step(positions, pattern, character) }
                if seen.insert(next).inserted {
                    if seen.count > stateLimit { return nil }
                    frontier.append(next)
                }
            }
        }
        return vectors.sorted { $0.lexicographicallyPrecedes($1) { !$0 && $1 } }
    }

    /// Positions reachable without reading: a `*` may match nothing.
    private static func closure(_ positions: Set<Int>, _ pattern: [GlobToken]) -> Set<Int> {
        var result = positions
        var pending = Array(positions)
        while let position = pending.popLast() {
            if position < pattern.count, case .anyRun = pattern[position], result.insert(position + 1).inserted {
                pending.append(position + 1)
            }
        }
        return result
    }

    /// Positions after reading `character`.
    private static func step(_ positions: Set<Int>, _ pattern: [GlobToken], _ character: Unicode.Scalar) -> Set<Int> {
        var next = Set<Int>()
        for position in positions where position < pattern.count {
            switch pattern[position] {
            case .anyRun: next.insert(position)
            case .anyOne: next.insert(position + 1)
            case .literal(let scalar): if scalar == character { next.insert(position + 1) }
            }
        }
        return closure(next, pattern)
    }
}
