import Foundation
import GRDB
import Synchronization

extension MailCache {
    /// The first page of a folder's messages, newest first, delivered now and
    /// again after every committed change that affects it (no polling).
    ///
    /// Consecutive equal values are dropped (an observation on a `DatabasePool`
    /// may deliver its first value twice). The stream keeps only the newest value
    /// if the consumer falls behind; after a failed read the observation starts
    /// again by itself (see `ObservationRestarter`), so a UI never goes stale.
    /// Cancelling the consuming task stops it.
    ///
    /// ```swift
    /// for try await page in cache.observeMessagePage(folder: inbox, limit: 200) {
    ///     state.messages = page
    /// }
    /// ```
    public func observeMessagePage(folder: FolderID, limit: Int = 100) -> AsyncThrowingStream<[MessageRecord], any Error> {
        stream(ValueObservation.tracking { db in try Self.fetchPage(db, folder: folder, after: nil, limit: limit) })
    }

    /// An account's folders with their counts, delivered now and after every
    /// change (same delivery rules as ``observeMessagePage(folder:limit:)``).
    public func observeFolders(account: AccountID) -> AsyncThrowingStream<FolderListing, any Error> {
        stream(ValueObservation.tracking { db in
            let folders = try Self.fetchFolders(db, account: account)
            let counts = folders.reduce(MailCounts(total: 0, unread: 0)) {
                MailCounts(total: $0.total + $1.totalCount, unread: $0.unread + $1.unreadCount)
            }
            return FolderListing(folders: folders, accountCounts: counts)
        })
    }

    /// The number of queued pending changes, for a status line.
    public func observePendingChangeCount() -> AsyncThrowingStream<Int, any Error> {
        stream(ValueObservation.tracking { db in try PendingChangeRecord.fetchCount(db) })
    }

    /// Calls `onChange` with a folder page now and after every change, on a
    /// private queue, until the returned token is cancelled; `onError` is called
    /// once if a read fails (the observation then stops).
    public func startObservingMessagePage(
        folder: FolderID, limit: Int = 100,
        onError: @escaping @Sendable (any Error) -> Void,
        onChange: @escaping @Sendable ([MessageRecord]) -> Void
    ) -> ObservationToken {
        let observation = ValueObservation.tracking { db in try Self.fetchPage(db, folder: folder, after: nil, limit: limit) }
            .removeDuplicates()
        let cancellable = observation.start(
            in: pool, scheduling: .async(onQueue: DispatchQueue(label: "tern.cache.observation")),
            onError: onError, onChange: onChange)
        return ObservationToken(cancel: cancellable.cancel)
    }

    private func stream<Value: Equatable & Sendable>(
        _ observation: ValueObservation<ValueReducers.Fetch<Value>>
    ) -> AsyncThrowingStream<Value, any Error> {
        let pool = self.pool
        return AsyncThrowingStream(bufferingPolicy: .bufferingNewest(1)) { continuation in
            let restarter = ObservationRestarter(queue: DispatchQueue(label: "tern.cache.observation"))
            restarter.start { queue, onError in
                observation.removeDuplicates().start(
                    in: pool, scheduling: .async(onQueue: queue), onError: onError,
                    onChange: { value in
                        restarter.succeeded()
                        continuation.yield(value)
                    })
            }
            continuation.onTermination = { _ in restarter.stop() }
        }
    }
}

/// Keeps an observation alive across read errors (a locked or briefly
/// unreadable file): after an error it starts again after a delay that
/// doubles up to 30 s, and resets once a value arrives. Stopped for good
/// when its stream ends.
final class ObservationRestarter: Sendable {
    private struct State {
        var cancellable: AnyDatabaseCancellable?
        var stopped = false
        var failures = 0
    }

    private let state = Mutex(State())
    private let queue: DispatchQueue

    init(queue: DispatchQueue) { self.queue = queue }

    /// Starts (and after each error restarts) what `begin` starts.
    func start(_ begin: @escaping @Sendable (DispatchQueue, @escaping @Sendable (any Error) -> Void) -> AnyDatabaseCancellable) {
        let cancellable = begin(queue) { [self] _ in
            let delay = state.withLock { state -> Double in
                state.failures += 1
                return min(30, 0.25 * pow(2, Double(state.failures - 1)))
            }
            queue.asyncAfter(deadline: .now() + delay) { [self] in
                if !state.withLock({ $0.stopped }) { start(begin) }
            }
        }
        let keep = state.withLock { state -> Bool in
            guard !state.stopped else { return false }
            state.cancellable = cancellable
            return true
        }
        if !keep { cancellable.cancel() }
    }

    func succeeded() {
        state.withLock { $0.failures = 0 }
    }

    func stop() {
        let cancellable = state.withLock { state -> AnyDatabaseCancellable? in
            state.stopped = true
            return state.cancellable
        }
        cancellable?.cancel()
    }
}
