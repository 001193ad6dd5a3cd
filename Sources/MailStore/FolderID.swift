import GRDB

/// A folder (IMAP mailbox) in the cache (the row id of the `folder` table).
public struct FolderID: StoreIdentifier {
    /// The stored integer.
    public let rawValue: Int64

    /// Creates the identifier from its stored integer.
    public init(rawValue: Int64) { self.rawValue = rawValue }
}
