import Foundation
import GRDB

extension MailCache {
    /// Inserts or updates a batch of headers fetched from `folder`, in one transaction.
    ///
    /// Identity is (folder, UID): a header already in the cache only has its
    /// mutable state (flags, keywords, mod-sequence, Gmail labels) updated, so
    /// re-applying a batch after a crash changes nothing. New messages are put in a
    /// local thread (by Gmail thread id, Message-ID, In-Reply-To and References)
    /// and marked for the full-text index (see ``indexPending(limit:)``).
    ///
    /// - Parameter uidValidity: the UIDVALIDITY the batch was fetched under. The
    ///   first batch of a folder stores it; a batch from an older UIDVALIDITY is
    ///   refused with ``MailCacheError/uidValidityMismatch(folder:stored:batch:)``.
    /// - Returns: how many messages were new.
    @discardableResult
    public func upsertMessages(folder: FolderID, uidValidity: UIDValidity, _ headers: [FetchedHeader]) async throws -> Int {
        // The JSON columns are encoded before taking the write lock, so other
        // writers (flag changes, indexing) do not wait on it.
        let json = JSONColumnEncoder()
        let encoded = headers.map { EncodedListColumns($0, json) }
        return try await pool.write { db in
            guard let record = try FolderRecord.fetchOne(db, key: folder.rawValue) else {
                throw MailCacheError.unknownFolder(folder)
            }
            if let stored = record.uidValidity, stored != uidValidity {
                throw MailCacheError.uidValidityMismatch(folder: folder, stored: stored, batch: uidValidity)
            }
            if record.uidValidity == nil {
                try db.execute(sql: "UPDATE folder SET uidValidity = ? WHERE id = ?", arguments: [uidValidity, folder])
            }
            // New rows get their id here (the next AUTOINCREMENT value), so
            // the thread of a message that starts one is known before the
            // insert and no second write of the row is needed.
            var nextID = (try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'message'") ?? 0) + 1
            let insert = try DirectStatement(db, sql: """
                INSERT INTO message (id, accountID, folderID, uid, uidValidity, messageID, inReplyTo, "references",
                    date, "from", fromDisplay, "to", cc, subject, flags, keywords, size, hasAttachments, snippet,
                    modSeq, gmailMessageID, gmailThreadID, gmailLabels, threadID)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(folderID, uid) DO NOTHING
                """)
            // The same for every row of the batch (bindings stay until rebound).
            try insert.bind(record.accountID.rawValue, at: 2)
            try insert.bind(folder.rawValue, at: 3)
            try insert.bind(uidValidity.rawValue, at: 5)
            let keepSource = try DirectStatement(db, sql: "INSERT OR REPLACE INTO snippetSource(messageRowID, source) VALUES (?, ?)")
            let threader = try Threader(db: db, account: record.accountID)
            var inserted = 0
            var insertedUnread = 0
            for (header, columns) in zip(headers, encoded) {
                let thread = try threader.existingThread(for: header) ?? nextID
                try insert.bind(nextID, at: 1)
                try insert.bind(header.uid.rawValue, at: 4)
                try insert.bind(header.messageID, at: 6)
                try insert.bind(header.inReplyTo, at: 7)
                try insert.bind(columns.references, at: 8)
                try insert.bind(header.date.timeIntervalSince1970, at: 9)
                try insert.bind(columns.from, at: 10)
                try insert.bind(header.from.first?.displayName ?? "", at: 11)
                try insert.bind(columns.to, at: 12)
                try insert.bind(columns.cc, at: 13)
                try insert.bind(header.subject, at: 14)
                try insert.bind(header.flags.rawValue, at: 15)
                try insert.bind(columns.keywords, at: 16)
                try insert.bind(header.size, at: 17)
                try insert.bind(header.hasAttachments, at: 18)
                try insert.bind(header.snippet, at: 19)
                try insert.bind(header.modSeq?.rawValue, at: 20)
                try insert.bind(header.gmailMessageID, at: 21)
                try insert.bind(header.gmailThreadID, at: 22)
                try insert.bind(columns.gmailLabels, at: 23)
                try insert.bind(thread, at: 24)
                try insert.execute()
                if db.changesCount == 1 {
                    if let source = header.snippetSource {
                        try keepSource.bind(nextID, at: 1)
                        try keepSource.bind(blob: source, at: 2)
                        try keepSource.execute()
                    }
                    inserted += 1
                    if !header.flags.contains(.seen) { insertedUnread += 1 }
                    nextID += 1
                    try threader.foldEarlierReplies(to: header, into: thread)
                } else {
                    // Already cached (a batch applied again): only mutable state changes.
                    try db.cachedStatement(sql: """
                        UPDATE message SET flags = :flags, keywords = :keywords, modSeq = COALESCE(:modSeq, modSeq),
                            gmailLabels = :labels
                        WHERE folderID = :folder AND uid = :uid
                            AND (flags != :flags OR keywords != :keywords OR modSeq IS NOT COALESCE(:modSeq, modSeq)
                                 OR gmailLabels != :labels)
                        """).execute(arguments: [
                        "flags": header.flags.rawValue, "keywords": columns.keywords, "modSeq": header.modSeq,
                        "labels": columns.gmailLabels, "folder": folder, "uid": header.uid,
                    ])
                }
            }
            // The folder's counts for the new rows, once per batch (see
            // `CacheSchema.countInsertsPerBatch`).
            if inserted > 0 {
                try db.execute(sql: """
                    UPDATE folder SET totalCount = totalCount + ?, unreadCount = unreadCount + ? WHERE id = ?
                    """, arguments: [inserted, insertedUnread, folder])
            }
            return inserted
        }
    }

    /// Applies new flags from the server (FETCH FLAGS, CONDSTORE changes), in one
    /// transaction. Unknown UIDs are ignored; replaying changes nothing.
    ///
    /// A message with local flag changes still queued for the server keeps
    /// them: they are applied again on top of the server's flags, so a sync
    /// that read the server before the user's change reached it never undoes
    /// what the user sees.
    /// - Returns: how many messages changed.
    @discardableResult
    public func applyFlagChanges(folder: FolderID, _ updates: [FlagUpdate]) async throws -> Int {
        let json = JSONColumnEncoder()
        return try await pool.write { db in
            let pending = try Self.pendingFlagChanges(db, folder: folder)
            let statement = try db.cachedStatement(sql: """
                UPDATE message SET flags = :flags, keywords = :keywords, modSeq = COALESCE(:modSeq, modSeq),
                    gmailLabels = COALESCE(:labels, gmailLabels)
                WHERE folderID = :folder AND uid = :uid
                    AND (flags != :flags OR keywords != :keywords OR modSeq IS NOT COALESCE(:modSeq, modSeq)
                         OR gmailLabels != COALESCE(:labels, gmailLabels))
                """)
            var changed = 0
            for update in updates {
                var flags = update.flags
                var keywords = update.keywords
                for change in pending[update.uid] ?? [] {
                    change.apply(to: &flags, keywords: &keywords)
                }
                try statement.execute(arguments: [
                    "flags": flags.rawValue, "keywords": json.text(keywords), "modSeq": update.modSeq,
                    "labels": update.gmailLabels.map { json.text($0) }, "folder": folder, "uid": update.uid,
                ])
                changed += db.changesCount
            }
            return changed
        }
    }

    /// The queued flag changes of a folder per UID, oldest first.
    static func pendingFlagChanges(_ db: Database, folder: FolderID) throws -> [MessageUID: [PendingChangeRecord.FlagChangePayload]] {
        let decoder = JSONColumnDecoder()
        var result: [MessageUID: [PendingChangeRecord.FlagChangePayload]] = [:]
        let rows = try Row.fetchAll(db, sql: "SELECT uids, payload FROM pendingChange WHERE folderID = ? AND kind = 'flags' ORDER BY id",
                                    arguments: [folder])
        for row in rows {
            let uids: [MessageUID] = decoder.list(row["uids"])
            guard let payloadText: String = row["payload"],
                  let payload = try? JSONDecoder().decode(PendingChangeRecord.FlagChangePayload.self, from: Data(payloadText.utf8))
            else { continue }
            for uid in uids { result[uid, default: []].append(payload) }
        }
        return result
    }

    /// Removes expunged (EXPUNGE by UID, or QRESYNC VANISHED) messages with their
    /// bodies, in one transaction. Unknown UIDs are ignored; replaying changes nothing.
    /// - Returns: how many messages were removed.
    @discardableResult
    public func applyExpunges(folder: FolderID, uids: [MessageUID]) async throws -> Int {
        try await pool.write { db in try Self.deleteMessages(db, folder: folder, uids: uids) }
    }

    /// After a full UID SEARCH/FETCH of a folder: removes every cached message
    /// whose UID the server no longer has (for servers without QRESYNC).
    /// - Returns: how many messages were removed.
    @discardableResult
    public func retainOnly(folder: FolderID, uids: Set<MessageUID>) async throws -> Int {
        try await pool.write { db in
            let cached = try MessageUID.fetchAll(db, sql: "SELECT uid FROM message WHERE folderID = ?", arguments: [folder])
            return try Self.deleteMessages(db, folder: folder, uids: cached.filter { !uids.contains($0) })
        }
    }

    /// The UIDs of a folder's cached messages, ascending (for sync's reconciliation).
    public func uids(folder: FolderID) throws -> [MessageUID] {
        try pool.read { db in
            try MessageUID.fetchAll(db, sql: "SELECT uid FROM message WHERE folderID = ? ORDER BY uid", arguments: [folder])
        }
    }

    static func deleteMessages(_ db: Database, folder: FolderID, uids: [MessageUID]) throws -> Int {
        let statement = try db.cachedStatement(sql: "DELETE FROM message WHERE folderID = ? AND uid = ?")
        var removed = 0
        for uid in uids {
            try statement.execute(arguments: [folder, uid])
            removed += db.changesCount
        }
        return removed
    }
}

/// The JSON text of a fetched header's list columns, made before the write lock is taken.
private struct EncodedListColumns: Sendable {
    let references, from, to, cc, keywords, gmailLabels: String

    init(_ header: FetchedHeader, _ json: JSONColumnEncoder) {
        references = json.text(header.references)
        from = json.text(header.from)
        to = json.text(header.to)
        cc = json.text(header.cc)
        keywords = json.text(header.keywords)
        gmailLabels = json.text(header.gmailLabels)
    }
}

extension MailCache {
    /// The highest cached UID of a folder, or `nil` when it has no messages
    /// (sync fetches what lies above it).
    public func maxUID(folder: FolderID) throws -> MessageUID? {
        try pool.read { db in
            try MessageUID.fetchOne(db, sql: "SELECT MAX(uid) FROM message WHERE folderID = ?", arguments: [folder])
        }
    }
}
