import Foundation
import GRDB

/// Gmail shows one message in every folder of its labels (INBOX, a label,
/// `[Gmail]/All Mail`), each with its own UID. X-GM-MSGID names the message
/// itself, so the cache recognises a copy: sync copies its headers from the
/// row already cached instead of fetching them again, and the body stored for
/// one copy serves them all.
extension MailCache {
    /// For each X-GM-MSGID in `messageIDs` already cached in another folder of
    /// `folder`'s account, that row's headers as a template (its UID is that
    /// row's; the caller sets this folder's UID, flags and labels).
    public func gmailCopies(folder: FolderID, messageIDs: [Int64]) throws -> [Int64: FetchedHeader] {
        guard !messageIDs.isEmpty else { return [:] }
        return try pool.read { db in
            guard let account = try FolderRecord.fetchOne(db, key: folder.rawValue)?.accountID else { return [:] }
            var copies: [Int64: FetchedHeader] = [:]
            // SQLite allows 32,766 bound values; stay well below.
            for start in stride(from: 0, to: messageIDs.count, by: 500) {
                let chunk = Array(messageIDs[start..<min(start + 500, messageIDs.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try MessageRecord.fetchAll(db, sql: """
                    SELECT * FROM message
                    WHERE accountID = ? AND folderID != ? AND gmailMessageID IS NOT NULL AND gmailMessageID IN (\(marks))
                    """, arguments: StatementArguments([account.rawValue, folder.rawValue] + chunk))
                for row in rows {
                    guard let id = row.gmailMessageID, copies[id] == nil else { continue }
                    copies[id] = FetchedHeader(
                        uid: row.uid, date: row.date, messageID: row.messageID, inReplyTo: row.inReplyTo,
                        references: row.references, from: row.from, to: row.to, cc: row.cc, subject: row.subject,
                        flags: row.flags, keywords: row.keywords, size: row.size, hasAttachments: row.hasAttachments,
                        snippet: row.snippet, modSeq: nil, gmailMessageID: id, gmailThreadID: row.gmailThreadID,
                        gmailLabels: row.gmailLabels)
                }
            }
            return copies
        }
    }

    /// The row whose stored body serves `message`: itself when its body is
    /// cached, else another copy of the same Gmail message (same account and
    /// X-GM-MSGID) with a body; `nil` when none is cached, so the body must
    /// be fetched (once, for all copies).
    public func bodyHolder(for message: MessageRowID) throws -> MessageRowID? {
        try pool.read { db in try Self.bodyHolder(db, for: message) }
    }

    static func bodyHolder(_ db: Database, for message: MessageRowID) throws -> MessageRowID? {
        try Int64.fetchOne(db, sql: """
            SELECT b.messageRowID FROM messageBody b WHERE b.messageRowID = :id
            UNION ALL
            SELECT b.messageRowID FROM message m
                JOIN message copy ON copy.accountID = m.accountID AND copy.gmailMessageID = m.gmailMessageID
                    AND copy.gmailMessageID IS NOT NULL
                JOIN messageBody b ON b.messageRowID = copy.id
                WHERE m.id = :id AND m.gmailMessageID IS NOT NULL
            LIMIT 1
            """, arguments: ["id": message.rawValue]).map(MessageRowID.init(rawValue:))
    }
}
