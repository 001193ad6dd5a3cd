import Foundation
import MailStore
import Testing
@testable import MailSync

/// Collects an engine's events so a test can wait for one. Waits are
/// sequential: each looks only at events after the one the previous wait
/// matched.
actor EventLog {
    private(set) var events: [SyncEvent] = []
    private var cursor = 0

    func append(_ event: SyncEvent) { events.append(event) }

    /// Waits (polling, up to `timeout`) for an event that `match` accepts.
    func wait(for description: String, timeout: Duration = .seconds(20),
              _ match: @Sendable (SyncEvent) -> Bool) async throws -> SyncEvent {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            while cursor < events.count {
                let event = events[cursor]
                cursor += 1
                if match(event) { return event }
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw WaitTimedOut(description: "no \(description) within \(timeout); events: \(events.map { "\($0)" }.suffix(12))")
    }

}

struct WaitTimedOut: Error, CustomStringConvertible {
    let description: String
}

/// Runs an engine that watches `folders`, collecting its events, for the
/// duration of `body`; then stops watching and shuts the engine down.
func withWatchingEngine<R: Sendable>(
    _ engine: SyncEngine, folders: [String: [String]], configuration: WatchConfiguration,
    _ body: (SyncEngine, EventLog) async throws -> R
) async throws -> R {
    let log = EventLog()
    return try await withEngine(engine) { engine in
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { for await event in engine.events { await log.append(event) } }
            group.addTask { await engine.watch(folders, configuration: configuration) }
            do {
                let result = try await body(engine, log)
                group.cancelAll()
                return result
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }
}

extension SyncEvent {
    /// The new UIDs when this is new mail in `folder`.
    func newMail(in folder: String) -> [MessageUID]? {
        if case .newMail(_, folder, let uids) = self { return uids }
        return nil
    }

    func isMode(_ name: String, folder: String) -> Bool {
        if case .watchMode(_, folder, let mode) = self { return mode.name == name }
        return false
    }
}

/// Short timings so the watch tests run in seconds.
func fastWatchConfiguration(reissue: Duration = .seconds(30), poll: Duration = .seconds(1), notify: Bool = true) -> WatchConfiguration {
    var configuration = WatchConfiguration()
    configuration.reissueInterval = reissue
    configuration.pollInterval = poll
    configuration.reconnectBackoff = Backoff(base: .milliseconds(100), maximum: .seconds(1))
    configuration.idleRetryAfter = .seconds(5)
    configuration.useNotify = notify
    return configuration
}
