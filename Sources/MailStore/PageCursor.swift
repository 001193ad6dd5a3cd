import Foundation

/// A position in a folder's message list (newest first), for keyset pagination.
///
/// Pass the cursor of the last row of a page to get the next page; unlike an
/// OFFSET it stays correct while sync inserts or expunges messages.
public struct PageCursor: Hashable, Sendable {
    /// The `Date:` header (or INTERNALDATE).
    public var date: Date
    /// The IMAP UID within the folder.
    public var uid: MessageUID

    /// Creates a cursor.
    public init(date: Date, uid: MessageUID) {
        self.date = date
        self.uid = uid
    }
}
