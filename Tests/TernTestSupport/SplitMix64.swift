/// A small, fast, deterministic random number generator (SplitMix64).
///
/// ``MessageFactory`` derives every choice from (seed, message index, stream) through
/// this generator, never from the standard library's algorithms, so that the same seed
/// makes the same bytes on every platform and Swift version.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence depends only on `seed` (for replayable tests).
    public init(seed: UInt64) {
        state = seed
    }

    init(seed: UInt64, index: Int, stream: UInt64) {
        state = seed
            ^ (UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15)
            ^ (stream &* 0xD1B5_4A32_D192_ED03)
        _ = next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `range`, which must not be empty.
    public mutating func int(in range: Range<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// A number in `0..<bound`; `bound` must be positive.
    public mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    /// True with probability `percent` / 100.
    public mutating func percent(_ percent: Int) -> Bool {
        next() % 100 < UInt64(percent)
    }

    /// An element of `array`, which must not be empty.
    public mutating func pick<Element>(_ array: [Element]) -> Element {
        array[int(in: 0..<array.count)]
    }
}
