/// Limits how many connections are being set up (TCP, TLS, login) at once
/// per server `host:port`, across accounts, so that starting many accounts of
/// one provider does not trip its rate limits.
///
/// Plain state owned by the pool's actor; waiters queue FIFO in `OneShot`s and
/// a released permit passes straight to the next waiter.
struct HostConnectLimiter: Sendable {
    let limit: Int
    private var active: [String: Int] = [:]
    private var waiting: [String: [OneShot<Void>]] = [:]
    /// The most setups seen at once per key (for tests and diagnostics).
    private(set) var maxObserved: [String: Int] = [:]

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    static func key(host: String, port: Int) -> String { "\(host.lowercased()):\(port)" }

    func activeCount(_ key: String) -> Int { active[key] ?? 0 }

    /// A permit now (`nil`), or a box to wait on that succeeds when one passes to it.
    mutating func acquire(_ key: String) -> OneShot<Void>? {
        waiting[key]?.removeAll { $0.isResolved }  // cancelled waiters
        let current = active[key] ?? 0
        if current < limit, waiting[key]?.isEmpty ?? true {
            active[key] = current + 1
            maxObserved[key] = max(maxObserved[key] ?? 0, current + 1)
            return nil
        }
        let box = OneShot<Void>()
        waiting[key, default: []].append(box)
        return box
    }

    /// Gives a permit back: it passes to the first waiter still waiting.
    mutating func release(_ key: String) {
        while var queue = waiting[key], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[key] = queue.isEmpty ? nil : queue
            if next.succeed() { return }  // the permit moves on; `active` is unchanged
        }
        let current = (active[key] ?? 1) - 1
        active[key] = current > 0 ? current : nil
    }

    /// Fails every waiter (shutdown).
    mutating func failAll(_ error: any Error) {
        for (_, queue) in waiting {
            for box in queue { box.fail(error) }
        }
        waiting = [:]
    }
}
