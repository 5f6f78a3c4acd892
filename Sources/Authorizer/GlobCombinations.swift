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

    /// The longest pattern (in tokens) the exploration takes: a pattern's state is a 64-bit set
    /// of token positions. Action patterns are far shorter (the catalog's longest action name
    /// has 60 characters).
    public static let tokenLimit = 63

    /// One realizable membership vector and the shortest string that has it.
    public struct Combination: Sendable, Hashable {
        public var vector: [Bool]
        /// A shortest string with this membership, made of the patterns' literal characters
        /// and one character none of them names (an ASCII letter or digit when one is free).
        public var witness: String
    }

    /// The membership vectors some string has, sorted; nil past `stateLimit` states. Patterns
    /// must be compiled alike: all case-sensitive, or all case-insensitive (lowercase literals,
    /// which a lowercased subject meets the same way).
    public static func realizable(_ patterns: [GlobPattern], stateLimit: Int = stateLimit) -> [[Bool]]? {
        combinations(patterns, stateLimit: stateLimit)?.map(\.vector)
    }

    /// Every realizable vector with a shortest string that has it, sorted by vector; nil past
    /// `stateLimit` states or when a pattern has more than `tokenLimit` tokens. Breadth-first,
    /// so each vector's witness is the first (shortest) string found with it.
    public static func combinations(_ patterns: [GlobPattern], stateLimit: Int = stateLimit) -> [Combination]? {
        guard patterns.allSatisfy({ $0.tokens.count <= tokenLimit }) else { return nil }
        var alphabet = Set<Unicode.Scalar>()
        for pattern in patterns {
            for case .literal(let scalar) in pattern.tokens { alphabet.insert(scalar) }
        }
        // A character no pattern names: every such character moves states alike.
        let readable = Array("xzqjkvwy".unicodeScalars) + Array("0123456789_-".unicodeScalars)
        let other = readable.first { !alphabet.contains($0) }
            ?? (UInt8(0x21)...UInt8(0x7E)).lazy.map(Unicode.Scalar.init).first { !alphabet.contains($0) }
            ?? "\u{1F}"
        let characters = alphabet.sorted() + [other]
        let automata = patterns.map { PositionAutomaton($0, characters: characters) }

        let start = automata.map(\.start)
        var states: [[UInt64]] = [start]
        var index: [[UInt64]: Int] = [start: 0]
        // How each state was first reached: (previous state, character), for the witnesses.
        var parents: [(Int, Unicode.Scalar)?] = [nil]
        var found: [[Bool]: Int] = [:]
        var next = 0
        while next < states.count {
            let state = states[next]
            let vector = zip(state, automata).map { $1.accepts($0) }
            if found[vector] == nil { found[vector] = next }
            for (characterIndex, character) in characters.enumerated() {
                let moved = zip(state, automata).map { $1.step($0, characterIndex) }
                if index[moved] == nil {
                    if states.count >= stateLimit { return nil }
                    index[moved] = states.count
                    states.append(moved)
                    parents.append((next, character))
                }
            }
            next += 1
        }
        return found.map { vector, stateIndex in
            var scalars: [Unicode.Scalar] = []
            var at = stateIndex
            while let (previous, character) = parents[at] {
                scalars.append(character)
                at = previous
            }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars.reversed())
            return Combination(vector: vector, witness: String(text))
        }.sorted { $0.vector.lexicographicallyPrecedes($1.vector) { !$0 && $1 } }
    }

    /// A glob as a set of token positions in one 64-bit word: bit `i` set means the first `i`
    /// tokens can have been matched; bit `tokens.count` means the whole pattern has.
    private struct PositionAutomaton {
        let start: UInt64
        let accepting: UInt64
        /// Positions holding a `*` (which stays put on any character).
        let stars: UInt64
        /// Positions holding a `?` (which moves on on any character).
        let anyOne: UInt64
        /// Positions a character moves on from, by its index in the explored characters: a `?`
        /// or that literal.
        let moving: [UInt64]

        init(_ pattern: GlobPattern, characters: [Unicode.Scalar]) {
            var stars: UInt64 = 0, anyOne: UInt64 = 0
            var literals: [Unicode.Scalar: UInt64] = [:]
            for (position, token) in pattern.tokens.enumerated() {
                let bit: UInt64 = 1 << UInt64(position)
                switch token {
                case .anyRun: stars |= bit
                case .anyOne: anyOne |= bit
                case .literal(let scalar): literals[scalar, default: 0] |= bit
                }
            }
            self.stars = stars
            self.anyOne = anyOne
            moving = characters.map { anyOne | (literals[$0] ?? 0) }
            accepting = 1 << UInt64(pattern.tokens.count)
            start = PositionAutomaton.closure(1, stars: stars)
        }

        func accepts(_ positions: UInt64) -> Bool { positions & accepting != 0 }

        /// Positions after reading the character at `characterIndex`: a `*` stays, a `?` or the
        /// same literal moves on.
        func step(_ positions: UInt64, _ characterIndex: Int) -> UInt64 {
            guard positions != 0 else { return 0 }
            return PositionAutomaton.closure(((positions & moving[characterIndex]) << 1) | (positions & stars), stars: stars)
        }

        /// Positions reachable without reading: a `*` may match nothing.
        static func closure(_ positions: UInt64, stars: UInt64) -> UInt64 {
            var result = positions
            while true {
                let grown = result | ((result & stars) << 1)
                if grown == result { return result }
                result = grown
            }
        }
    }
}
