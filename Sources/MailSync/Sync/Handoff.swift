/// A one-slot channel between a producer and a consumer task, with
/// backpressure: `send` waits while the slot is full, `receive` while it is
/// empty. Either side can end it: `finish()` after the last value (the
/// consumer drains the slot, then gets nil), `cancel()` when something failed
/// (a waiting `send` throws, `receive` returns nil at once).
actor Handoff<Value: Sendable> {
    private var slot: Value?
    private var finished = false
    private var cancelled = false
    private var sender: CheckedContinuation<Void, Never>?
    private var receiver: CheckedContinuation<Value?, Never>?

    func send(_ value: Value) async throws {
        while slot != nil, !cancelled {
            await withCheckedContinuation { sender = $0 }
        }
        if cancelled || finished { throw HandoffCancelled() }
        if let receiver {
            self.receiver = nil
            receiver.resume(returning: value)
        } else {
            slot = value
        }
    }

    func receive() async -> Value? {
        if cancelled { return nil }
        if let value = slot {
            slot = nil
            sender?.resume()
            sender = nil
            return value
        }
        if finished { return nil }
        return await withCheckedContinuation { receiver = $0 }
    }

    func finish() {
        finished = true
        receiver?.resume(returning: nil)
        receiver = nil
    }

    func cancel() {
        cancelled = true
        slot = nil
        receiver?.resume(returning: nil)
        receiver = nil
        sender?.resume()
        sender = nil
    }
}

/// A `Handoff` was cancelled because the other side failed; the other side's
/// error is the one to report.
struct HandoffCancelled: Error {}
