import NIOConcurrencyHelpers

/// Turns a burst of "this folder changed" signals into one or two syncs.
///
/// `signal()` never waits: it notes when the first unhandled change was
/// heard and wakes `run()`. `run()` syncs the folder, and if more signals
/// arrived meanwhile, syncs once more; a hundred arrivals during one sync
/// cost one extra sync, not a hundred.
final class CoalescedFolderSync: Sendable {
    private let wakeups: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    /// When the oldest change not yet synced was heard (for latency), and
    /// whether a wake-up is already on its way (so a burst of pushes, such
    /// as EXISTS, RECENT and FETCH for one arrival, wakes the loop once).
    private let state = NIOLockedValueBox<(firstHeard: ContinuousClock.Instant?, wakeupPending: Bool)>((nil, false))

    init() {
        (wakeups, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// The folder changed (or may have: a reconnect, a resume, a poll).
    /// `heardAt` is when the server said so, for a push.
    func signal(heardAt: ContinuousClock.Instant? = nil) {
        let wake = state.withLockedValue { state -> Bool in
            if let heardAt, state.firstHeard == nil { state.firstHeard = heardAt }
            defer { state.wakeupPending = true }
            return !state.wakeupPending
        }
        if wake { continuation.yield() }
    }

    /// Syncs on every signal until cancelled; `sync` returns whether new
    /// mail was found, and `recordLatency` gets the time since the push was
    /// heard when it was.
    func run(sync: @Sendable () async -> Bool, recordLatency: @Sendable (Duration) async -> Void) async {
        let clock = ContinuousClock()
        for await _ in wakeups {
            let heard = state.withLockedValue { state -> ContinuousClock.Instant? in
                defer { state = (nil, false) }
                return state.firstHeard
            }
            let foundNewMail = await sync()
            if foundNewMail, let heard { await recordLatency(clock.now - heard) }
        }
    }
}
