import GRDB

extension MailCache {
    /// Adds the account named `name` if it is not in the cache yet; returns its id.
    ///
    /// Idempotent: calling it again returns the same id and changes nothing.
    public func upsertAccount(name: String) async throws -> AccountID {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO account(name) VALUES (?) ON CONFLICT(name) DO NOTHING", arguments: [name])
            guard let id = try AccountID.fetchOne(db, sql: "SELECT id FROM account WHERE name = ?", arguments: [name]) else {
                throw DatabaseError(resultCode: .SQLITE_INTERNAL, message: "account row vanished")
            }
            return id
        }
    }

    /// Removes an account (no longer in the config) with all its folders, messages,
    /// bodies and pending changes.
    public func deleteAccount(_ account: AccountID) async throws {
        try await pool.write { db in
            _ = try AccountRecord.deleteOne(db, key: account.rawValue)
        }
    }

    /// All accounts, by name.
    public func accounts() throws -> [AccountRecord] {
        try pool.read { db in try AccountRecord.order(Column("name")).fetchAll(db) }
    }

    /// The account named `name`, if the cache has it.
    public func account(named name: String) throws -> AccountRecord? {
        try pool.read { db in try AccountRecord.filter(Column("name") == name).fetchOne(db) }
    }
}
