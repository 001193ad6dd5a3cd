import NIOConcurrencyHelpers

/// Turns a burst of "this folder changed" signals into one or two syncs.
///
/// `signal()` never waits: it notes when the first unhandled change was
/// heard and wakes `run()`. `run()` syncs the folder, and if more signals
/// arrived meanwhile, syncs once more; a hundred arrivals during one sync
/// cost one extra sync, not a hundred.
final class CoalescedFolderSync: Sendable {
    let account: String
    let folder: String
    private let wakeups: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    /// When the oldest change not yet synced was heard (for latency).
    private let firstHeard = NIOLockedValueBox<ContinuousClock.Instant?>(nil)

    init(account: String, folder: String) {
        self.account = account
        self.folder = folder
        (wakeups, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// The folder changed (or may have: a reconnect, a resume, a poll).
    /// `heardAt` is when the server said so, for a push.
    func signal(heardAt: ContinuousClock.Instant? = nil) {
        if let heardAt {
            firstHeard.withLockedValue { if $0 == nil { $0 = heardAt } }
        }
        continuation.yield()
    }

    /// Syncs on every signal until cancelled; `sync` returns whether new
    /// mail was found, and `recordLatency` gets the time since the push was
    /// heard when it was.
    func run(sync: @Sendable () async -> Bool, recordLatency: @Sendable (Duration) async -> Void) async {
        let clock = ContinuousClock()
        for await _ in wakeups {
            let heard = firstHeard.withLockedValue { value -> ContinuousClock.Instant? in
                defer { value = nil }
                return value
            }
            let foundNewMail = await sync()
            if foundNewMail, let heard { await recordLatency(clock.now - heard) }
        }
    }

    func finish() { continuation.finish() }
}
