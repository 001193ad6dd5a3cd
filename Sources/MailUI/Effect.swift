import MailStore
import MailSync

/// What the reducer asks the outside world to do: the only way the pure
/// UI state reaches the cache and the sync layer.
public enum Effect: Hashable, Sendable {
    /// Observe this folder's newest `limit` messages (replacing the previous observation).
    case observeFolder(FolderID, limit: Int)
    /// Read a message's detail from the cache; fetch the body when missing.
    case loadDetail(MessageRowID)
    /// Change flags locally and queue them for the server, then sync the folder.
    case setFlags(account: String, folder: FolderRecord, uids: [MessageUID], change: PendingChangeRecord.FlagChangePayload)
    /// Move (to `target`) or delete locally and queue it, then sync the folder.
    case remove(account: String, folder: FolderRecord, uids: [MessageUID], kind: PendingChangeRecord.Kind, target: String)
    /// Ask the sync layer for something.
    case sync(SyncCommand)
    /// Full-text search of the cache.
    case search(String, account: AccountID?)
    /// Start or stop polling the pool's state (for the pool pane).
    case watchPool(Bool)
    /// Ring the bell.
    case bell
    /// Leave the UI.
    case quit
}
