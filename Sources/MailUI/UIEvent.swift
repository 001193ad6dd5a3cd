import Foundation
import MailStore
import MailSync
import TerminalKit

/// Everything that changes the UI's state: keys, cache observations,
/// sync events, timers. The reducer turns each into a new ``AppState``.
public enum UIEvent: Sendable {
    case key(KeyEvent)
    /// The terminal's new size.
    case resize(width: Int, height: Int)
    /// An account's row id in the cache (known once it was synced once).
    case accountID(account: String, id: AccountID)
    /// An account's folders with their counts (observed).
    case folders(account: String, FolderListing)
    /// The shown folder's newest messages (observed).
    case messages(folder: FolderID, [MessageRecord])
    /// A message with its cached body (or none yet).
    case detail(MessageDetail)
    /// A body fetch failed.
    case bodyFailed(MessageRowID, String)
    /// Search results for a query.
    case searchResults(query: String, [MessageRecord])
    /// A status event of the sync layer.
    case sync(SyncEvent)
    /// The pool's and watchers' state now.
    case pool(PoolSnapshot, [WatchStatus])
    /// A message for the status line (an action's result or failure).
    case notice(String)
    /// Leave the UI (SIGTERM, the process is shutting down).
    case quitRequested
}
