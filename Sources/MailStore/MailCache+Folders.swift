import Foundation
import GRDB

extension MailCache {
    /// Makes the account's folders match a LIST result, in one transaction.
    ///
    /// New folders are inserted; existing ones get their role, delimiter,
    /// subscription and selectability updated; folders gone from the server are
    /// deleted with their messages, bodies and pending changes. Replaying the same
    /// list changes nothing.
    @discardableResult
    public func upsertFolders(account: AccountID, _ listed: [ListedFolder]) async throws -> FolderListChanges {
        try await pool.write { db in
            guard try AccountRecord.exists(db, key: account.rawValue) else {
                throw MailCacheError.unknownAccount(account)
            }
            var existing: [String: FolderRecord] = [:]
            for folder in try FolderRecord.filter(Column("accountID") == account).fetchAll(db) {
                existing[folder.name] = folder
            }
            var changes = FolderListChanges()
            var seen = Set<String>()
            for item in listed where seen.insert(item.name).inserted {
                let role = item.role
                let selectable = !item.attributes.contains { ["\\noselect", "\\nonexistent"].contains($0.lowercased()) }
                if var folder = existing[item.name] {
                    let before = folder
                    folder.role = role
                    folder.delimiter = item.delimiter
                    folder.subscribed = item.subscribed
                    folder.selectable = selectable
                    if folder != before {
                        try db.execute(
                            sql: "UPDATE folder SET role = ?, delimiter = ?, subscribed = ?, selectable = ? WHERE id = ?",
                            arguments: [role.rawValue, item.delimiter, item.subscribed, selectable, folder.id])
                        changes.updated.append(folder.id)
                    }
                } else {
                    try db.execute(
                        sql: "INSERT INTO folder(accountID, name, delimiter, role, subscribed, selectable) VALUES (?, ?, ?, ?, ?, ?)",
                        arguments: [account, item.name, item.delimiter, role.rawValue, item.subscribed, selectable])
                    changes.added.append(FolderID(db.lastInsertedRowID))
                }
            }
            for (name, folder) in existing where !seen.contains(name) {
                try db.execute(sql: "DELETE FROM folder WHERE id = ?", arguments: [folder.id])
                changes.removed.append(name)
            }
            changes.removed.sort()
            return changes
        }
    }

    /// Records how far sync got in a folder (after a SELECT/STATUS and a fetch).
    ///
    /// `nil` leaves a value unchanged. Idempotent.
    public func updateFolderSyncState(
        _ folder: FolderID, uidValidity: UIDValidity? = nil, uidNext: MessageUID? = nil,
        highestModSeq: ModSeq? = nil, fullSyncAt: Date? = nil
    ) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                UPDATE folder SET uidValidity = COALESCE(?, uidValidity), uidNext = COALESCE(?, uidNext),
                    highestModSeq = COALESCE(?, highestModSeq), lastFullSync = COALESCE(?, lastFullSync)
                WHERE id = ?
                """, arguments: [uidValidity, uidNext, highestModSeq, fullSyncAt?.timeIntervalSince1970, folder])
            if db.changesCount == 0 { throw MailCacheError.unknownFolder(folder) }
        }
    }

    /// Handles a changed UIDVALIDITY: every cached message of the folder (with
    /// its body and pending changes) is dropped, the sync state cleared and the
    /// new UIDVALIDITY stored, in one transaction.
    ///
    /// Idempotent: when the folder already has `newUIDValidity` nothing happens
    /// (so a replay after a crash cannot drop messages synced since).
    /// - Returns: whether the folder was reset.
    @discardableResult
    public func resetFolder(_ folder: FolderID, newUIDValidity: UIDValidity) async throws -> Bool {
        try await pool.write { db in
            guard let record = try FolderRecord.fetchOne(db, key: folder.rawValue) else {
                throw MailCacheError.unknownFolder(folder)
            }
            if record.uidValidity == newUIDValidity { return false }
            // The count triggers take totalCount and unreadCount to 0 row by row.
            try db.execute(sql: "DELETE FROM message WHERE folderID = ?", arguments: [folder])
            try db.execute(sql: "DELETE FROM pendingChange WHERE folderID = ?", arguments: [folder])
            try db.execute(sql: """
                UPDATE folder SET uidValidity = ?, uidNext = NULL, highestModSeq = NULL, lastFullSync = NULL
                WHERE id = ?
                """, arguments: [newUIDValidity, folder])
            return true
        }
    }

    /// The account's folders, inbox first, then by role and name.
    public func folders(account: AccountID) throws -> [FolderRecord] {
        try pool.read { db in try Self.fetchFolders(db, account: account) }
    }

    /// One folder by id.
    public func folder(_ id: FolderID) throws -> FolderRecord? {
        try pool.read { db in try FolderRecord.fetchOne(db, key: id.rawValue) }
    }

    /// One folder by account and full name.
    public func folder(account: AccountID, name: String) throws -> FolderRecord? {
        try pool.read { db in
            try FolderRecord.filter(Column("accountID") == account && Column("name") == name).fetchOne(db)
        }
    }

    static func fetchFolders(_ db: Database, account: AccountID) throws -> [FolderRecord] {
        try FolderRecord.filter(Column("accountID") == account).fetchAll(db).sorted {
            ($0.role.sortOrder, $0.name) < ($1.role.sortOrder, $1.name)
        }
    }
}
