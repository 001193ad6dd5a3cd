/// Errors the cache reports beyond SQLite's own `DatabaseError`.
public enum MailCacheError: Error, Hashable, Sendable {
    /// The folder does not exist (any more) in the cache.
    case unknownFolder(FolderID)
    /// The account does not exist in the cache.
    case unknownAccount(AccountID)
    /// A batch was fetched under a UIDVALIDITY the folder no longer has: its UIDs
    /// are void. Sync must call ``MailCache/resetFolder(_:newUIDValidity:)`` first.
    case uidValidityMismatch(folder: FolderID, stored: UIDValidity, batch: UIDValidity)
    /// A freshly created cache could not be opened either: nothing more to try.
    case cannotCreate(path: String, reason: String)
}
