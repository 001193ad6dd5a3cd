import Foundation
import GRDB

extension MailCache {
    /// The first page of a folder's messages, newest first, delivered now and
    /// again after every committed change that affects it (no polling).
    ///
    /// Consecutive equal values are dropped (an observation on a `DatabasePool`
    /// may deliver its first value twice). The stream keeps only the newest value
    /// if the consumer falls behind, and finishes with an error if a read fails;
    /// subscribe again to restart. Cancelling the consuming task stops it.
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
        AsyncThrowingStream(bufferingPolicy: .bufferingNewest(1)) { continuation in
            let cancellable = observation.removeDuplicates().start(
                in: pool, scheduling: .async(onQueue: DispatchQueue(label: "tern.cache.observation")),
                onError: { continuation.finish(throwing: $0) },
                onChange: { continuation.yield($0) })
            continuation.onTermination = { _ in cancellable.cancel() }
        }
    }
}
