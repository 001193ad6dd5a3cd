/// Notification latencies (server EXISTS → message cached and event
/// published): the last one and percentiles over the most recent samples.
public struct LatencyRecorder: Sendable {
    /// The summary shown in the pool pane.
    public struct Summary: Sendable, Hashable {
        public var count: Int
        public var last: Duration?
        public var p50: Duration?
        public var p99: Duration?

        public init(count: Int = 0, last: Duration? = nil, p50: Duration? = nil, p99: Duration? = nil) {
            self.count = count
            self.last = last
            self.p50 = p50
            self.p99 = p99
        }
    }

    private var samples: [Duration] = []
    private var next = 0
    private var total = 0
    private var last: Duration?
    let capacity: Int

    public init(capacity: Int = 1_000) { self.capacity = max(1, capacity) }

    public mutating func record(_ latency: Duration) {
        total += 1
        last = latency
        if samples.count < capacity {
            samples.append(latency)
        } else {
            samples[next] = latency
            next = (next + 1) % capacity
        }
    }

    public var summary: Summary {
        let sorted = samples.sorted()
        return Summary(count: total, last: last, p50: Self.percentile(sorted, 0.50), p99: Self.percentile(sorted, 0.99))
    }

    /// Nearest-rank percentile of sorted samples.
    static func percentile(_ sorted: [Duration], _ p: Double) -> Duration? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }
}
