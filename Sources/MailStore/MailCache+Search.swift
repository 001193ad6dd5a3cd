import Foundation
import GRDB

extension MailCache {
    /// Adds up to `limit` messages waiting for the full-text index (new headers,
    /// newly cached bodies) and purges up to `limit` deleted ones, in one
    /// transaction. Call it in a loop after a sync batch until it returns 0; each
    /// call is short, so the UI's reads and sync's writes are never held up long.
    /// - Returns: how many rows were indexed or purged.
    @discardableResult
    public func indexPending(limit: Int = 2_000) async throws -> Int {
        try await pool.write { db in
            var work = 0
            let garbage = try Int64.fetchAll(db, sql: "SELECT rowid FROM searchGarbage LIMIT ?", arguments: [limit])
            if !garbage.isEmpty {
                let purge = try db.cachedStatement(sql: "DELETE FROM messageSearch WHERE rowid = ?")
                let forget = try db.cachedStatement(sql: "DELETE FROM searchGarbage WHERE rowid = ?")
                for id in garbage {
                    try purge.execute(arguments: [id])
                    try forget.execute(arguments: [id])
                }
                work += garbage.count
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT m.id, m.subject, m."from", m."to", m.cc, m.snippet, b.text
                FROM message m LEFT JOIN messageBody b ON b.messageRowID = m.id
                WHERE m.needsIndex ORDER BY m.id LIMIT ?
                """, arguments: [limit])
            guard !rows.isEmpty else { return work }
            let json = JSONColumnDecoder()
            let remove = try db.cachedStatement(sql: "DELETE FROM messageSearch WHERE rowid = ?")
            let insert = try db.cachedStatement(sql: """
                INSERT INTO messageSearch(rowid, subject, addresses, snippet, body) VALUES (?, ?, ?, ?, ?)
                """)
            let done = try db.cachedStatement(sql: "UPDATE message SET needsIndex = 0 WHERE id = ?")
            for row in rows {
                let id: Int64 = row["id"]
                var addresses: [String] = []
                for column in ["from", "to", "cc"] {
                    let list: [CachedAddress] = json.list(row[column])
                    for address in list {
                        if let name = address.name { addresses.append(name) }
                        addresses.append(address.email)
                    }
                }
                try remove.execute(arguments: [id])
                try insert.execute(arguments: [
                    id, row["subject"] as String? ?? "", addresses.joined(separator: " "),
                    row["snippet"] as String? ?? "", row["text"] as String? ?? "",
                ])
                try done.execute(arguments: [id])
            }
            return work + rows.count
        }
    }

    /// How many messages wait for the full-text index.
    public func pendingIndexCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message WHERE needsIndex") ?? 0 }
    }

    /// Full-text search over subject, addresses (names and emails), snippet and
    /// cached body text; newest first.
    ///
    /// The query is the user's words: every word must match, each as a prefix
    /// (`inv` finds "invoice"); FTS5 syntax in the input is treated as text.
    /// Messages not indexed yet (see ``indexPending(limit:)``) are not found.
    public func search(
        _ query: String, account: AccountID? = nil, folder: FolderID? = nil, limit: Int = 200
    ) throws -> [MessageRecord] {
        guard let pattern = FTS5Pattern(matchingAllPrefixesIn: query) else { return [] }
        return try pool.read { db in
            // Rank the matches on (id, date, uid) only, read from the small
            // message_searchOrder index rather than the rows, then load the full
            // rows of the page: sorting whole rows (JSON address columns and all)
            // made a common word with thousands of matches cost ~75 ms.
            var sql = """
                SELECT m2.id FROM messageSearch s JOIN message m2 INDEXED BY message_searchOrder ON m2.id = s.rowid
                WHERE messageSearch MATCH ?
                """
            var arguments: StatementArguments = [pattern]
            if let account {
                sql += " AND m2.accountID = ?"
                arguments += [account]
            }
            if let folder {
                sql += " AND m2.folderID = ?"
                arguments += [folder]
            }
            sql += " ORDER BY m2.date DESC, m2.uid DESC LIMIT ?"
            arguments += [limit]
            sql = "SELECT m.* FROM message m WHERE m.id IN (\(sql)) ORDER BY m.date DESC, m.uid DESC"
            return try MessageRecord.fetchAll(db, sql: sql, arguments: arguments)
        }
    }
}
