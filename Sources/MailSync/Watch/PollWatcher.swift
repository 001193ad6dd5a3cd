/// Polls folders: a sync of each every `interval` (and at once on a wake-up
/// from suspend), for the folders IDLE cannot cover.
struct PollWatcher: Sendable {
    let folders: [String]
    let syncs: [String: CoalescedFolderSync]
    let interval: Duration
    let clock: any Clock<Duration>
    let wakeups: AsyncStream<Void>

    /// Polls until cancelled, or for `duration` when given.
    func run(for duration: Duration? = nil) async {
        var slept: Duration = .zero
        for folder in folders { syncs[folder]?.signal() }
        while !Task.isCancelled {
            var wait = interval
            if let duration {
                let left = duration - slept
                if left <= .zero { return }
                wait = min(wait, left)
            }
            guard let woke = try? await IdleWatcher.sleepOrWake(for: wait, clock: clock, wakeups: wakeups) else { return }
            if !woke { slept += wait }
            if let duration, slept >= duration { return }
            for folder in folders { syncs[folder]?.signal() }
        }
    }
}
