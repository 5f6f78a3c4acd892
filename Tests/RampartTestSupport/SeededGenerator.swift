/// A deterministic random number generator (SplitMix64): the same seed always gives the same
/// policies, requests and patterns, so every randomized failure can be reproduced from its seed.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with probability `probability`.
    public mutating func chance(_ probability: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < probability
    }

    /// A uniformly chosen element; `items` must not be empty (pools are fixed, non-empty literals).
    public mutating func pick<T>(_ items: [T]) -> T {
        items[Int(next() % UInt64(items.count))]
    }

    /// An integer in `range`.
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// A count weighted towards small values: 0 with `zero`, else 1...max uniformly.
    public mutating func smallCount(max: Int, zero: Double) -> Int {
        chance(zero) ? 0 : int(1...max)
    }

    /// Up to `count` distinct elements of `items`, in random order.
    public mutating func sample<T>(_ items: [T], count: Int) -> [T] {
        var pool = items
        var chosen: [T] = []
        while chosen.count < count, !pool.isEmpty {
            chosen.append(pool.remove(at: Int(next() % UInt64(pool.count))))
        }
        return chosen
    }

    /// `text` with the case of some letters flipped (a near-miss for case-sensitive comparisons).
    public mutating func flipCase(_ text: String) -> String {
        var result = ""
        for character in text {
            if character.isLetter, chance(0.3) {
                result += character.isUppercase ? character.lowercased() : character.uppercased()
            } else {
                result.append(character)
            }
        }
        return result == text ? text.uppercased() : result
    }
}
