import GRDB

/// Facts about the SQLite library under the cache (see ``MailCache`` for the cache itself).
public enum MailStoreModule {
    /// The version of the SQLite library the cache runs on.
    public static func sqliteVersion() throws -> String {
        let queue = try DatabaseQueue()
        return try queue.read { db in try String.fetchOne(db, sql: "SELECT sqlite_version()") ?? "" }
    }
}
