import GRDB

/// A row of the `messagePart` table: one MIME part of a fetched message (its
/// place in the tree and what an attachment list shows). The bytes live in the
/// message's body row and are decoded on demand.
public struct MessagePartRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "messagePart"

    /// The message the row belongs to.
    public var messageRowID: MessageRowID
    /// The IMAP section number (`1`, `1.2`, …).
    public var section: String
    /// The part's `type/subtype`, lowercased.
    public var mimeType: String
    /// The attachment file name, if any.
    public var fileName: String?
    /// The `Content-ID`, for inline images.
    public var contentID: String?
    /// The size in bytes (RFC822.SIZE).
    public var size: Int64
    /// Whether the part is shown as an attachment.
    public var isAttachment: Bool

    /// Creates a part row.
    public init(messageRowID: MessageRowID, section: String, mimeType: String, fileName: String? = nil,
                contentID: String? = nil, size: Int64, isAttachment: Bool) {
        self.messageRowID = messageRowID
        self.section = section
        self.mimeType = mimeType
        self.fileName = fileName
        self.contentID = contentID
        self.size = size
        self.isAttachment = isAttachment
    }
}
