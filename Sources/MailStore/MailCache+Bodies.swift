import Foundation
import GRDB

extension MailCache {
    /// Stores a fetched message body with its readable text and MIME parts, in one
    /// transaction, then evicts the least recently used bodies beyond
    /// ``bodyBudget``. The message is queued for re-indexing so its text becomes
    /// searchable. Storing the same body again changes nothing but `lastAccess`.
    public func storeBody(
        message: MessageRowID, bytes: Data, text: String?, parts: [MessagePartRecord] = [], now: Date = Date()
    ) async throws {
        let budget = bodyBudget
        try await pool.write { db in
            guard try MessageRecord.exists(db, key: message.rawValue) else { return }
            // Another copy of the same Gmail message already holds it: stored once.
            let message = try Self.bodyHolder(db, for: message) ?? message
            let previousText = try String.fetchOne(db, sql: "SELECT text FROM messageBody WHERE messageRowID = ?", arguments: [message])
            let body = MessageBodyRecord(
                messageRowID: message, bytes: bytes, text: text, byteCount: Int64(bytes.count), lastAccess: now)
            try body.save(db)
            try db.execute(sql: "DELETE FROM messagePart WHERE messageRowID = ?", arguments: [message])
            for var part in parts {
                part.messageRowID = message
                try part.insert(db)
            }
            if previousText != text {
                try db.execute(sql: "UPDATE message SET needsIndex = 1 WHERE id = ?", arguments: [message])
            }
            try Self.evictBodies(db, budget: budget, keeping: message)
        }
    }

    /// Records that the reader showed a body, so LRU eviction keeps it longer.
    public func touchBody(message: MessageRowID, now: Date = Date()) async throws {
        try await pool.write { db in
            let holder = try Self.bodyHolder(db, for: message) ?? message
            try db.execute(sql: "UPDATE messageBody SET lastAccess = ? WHERE messageRowID = ?",
                           arguments: [now.timeIntervalSince1970, holder])
        }
    }

    /// The total size of cached bodies in bytes.
    public func cachedBodyBytes() throws -> Int64 {
        try pool.read { db in try Self.totalBodyBytes(db) }
    }

    /// The sum of the body sizes, read as `length(bytes)` rather than `byteCount`
    /// (the same value, written by ``storeBody(message:bytes:text:parts:now:)``):
    /// `byteCount` is stored after the blob, so reading it walks every overflow
    /// page of every body (the whole budget, ~0.3 ms per MiB), whereas SQLite
    /// answers `length()` of a blob from the record header alone.
    static func totalBodyBytes(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(length(bytes)), 0) FROM messageBody") ?? 0
    }

    /// Deletes least recently used bodies until their total is within `budget`.
    /// Parts (metadata) and the search index keep what they know.
    static func evictBodies(_ db: Database, budget: Int64, keeping kept: MessageRowID?) throws {
        var total = try totalBodyBytes(db)
        guard total > budget else { return }
        let cursor = try Row.fetchCursor(
            db, sql: "SELECT messageRowID, length(bytes) AS byteCount FROM messageBody ORDER BY lastAccess")
        var victims: [Int64] = []
        while total > budget, let row = try cursor.next() {
            let id: Int64 = row["messageRowID"]
            if id == kept?.rawValue { continue }
            victims.append(id)
            total -= row["byteCount"] as Int64
        }
        let delete = try db.cachedStatement(sql: "DELETE FROM messageBody WHERE messageRowID = ?")
        for id in victims { try delete.execute(arguments: [id]) }
    }
}
