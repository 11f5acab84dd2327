import OrderSources

/// The generator's own pseudo-random numbers: SplitMix64 (Steele, Lea and Flood), a 64-bit
/// state advanced by a constant and mixed on output. Fast, statistically sound for test data and,
/// unlike the system generator, the same on every platform for the same seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The current state; the next output mixes `state &+ 0x9E37_79B9_7F4A_7C15`.
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// An independent stream for `index` under `seed`: order `index` of a dataset draws from
    /// `SplitMix64(seed:, index:)`, so any order can be generated alone and in any order.
    public init(seed: UInt64, index: UInt64) {
        state = SplitMix64.mix(seed ^ 0x5DEE_CE66_D1CE_4E5B) &+ SplitMix64.mix(index &+ 0x2545_F491_4F6C_DD1D)
    }

    public mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 output function (a bijective 64-bit mixer).
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (`bound` ≥ 1; 0 when it is not), by multiply-high.
    public mutating func below(_ bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A uniform integer in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A uniform 64-bit integer in `range`.
    public mutating func int64(in range: ClosedRange<Int64>) -> Int64 {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        if span == 0 { return Int64(bitPattern: next()) }
        return range.lowerBound + Int64(next().multipliedFullWidth(by: span).high)
    }

    /// True with probability `probability` (0...1).
    public mutating func chance(_ probability: Double) -> Bool {
        Double(next() >> 11) * 0x1p-53 < probability
    }

    /// A uniform element of a non-empty array.
    public mutating func pick<T>(_ values: [T]) -> T {
        values[below(values.count)]
    }

    /// An index chosen with the given relative weights (all ≥ 0, not all 0).
    public mutating func weighted(_ weights: [Int]) -> Int {
        let total = weights.reduce(0, +)
        var roll = below(max(total, 1))
        for (index, weight) in weights.enumerated() {
            if roll < weight { return index }
            roll -= weight
        }
        return weights.count - 1
    }
}
