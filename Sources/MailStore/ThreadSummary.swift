/// One row of a folder's list when grouped by thread.
public struct ThreadSummary: Hashable, Sendable {
    /// The local thread (conversation) the message belongs to.
    public var threadID: ThreadID
    /// The newest message of the thread in this folder (what the row shows).
    public var latest: MessageRecord
    /// How many of the thread's messages are in this folder.
    public var messageCount: Int
    /// How many of those are unread.
    public var unreadCount: Int
}
