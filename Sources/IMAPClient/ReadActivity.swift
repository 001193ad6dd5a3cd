import NIOConcurrencyHelpers
import NIOCore

/// When the server last sent a byte, and which command timeout is armed:
/// shared by the decoder (which records reads on the event loop) and the
/// connection (which arms and disarms the timeout).
///
/// The timeout fires on the event loop and closes the connection only if
/// nothing arrived since it was armed; if bytes did arrive (a response still
/// waiting for a busy consumer, or a partial one), it waits again from the
/// last read. So it needs no hop through the actor or the cooperative pool,
/// and a starved pool can never turn a delivered response into a timeout.
final class ReadActivity: Sendable {
    private struct State {
        var lastRead: NIODeadline
        var generation = 0
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

    /// Starts a timeout; `onTimeout` runs on the event loop after `timeout`
    /// without any byte from the server, unless `disarm()` came first.
    func arm(on eventLoop: any EventLoop, timeout: TimeAmount, onTimeout: @escaping @Sendable () -> Void) {
        let (generation, armedAt) = state.withLockedValue { s -> (Int, NIODeadline) in
            s.generation &+= 1
            return (s.generation, now())
        }
        schedule(on: eventLoop, at: armedAt + timeout, generation: generation, timeout: timeout, onTimeout: onTimeout)
    }

    /// Cancels the armed timeout, if any.
    func disarm() {
        state.withLockedValue { $0.generation &+= 1 }
    }

    private func schedule(on eventLoop: any EventLoop, at deadline: NIODeadline, generation: Int, timeout: TimeAmount,
                          onTimeout: @escaping @Sendable () -> Void) {
        eventLoop.scheduleTask(deadline: deadline) { [self] in
            let (current, lastRead) = state.withLockedValue { ($0.generation, $0.lastRead) }
            guard current == generation else { return }
            let due = lastRead + timeout
            if due > now() {
                schedule(on: eventLoop, at: due, generation: generation, timeout: timeout, onTimeout: onTimeout)
            } else {
                onTimeout()
            }
        }
    }
}
