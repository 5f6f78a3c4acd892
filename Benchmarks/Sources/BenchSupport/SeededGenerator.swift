/// SplitMix64: a small, fast, fully deterministic generator. The same seed gives the same
/// sample, the same organization and the same numbers of distinct analyses on every machine
/// (Swift's `SystemRandomNumberGenerator` is not seedable, and `Int.random(in:using:)` is
/// documented to be stable for a given generator).
///
/// ```swift
/// var random = SeededGenerator(seed: BenchmarkSeed.default)
/// random.next() // always 0x… for that seed
/// ```
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (bound > 0), independent of the standard library's
    /// rejection-sampling details so that numbers stay identical across toolchains.
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// A uniform double in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

/// The fixed seed of every benchmark (docs/BENCHMARKS.md). Change it only with new baselines.
public enum BenchmarkSeed {
    public static let `default`: UInt64 = 20_261_124
}
