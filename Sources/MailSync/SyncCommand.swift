import MailStore

/// What the UI asks the sync layer to do. The UI never touches a socket:
/// it sends one of these and learns the outcome from ``SyncEvent``s and
/// from the cache.
public enum SyncCommand: Sendable, Hashable {
    /// Sync every account now (push local changes, pull new mail).
    case syncAll
    /// Sync one account now.
    case syncAccount(String)
    /// Sync one folder now: what the UI sends after queueing a local change
    /// (mark read, flag, move) so it reaches the server at once.
    case syncFolder(account: String, folder: String)
}
