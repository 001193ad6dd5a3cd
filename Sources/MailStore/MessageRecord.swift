import Foundation
import GRDB

/// A row of the `message` table: the headers of one message in one folder.
///
/// Identity is (folder, UIDVALIDITY, UID); `id` is a local row id that is never
/// reused (AUTOINCREMENT), which the full-text index relies on.
public struct MessageRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "message"

    /// The row id.
    public var id: MessageRowID
    /// The account the row belongs to.
    public var accountID: AccountID
    /// The folder the row belongs to.
    public var folderID: FolderID
    /// The IMAP UID within the folder.
    public var uid: MessageUID
    /// The folder's UIDVALIDITY the UID belongs to.
    public var uidValidity: UIDValidity
    /// `Message-ID`, without angle brackets.
    public var messageID: String?
    /// `In-Reply-To`, without angle brackets.
    public var inReplyTo: String?
    /// `References`, oldest first, without angle brackets.
    public var references: [String]
    /// The `Date:` header (or INTERNALDATE).
    public var date: Date
    /// The `From` addresses.
    public var from: [CachedAddress]
    /// The first sender's display name or address, for the list and for sorting.
    public var fromDisplay: String
    /// The `To` addresses.
    public var to: [CachedAddress]
    /// The `Cc` addresses.
    public var cc: [CachedAddress]
    /// The decoded subject.
    public var subject: String
    /// The IMAP system flags.
    public var flags: MessageFlags
    /// IMAP keywords other than the system flags (`$Label1`, …).
    public var keywords: [String]
    /// The size in bytes (RFC822.SIZE).
    public var size: Int64
    /// Whether the message has attachments.
    public var hasAttachments: Bool
    /// A short plain-text preview.
    public var snippet: String
    /// The CONDSTORE mod-sequence of the last change, when known.
    public var modSeq: ModSeq?
    /// Gmail's X-GM-MSGID.
    public var gmailMessageID: Int64?
    /// Gmail's X-GM-THRID.
    public var gmailThreadID: Int64?
    /// Gmail's X-GM-LABELS.
    public var gmailLabels: [String]
    /// The local thread (conversation) the message belongs to.
    public var threadID: ThreadID?
    /// Set when the row must be (re)written to the full-text index.
    public var needsIndex: Bool

    /// Whether the message is unread (`\Seen` not set).
    public var isUnread: Bool { !flags.contains(.seen) }

    /// This message's position in its folder's list, for pagination and next/previous.
    public var cursor: PageCursor { PageCursor(date: date, uid: uid) }

    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .timeIntervalSince1970
    }

    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .timeIntervalSince1970
    }
}

extension MessageRecord {
    /// Decodes a row by hand: list pages decode hundreds of rows per redraw, and
    /// the generic `Decodable` path (one JSON decoder per JSON column) costs
    /// several times more. Malformed JSON in a row becomes an empty list rather
    /// than a failed page.
    public init(row: Row) throws {
        let json = JSONColumnDecoder()
        func list<T: Decodable>(_ column: String) throws -> [T] {
            json.list(try row.decode(String?.self, forColumn: column))
        }
        id = try row.decode(forColumn: "id")
        accountID = try row.decode(forColumn: "accountID")
        folderID = try row.decode(forColumn: "folderID")
        uid = try row.decode(forColumn: "uid")
        uidValidity = try row.decode(forColumn: "uidValidity")
        messageID = try row.decode(forColumn: "messageID")
        inReplyTo = try row.decode(forColumn: "inReplyTo")
        references = try list("references")
        date = Date(timeIntervalSince1970: try row.decode(Double.self, forColumn: "date"))
        from = try list("from")
        fromDisplay = try row.decode(forColumn: "fromDisplay")
        to = try list("to")
        cc = try list("cc")
        subject = try row.decode(forColumn: "subject")
        flags = MessageFlags(rawValue: try row.decode(forColumn: "flags"))
        keywords = try list("keywords")
        size = try row.decode(forColumn: "size")
        hasAttachments = try row.decode(forColumn: "hasAttachments")
        snippet = try row.decode(forColumn: "snippet")
        modSeq = try row.decode(forColumn: "modSeq")
        gmailMessageID = try row.decode(forColumn: "gmailMessageID")
        gmailThreadID = try row.decode(forColumn: "gmailThreadID")
        gmailLabels = try list("gmailLabels")
        threadID = try row.decode(forColumn: "threadID")
        needsIndex = try row.decode(forColumn: "needsIndex")
    }
}
