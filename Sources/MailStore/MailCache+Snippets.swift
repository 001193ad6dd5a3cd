import Foundation
import GRDB

extension MailCache {
    /// Makes the snippets that sync left for later (see
    /// ``FetchedHeader/snippetSource``): up to `limit` at a time, oldest
    /// first, `make` turning sources into snippets, in order (it runs outside
    /// the write lock, so it may take its time and use every core). Each snippet is
    /// stored and its source dropped in one transaction, and the message is
    /// marked for the search index again. Returns how many were made; call
    /// until it returns 0.
    public func fillSnippets(limit: Int = 500, make: ([[UInt8]]) async -> [String]) async throws -> Int {
        let pending = try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT messageRowID, source FROM snippetSource ORDER BY messageRowID LIMIT ?",
                             arguments: [limit])
                .map { (id: $0["messageRowID"] as Int64, source: [UInt8]($0["source"] as Data)) }
        }
        guard !pending.isEmpty else { return 0 }
        let texts = await make(pending.map(\.source))
        let snippets = zip(pending, texts).map { (id: $0.id, text: $1) }
        try await pool.write { db in
            let update = try db.cachedStatement(sql: "UPDATE message SET snippet = ?, needsIndex = 1 WHERE id = ?")
            let drop = try db.cachedStatement(sql: "DELETE FROM snippetSource WHERE messageRowID = ?")
            for snippet in snippets {
                try update.execute(arguments: [snippet.text, snippet.id])
                try drop.execute(arguments: [snippet.id])
            }
        }
        return snippets.count
    }

    /// How many snippets are still to be made.
    public func pendingSnippetCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM snippetSource") ?? 0 }
    }
}
