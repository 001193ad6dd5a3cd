import Foundation
import IMAPClient
import IMAPCodec
import Logging

/// Watches the configured folders of every account and keeps the cache
/// current as mail arrives: IDLE where the server and the connection budget
/// allow, NOTIFY to cover several folders with one connection, polling for
/// the rest.
///
/// Per account, one connection is always left for syncs, so at most
/// `maxConnections - 1` folders get IDLE connections; INBOX first, then the
/// configured order. Created and run by `SyncEngine.watch(_:configuration:)`.
actor MailWatcher {
    private let engine: SyncEngine
    private let plan: [(account: String, folders: [String])]
    private let configuration: WatchConfiguration
    private let clock: any Clock<Duration>
    private let logger: Logger
    private var statuses: [String: WatchStatus] = [:]
    private var latencies: [String: LatencyRecorder] = [:]
    private var wakeContinuations: [AsyncStream<Void>.Continuation] = []

    init(engine: SyncEngine, plan: [(account: String, folders: [String])], configuration: WatchConfiguration,
         clock: any Clock<Duration>, logger: Logger) {
        self.engine = engine
        self.plan = plan.map { ($0.account, Self.ordered($0.folders)) }
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
    }

    /// Every watched folder's state, in plan order.
    func snapshot() -> [WatchStatus] {
        plan.flatMap { entry in entry.folders.compactMap { statuses[Self.key(entry.account, $0)] } }
    }

    /// Wakes every watcher at once (after a resume from suspend): each checks
    /// its connection and catches up.
    func systemResumed() {
        logger.notice("resume from suspend detected; checking every watched folder")
        for continuation in wakeContinuations { continuation.yield() }
    }

    /// Runs every account's watchers until cancelled.
    func run() async {
        let detector = WakeDetector(interval: configuration.resumeCheckInterval, threshold: configuration.resumeThreshold,
                                    wallClock: { Date() }, monotonic: SuspendingClock())
        await withDiscardingTaskGroup { group in
            group.addTask { await detector.run { await self.systemResumed() } }
            for entry in plan {
                group.addTask { await self.watchAccount(entry.account, folders: entry.folders) }
            }
        }
    }

    private func watchAccount(_ account: String, folders: [String]) async {
        // `folders` is already in watch order (see `init`).
        guard !folders.isEmpty else { return }
        let syncs = Dictionary(uniqueKeysWithValues: folders.map { ($0, CoalescedFolderSync()) })
        setModes(.starting, account: account, folders: folders)
        // What the server offers decides the layout; ask until it answers.
        var capabilities: Set<Capability> = []
        var attempt = 0
        while !Task.isCancelled {
            do {
                capabilities = try await engine.pool.withConnection(account: account) { await $0.capabilities }
                break
            } catch {
                attempt += 1
                if case SyncError.authenticationFailed = error {
                    // Not retried in a loop: the account stays unwatched until the user acts.
                    setModes(.failed(reason: String(describing: error)), account: account, folders: folders)
                    return
                }
                setModes(.reconnecting(reason: String(describing: error)), account: account, folders: folders)
                var random = SystemRandomNumberGenerator()
                try? await clock.sleep(for: configuration.reconnectBackoff.delay(forRetry: attempt, using: &random))
            }
        }
        guard !Task.isCancelled else { return }
        let budget = max(0, await engine.maxConnections(account: account) - 1)
        let layout = Self.layout(folders: folders, capabilities: capabilities, budget: budget, useNotify: configuration.useNotify)

        await withDiscardingTaskGroup { group in
            for (folder, sync) in syncs {
                group.addTask {
                    await sync.run(
                        sync: { await self.syncFolder(account: account, folder: folder) },
                        recordLatency: { await self.record($0, account: account, folder: folder) })
                }
            }
            for watched in layout.idle {
                let wakeups = makeWakeups()
                let watcher = IdleWatcher(
                    account: account, folders: watched, syncs: syncs, pool: engine.pool, configuration: configuration,
                    clock: clock, logger: logger,
                    report: { mode in await self.setModes(mode, account: account, folders: watched) },
                    wakeups: wakeups)
                group.addTask { await watcher.run() }
            }
            if !layout.polled.isEmpty {
                let polled = layout.polled
                setModes(.polling(reason: layout.pollReason), account: account, folders: polled)
                let poller = PollWatcher(folders: polled, syncs: syncs, interval: configuration.pollInterval,
                                         clock: clock, wakeups: makeWakeups())
                group.addTask { await poller.run() }
            }
        }
    }

    /// Which folders get IDLE connections (several per connection with
    /// NOTIFY), and which are polled.
    static func layout(folders: [String], capabilities: Set<Capability>, budget: Int, useNotify: Bool)
        -> (idle: [[String]], polled: [String], pollReason: String) {
        guard capabilities.contains(.idle) else { return ([], folders, "the server has no IDLE") }
        guard budget > 0 else { return ([], folders, "max_connections leaves no connection for IDLE") }
        if useNotify, folders.count > 1, capabilities.contains(.notify) {
            return ([folders], [], "")
        }
        let idle = Array(folders.prefix(budget))
        let polled = Array(folders.dropFirst(budget))
        return (idle.map { [$0] }, polled, "beyond the connection budget for IDLE")
    }

    /// INBOX first, then the configured order, without duplicates.
    static func ordered(_ folders: [String]) -> [String] {
        var seen = Set<String>()
        let unique = folders.filter { seen.insert($0).inserted }
        return unique.filter { $0.uppercased() == "INBOX" } + unique.filter { $0.uppercased() != "INBOX" }
    }

    private func makeWakeups() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        wakeContinuations.append(continuation)
        return stream
    }

    private nonisolated func syncFolder(account: String, folder: String) async -> Bool {
        do {
            let result = try await engine.syncFolder(account: account, folder: folder)
            await countSync(account: account, folder: folder)
            return !result.newUIDs.isEmpty
        } catch is CancellationError {
            return false
        } catch {
            logger.notice("watched folder sync failed", metadata: ["account": "\(account)", "folder": "\(folder)",
                                                                   "error": "\(error)"])
            engine.emit(.failed(account: account, error: "\(folder): \(error)"))
            return false
        }
    }

    private func countSync(account: String, folder: String) {
        statuses[Self.key(account, folder)]?.syncs += 1
    }

    private func record(_ latency: Duration, account: String, folder: String) {
        let key = Self.key(account, folder)
        var recorder = latencies[key] ?? LatencyRecorder()
        recorder.record(latency)
        latencies[key] = recorder
        statuses[key]?.latency = recorder.summary
    }

    private func setModes(_ mode: WatchMode, account: String, folders: [String]) {
        for folder in folders { setMode(mode, account: account, folder: folder) }
    }

    private func setMode(_ mode: WatchMode, account: String, folder: String) {
        let key = Self.key(account, folder)
        if statuses[key]?.mode == mode { return }
        var status = statuses[key] ?? WatchStatus(account: account, folder: folder, mode: mode)
        status.mode = mode
        status.since = Date()
        statuses[key] = status
        engine.emit(.watchMode(account: account, folder: folder, mode: mode))
    }

    private static func key(_ account: String, _ folder: String) -> String { account + "\u{0}" + folder }
}
