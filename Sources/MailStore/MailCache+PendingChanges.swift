import Foundation
import GRDB

extension MailCache {
    /// Queues a change for the server; returns its id. The change is durable as
    /// soon as this returns, so it survives going offline, quitting and crashing.
    @discardableResult
    public func enqueueChange(
        _ kind: PendingChangeRecord.Kind, folder: FolderID, uids: [MessageUID], payload: String = "", now: Date = Date()
    ) async throws -> Int64 {
        let uidsJSON = try JSONColumnEncoder().text(uids)
        return try await pool.write { db in
            try Self.enqueue(db, kind: kind, folder: folder, uidsJSON: uidsJSON, payload: payload, now: now)
        }
    }

    /// Changes flags locally at once (the UI shows the result) and queues the same
    /// change for the server, in one transaction; returns the queued change's id.
    @discardableResult
    public func setFlagsLocally(
        folder: FolderID, uids: [MessageUID], change: PendingChangeRecord.FlagChangePayload, now: Date = Date()
    ) async throws -> Int64 {
        let json = JSONColumnEncoder()
        let uidsJSON = try json.text(uids)
        let payload = try json.text(encoding: change)
        return try await pool.write { db in
            let decoder = JSONColumnDecoder()
            let select = try db.cachedStatement(sql: "SELECT flags, keywords FROM message WHERE folderID = ? AND uid = ?")
            let update = try db.cachedStatement(sql: "UPDATE message SET flags = ?, keywords = ? WHERE folderID = ? AND uid = ?")
            for uid in uids {
                guard let row = try Row.fetchOne(select, arguments: [folder, uid]) else { continue }
                var flags = MessageFlags(rawValue: row["flags"])
                var keywords: [String] = decoder.list(row["keywords"])
                change.apply(to: &flags, keywords: &keywords)
                try update.execute(arguments: [flags.rawValue, json.text(keywords), folder, uid])
            }
            return try Self.enqueue(db, kind: .flags, folder: folder, uidsJSON: uidsJSON, payload: payload, now: now)
        }
    }

    /// Moves or deletes messages locally at once (they leave the folder's
    /// list and counts) and queues the same change for the server, in one
    /// transaction; returns the queued change's id. `target` is the
    /// destination folder's name for a move.
    ///
    /// Should the server refuse the change for good, the messages come back
    /// at a later sync, since the server still has them: nothing is lost.
    @discardableResult
    public func removeLocally(
        _ kind: PendingChangeRecord.Kind, folder: FolderID, uids: [MessageUID], target: String = "", now: Date = Date()
    ) async throws -> Int64 {
        precondition(kind != .flags, "flag changes go through setFlagsLocally")
        let uidsJSON = try JSONColumnEncoder().text(uids)
        return try await pool.write { db in
            let id = try Self.enqueue(db, kind: kind, folder: folder, uidsJSON: uidsJSON, payload: target, now: now)
            _ = try Self.deleteMessages(db, folder: folder, uids: uids)
            return id
        }
    }

    /// The queued changes, oldest first (the order they must reach the server in).
    public func pendingChanges(limit: Int = 100) throws -> [PendingChangeRecord] {
        try pool.read { db in
            try PendingChangeRecord.order(Column("id")).limit(limit).fetchAll(db)
        }
    }

    /// The queued changes of one folder, oldest first.
    public func pendingChanges(folder: FolderID) throws -> [PendingChangeRecord] {
        try pool.read { db in
            try PendingChangeRecord.filter(Column("folderID") == folder).order(Column("id")).fetchAll(db)
        }
    }

    /// The folders that have changes waiting for the server.
    public func foldersWithPendingChanges() throws -> Set<FolderID> {
        try pool.read { db in try Set(FolderID.fetchAll(db, sql: "SELECT DISTINCT folderID FROM pendingChange")) }
    }

    /// How many changes wait for the server.
    public func pendingChangeCount() throws -> Int {
        try pool.read { db in try PendingChangeRecord.fetchCount(db) }
    }

    /// Removes a change the server has confirmed. Idempotent.
    public func completePendingChange(_ id: Int64) async throws {
        try await pool.write { db in _ = try PendingChangeRecord.deleteOne(db, key: id) }
    }

    /// Records a failed attempt (the change stays queued for a retry).
    public func markPendingChangeFailed(_ id: Int64, error: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE pendingChange SET attempts = attempts + 1, lastError = ? WHERE id = ?",
                           arguments: [error, id])
        }
    }

    static func enqueue(
        _ db: Database, kind: PendingChangeRecord.Kind, folder: FolderID, uidsJSON: String, payload: String, now: Date
    ) throws -> Int64 {
        guard let record = try FolderRecord.fetchOne(db, key: folder.rawValue) else {
            throw MailCacheError.unknownFolder(folder)
        }
        try db.execute(sql: """
            INSERT INTO pendingChange(kind, folderID, uidValidity, uids, payload, createdAt)
            VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [kind.rawValue, folder, record.uidValidity, uidsJSON, payload, now.timeIntervalSince1970])
        return db.lastInsertedRowID
    }
}
