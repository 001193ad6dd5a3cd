import Foundation
import IMAPClient
import IMAPCodec
import Logging
import MailStore

/// Syncs accounts into the cache: all at once under a limit, the folders of
/// one account in parallel up to its connection budget, each account's
/// failure kept inside that account.
///
/// One engine per process. It owns the connection pool and the folder-list
/// cache; `run()` keeps the pool alive until `shutdown()`:
///
/// ```swift
/// let engine = SyncEngine(accounts: endpoints, cache: cache)
/// await withTaskGroup(of: Void.self) { group in
///     group.addTask { await engine.run() }
///     let reports = await engine.syncAll()
///     await engine.shutdown()
/// }
/// ```
public actor SyncEngine {
    /// Limits and timing.
    public struct Configuration: Sendable {
        /// Accounts synced at once.
        public var maxParallelAccounts = 4
        /// How long a LIST result is trusted.
        public var folderListTTL: Duration = .seconds(300)
        /// Messages per write transaction.
        public var batchSize = 500
        public var pool = ConnectionPool.Configuration()
        public init() {}
    }

    public let pool: ConnectionPool
    public let folderLists: FolderListCache
    public let cache: MailCache
    /// Status events, oldest first. Bounded: when nobody reads, the oldest are dropped.
    public nonisolated let events: AsyncStream<SyncEvent>
    private let continuation: AsyncStream<SyncEvent>.Continuation
    private let configuration: Configuration
    private let logger: Logger
    private var endpoints: [String: AccountEndpoint] = [:]
    private var accountOrder: [String] = []
    /// The folder list last written to the cache per account, so an unchanged
    /// LIST costs no write.
    private var appliedFolderLists: [String: [ListedFolder]] = [:]
    private var watcher: MailWatcher?
    private var fillingSnippets = false

    public init(accounts: [AccountEndpoint], cache: MailCache, configuration: Configuration = .init(),
                logger: Logger = Logger(label: "tern.sync")) {
        self.cache = cache
        self.configuration = configuration
        self.logger = logger
        self.pool = ConnectionPool(configuration: configuration.pool, logger: logger)
        self.folderLists = FolderListCache(ttl: configuration.folderListTTL)
        (events, continuation) = AsyncStream.makeStream(of: SyncEvent.self, bufferingPolicy: .bufferingNewest(10_000))
        for endpoint in accounts where endpoints[endpoint.name] == nil {
            endpoints[endpoint.name] = endpoint
            accountOrder.append(endpoint.name)
        }
    }

    /// Runs the pool (and its background tasks, such as OAuth2 token
    /// refresh) until `shutdown()`.
    public func run() async {
        for name in accountOrder {
            if let endpoint = endpoints[name] { try? await pool.add(endpoint) }
        }
        let refreshers = accountOrder.compactMap { endpoints[$0]?.credentials as? any BackgroundCredentialRefresh }
        await withDiscardingTaskGroup { group in
            for refresher in refreshers {
                group.addTask { await refresher.run() }
            }
            await pool.run()
            group.cancelAll()
        }
    }

    /// Logs every connection out and ends the event stream.
    public func shutdown() async {
        await pool.shutdown()
        continuation.finish()
    }

    /// Publishes an event on `events`.
    nonisolated func emit(_ event: SyncEvent) {
        continuation.yield(event)
    }

    /// An account's connection budget (0 for an unknown account).
    func maxConnections(account: String) -> Int {
        endpoints[account]?.maxConnections ?? 0
    }

    /// Watches folders until cancelled: `folders` maps an account to the
    /// folders to watch (INBOX when empty). New mail is synced into the cache
    /// as the server announces it and published as `newMail` events.
    public func watch(_ folders: [String: [String]], configuration: WatchConfiguration = .init(),
                      clock: any Clock<Duration> = ContinuousClock()) async {
        let plan = accountOrder.compactMap { name -> (account: String, folders: [String])? in
            guard let wanted = folders[name] else { return nil }
            return (name, wanted.isEmpty ? ["INBOX"] : wanted)
        }
        let watcher = MailWatcher(engine: self, plan: plan, configuration: configuration, clock: clock, logger: logger)
        self.watcher = watcher
        await watcher.run()
    }

    /// The state of every watched folder (empty when not watching).
    public func watchStatuses() async -> [WatchStatus] {
        await watcher?.snapshot() ?? []
    }

    /// Tells the watchers the machine resumed from suspend (normally noticed
    /// by comparing clocks; exposed for the UI and tests).
    public func systemResumed() async {
        await watcher?.systemResumed()
    }

    /// The configured account names, in config order.
    public var accountNames: [String] { accountOrder }

    /// Syncs the named accounts (all when `nil`), at most
    /// `maxParallelAccounts` at once, then fills the search index. Returns one
    /// report per account, in the order asked; never throws: failures are in
    /// the reports (and events).
    public func syncAll(accounts names: [String]? = nil) async -> [AccountSyncReport] {
        let wanted = names ?? accountOrder
        var reports: [String: AccountSyncReport] = [:]
        await withTaskGroup(of: AccountSyncReport.self) { group in
            var next = wanted.makeIterator()
            var running = 0
            while running < max(1, configuration.maxParallelAccounts), let name = next.next() {
                group.addTask { await self.syncAccount(name) }
                running += 1
            }
            for await report in group {
                reports[report.account] = report
                if let name = next.next() {
                    group.addTask { await self.syncAccount(name) }
                }
            }
        }
        await indexForSearch()
        return wanted.compactMap { reports[$0] }
    }

    /// Makes the snippets sync left for later (headers are committed first
    /// so a list shows at once; snippets follow a moment later). Concurrent
    /// callers do not duplicate the work: one fills until none are left.
    public func fillSnippets() async {
        guard !fillingSnippets else { return }
        fillingSnippets = true
        defer { fillingSnippets = false }
        do {
            while try await cache.fillSnippets(limit: 500, make: { await HeaderConversion.snippets(from: $0) }) > 0 {}
        } catch {
            logger.error("making snippets failed", metadata: ["error": "\(error)"])
        }
    }

    /// Fills the full-text index for everything synced (off the sync's
    /// critical path: headers are committed first, indexed after).
    public func indexForSearch() async {
        do {
            while try await cache.indexPending(limit: 2_000) > 0 {}
        } catch {
            logger.error("search indexing failed", metadata: ["error": "\(error)"])
        }
    }

    /// Syncs one account: its folder list (from the cache within the TTL),
    /// then every selectable folder, in parallel up to its connection budget.
    public func syncAccount(_ name: String) async -> AccountSyncReport {
        let clock = ContinuousClock()
        let start = clock.now
        var report = AccountSyncReport(account: name)
        guard let endpoint = endpoints[name] else {
            report.error = SyncError.unknownAccount(name).description
            continuation.yield(.failed(account: name, error: report.error ?? ""))
            return report
        }
        continuation.yield(.started(account: name))
        do {
            let accountID = try await cache.upsertAccount(name: name)
            let listed = try await folderLists.folders(account: name, pool: pool)
            if appliedFolderLists[name] != listed {
                try await cache.upsertFolders(account: accountID, listed)
                appliedFolderLists[name] = listed
            }
            let folders = try cache.folders(account: accountID).filter(\.selectable)
            // Local changes first, in every folder, so the pull that follows
            // sees them (a message moved to a folder synced earlier in the
            // pull would otherwise show up one sync late).
            report.pushed = try await pushPendingChanges(folders, account: name)
            let results = await syncFolders(folders, endpoint: endpoint)
            for (folder, outcome) in results {
                switch outcome {
                case .success(let result):
                    report.folders.append(result)
                    report.pushed += result.pushed
                case .failure(let error):
                    if Self.isAccountFatal(error) { throw error }
                    report.failedFolders.append((folder, Self.describe(error)))
                    if case SyncError.folderMissing = error { await folderLists.invalidate(account: name) }
                }
            }
            // Also when nothing was added: sources a crash left behind (headers
            // committed, snippets not yet made) are made now, not at the next arrival.
            await fillSnippets()
            report.duration = clock.now - start
            continuation.yield(.finished(report))
        } catch {
            report.error = Self.describe(error)
            report.duration = clock.now - start
            logger.notice("account sync failed", metadata: ["account": "\(name)", "error": "\(report.error ?? "")"])
            continuation.yield(.failed(account: name, error: report.error ?? ""))
        }
        return report
    }

    /// Syncs one folder of an account by name (IDLE's "something changed").
    /// A folder the cache does not know yet is looked up in the folder list first.
    public func syncFolder(account name: String, folder: String) async throws -> FolderSyncResult {
        guard endpoints[name] != nil else { throw SyncError.unknownAccount(name) }
        let accountID = try await cache.upsertAccount(name: name)
        var found = try cache.folder(account: accountID, name: folder)
        if found == nil {
            let listed = try await folderLists.folders(account: name, pool: pool, refresh: true)
            try await cache.upsertFolders(account: accountID, listed)
            appliedFolderLists[name] = listed
            found = try cache.folder(account: accountID, name: folder)
        }
        guard let record = found, record.selectable else {
            throw SyncError.folderMissing(account: name, folder: folder)
        }
        let result = try await syncFolderRetrying(record, account: name)
        if result.added > 0 { await fillSnippets() }
        publish(result, account: name)
        return result
    }

    /// Sends the queued local changes of these folders to the server, one
    /// folder at a time, oldest first.
    private nonisolated func pushPendingChanges(_ folders: [FolderRecord], account: String) async throws -> Int {
        var pushed = 0
        let pendingFolders = try cache.foldersWithPendingChanges()
        for folder in folders where pendingFolders.contains(folder.id) {
            let mailbox = MailboxName(displayName: folder.name)
            let pusher = PendingChangePusher(cache: cache, logger: logger)
            pushed += try await pool.withConnection(account: account, folder: mailbox) { connection in
                let selected = try await connection.select(mailbox)
                guard let validity = selected.uidValidity else { return 0 }
                return try await pusher.push(folder: folder, uidValidity: MailStore.UIDValidity(validity.rawValue),
                                             connection: connection)
            }
        }
        return pushed
    }

    private func syncFolders(_ folders: [FolderRecord], endpoint: AccountEndpoint) async -> [(String, Result<FolderSyncResult, any Error>)] {
        let name = endpoint.name
        var outcomes: [(String, Result<FolderSyncResult, any Error>)] = []
        // INBOX first: it is what a user looks at.
        let ordered = folders.sorted { ($0.role == .inbox ? 0 : 1, $0.name) < ($1.role == .inbox ? 0 : 1, $1.name) }
        await withTaskGroup(of: (String, Result<FolderSyncResult, any Error>).self) { group in
            var next = ordered.makeIterator()
            var running = 0
            while running < endpoint.maxConnections, let folder = next.next() {
                group.addTask { await (folder.name, self.outcome(folder, account: name)) }
                running += 1
            }
            for await outcome in group {
                outcomes.append(outcome)
                if case .success(let result) = outcome.1 { publish(result, account: name) }
                if case .failure(let error) = outcome.1, Self.isAccountFatal(error) {
                    group.cancelAll()
                    continue
                }
                if let folder = next.next() {
                    group.addTask { await (folder.name, self.outcome(folder, account: name)) }
                }
            }
        }
        return outcomes
    }

    private nonisolated func outcome(_ folder: FolderRecord, account: String) async -> Result<FolderSyncResult, any Error> {
        do {
            return .success(try await syncFolderRetrying(folder, account: account))
        } catch {
            return .failure(error)
        }
    }

    private func publish(_ result: FolderSyncResult, account: String) {
        continuation.yield(.folderUpdated(account: account, result: result))
        if !result.newUIDs.isEmpty {
            continuation.yield(.newMail(account: account, folder: result.folder, uids: result.newUIDs))
        }
    }

    /// One folder on a pooled connection; a connection that breaks mid-sync
    /// is replaced and the folder synced again (its writes are idempotent).
    private nonisolated func syncFolderRetrying(_ folder: FolderRecord, account: String) async throws -> FolderSyncResult {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await syncFolderOnce(folder, account: account)
            } catch let error as IMAPConnection.Error where attempt < 3 {
                logger.notice("connection lost during folder sync; retrying on another",
                              metadata: ["account": "\(account)", "error": "\(error)"])
            }
        }
    }

    private nonisolated func syncFolderOnce(_ folder: FolderRecord, account: String) async throws -> FolderSyncResult {
        // The record may be stale after a retry: read it again.
        let record = try cache.folder(folder.id) ?? folder
        let continuation = self.continuation
        var syncer = FolderSyncer(cache: cache, account: account, logger: logger, batchSize: configuration.batchSize)
        syncer.progress = { fetched in
            continuation.yield(.progress(account: account, folder: record.name, fetched: fetched))
        }
        return try await pool.withConnection(account: account, folder: MailboxName(displayName: record.name)) { connection in
            try await syncer.sync(folder: record, connection: connection)
        }
    }

    /// Errors that stop the whole account rather than one folder.
    static func isAccountFatal(_ error: any Error) -> Bool {
        switch error as? SyncError {
        case .authenticationFailed?, .connectFailed?, .shutDown?, .unknownAccount?: return true
        default: return error is CredentialError
        }
    }

    /// The text a user sees for an error (never a secret: the error types
    /// of the sync layer carry none).
    static func describe(_ error: any Error) -> String {
        String(describing: error)
    }
}
