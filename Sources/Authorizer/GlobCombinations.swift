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

    /// Position words moved before giving up (nil): bounds the time of one computation to a few
    /// milliseconds whatever the patterns (many long ARN patterns with `*`s make large products).
    public static let workLimit = 4_000_000

    /// The longest pattern (in tokens) the exploration takes (a pattern's state is a set of
    /// token positions in 64-bit words). ARNs are at most a few hundred characters.
    public static let tokenLimit = 1_023

    /// One realizable membership vector and the shortest string that has it.
    public struct Combination: Sendable, Hashable {
        public var vector: [Bool]
        /// A shortest string with this membership, made of the patterns' literal characters
        /// and one character none of them names (an ASCII letter or digit when one is free).
        public var witness: String

        public init(vector: [Bool], witness: String) {
            self.vector = vector
            self.witness = witness
        }
    }

    /// The membership vectors some string has, sorted; nil past `stateLimit` states. Patterns
    /// must be compiled alike: all case-sensitive, or all case-insensitive (lowercase literals,
    /// which a lowercased subject meets the same way).
    public static func realizable(_ patterns: [GlobPattern], stateLimit: Int = stateLimit) -> [[Bool]]? {
        combinations(patterns, stateLimit: stateLimit)?.map(\.vector)
    }

    /// Every realizable vector with a shortest string that has it, sorted by vector; nil past
    /// `stateLimit` states or `workLimit` words moved, or when a pattern has more than
    /// `tokenLimit` tokens. Breadth-first,
    /// so each vector's witness is the first (shortest) string found with it.
    ///
    /// With `prefix`, only strings that start with it are explored (and every witness starts
    /// with it): the exploration starts from the positions the patterns reach after reading it,
    /// where most patterns of other resources are already dead.
    public static func combinations(_ patterns: [GlobPattern], prefix: String = "", stateLimit: Int = stateLimit,
                                    workLimit: Int = workLimit) -> [Combination]? {
        guard patterns.allSatisfy({ $0.tokens.count <= tokenLimit }) else { return nil }
        var alphabet = Set<Unicode.Scalar>(prefix.unicodeScalars)
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
        // A product state lists only the live patterns (most literal patterns die within a few
        // characters): for each, its index, then its position words.
        func moved(_ state: [UInt64], _ characterIndex: Int) -> [UInt64] {
            var result: [UInt64] = []
            var at = 0
            while at < state.count {
                let pattern = Int(state[at])
                automata[pattern].step(state, at: at + 1, characterIndex, index: UInt64(pattern), into: &result)
                at += 1 + automata[pattern].words
            }
            return result
        }
        func vector(_ state: [UInt64]) -> [Bool] {
            var result = [Bool](repeating: false, count: automata.count)
            var at = 0
            while at < state.count {
                let pattern = Int(state[at])
                result[pattern] = automata[pattern].accepts(state, at: at + 1)
                at += 1 + automata[pattern].words
            }
            return result
        }

        var work = 0
        var start: [UInt64] = []
        for (pattern, automaton) in automata.enumerated() { start += [UInt64(pattern)] + automaton.start }
        for scalar in prefix.unicodeScalars {
            guard let characterIndex = characters.firstIndex(of: scalar) else { return nil }
            start = moved(start, characterIndex)
        }
        var states: [[UInt64]] = [start]
        var index: [[UInt64]: Int] = [start: 0]
        // How each state was first reached: (previous state, character), for the witnesses.
        var parents: [(Int, Unicode.Scalar)?] = [nil]
        var found: [[Bool]: Int] = [:]
        var next = 0
        while next < states.count {
            let state = states[next]
            let membership = vector(state)
            if found[membership] == nil { found[membership] = next }
            for (characterIndex, character) in characters.enumerated() {
                // Words moved: the exploration's unit of work.
                work += max(1, state.count)
                if work > workLimit { return nil }
                let successor = moved(state, characterIndex)
                if index[successor] == nil {
                    if states.count >= stateLimit { return nil }
                    index[successor] = states.count
                    states.append(successor)
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
            var text = prefix.unicodeScalars
            text.append(contentsOf: scalars.reversed())
            return Combination(vector: vector, witness: String(text))
        }.sorted { $0.vector.lexicographicallyPrecedes($1.vector) { !$0 && $1 } }
    }

    /// A glob as a set of token positions, in 64-bit words (`words` of them): bit `i` set means
    /// the first `i` tokens can have been matched; bit `tokens.count` means the whole pattern has.
    private struct PositionAutomaton {
        let words: Int
        let start: [UInt64]
        private let acceptingWord: Int
        private let acceptingBit: UInt64
        /// Positions holding a `*` (which stays put on any character).
        private let stars: [UInt64]
        /// Positions a character moves on from, by its index in the explored characters: a `?`
        /// or that literal.
        private let moving: [[UInt64]]

        init(_ pattern: GlobPattern, characters: [Unicode.Scalar]) {
            let count = pattern.tokens.count
            let words = count / 64 + 1
            self.words = words
            var stars = [UInt64](repeating: 0, count: words), anyOne = [UInt64](repeating: 0, count: words)
            var literals: [Unicode.Scalar: [UInt64]] = [:]
            for (position, token) in pattern.tokens.enumerated() {
                let word = position / 64, bit: UInt64 = 1 << UInt64(position % 64)
                switch token {
                case .anyRun: stars[word] |= bit
                case .anyOne: anyOne[word] |= bit
                case .literal(let scalar): literals[scalar, default: [UInt64](repeating: 0, count: words)][word] |= bit
                }
            }
            self.stars = stars
            moving = characters.map { character in
                let literal = literals[character] ?? [UInt64](repeating: 0, count: words)
                return zip(anyOne, literal).map { $0 | $1 }
            }
            acceptingWord = count / 64
            acceptingBit = 1 << UInt64(count % 64)
            var first = [UInt64](repeating: 0, count: words)
            first[0] = 1
            start = PositionAutomaton.closure(first, stars: stars)
        }

        /// Whether the positions at `at` in `state` include the end of the pattern.
        func accepts(_ state: [UInt64], at: Int) -> Bool { state[at + acceptingWord] & acceptingBit != 0 }

        /// Appends `index` and this pattern's positions after reading the character at
        /// `characterIndex` (a `*` stays, a `?` or the same literal moves on) to `next`, unless
        /// no position is left.
        func step(_ state: [UInt64], at: Int, _ characterIndex: Int, index: UInt64, into next: inout [UInt64]) {
            let move = moving[characterIndex]
            next.append(index)
            let base = next.count
            var carry: UInt64 = 0, any: UInt64 = 0
            for word in 0..<words {
                let positions = state[at + word]
                let advanced = positions & move[word]
                let result = (advanced << 1) | carry | (positions & stars[word])
                next.append(result)
                carry = advanced >> 63
                any |= result
            }
            guard any != 0 else {
                next.removeLast(words + 1)
                return
            }
            // Closure: a `*` may match nothing, so the position after it is reached too.
            while true {
                var changed = false
                carry = 0
                for word in 0..<words {
                    let current = next[base + word]
                    let starred = current & stars[word]
                    let grown = current | (starred << 1) | carry
                    carry = starred >> 63
                    if grown != current {
                        next[base + word] = grown
                        changed = true
                    }
                }
                if !changed { return }
            }
        }

        /// Every position moved one token on (across words).
        static func shiftedByOne(_ bits: [UInt64]) -> [UInt64] {
            var result = bits
            var carry: UInt64 = 0
            for word in 0..<bits.count {
                result[word] = (bits[word] << 1) | carry
                carry = bits[word] >> 63
            }
            return result
        }

        /// Positions reachable without reading: a `*` may match nothing.
        static func closure(_ positions: [UInt64], stars: [UInt64]) -> [UInt64] {
            var result = positions
            while true {
                let spread = shiftedByOne(zip(result, stars).map { $0 & $1 })
                let grown = zip(result, spread).map { $0 | $1 }
                if grown == result { return result }
                result = grown
            }
        }
    }
}
