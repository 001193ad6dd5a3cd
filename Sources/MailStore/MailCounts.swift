/// Unread and total message counts (of a folder or an account).
public struct MailCounts: Hashable, Sendable {
    /// All messages.
    public var total: Int
    /// Unread messages.
    public var unread: Int

    /// Creates counts.
    public init(total: Int, unread: Int) {
        self.total = total
        self.unread = unread
    }
}
