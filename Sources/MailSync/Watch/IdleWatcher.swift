import Foundation
import IMAPClient
import IMAPCodec
import Logging

/// Watches folders of one account on a dedicated IDLE connection: the
/// primary folder is selected, and with NOTIFY the others are watched on the
/// same connection. Every push (EXISTS, EXPUNGE, FETCH, VANISHED, STATUS)
/// signals a coalesced sync of that folder.
///
/// IDLE is re-issued every `reissueInterval`; a DONE that gets no answer
/// within the command timeout means a dead connection. A lost connection is
/// reconnected with backoff and the folders caught up before IDLE resumes,
/// so nothing that arrived meanwhile is missed. A resume from suspend (see
/// `WakeDetector`) ends the wait at once. Without IDLE, or after repeated
/// failures, the folders are polled, and IDLE is tried again later.
struct IdleWatcher: Sendable {
    let account: String
    /// The selected folder, then any watched through NOTIFY.
    let folders: [String]
    let syncs: [String: CoalescedFolderSync]
    let pool: ConnectionPool
    let configuration: WatchConfiguration
    let clock: any Clock<Duration>
    let logger: Logger
    /// Mode changes, reported to the supervisor.
    let report: @Sendable (WatchMode) async -> Void
    /// Resume notices from the supervisor.
    let wakeups: AsyncStream<Void>

    private enum RoundEnd { case reissue, wake, serverClosing }

    /// The server cannot IDLE (no capability).
    private struct NoIdle: Error {}

    func run() async {
        var failures = 0
        while !Task.isCancelled {
            do {
                try await pool.withDedicatedConnection(account: account, purpose: "IDLE \(folders[0])") { connection in
                    try await watch(on: connection, resetFailures: { failures = 0 })
                }
            } catch is CancellationError {
                return
            } catch is NoIdle {
                await poll(for: configuration.idleRetryAfter, reason: "the server has no IDLE")
            } catch {
                if Task.isCancelled { return }
                failures += 1
                let reason = String(describing: error)
                logger.notice("IDLE connection lost", metadata: ["account": "\(account)", "folder": "\(folders[0])",
                                                                 "error": "\(reason)", "failures": "\(failures)"])
                if failures >= configuration.maxIdleFailures {
                    failures = 0
                    await poll(for: configuration.idleRetryAfter, reason: "IDLE keeps failing: \(reason)")
                } else {
                    await report(.reconnecting(reason: reason))
                    var random = SystemRandomNumberGenerator()
                    try? await clock.sleep(for: configuration.reconnectBackoff.delay(forRetry: failures, using: &random))
                }
            }
        }
    }

    /// One connection's life: select, catch up, then IDLE rounds until an error.
    private func watch(on connection: IMAPConnection, resetFailures: () -> Void) async throws {
        guard await connection.capabilities.contains(.idle) else { throw NoIdle() }
        let primary = MailboxName(displayName: folders[0])
        _ = try await connection.examine(primary)
        let extra = Array(folders.dropFirst())
        if !extra.isEmpty { try await Self.startNotify(connection, folders: extra) }
        // Whatever arrived while there was no IDLE: sync now.
        for folder in folders { syncs[folder]?.signal() }
        var inIdle = false
        while true {
            try Task.checkCancellation()
            try await connection.idle()
            if !inIdle {
                // Reported once the server accepted IDLE, not before.
                inIdle = true
                await report(extra.isEmpty ? .idle : .notify)
                resetFailures()
            }
            switch try await idleRound(connection) {
            case .reissue:
                // Folders NOTIFY may not report (see `startNotify`) are caught up here.
                for folder in folders.dropFirst() where !folder.allSatisfy(\.isASCII) { syncs[folder]?.signal() }
            case .wake:
                for folder in folders { syncs[folder]?.signal() }
                // A NOOP proves the connection survived the suspend.
                try await connection.noop()
            case .serverClosing:
                throw IMAPConnection.Error.connectionClosed("the server is closing the connection (BYE)")
            }
        }
    }

    /// Reads pushes until the re-issue time, a wake-up or BYE; then DONE.
    private func idleRound(_ connection: IMAPConnection) async throws -> RoundEnd {
        let reissue = configuration.reissueInterval
        let clock = self.clock
        let wakeups = self.wakeups
        return try await withThrowingTaskGroup(of: RoundEnd?.self) { group in
            group.addTask {
                // The reader: every push signals its folder's sync.
                var sawBye = false
                while let event = try await connection.nextIdleEvent() {
                    if case .bye = event { sawBye = true }
                    self.handle(event, heardAt: ContinuousClock().now)
                }
                return sawBye ? .serverClosing : nil
            }
            group.addTask {
                // The timer: DONE at the re-issue time or on a wake-up; DONE
                // on cancellation too, so the reader returns and the
                // connection is logged out cleanly.
                let woke: Bool
                do {
                    woke = try await Self.sleepOrWake(for: reissue, clock: clock, wakeups: wakeups)
                } catch {
                    try? await connection.done()
                    throw error
                }
                try await connection.done()
                return woke ? .wake : .reissue
            }
            var end: RoundEnd = .reissue
            for try await result in group {
                if let result { end = result }
                if result == .serverClosing { group.cancelAll() }
            }
            return end
        }
    }

    /// What a push means: a sync of the folder it is about.
    private func handle(_ event: UntaggedResponse, heardAt: ContinuousClock.Instant) {
        switch event {
        case .exists, .expunge, .fetch, .vanished, .recent:
            syncs[folders[0]]?.signal(heardAt: heardAt)
        case .mailboxStatus(let mailbox, _):
            syncs[mailbox.displayName]?.signal(heardAt: heardAt)
        case .state(_, let text) where text.code == .alert:
            logger.warning("server alert", metadata: ["account": "\(account)", "alert": "\(text.text)"])
        default:
            break
        }
    }

    /// Sleeps for `duration`, or less when a wake-up comes; returns whether it woke early.
    static func sleepOrWake(for duration: Duration, clock: any Clock<Duration>, wakeups: AsyncStream<Void>) async throws -> Bool {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await clock.sleep(for: duration)
                return false
            }
            group.addTask {
                for await _ in wakeups { return true }
                try await Task.sleep(for: .seconds(86_400 * 365))  // the stream ended: only the timer counts
                return false
            }
            let woke = try await group.next() ?? false
            group.cancelAll()
            return woke
        }
    }

    /// Polls the folders for a while (IDLE unavailable or failing).
    private func poll(for duration: Duration, reason: String) async {
        await report(.polling(reason: reason))
        await PollWatcher(folders: folders, syncs: syncs, interval: configuration.pollInterval, clock: clock, wakeups: wakeups)
            .run(for: duration)
    }
}
