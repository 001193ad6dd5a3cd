import Foundation
import GRDB

/// A row of the `folder` table: one IMAP mailbox with its sync state and counts.
///
/// `totalCount` and `unreadCount` are maintained by triggers on `message`, so they
/// are exact after every committed transaction.
public struct FolderRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "folder"

    /// The row id.
    public var id: FolderID
    /// The account the row belongs to.
    public var accountID: AccountID
    /// The name.
    public var name: String
    /// The hierarchy delimiter, `nil` for a flat namespace.
    public var delimiter: String?
    /// What the folder is for.
    public var role: FolderRole
    /// Whether the user subscribed to it.
    public var subscribed: Bool
    /// Whether the folder can be selected (no `\Noselect`/`\NonExistent`).
    public var selectable: Bool
    /// The folder's UIDVALIDITY the UID belongs to.
    public var uidValidity: UIDValidity?
    /// The server's UIDNEXT at the last sync.
    public var uidNext: MessageUID?
    /// The server's HIGHESTMODSEQ at the last sync.
    public var highestModSeq: ModSeq?
    /// When the folder was last fully reconciled.
    public var lastFullSync: Date?
    /// How many messages the cache holds for the folder (exact).
    public var totalCount: Int
    /// How many of them are unread (exact).
    public var unreadCount: Int

    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .timeIntervalSince1970
    }

    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .timeIntervalSince1970
    }
}
