import MailStore
import MailSync

/// What the UI uses from the rest of the program: the cache to read and
/// queue changes in, and the sync layer through commands and events only.
/// The composition root (`tern`) fills it in from a `SyncEngine`.
public struct UIServices: Sendable {
    public var cache: MailCache
    /// Status events of the sync layer.
    public var events: AsyncStream<SyncEvent>
    /// Carries out a sync command (returns when it is done).
    public var perform: @Sendable (SyncCommand) async -> Void
    /// Fetches a message's body into the cache.
    public var fetchBody: @Sendable (MessageRowID) async throws -> Void
    /// The pool's and watchers' state now.
    public var poolStatus: @Sendable () async -> (PoolSnapshot, [WatchStatus])

    public init(cache: MailCache, events: AsyncStream<SyncEvent>,
                perform: @escaping @Sendable (SyncCommand) async -> Void,
                fetchBody: @escaping @Sendable (MessageRowID) async throws -> Void,
                poolStatus: @escaping @Sendable () async -> (PoolSnapshot, [WatchStatus])) {
        self.cache = cache
        self.events = events
        self.perform = perform
        self.fetchBody = fetchBody
        self.poolStatus = poolStatus
    }
}
