/// Exponential backoff with jitter for reconnect attempts.
///
/// Retry `n` (1 for the first retry) waits `base × 2^(n-1)`, capped at
/// `maximum`, of which the upper half is random ("equal jitter"): at least
/// half the nominal delay always passes, and clients that lost their server
/// at the same moment do not come back in lockstep.
///
/// ```swift
/// var rng = SystemRandomNumberGenerator()
/// let wait = Backoff(base: .milliseconds(200), maximum: .seconds(30)).delay(forRetry: 3, using: &rng)
/// ```
public struct Backoff: Sendable, Hashable {
    public var base: Duration
    public var maximum: Duration

    public init(base: Duration, maximum: Duration) {
        self.base = max(.zero, base)
        self.maximum = max(self.base, maximum)
    }

    /// The nominal (jitter-free) delay before retry `retry`, capped at `maximum`.
    public func nominalDelay(forRetry retry: Int) -> Duration {
        let exponent = min(max(retry, 1) - 1, 62)
        let baseSeconds = Self.seconds(base)
        let nominal = baseSeconds * Double(UInt64(1) << UInt64(exponent))
        return Self.duration(min(nominal, Self.seconds(maximum)))
    }

    /// The delay before retry `retry` for a uniform random `unit` in `0...1`
    /// (0 gives half the nominal delay, 1 the whole of it).
    public func delay(forRetry retry: Int, unit: Double) -> Duration {
        let nominal = Self.seconds(nominalDelay(forRetry: retry))
        let clamped = unit.isFinite ? min(max(unit, 0), 1) : 0
        return Self.duration(nominal / 2 + nominal / 2 * clamped)
    }

    /// The delay before retry `retry`, with jitter from `generator`.
    public func delay<G: RandomNumberGenerator>(forRetry retry: Int, using generator: inout G) -> Duration {
        delay(forRetry: retry, unit: Double.random(in: 0...1, using: &generator))
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    static func duration(_ seconds: Double) -> Duration {
        guard seconds.isFinite, seconds > 0 else { return .zero }
        return .nanoseconds(Int64(min(seconds, 1e9) * 1e9))
    }
}
