/// Latency summaries: nearest-rank percentiles over the measured values (no interpolation, so a
/// p99 is always a latency that was actually observed).
///
/// ```swift
/// let summary = LatencySummary(milliseconds: [1, 2, 3, 100])
/// summary.p50   // 2
/// summary.max   // 100
/// ```
public struct LatencySummary: Codable, Sendable, Equatable {
    public var count: Int
    public var p50: Double
    public var p90: Double
    public var p99: Double
    public var max: Double
    public var mean: Double
    public var total: Double

    public init(milliseconds values: [Double]) {
        let sorted = values.sorted()
        count = sorted.count
        func rank(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            let index = Int((p * Double(sorted.count)).rounded(.up)) - 1
            return sorted[Swift.max(0, Swift.min(sorted.count - 1, index))]
        }
        p50 = rank(0.50)
        p90 = rank(0.90)
        p99 = rank(0.99)
        max = sorted.last ?? 0
        total = sorted.reduce(0, +)
        mean = sorted.isEmpty ? 0 : total / Double(sorted.count)
    }
}
