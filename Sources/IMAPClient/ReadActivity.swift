import NIOConcurrencyHelpers
import NIOCore

/// When the server last sent a byte, and which command timeout is armed:
/// shared by the decoder (which records reads on the event loop) and the
/// connection (which arms and disarms the timeout).
///
/// The timeout fires on the event loop and closes the connection only if the
/// server has been silent for the whole timeout *and* no complete response is
/// on its way to the consumer. If bytes arrived (a partial response), it waits
/// again from the last read; if a whole response was decoded that the
/// consumer has not taken yet (it is still travelling through a busy
/// cooperative pool), the wait is the consumer's, not the server's, and the
/// timeout stands down: the consumer re-arms when it waits again. So it needs
/// no hop through the actor, and a starved pool can never turn a delivered
/// response into a timeout.
final class ReadActivity: Sendable {
    private struct State {
        var lastRead: NIODeadline
        var generation = 0
        /// Complete responses the decoder has produced since the connection opened.
        var decoded = 0
        /// The pending check on the event loop, cancelled when disarmed so a
        /// long FETCH does not leave one scheduled task per wait behind.
        var scheduled: Scheduled<Void>?
    }

    private let state: NIOLockedValueBox<State>
    /// The clock; injected so tests drive time on an `EmbeddedEventLoop`.
    private let now: @Sendable () -> NIODeadline

    init(now: @escaping @Sendable () -> NIODeadline = { .now() }) {
        self.now = now
        self.state = NIOLockedValueBox(State(lastRead: now()))
    }

    /// Called by the decoder for every read.
    func recordRead() {
        state.withLockedValue { $0.lastRead = now() }
    }

    /// Called by the decoder with the number of complete responses a read produced.
    func recordResponses(_ count: Int) {
        state.withLockedValue { $0.decoded &+= count }
    }

    /// Starts a timeout; `onTimeout` runs on the event loop after `timeout`
    /// without any byte from the server, unless `disarm()` came first or a
    /// response beyond the `consumed` ones the caller has already received was
    /// decoded meanwhile.
    func arm(on eventLoop: any EventLoop, timeout: TimeAmount, consumed: Int,
             onTimeout: @escaping @Sendable () -> Void) {
        let (generation, armedAt, previous) = state.withLockedValue { s -> (Int, NIODeadline, Scheduled<Void>?) in
            s.generation &+= 1
            defer { s.scheduled = nil }
            return (s.generation, now(), s.scheduled)
        }
        previous?.cancel()
        schedule(on: eventLoop, at: armedAt + timeout, generation: generation, timeout: timeout,
                 consumed: consumed, onTimeout: onTimeout)
    }

    /// Cancels the armed timeout, if any.
    func disarm() {
        let scheduled = state.withLockedValue { s -> Scheduled<Void>? in
            s.generation &+= 1
            defer { s.scheduled = nil }
            return s.scheduled
        }
        scheduled?.cancel()
    }

    private func schedule(on eventLoop: any EventLoop, at deadline: NIODeadline, generation: Int, timeout: TimeAmount,
                          consumed: Int, onTimeout: @escaping @Sendable () -> Void) {
        let task = eventLoop.scheduleTask(deadline: deadline) { [self] in
            let (current, lastRead, decoded) = state.withLockedValue { ($0.generation, $0.lastRead, $0.decoded) }
            guard current == generation else { return }
            // A response is in transit to the consumer: the server answered.
            guard decoded <= consumed else { return }
            let due = lastRead + timeout
            if due > now() {
                schedule(on: eventLoop, at: due, generation: generation, timeout: timeout, consumed: consumed,
                         onTimeout: onTimeout)
            } else {
                onTimeout()
            }
        }
        state.withLockedValue { s in
            // Only the current arming keeps its task (a stale one is harmless: it checks the generation).
            if s.generation == generation { s.scheduled = task }
        }
    }
}
