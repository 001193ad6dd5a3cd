import Foundation

/// A clock that moves only when a test says so: `advance(by:)` wakes the
/// sleepers whose deadline has come, so hours of token lifetimes, backoff or
/// timeouts pass in milliseconds.
///
/// ```swift
/// let clock = ManualClock()
/// async let woke: Void = clock.sleep(for: .seconds(3600))
/// await clock.waitForSleepers(1)
/// clock.advance(by: .seconds(3600))
/// try await woke
/// ```
public final class ManualClock: Clock, Sendable {
    /// A point on the manual clock: the time advanced since it was made.
    public struct Instant: InstantProtocol, Sendable {
        public var offset: Duration

        public init(offset: Duration) { self.offset = offset }

        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private struct Sleeper {
        let deadline: Instant
        var continuation: CheckedContinuation<Void, any Error>?
        var cancelled = false
    }

    private struct State {
        var now = Instant(offset: .zero)
        var sleepers: [Int: Sleeper] = [:]
        var nextID = 0
    }

    private let state = LockedBox(State())

    public init() {}

    public var now: Instant { state.withLock { $0.now } }
    public var minimumResolution: Duration { .zero }

    /// How long the clock was advanced in total.
    public var elapsed: Duration { now.offset }

    /// How many tasks sleep on the clock now.
    public var sleeperCount: Int { state.withLock { $0.sleepers.values.filter { $0.continuation != nil }.count } }

    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resume: Result<Void, any Error>? = state.withLock { state in
                    if state.sleepers[id]?.cancelled == true {
                        state.sleepers[id] = nil
                        return .failure(CancellationError())
                    }
                    if deadline <= state.now { return .success(()) }
                    state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return nil
                }
                if let resume { continuation.resume(with: resume) }
            }
        } onCancel: {
            let continuation = state.withLock { state -> CheckedContinuation<Void, any Error>? in
                guard let sleeper = state.sleepers[id] else {
                    // Not registered yet: mark it so registration fails.
                    state.sleepers[id] = Sleeper(deadline: deadline, continuation: nil, cancelled: true)
                    return nil
                }
                state.sleepers[id] = nil
                return sleeper.continuation
            }
            continuation?.resume(throwing: CancellationError())
        }
    }

    /// Moves the clock forward and wakes every sleeper whose deadline passed.
    public func advance(by duration: Duration) {
        let woken = state.withLock { state -> [CheckedContinuation<Void, any Error>] in
            state.now = state.now.advanced(by: duration)
            let now = state.now
            let due = state.sleepers.filter { $0.value.continuation != nil && $0.value.deadline <= now }
            for id in due.keys { state.sleepers[id] = nil }
            return due.values.compactMap(\.continuation)
        }
        for continuation in woken { continuation.resume() }
    }

    /// Waits (polling real time briefly) until at least `count` tasks sleep on
    /// the clock, so a test advances it only once they are waiting.
    public func waitForSleepers(_ count: Int, timeout: Duration = .seconds(10)) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while sleeperCount < count {
            guard clock.now < deadline else { throw WaitTimeout(description: "fewer than \(count) sleepers after \(timeout)") }
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    /// ``waitForSleepers(_:timeout:)`` gave up.
    public struct WaitTimeout: Error, CustomStringConvertible {
        public let description: String
    }
}
