import Foundation
import MailStore

/// Status the sync layer publishes for the UI and `tern watch`: what is
/// being synced, what changed, what failed. Data itself reaches the UI
/// through the cache; events only say that it changed.
public enum SyncEvent: Sendable {
    /// An account's sync began.
    case started(account: String)
    /// Messages fetched so far in a folder's sync (sent per committed batch).
    case progress(account: String, folder: String, fetched: Int)
    /// A folder was synced; what changed.
    case folderUpdated(account: String, result: FolderSyncResult)
    /// Messages arrived since the last sync.
    case newMail(account: String, folder: String, uids: [MessageUID])
    /// An account's sync ended (folders that failed are listed in the report).
    case finished(AccountSyncReport)
    /// An account's sync failed as a whole (no connection, credentials refused).
    case failed(account: String, error: String)
    /// A watched folder changed how it is watched (IDLE, NOTIFY, polling…).
    case watchMode(account: String, folder: String, mode: WatchMode)

    /// The account the event is about.
    public var account: String {
        switch self {
        case .started(let a), .progress(let a, _, _), .folderUpdated(let a, _), .newMail(let a, _, _), .failed(let a, _),
             .watchMode(let a, _, _):
            return a
        case .finished(let report):
            return report.account
        }
    }
}

/// The outcome of one account's sync.
public struct AccountSyncReport: Sendable {
    public var account: String
    public var folders: [FolderSyncResult] = []
    /// Folders that could not be synced, with the reason.
    public var failedFolders: [(folder: String, error: String)] = []
    /// Set when the account could not be synced at all.
    public var error: String?
    public var duration: Duration = .zero
    /// Local changes the server confirmed.
    public var pushed = 0

    public init(account: String) { self.account = account }

    /// Whether everything was synced.
    public var succeeded: Bool { error == nil && failedFolders.isEmpty }
    public var added: Int { folders.reduce(0) { $0 + $1.added } }
    public var flagsChanged: Int { folders.reduce(0) { $0 + $1.flagsChanged } }
    public var expunged: Int { folders.reduce(0) { $0 + $1.expunged } }
    public var newMail: Int { folders.reduce(0) { $0 + $1.newUIDs.count } }
}
